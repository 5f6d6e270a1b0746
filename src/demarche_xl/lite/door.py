"""The no-install door of a workbook file: what xlwings Lite needs so that anyone who opens the workbook in Excel
(Windows, macOS or the web) gets the démarche's buttons without installing anything: the add-in's extension with
`main.py`, `requirements.txt`, the Pyodide and add-in versions (`parts`), and the demarche-xl package itself in the
hidden sheet `_outil` (`wheel`). `install` adds or refreshes it (a refresh brings an older workbook's buttons to this
version); `describe` says what a workbook holds.

Why the package travels inside the workbook: xlwings Lite installs from the Python package index only what is
published there (or built into Pyodide), and the workbook and the add-in must be the only requirements — no server
of ours, no package to publish. A wheel is a zip of pure Python: kept as base64 text in a hidden sheet, it survives
e-mail, Excel, LibreOffice and every step; main.py checks its SHA-256, unpacks it and imports it on the session's
first click. The workbook thus always runs the exact version that wrote it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import demarche_xl
from demarche_xl.lite import main_py, parts, wheel
from demarche_xl.lite.catalogue import SCRIPTS
from demarche_xl.schema.registry import TOOL_SHEET
from demarche_xl.problems import Report, UserError
from demarche_xl.store import safety
from demarche_xl.store.base import WritePlan

PYODIDE_VERSION = "0.27.5"  # the Pyodide of the xlwings Lite workbooks we checked; its package list: tests/data
ADDIN_VERSION = "1.0.0.0-35"
# pure-Python wheels xlwings Lite installs from the package index (pinned: the versions the tests run), then the
# packages built into Pyodide (never pinned: their version is Pyodide's)
PINNED = (("xlwings", "0.37.8"), ("openpyxl", "3.1.5"), ("et-xmlfile", "2.0.0"), ("PuLP", "3.3.2"))
FROM_PYODIDE = ("numpy", "pandas", "python-dateutil", "pytz", "tzdata", "scipy")


def requirements() -> str:
    lines = ["# Paquets de l'outil demarche-xl, installés par xlwings Lite au démarrage.",
             "# Ne rien changer ici : « demarche-xl boutons classeur.xlsx » écrit ce fichier.",
             *(f"{name}=={version}" for name, version in PINNED), *FROM_PYODIDE]
    return "\n".join(lines) + "\n"


def settings(package: bytes) -> dict[str, object]:
    return {parts.AUTO_SHOW: True, "main.py": main_py.render(demarche_xl.__version__, wheel.sha256(package)),
            "requirements.txt": requirements(), "pyodideVersion": PYODIDE_VERSION, "addinVersion": ADDIN_VERSION}


def install(path: Path) -> Report:
    """Add (or bring up to date) the xlwings Lite door of the démarche workbook `path`; a backup is kept."""
    from demarche_xl.lifecycle.session import writing
    from demarche_xl.store.file_store import FileStore
    from demarche_xl.validate import schema_version

    store = FileStore(path)
    if schema_version(store) is None:
        raise UserError(f"« {path.name} » n'est pas un classeur de la démarche",
                        "ajoutez-lui d'abord les feuilles de la démarche avec « demarche-xl nouveau --dans » ; "
                        "rien n'a été modifié")
    with writing(store, "Ajouter les boutons xlwings Lite"):  # one writer at a time, from reading to the last save
        before = describe(path)
        package = wheel.build()
        rows = wheel.sheet_rows(package)
        store.apply(WritePlan(hidden_sheets={TOOL_SHEET: rows}))  # backup, atomic, loss guard
        put(path, Door(settings(package), rows))
    report = Report("Boutons xlwings Lite")
    verb = "mis à jour" if before else "ajoutés"
    report.info(f"boutons {verb} : {len(SCRIPTS)} étapes dans le volet xlwings Lite"
                + (f" (ils venaient de la version {before})" if before and before != demarche_xl.__version__ else ""))
    report.info(f"outil demarche-xl {demarche_xl.__version__} gardé dans la feuille masquée « {TOOL_SHEET} » "
                f"({len(package) // 1024} Ko)")
    report.info("ouvrez le classeur dans Excel (Windows, Mac ou navigateur) et acceptez le complément xlwings Lite")
    return report


def describe(path: Path) -> str | None:
    """The demarche-xl version of the workbook's buttons, or None when it has none."""
    found = parts.read(path)
    if not found or "main.py" not in found:
        return None
    for line in str(found["main.py"]).splitlines():
        if line.startswith("VERSION = "):
            return line.split("=", 1)[1].strip().strip('"')
    return "?"


@dataclass
class Door:
    """A workbook's door as it is: the extension's settings and the rows of the package sheet."""

    settings: dict[str, object]
    rows: list[list[object]]


def taken_from(path: Path) -> Door | None:
    """The door of workbook `path` (to give a copy built from scratch the same buttons), or None."""
    from demarche_xl.store.file_store import FileStore

    found = parts.read(path)
    rows = FileStore(path).read_rows(TOOL_SHEET) if found else []
    return Door(found, rows) if found and rows else None


def put(path: Path, taken: Door) -> None:
    """Give workbook `path`, which already holds `taken.rows` in its package sheet, the extension of `taken`."""
    temporary = safety.temporary_sibling(path)
    try:
        parts.write(path, temporary, taken.settings)
        safety.atomic_replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
