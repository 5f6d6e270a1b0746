"""Saving without harm: lock-file detection, writable file and folder, temporary files tied to their workbook,
timestamped backups pruned by exact name, atomic replace keeping the workbook's mode and owner.

Temporary files are named `~demarche.<poste>.<pid>.<hasard>.<classeur>`: recognisable as ours, tied to their
workbook, and to the run that made them, so that the next run (or `purger`) removes those of runs that died.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import shutil
import stat
import sys
from pathlib import Path

from demarche_xl.lifecycle.lock import PREFIX, host_name, lock_path, process_alive
from demarche_xl.problems import UserError

BACKUP_DIR = "sauvegardes"
BACKUPS_KEPT = 20
_TEMPORARY = re.compile(r"^~demarche\.(?P<host>[A-Za-z0-9-]+)\.(?P<pid>\d+)\.(?P<token>[0-9a-f]+)\.(?P<name>.+)$")
_LEGACY_TEMPORARY = re.compile(r"^\.demarche-[a-z0-9_]{8}\.xlsx$")  # versions before 0.2 (not tied to a workbook)


def lock_files(path: Path) -> list[Path]:
    """Lock files Excel (`~$name`) and LibreOffice (`.~lock.name#`) leave while a workbook is open."""
    candidates = [path.with_name("~$" + path.name), path.with_name(".~lock." + path.name + "#")]
    if len(path.name) > 2:  # Excel shortens long names: ~$ + name without its first two characters
        candidates.append(path.with_name("~$" + path.name[2:]))
    return [c for c in candidates if c.exists()]


def refuse_if_open(path: Path) -> None:
    locks = lock_files(path)
    if locks:
        raise UserError(
            f"le classeur « {path.name} » est ouvert dans Excel ou LibreOffice (fichier de verrou « {locks[0].name} »)",
            "fermez-le puis relancez, ou utilisez les boutons du ruban « Démarche » dans Excel ; rien n'a été modifié")


def read_only(path: Path) -> bool:
    """Whether the file (or folder) may not be written: the system says so, or nobody has the right (root too).
    On Windows only a file's « Lecture seule » counts: folders such as Documents carry that attribute as a mere
    marker (a folder that really refuses files is said when the temporary file cannot be created)."""
    if sys.platform.startswith("win"):
        return path.is_file() and not os.access(path, os.W_OK)
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def refuse_if_unwritable(path: Path) -> None:
    """A read-only workbook, or a folder where the workbook cannot be replaced, is refused before anything."""
    if path.exists() and read_only(path):
        raise UserError(f"le classeur « {path.name} » est en lecture seule",
                        "retirez la lecture seule (clic droit sur le fichier › Propriétés › décochez « Lecture "
                        "seule »), ou enregistrez-en une copie à vous et lancez l'étape sur la copie ; rien n'a été "
                        "modifié")
    folder = path.parent
    if folder.is_dir() and read_only(folder):
        raise unwritable_folder(folder)


def unwritable_folder(folder: Path, reason: str = "") -> UserError:
    detail = f" ({reason})" if reason else ""
    return UserError(f"le dossier « {folder} » n'accepte pas l'écriture{detail} : l'outil doit y enregistrer le "
                     "classeur, ses sauvegardes et son fichier de verrou",
                     "copiez le classeur dans un dossier où vous pouvez écrire (par exemple Documents), ou "
                     "demandez le droit d'écriture sur ce dossier, puis relancez ; rien n'a été modifié")


def backup(path: Path, now: dt.datetime | None = None) -> Path:
    """Copy the workbook to `sauvegardes/<nom>_<date-heure>.xlsx` next to it (whole or not at all); keep the
    most recent ones of this workbook only."""
    now = now or dt.datetime.now()
    folder = path.parent / BACKUP_DIR
    try:
        folder.mkdir(exist_ok=True)
        target = folder / f"{path.stem}_{now:%Y%m%d-%H%M%S-%f}{path.suffix}"
        draft = temporary_sibling(target)
        shutil.copy2(path, draft)
        os.replace(draft, target)
    except PermissionError as error:
        raise unwritable_folder(folder, error.strerror or "") from error
    for stale in backups_of(path)[:-BACKUPS_KEPT]:
        stale.unlink(missing_ok=True)
    return target


def backups_of(path: Path) -> list[Path]:
    """This workbook's backups, oldest first: exactly `<nom>_<date-heure><ext>`, never a workbook whose name only
    starts like it (`W_copie_…` is not a backup of `W`)."""
    folder = path.parent / BACKUP_DIR
    if not folder.is_dir():
        return []
    pattern = re.compile(re.escape(path.stem) + r"_\d{8}-\d{6}-\d{6}" + re.escape(path.suffix) + "$", re.IGNORECASE)
    return sorted(p for p in folder.iterdir() if pattern.match(p.name))


def temporary_sibling(path: Path) -> Path:
    """A new, empty temporary file in the same folder (so the final rename is atomic), named after `path`."""
    while True:
        candidate = path.with_name(f"{PREFIX}{host_name()}.{os.getpid()}.{secrets.token_hex(4)}.{path.name}")
        try:
            handle = os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        except PermissionError as error:
            raise unwritable_folder(path.parent, error.strerror or "") from error
        os.close(handle)
        return candidate


def leftovers(path: Path, everyone: bool = False) -> list[Path]:
    """Temporary files of `path` (and of its backups and lock) left by runs that died: their process is gone, or,
    only when `everyone` (the caller holds the workbook's lock), any run but this one; in its folder and its
    backup folder."""
    draft = re.compile(re.escape(lock_path(path).name) + r"\.(?P<host>[A-Za-z0-9-]+)\.(?P<pid>\d+)\.tmp$")
    found = []
    for folder in (path.parent, path.parent / BACKUP_DIR):
        if not folder.is_dir():
            continue
        for candidate in folder.iterdir():
            match = _TEMPORARY.match(candidate.name)
            if match is not None and match["name"] != path.name and not _backup_of(match["name"], path):
                match = None
            waiting = draft.match(candidate.name)  # a step waiting for the lock writes one for an instant
            match = match or waiting
            if match is None or (match["pid"] == str(os.getpid()) and match["host"] == host_name()):
                continue
            if (everyone and not waiting) or not _run_alive(match["host"], match["pid"]):
                found.append(candidate)
    return found


def legacy_leftovers(path: Path) -> list[Path]:
    """Temporary files of older versions (`.demarche-XXXXXXXX.xlsx`): not tied to a workbook; `purger` removes them."""
    return [p for p in path.parent.iterdir() if _LEGACY_TEMPORARY.match(p.name)] if path.parent.is_dir() else []


def remove(paths: list[Path]) -> list[Path]:
    removed = []
    for leftover in paths:
        try:
            leftover.unlink()
            removed.append(leftover)
        except FileNotFoundError:
            continue
        except OSError:
            continue  # still open elsewhere (Windows): the next run tries again
    return removed


def _backup_of(name: str, path: Path) -> bool:
    return re.fullmatch(re.escape(path.stem) + r"_\d{8}-\d{6}-\d{6}" + re.escape(path.suffix), name,
                        re.IGNORECASE) is not None


def _run_alive(host: str, pid: str) -> bool:
    return host != host_name() or (pid.isdigit() and process_alive(int(pid)))


def atomic_replace(temporary: Path, path: Path) -> None:
    """Put `temporary` in place of `path` in one step, with the mode and owner `path` had (colleagues sharing the
    folder keep their access); a new workbook gets the usual mode of a new file (umask)."""
    try:
        before = path.stat()
    except FileNotFoundError:
        before = None
    if before is None:  # a new workbook: the mode any program would give it here, not the temporary's 0600
        os.chmod(temporary, 0o666 & ~_umask())
    else:
        os.chmod(temporary, stat.S_IMODE(before.st_mode))
        if hasattr(os, "chown") and (before.st_uid, before.st_gid) != _owner(temporary):
            try:
                os.chown(temporary, before.st_uid, before.st_gid)
            except PermissionError:
                try:
                    os.chown(temporary, -1, before.st_gid)  # a group member may still keep the group
                except PermissionError:
                    pass
    os.replace(temporary, path)


def _umask() -> int:
    mask = os.umask(0o022)  # reading the mask means setting it: put it straight back
    os.umask(mask)
    return mask


def _owner(path: Path) -> tuple[int, int]:
    found = path.stat()
    return found.st_uid, found.st_gid
