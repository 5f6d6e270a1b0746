"""Reading the workbook while the toolkit loads: the command line names its workbook before Python has imported
pandas, openpyxl and typer (about half a second), and python-calamine parses sheets without holding Python's lock,
so a second core parses the workbook's sheets meanwhile, the largest first. The file store then takes each parsed
sheet instead of parsing it again (`take`), or parses it itself when the read ahead has not reached it.

What is taken is always what the file holds when the step reads it under its lock: the file is read into memory
once (no handle stays open, so another program can still replace it), with its identity (device, inode, size,
modification time) noted before and after; a sheet is handed out only if the file still has that identity when it
is taken, else everything read ahead is dropped. A sheet whose check or parse fails is not kept: the store reads it
again and says in French what is wrong, at the moment the step would have met it anyway. Only the standard library
and python-calamine are imported here: this module starts before the rest of the toolkit.
"""
from __future__ import annotations

import io
import os
import threading
import zipfile
from pathlib import Path

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
LARGEST = 200 * 2**20  # a larger file is read the ordinary way, sheet by sheet (memory)
_PENDING, _CLAIMED = "pending", "claimed"

_lock = threading.Condition()
_state: dict[str, object] = {}  # "path", "identity", "sheets": {name: parsed sheet | _PENDING | _CLAIMED}


def identity(path: Path) -> tuple[int, int, int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns


def start_for(arguments: list[str]) -> None:
    """Start reading ahead the first existing workbook named in `arguments` (the command line after the program),
    when the computer has a second core to do it on."""
    if (os.cpu_count() or 1) < 2 or not arguments or arguments[0].startswith("-"):
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
        _state.update(path=key, identity=None, sheets={})
    threading.Thread(target=_read, args=(Path(key),), name="lecture-anticipee", daemon=True).start()


def take(path: Path, sheet: str):
    """The parsed sheet `sheet` of the workbook at `path` if it was read ahead and the file has not changed since
    (waiting for it if it is being parsed), else None: the caller parses it itself."""
    key = _key(path)
    with _lock:
        if not _state or _state["path"] != key:
            return None
        while _state and (_state["sheets"].get(sheet) is _PENDING
                          or (_state["identity"] is None and not _state.get("done"))):
            _lock.wait()  # being parsed, or the file is still being read
        if not _state or _state["identity"] is None or _state["identity"] != identity(Path(key)):
            _state.clear()  # the file changed (or could not be read): nothing read ahead is used
            return None
        sheets = _state["sheets"]
        found = sheets.get(sheet)
        if found is None or found is _CLAIMED:
            sheets[sheet] = _CLAIMED  # the caller parses it: the read ahead skips it
            return None
        sheets[sheet] = _CLAIMED  # handed out once
        return found


def forget() -> None:
    """Drop whatever was read ahead (the workbook is about to be replaced)."""
    with _lock:
        _state.clear()
        _lock.notify_all()


def _key(path: Path) -> str | None:
    try:
        return str(Path(path).resolve())
    except OSError:
        return None


def _read(path: Path) -> None:
    from python_calamine import CalamineWorkbook

    from demarche_xl.store import readable

    try:
        before = identity(path)
        if before is None or before[2] > LARGEST:
            raise OSError("trop grand ou absent")
        data = path.read_bytes()
        if identity(path) != before:
            raise OSError("modifié pendant la lecture")
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        package = zipfile.ZipFile(io.BytesIO(data))
        parts = _sheet_parts(package)
        sizes = {info.filename: info.file_size for info in package.infolist()}
        names = sorted(book.sheet_names, key=lambda name: -sizes.get(parts.get(name, ""), 0))  # largest first
    except Exception:  # noqa: BLE001 - the store reads the file itself and says what is wrong
        _finish()
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
        parsed = None
        try:
            part = parts.get(name)
            if part:
                xml = package.read(part)
                readable.refuse_if_damaged(xml, name, path.name)
                readable.refuse_if_too_large(xml, name, path.name)
            parsed = book.get_sheet_by_name(name)
        except Exception:  # noqa: BLE001 - read again by the store, which names the problem
            parsed = None
        with _lock:
            sheets = _state.get("sheets")
            if sheets is not None and sheets.get(name) is _PENDING:
                if parsed is None:
                    del sheets[name]
                else:
                    sheets[name] = parsed
            _lock.notify_all()
    _finish()
    _survey(path, package)


def surveyed(path: Path, package):
    """The loss guard's survey (`guard.survey`) of the workbook at `path` as it was read ahead, its inflated parts
    handed to `package` (`store.package.Package`, the same file opened for the save), when the file has not changed
    since; else None (waiting for it if it is being taken)."""
    key = _key(path)
    with _lock:
        while _state and _state.get("path") == key and _state.get("survey") is _PENDING:
            _lock.wait()
        if not _state or _state.get("path") != key:
            return None
        found = _state.get("survey")
        _state["survey"] = _CLAIMED  # the save surveys it itself from now on
        if found is None or found is _CLAIMED:
            return None
        if _state["identity"] is None or not _state["identity"] == identity(Path(key)) == package.identity():
            _state.clear()
            return None
    survey, parts = found
    package.adopt(parts)
    return survey


def _survey(path: Path, package: zipfile.ZipFile) -> None:
    """Take the loss guard's survey of the package read ahead, inflating each part once (zlib works without
    Python's lock), for the save to come."""
    from demarche_xl.store import guard

    with _lock:
        if _state.get("path") != str(path) or "survey" in _state or _state.get("identity") is None:
            return
        _state["survey"] = _PENDING
    try:
        inflated = _Inflated(package)
        found = (guard.survey(path, package=inflated), inflated.parts)
    except Exception:  # noqa: BLE001 - the save surveys the file itself and says what is wrong
        found = None
    with _lock:
        if _state.get("survey") is _PENDING:
            _state["survey"] = found
        _lock.notify_all()


class _Inflated:
    """A package read from memory, each part inflated once (what `guard.survey` reads)."""

    def __init__(self, package: zipfile.ZipFile) -> None:
        self.zip = package
        self.parts: dict[str, bytes] = {}

    def namelist(self) -> list[str]:
        return self.zip.namelist()

    def read(self, name: str) -> bytes:
        if name not in self.parts:
            self.parts[name] = self.zip.read(name)
        return self.parts[name]


def _finish() -> None:
    with _lock:
        if _state:
            _state["done"] = True
        _lock.notify_all()


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    from demarche_xl.store.guard import sheet_parts

    try:
        return sheet_parts(package)
    except Exception:  # noqa: BLE001 - a damaged package: the store says so
        return {}
