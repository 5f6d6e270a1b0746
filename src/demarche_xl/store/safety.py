"""Saving without harm: lock-file detection, timestamped backups, atomic replace."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from demarche_xl.problems import UserError

BACKUP_DIR = "sauvegardes"
BACKUPS_KEPT = 20


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


def backup(path: Path, now: dt.datetime | None = None) -> Path:
    """Copy the workbook to `sauvegardes/<nom>_<date-heure>.xlsx` next to it; keep the most recent ones."""
    now = now or dt.datetime.now()
    folder = path.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    target = folder / f"{path.stem}_{now:%Y%m%d-%H%M%S-%f}{path.suffix}"
    shutil.copy2(path, target)
    old = sorted(folder.glob(f"{path.stem}_*{path.suffix}"))
    for stale in old[:-BACKUPS_KEPT]:
        stale.unlink(missing_ok=True)
    return target


def temporary_sibling(path: Path) -> Path:
    """A temporary file in the same folder, so the final rename is atomic."""
    handle, name = tempfile.mkstemp(prefix=".demarche-", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    return Path(name)


def atomic_replace(temporary: Path, path: Path) -> None:
    os.replace(temporary, path)
