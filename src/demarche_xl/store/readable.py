"""Whether a workbook file can be read and written without harm, checked before calamine or openpyxl touch it.

The package: a zip holding `[Content_Types].xml`, `xl/workbook.xml` and its relationships, in the transitional
format (a « Strict Open XML » workbook is read by calamine but openpyxl sees no sheet in it: a step would lose them
all), with sheet names Excel accepts, each once. Each sheet, when it is read: its XML whole (not cut before its
closing tag) and in UTF-8, and not reaching too far: calamine lays a sheet out as a dense grid from its first to
its last cell holding a value, so one value typed in XFD1048576 (Excel's last cell) asks for 17 billion cells and
the allocation failure ends the process without any message. Every refusal is French and names the file and sheet.
"""
from __future__ import annotations

import functools
import re
import zipfile
from pathlib import Path

from demarche_xl import french
from demarche_xl.problems import UserError
from demarche_xl.store.extent import MAX_COLUMN, too_large
from demarche_xl.store.limits import sheet_name_problem
from demarche_xl.xml_text import unescape

REQUIRED = ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels")
STRICT = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
REPAIR = ("ouvrez-le dans Excel (qui propose de le réparer) et enregistrez-le au format « Classeur Excel (.xlsx) », "
          "ou reprenez sa dernière copie du dossier « sauvegardes » ; rien n'a été modifié")
_SHEET_NAME = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\sname="([^"]*)"')
_CLOSING = re.compile(rb"</(?:\w+:)?worksheet>\s*$")

def refuse_if_too_large(xml: bytes, sheet: str, file_name: str) -> None:
    found = too_large(xml)
    if found:
        from openpyxl.utils import get_column_letter

        rows, columns = found

        corner = f"{get_column_letter(min(columns, MAX_COLUMN))}{rows}" if columns else f"ligne {rows}"
        raise UserError(f"« {file_name} », feuille « {sheet} » : des cellules remplies vont jusqu'à {corner} "
                        f"({french.number(rows)} lignes × {french.number(columns)} colonnes), trop loin pour être "
                        "lues", "dans Excel, Ctrl+Fin montre la dernière cellule utilisée : supprimez les lignes et "
                        "colonnes au-delà de vos données, enregistrez puis relancez ; rien n'a été modifié")


def check_package(path: Path) -> None:
    """Refuse, in French, a package calamine or openpyxl would misread (see the module's docstring)."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            missing = [name for name in REQUIRED if name not in names]
            workbook = package.read("xl/workbook.xml") if "xl/workbook.xml" in names else b""
            broken = [name for name in REQUIRED if name in names and not _well_formed(package.read(name))]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise UserError(f"« {path.name} » ne peut pas être lu comme un classeur Excel (fichier abîmé, protégé par un "
                        "mot de passe, ou d'un autre format)", REPAIR) from error
    if missing or broken:
        what = f"il y manque « {missing[0]} »" if missing else f"sa partie « {broken[0]} » est illisible"
        raise UserError(f"« {path.name} » est abîmé : {what}", REPAIR)
    if STRICT in workbook[:4000]:
        raise UserError(f"« {path.name} » est enregistré au format « Classeur Strict Open XML », que l'outil ne sait "
                        "pas modifier sans perdre ses feuilles", "dans Excel : Fichier › Enregistrer sous, type "
                        "« Classeur Excel (*.xlsx) », puis relancez sur ce fichier ; rien n'a été modifié")
    names_seen: set[str] = set()
    for raw in _SHEET_NAME.findall(workbook):
        name = _unescape(raw)
        reason = sheet_name_problem(name)
        if reason or name.lower() in names_seen:
            raise UserError(f"« {path.name} » est abîmé : {reason or f'deux feuilles portent le nom « {name} »'}",
                            REPAIR)
        names_seen.add(name.lower())


def check_sheet(path: Path, part: str | None, sheet: str) -> None:
    """Refuse the sheet `sheet` (its part `part` in the package at `path`) when it is cut, not in UTF-8, or too
    large for calamine to lay out."""
    if not part:
        return
    try:
        with zipfile.ZipFile(path) as package:
            xml = package.read(part)
    except Exception:  # noqa: BLE001 - a damaged package: calamine says what is wrong with it
        return
    refuse_if_damaged(xml, sheet, path.name)
    refuse_if_too_large(xml, sheet, path.name)


def refuse_damaged(file_name: str, damaged: list[tuple[str, str]]) -> None:
    """Refuse a package whose sheets `guard.survey` found damaged (before a write: untouched sheets are carried as
    they are, so a cut one would stay cut)."""
    if damaged:
        sheet, wrong = damaged[0]
        raise UserError(f"« {file_name} », feuille « {sheet} » : {wrong} (fichier abîmé)", REPAIR)


def damage(xml: bytes) -> str:
    """What is wrong with a sheet's XML: cut before its closing tag, or not UTF-8; "" when whole."""
    if not _CLOSING.search(xml[-200:]):
        return "son contenu est coupé"
    try:
        xml.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"des caractères y sont mal encodés (pas en UTF-8, position {error.start})"
    return ""


def refuse_if_damaged(xml: bytes, sheet: str, file_name: str) -> None:
    wrong = damage(xml)
    if wrong:
        refuse_damaged(file_name, [(sheet, wrong)])


def _well_formed(xml: bytes) -> bool:
    from xml.etree import ElementTree

    try:
        ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return False
    return True


def _unescape(raw: bytes) -> str:
    return unescape(raw.decode("utf-8", errors="replace"), {"&quot;": '"', "&apos;": "'"})
