"""Add-ins that could take the « Lancer l'étape » click: any other add-in in Excel's startup or add-ins folder
whose VBA has a module of the same name as our callback's (`RibbonMyAddin`, the xlwings template's) or whose
ribbon calls a macro of that module. Excel resolves a ribbon callback `Module.Macro` among every loaded VBA project
and may call another add-in's (xlwings issue 973), so such an add-in must go before ours is installed.

Read from the files without Excel: the ribbon XML parts named by the package's relationships, and the VBA module
names, which a VBA project stores as UTF-16 stream names in its compound file.
"""
from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from demarche_xl.excel.ribbon import callbacks

EXTENSIONS = (".xlam", ".xlsm", ".xlsb", ".xltm")
RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def ribbon_callbacks(path: Path) -> set[str]:
    """Every macro the ribbon parts of an Office package call (empty for anything that is not one)."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            rels = ET.fromstring(package.read("_rels/.rels")) if "_rels/.rels" in names else []
            parts = {posixpath.normpath(r.get("Target", "").lstrip("/")) for r in rels.iter(RELATIONSHIP)
                     if r.get("Type", "").endswith("/ui/extensibility")} if len(rels) else set()
            found: set[str] = set()
            for part in parts & names:
                try:
                    found |= callbacks(package.read(part))
                except Exception:  # noqa: BLE001 - a broken ribbon part calls nothing
                    continue
            return found
    except (zipfile.BadZipFile, ET.ParseError, OSError):
        return set()


def has_vba_module(path: Path, module: str) -> bool:
    """Whether the VBA project inside the package (or the binary workbook) names a module `module`."""
    needle = module.encode("utf-16-le")
    try:
        with zipfile.ZipFile(path) as package:
            return any(needle in package.read(name) for name in package.namelist() if name.endswith(".bin"))
    except zipfile.BadZipFile:
        return needle in path.read_bytes()
    except OSError:
        return False


def clashing(folders: list[Path], callback: str, skip: str) -> list[Path]:
    """Add-ins in `folders` that could answer `callback` (`Module.Macro`); files matching the glob `skip` (ours,
    about to be replaced) are left out."""
    module = callback.split(".")[0]
    found = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in EXTENSIONS or path.match(skip) or not path.is_file():
                continue
            if has_vba_module(path, module) or any(c.split(".")[0] == module for c in ribbon_callbacks(path)):
                found.append(path)
    return found
