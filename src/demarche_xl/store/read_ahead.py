"""Reading the workbook on a second core: python-calamine parses a sheet and zlib inflates a part without holding
Python's lock, so that work runs beside the main thread.

- While the toolkit loads: the command line names its workbook before Python has imported pandas, openpyxl and
  typer (about half a second); `start_for` reads the file into memory then, and a second thread inflates and
  parses its sheets, the largest first. The file store takes each parsed sheet (`take`) instead of parsing it
  again, or parses it itself when the read ahead has not reached it.
- When a step starts: the sheets it reads that were not read ahead are parsed two at a time (`parse_together`).
- When the step saves: the sheets' XML inflated ahead is handed to the save's package (`hand_inflated`), which the
  loss guard surveys without inflating them again.
Beside the main thread goes only the work that lets go of Python's lock (work holding it would slow the main thread
as much as it saves), and the one check that must come before parsing (a sheet too large for calamine to lay out
is never parsed, see `extent`); the other check of a sheet (cut, or not UTF-8, see `readable`) is made by the file
store when it takes the sheet, when the step would have met a problem anyway.

What is taken is always what the file holds when the step reads it under its lock: the file is read into memory
once (no handle stays open, so another program can still replace it), with its identity (device, inode, size,
modification time) noted before and after; anything is handed out only if the file still has that identity when
it is taken, else everything read ahead is dropped. A sheet that cannot be parsed is not kept: the store reads it
again and says what is wrong. Only the standard library and python-calamine are imported at the start: this module
runs before the rest of the toolkit is loaded.
"""
from __future__ import annotations

import io
import os
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
LARGEST = 200 * 2**20  # a larger file is read the ordinary way, sheet by sheet (memory)
_PENDING, _CLAIMED = "pending", "claimed"

_lock = threading.Condition()
# "path", "identity", "inflated": {part: XML},
# "sheets": {name: (parsed sheet, XML) | _PENDING | _CLAIMED}, "done"
_state: dict[str, object] = {}


