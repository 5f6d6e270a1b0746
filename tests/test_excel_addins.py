"""The one « Démarche » add-in is a valid Office package whose VBA is xlwings' template byte for byte: its ribbon
has one button calling the template's callback, and, when installed, the template's settings sheet is activated
with the Python path in a Unicode cell — an accented path reads back exactly, also in LibreOffice."""
from __future__ import annotations

import csv
import importlib
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from conftest import soffice_convert
from demarche_xl.excel.addins import (ADDIN_NAME, CUSTOM_UI_PART, VBA_PART, WORKBOOK_PART, build_addin, setting,
                                      template_path)
from demarche_xl.excel.ribbon import BUTTON_LABEL, CUSTOM_UI_NS, TAB_LABEL, callbacks

Q = f"{{{CUSTOM_UI_NS}}}"
RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
NCNAME = re.compile(r"^[A-Za-z_][\w.-]*$")
ACCENTED = r"C:\Users\Hélène Dupré-Œuvray\AppData\Local\Programs\Python\Python312\python.exe"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_addin(tmp_path_factory.mktemp("complement"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    return build_addin(tmp_path_factory.mktemp("installe"), ACCENTED, "Interpreter_Win")


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_one_addin_named_after_the_module_its_vba_imports(built):
    assert built.name == ADDIN_NAME == "demarche_xl.excel.lancer.xlam"
    module = importlib.import_module(Path(ADDIN_NAME).stem)  # RunMain: import <file name without .xlam>; .main()
    assert callable(module.main)


@pytest.mark.parametrize("which", ["built", "installed"])
def test_the_addin_is_a_valid_package(which, request):
    path = request.getfixturevalue(which)
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        parts = set(package.namelist())
        types = ET.fromstring(package.read("[Content_Types].xml"))
        defaults = {e.get("Extension").lower() for e in types.iter(f"{CT_NS}Default")}
        overrides = {e.get("PartName").lstrip("/") for e in types.iter(f"{CT_NS}Override")}
        for part in parts - {"[Content_Types].xml"}:
            assert part in overrides or part.rsplit(".", 1)[-1].lower() in defaults, part
            if part.endswith((".xml", ".rels")):
                ET.fromstring(package.read(part))  # well-formed
        for rels in [p for p in parts if p.endswith(".rels")]:
            base = posixpath.dirname(posixpath.dirname(rels))
            for rel in ET.fromstring(package.read(rels)).iter(f"{RELS_NS}Relationship"):
                target = posixpath.normpath(posixpath.join(base, rel.get("Target"))).lstrip("/")
                assert target in parts, (rels, target)


def test_vba_is_the_template_byte_for_byte_and_only_ribbon_and_settings_change(built, installed):
    template = parts_of(template_path())
    for path, allowed in ((built, {CUSTOM_UI_PART}),
                          (installed, {CUSTOM_UI_PART, WORKBOOK_PART, "xl/worksheets/sheet1.xml"})):
        parts = parts_of(path)
        assert set(parts) == set(template) and parts[VBA_PART] == template[VBA_PART]
        assert {n for n in template if parts[n] != template[n]} == allowed, path


def test_one_button_calling_the_template_callback(built):
    template_callbacks = callbacks(parts_of(template_path())[CUSTOM_UI_PART])
    assert template_callbacks == {"RibbonMyAddin.RunMain"}
    root = ET.fromstring(parts_of(built)[CUSTOM_UI_PART])
    [tab], [group], [button] = (list(root.iter(f"{Q}{name}")) for name in ("tab", "group", "button"))
    assert tab.get("label") == TAB_LABEL and button.get("label") == BUTTON_LABEL == "Lancer l'étape"
    assert callbacks(parts_of(built)[CUSTOM_UI_PART]) == template_callbacks
    assert all(NCNAME.match(e.get("id")) for e in (tab, group, button))
    assert "Accueil" in button.get("supertip") and len(button.get("supertip")) <= 1024


def test_the_python_path_is_a_unicode_cell_of_the_active_settings_sheet(built, installed):
    assert setting(built, "Interpreter_Win") is None  # the template's sheet stays inactive (« _myaddin.conf »)
    assert setting(installed, "Interpreter_Win") == ACCENTED
    assert setting(installed, "Interpreter_Mac") is None and setting(installed, "Conda Path") is None
    workbook = parts_of(installed)[WORKBOOK_PART].decode("utf-8")
    assert '<sheet name="myaddin.conf"' in workbook and "_myaddin.conf" not in workbook


def test_libreoffice_reads_the_settings_sheet_as_xlwings_would(installed, tmp_path):
    """LibreOffice, a real Office client, reads the keys in A and the path in B. It opens no add-in (nor xlwings'
    own template), so the copy it opens declares its workbook part as a macro-enabled workbook; nothing else
    changes."""
    copy = tmp_path / "complement.xlsm"
    with zipfile.ZipFile(installed) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"ms-excel.addin.macroEnabled.main", b"ms-excel.sheet.macroEnabled.main")
            target.writestr(info, data)
    converted = soffice_convert(copy, "csv:Text - txt - csv (StarCalc):44,34,76")
    rows = {r[0]: r[1] if len(r) > 1 else "" for r in csv.reader(converted.read_text("utf-8").splitlines()) if r}
    assert rows["Interpreter_Win"] == ACCENTED and rows["Interpreter_Mac"] == ""


def test_rebuilding_replaces_and_is_repeatable(built):
    before = built.read_bytes()
    assert build_addin(built.parent).read_bytes() == before
    assert not list(built.parent.glob("*.tmp"))
