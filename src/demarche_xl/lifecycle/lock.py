"""One writer at a time: the lock a step takes on its workbook, a plain file next to it (`~demarche.<classeur>.verrou`)
so that it also works between two computers sharing the folder.

The lock file is created whole or not at all (written under a temporary name, then hard-linked to its name, which
fails if it exists; where the drive cannot link, created exclusively). It says which step holds it, for whom, on
which computer and since when. A second step waits a few seconds for it, then refuses in French naming that step.
A lock whose process is gone (same computer), that is too old (another computer), or that is empty and not fresh
(a run killed while creating it) is cleared. The same process may take a lock it already holds (a step that
upgrades the workbook first, the documents then their `Journal` line): it is released with the outermost hold.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from demarche_xl import french
from demarche_xl.problems import UserError

PREFIX, SUFFIX = "~demarche.", ".verrou"
WAIT_SECONDS = float(os.environ.get("DEMARCHE_XL_ATTENTE_VERROU", "10"))  # how long a second step waits
OTHER_COMPUTER_STALE = dt.timedelta(hours=2)  # no step runs that long: its computer stopped during the step
EMPTY_STALE_SECONDS = 30.0  # a lock file without content older than this was left by a killed run
_held: dict[Path, int] = {}  # lock files this process holds -> nesting depth


def lock_path(workbook: Path) -> Path:
    return workbook.with_name(PREFIX + workbook.name + SUFFIX)


def host_name() -> str:
    """This computer's name, as written in locks and temporary files (letters, digits and dashes only)."""
    name = "".join(c if c.isascii() and (c.isalnum() or c == "-") else "-" for c in socket.gethostname())
    return name.strip("-")[:40] or "poste"


def holds(workbook: Path) -> bool:
    return lock_path(workbook) in _held


@contextmanager
def hold(workbook: Path, what: str, wait: float | None = None) -> Iterator[None]:
    """Hold the lock of `workbook` for the step `what` (its French label) while the block runs."""
    path = lock_path(workbook)
    if path in _held:
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    _acquire(path, workbook, what, WAIT_SECONDS if wait is None else wait)
    _held[path] = 1
    try:
        yield
    finally:
        del _held[path]
        _release(path)


def _acquire(path: Path, workbook: Path, what: str, wait: float) -> None:
    content = json.dumps({"etape": what, "utilisateur": _user(), "poste": host_name(), "pid": os.getpid(),
                          "debut": dt.datetime.now().isoformat(timespec="seconds")}, ensure_ascii=False)
    deadline = time.monotonic() + wait
    while True:
        if _create(path, content):
            return
        holder, seen = read_holder(path), _identity(path)
        if is_stale(path, holder):
            if _identity(path) == seen:  # still the lock judged stale, not one a waiting step just took
                path.unlink(missing_ok=True)
            continue
        if time.monotonic() >= deadline:
            raise UserError(busy_message(workbook, holder), busy_fix(path))
        time.sleep(0.2)


def _create(path: Path, content: str) -> bool:
    """Create the lock file with its content in one go; False when it exists."""
    draft = path.with_name(f"{path.name}.{host_name()}.{os.getpid()}.tmp")
    try:
        draft.write_text(content, encoding="utf-8")
    except PermissionError as error:
        raise UserError(f"le dossier « {path.parent} » n'accepte pas l'écriture ({error.strerror})",
                        "copiez le classeur dans un dossier où vous pouvez écrire, puis relancez ; "
                        "rien n'a été modifié") from error
    try:
        os.link(draft, path)
        return True
    except FileExistsError:
        return False
    except OSError:  # a drive without hard links: exclusive creation (a kill in between leaves an empty lock)
        return _create_exclusive(path, content)
    finally:
        draft.unlink(missing_ok=True)


def _create_exclusive(path: Path, content: str) -> bool:
    try:
        handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return False
    with os.fdopen(handle, "w", encoding="utf-8") as lock:
        lock.write(content)
    return True


def _release(path: Path) -> None:
    holder = read_holder(path)
    if holder.get("pid") == os.getpid() and holder.get("poste") == host_name():
        path.unlink(missing_ok=True)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns


def read_holder(path: Path) -> dict:
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


def is_stale(path: Path, holder: dict) -> bool:
    """Whether the lock was left by a run that ended without removing it."""
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return False  # gone meanwhile: the next attempt creates it
    if not holder:
        return age > EMPTY_STALE_SECONDS
    if holder.get("poste") == host_name():
        return not process_alive(int(holder.get("pid") or 0))
    return age > OTHER_COMPUTER_STALE.total_seconds()


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform.startswith("win"):
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    code = ctypes.c_ulong()
    try:
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
    finally:
        kernel.CloseHandle(handle)
    return code.value == 259  # STILL_ACTIVE


def busy_message(workbook: Path, holder: dict) -> str:
    step = holder.get("etape") or "une autre étape"
    who = f" par {holder['utilisateur']}" if holder.get("utilisateur") else ""
    where = f" sur le poste {holder['poste']}" if holder.get("poste") else ""
    since = ""
    if holder.get("debut"):
        try:
            since = f", le {french.datetime_long(dt.datetime.fromisoformat(holder['debut']))}"
        except (TypeError, ValueError):
            since = ""
    return (f"le classeur « {workbook.name} » est en cours de modification par l'étape « {step} » (lancée{who}{where}"
            f"{since})")


def busy_fix(path: Path) -> str:
    return (f"attendez la fin de cette étape puis relancez ; rien n'a été modifié. Si aucune étape ne tourne plus "
            f"(ordinateur arrêté pendant l'étape), supprimez le fichier « {path.name} » à côté du classeur")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