def identity(path: Path) -> tuple[int, int, int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns


def second_core() -> bool:
    return (os.cpu_count() or 1) >= 2


def start_for(arguments: list[str]) -> None:
    """Start reading ahead the first workbook named in `arguments` (the command line after the program), when the
    computer has a second core to do it on."""
    if not second_core() or not arguments or arguments[0].startswith("-"):
        return
    for argument in arguments[1:]:
        if argument.lower().endswith(WORKBOOK_SUFFIXES):
            start(Path(argument))
            return


def start(path: Path) -> None:
    key = _key(path)
    if key is None or identity(path) is None:
        return
    with _lock:
        _state.clear()
        _state.update(path=key, identity=None, sheets={}, inflated={})
    threading.Thread(target=_read, args=(Path(key),), name="lecture-anticipee", daemon=True).start()


def take(path: Path, sheet: str) -> tuple[object, bytes | None] | None:
    """(parsed sheet, its XML) of the workbook at `path` if it was read ahead and the file has not changed since
    (waiting for it if it is being parsed), else None: the caller parses it itself."""
    key = _key(path)
    with _lock:
        if not _state or _state["path"] != key:
            return None
        while _state and (_state["sheets"].get(sheet) is _PENDING
                          or (_state["identity"] is None and not _state.get("done"))):
            _lock.wait()  # being parsed, or the file is still being read
        if not _current(key):
            return None
        sheets = _state["sheets"]
        found = sheets.get(sheet)
        sheets[sheet] = _CLAIMED  # handed out once; or parsed by the caller, which the read ahead then skips
        return None if found is None or found is _CLAIMED else found


def parse_together(path: Path, sheets: list[str]) -> dict[str, tuple[object, bytes | None]]:
    """Parse `sheets` of the workbook at `path` two at a time (each thread with its own calamine workbook): name →
    (parsed sheet, its XML); a sheet that cannot be parsed is left out (the caller reads it again)."""
    from python_calamine import CalamineWorkbook

    from demarche_xl.store import extent, guard

    parts = guard.sheet_parts_at(path)
    books = threading.local()  # a calamine workbook serves one thread at a time

    def parse(sheet: str) -> tuple[object, bytes | None]:
        if not hasattr(books, "book"):
            books.book = CalamineWorkbook.from_path(str(path))
        part = parts.get(sheet)
        with zipfile.ZipFile(path) as package:
            xml = package.read(part) if part else None
        if xml is not None and extent.too_large(xml):  # never parsed: `readable` refuses it in French
            raise ValueError(sheet)
        return books.book.get_sheet_by_name(sheet), xml

    found = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for sheet, future in [(sheet, pool.submit(parse, sheet)) for sheet in sheets]:
            try:
                found[sheet] = future.result()
            except Exception:  # noqa: BLE001 - read again by the caller, which names the problem
                continue
    return found


def hand_inflated(path: Path, package) -> None:
    """Give `package` (`store.package.Package`, the workbook at `path` opened for the save) the sheets' XML
    inflated ahead, when it is the very file read ahead (same identity)."""
    key = _key(path)
    with _lock:
        if not _state or _state.get("path") != key or not _current(key) or package.identity() != _state["identity"]:
            return
        inflated = dict(_state["inflated"])
    package.adopt(inflated)


def forget() -> None:
    """Drop whatever was read ahead (the workbook is about to be replaced)."""
    with _lock:
        _state.clear()
        _lock.notify_all()


def _current(key: str) -> bool:
    """Whether the file read ahead is still the file at its path (else everything read ahead is dropped). Under
    `_lock`."""
    if _state["identity"] is not None and _state["identity"] == identity(Path(key)):
        return True
    _state.clear()
    _lock.notify_all()
    return False


def _key(path: Path) -> str | None:
    try:
        return str(Path(path).resolve())
    except OSError:
        return None


def _read(path: Path) -> None:
    from python_calamine import CalamineWorkbook

    from demarche_xl.store import extent, guard

    try:
        before = identity(path)
        if before is None or before[2] > LARGEST:
            raise OSError("trop grand ou absent")
        data = path.read_bytes()
        if identity(path) != before:
            raise OSError("modifié pendant la lecture")
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        package = zipfile.ZipFile(io.BytesIO(data))
        parts = guard.sheet_parts(package)
        sizes = {info.filename: info.file_size for info in package.infolist()}
        # largest first, the toolkit's hidden bookkeeping (`_…`, read only when a save needs it) last
        names = sorted(book.sheet_names, key=lambda name: (name.startswith("_"), -sizes.get(parts.get(name, ""), 0)))
    except Exception:  # noqa: BLE001 - the store reads the file itself and says what is wrong
        with _lock:
            if _state.get("path") == str(path):
                _state["done"] = True
            _lock.notify_all()
        return
    with _lock:
        if _state.get("path") != str(path):
            return
        _state["identity"] = before
        _lock.notify_all()
    for name in names:
        with _lock:
            sheets = _state.get("sheets")
            if sheets is None or _state.get("path") != str(path):
                return
            if name in sheets:  # claimed by the store meanwhile
                continue
            sheets[name] = _PENDING
        try:
            xml = package.read(parts[name]) if name in parts else None
            if xml is not None and extent.too_large(xml):  # never parsed: `readable` refuses it in French
                raise ValueError(name)
            found = (book.get_sheet_by_name(name), xml)
        except Exception:  # noqa: BLE001 - read again by the store, which names the problem
            found, xml = None, None
        with _lock:
            sheets = _state.get("sheets")
            if sheets is not None and sheets.get(name) is _PENDING:
                if found is None:
                    del sheets[name]
                else:
                    sheets[name] = found
                    if xml is not None:
                        _state["inflated"][parts[name]] = xml
            _lock.notify_all()
    with _lock:
        if _state.get("path") == str(path):
            _state["done"] = True
        _lock.notify_all()
