"""Building the one « Démarche » add-in from xlwings' ribbon add-in template, as `demarche_xl.excel.lancer.xlam`.

The VBA project is copied byte for byte (Excel runs VBA it compiled itself; xlwings finds matching versions). What
changes: the ribbon (`customUI/customUI.xml`, one button calling the template's callback) and, when an interpreter
is given, the template's own settings sheet: `_myaddin.conf` becomes `myaddin.conf` (the leading underscore is
what keeps it inactive) with the Python to run in `Interpreter_Win` or `Interpreter_Mac`. xlwings' VBA reads that
sheet of the add-in (`GetConfigFromSheet(ThisWorkbook)`) before any settings file: the path is a Unicode cell, so
no code page can garble it, and no settings file shared with other xlwings add-ins is touched.

Why one add-in: the template's callback (`RibbonMyAddin.RunMain`, read with olevba) ignores which control was
clicked and runs `import <module>; <module>.main()` where `<module>` is the add-in's file name without `.xlam`;
add-ins that share the VBA project, module and callback names call each other's (xlwings issue 973), and renaming
them means editing the VBA (xlwings' docs, « Renaming your add-in »), which we do not author. So one add-in, one
button; the step is chosen on `Accueil` (`choice.py`).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from demarche_xl.excel.ribbon import custom_ui, template_callback
from demarche_xl.problems import UserError
from demarche_xl.xml_text import escape

TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
CUSTOM_UI_PART = "customUI/customUI.xml"
VBA_PART = "xl/vbaProject.bin"
WORKBOOK_PART = "xl/workbook.xml"
STRINGS_PART = "xl/sharedStrings.xml"
MODULE = "demarche_xl.excel.lancer"  # what the template's VBA imports: the add-in's file name
ADDIN_NAME = f"{MODULE}.xlam"
ADDIN_PATTERN = "demarche_xl.*.xlam"  # ours, including the one-per-button add-ins of earlier versions
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REPAIR = "réinstallez xlwings dans ce Python (python -m pip install --force-reinstall xlwings)"


def template_path() -> Path:
    """The ribbon add-in template shipped with the installed xlwings."""
    try:
        import xlwings
    except ImportError as error:
        raise UserError("le module xlwings n'est pas installé", "installez-le : python -m pip install xlwings") \
            from error
    path = Path(xlwings.__file__).parent / TEMPLATE_NAME
    if not path.is_file():
        raise UserError(f"le modèle de complément « {TEMPLATE_NAME} » est absent de xlwings {xlwings.__version__}",
                        REPAIR)
    return path


def project_name(template: Path) -> str:
    """The xlwings project name of the template (`myaddin`), from its settings sheet `_myaddin.conf`."""
    with zipfile.ZipFile(template) as package:
        names = re.findall(r'<sheet name="_?([^"]+)\.conf"', package.read(WORKBOOK_PART).decode("utf-8"))
    if not names:
        raise UserError("le modèle de complément de xlwings n'a pas la forme attendue", REPAIR)
    return names[0]


def build_addin(folder: Path, interpreter: str | None = None, key: str = "Interpreter_Win",
                template: Path | None = None) -> Path:
    """Write `folder/demarche_xl.excel.lancer.xlam`; with `interpreter`, the add-in names the Python it runs."""
    template = template or template_path()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / ADDIN_NAME
    with zipfile.ZipFile(template) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
        parts[CUSTOM_UI_PART] = custom_ui(template_callback(parts[CUSTOM_UI_PART]))
        if interpreter:
            project = project_name(template)
            sheet_part = settings_sheet_part(parts, project)
            parts[WORKBOOK_PART] = parts[WORKBOOK_PART].replace(f'name="_{project}.conf"'.encode(),
                                                                f'name="{project}.conf"'.encode())
            parts[sheet_part] = with_setting(parts[sheet_part], shared_strings(parts), key, interpreter)
        temporary = target.with_name(target.name + ".tmp")
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as built:
            for info in source.infolist():
                built.writestr(info, parts[info.filename], compress_type=zipfile.ZIP_DEFLATED)
    temporary.replace(target)
    return target


def settings_sheet_part(parts: dict[str, bytes], project: str) -> str:
    """The worksheet part of the template's `_<project>.conf` sheet."""
    match = re.search(rf'<sheet name="_?{re.escape(project)}\.conf"[^>]*r:id="(\w+)"', parts[WORKBOOK_PART].decode())
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'Id="{match.group(1)}"[^>]*Target="([^"]+)"', rels) if match else None
    if target is None or f"xl/{target.group(1)}" not in parts:
        raise UserError("le modèle de complément de xlwings n'a pas de feuille de réglages", REPAIR)
    return f"xl/{target.group(1)}"


def shared_strings(parts: dict[str, bytes]) -> list[str]:
    root = ET.fromstring(parts[STRINGS_PART])
    return ["".join(t.text or "" for t in item.iter(f"{MAIN_NS}t")) for item in root.iter(f"{MAIN_NS}si")]


def with_setting(sheet_xml: bytes, strings: list[str], key: str, value: str) -> bytes:
    """The settings sheet with `value` in column B of the row whose column A holds `key` (an inline string, so
    the shared strings stay as they are)."""
    text = sheet_xml.decode("utf-8")
    for row in re.finditer(r'<row r="(\d+)"[^>]*>(.*?)</row>', text, re.S):
        cell = re.search(rf'<c r="A{row.group(1)}"[^>]*t="s"[^>]*><v>(\d+)</v></c>', row.group(2))
        if cell and strings[int(cell.group(1))].lower() == key.lower():
            number = row.group(1)
            new = (f'<c r="B{number}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>')
            head = re.sub(r' spans="[^"]*"', "", text[row.start():row.start(2)])
            body = re.sub(rf'<c r="B{number}"[^>]*(/>|>.*?</c>)', "", row.group(2))
            return (text[:row.start()] + head + body + new + "</row>" + text[row.end():]).encode("utf-8")
    raise UserError(f"la feuille de réglages du modèle de complément de xlwings n'a pas de ligne « {key} »", REPAIR)


def setting(addin: Path, key: str) -> str | None:
    """The value of `key` in the add-in's active settings sheet (None when the sheet is inactive or has none)."""
    with zipfile.ZipFile(addin) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    project = project_name(addin)
    if f'name="{project}.conf"'.encode() not in parts[WORKBOOK_PART]:
        return None
    strings = shared_strings(parts)
    root = ET.fromstring(parts[settings_sheet_part(parts, project)])
    rows = {}
    for row in root.iter(f"{MAIN_NS}row"):
        cells = {c.get("r")[0]: c for c in row.iter(f"{MAIN_NS}c")}
        if "A" in cells and cells["A"].get("t") == "s":
            rows[strings[int(cells["A"].find(f"{MAIN_NS}v").text)].lower()] = cells.get("B")
    cell = rows.get(key.lower())
    if cell is None:
        return None
    return "".join(t.text or "" for t in cell.iter(f"{MAIN_NS}t")) or None
