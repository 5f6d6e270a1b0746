"""Sheets a step does not write are saved with their original cells, byte for byte, without openpyxl parsing them
(the write path that keeps a step fast on a pooled workbook of thousands of answers)."""
from __future__ import annotations

import zipfile
from xml.etree import ElementTree
from pathlib import Path

import openpyxl
import pytest
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from demarche_xl.store import guard, set_aside
from demarche_xl.store.file_store import FileStore
from fixtures.rich_content import USER_SHEET, add_user_content

from conftest import soffice_convert
from test_file_store import write_groups

UNTOUCHED_BY_PILOTAGE = ("Paramètres", "Enseignants", "Listes", "Préoccupations", "Groupes", "Impressions")


def cell_data(path: Path) -> dict[str, bytes]:
    """Sheet name → its `<sheetData>` bytes."""
    with zipfile.ZipFile(path) as package:
        out = {}
        for name, part in guard.sheet_parts(package).items():
            if part.startswith("xl/worksheets/"):
                xml = package.read(part)
                span = guard.cell_data_span(xml)
                out[name] = xml[span[0]:span[1]] if span else b""
        return out


def styled_cells(path: Path, sheet: str) -> list[tuple]:
    """Each cell's value and look (openpyxl writes LibreOffice's wrapText="false" as an absent attribute: same look)."""
    ws = openpyxl.load_workbook(path)[sheet]
    return [(c.coordinate, c.value, c.font.b, c.font.color.rgb if c.font.color else None, c.fill.fgColor.rgb,
             c.number_format, bool(c.alignment.wrap_text), c.alignment.horizontal, c.border.bottom.style)
            for row in ws.iter_rows() for c in row]


@pytest.fixture(scope="module")
def example_saved_by_libreoffice(tmp_path_factory) -> Path:
    """The example collège as LibreOffice saves it: shared strings and LibreOffice's own style table."""
    from demarche_xl.example.fill import fill_example

    folder = tmp_path_factory.mktemp("lo")
    path = folder / "exemple.xlsx"
    fill_example(FileStore(path, must_exist=False))
    return soffice_convert(path, "xlsx:Calc MS Excel 2007 XML", folder / "enregistre")


def test_untouched_sheets_keep_their_cells_styles_and_shared_strings(example_saved_by_libreoffice, tmp_path, cli):
    path = tmp_path / "classeur.xlsx"
    path.write_bytes(example_saved_by_libreoffice.read_bytes())
    before_cells = cell_data(path)
    assert any(b't="s"' in data for data in before_cells.values())  # LibreOffice writes shared strings
    before_styles = {sheet: styled_cells(path, sheet) for sheet in UNTOUCHED_BY_PILOTAGE}
    before_rows = {sheet: FileStore(path).read_rows(sheet) for sheet in UNTOUCHED_BY_PILOTAGE}

    code, out = cli("pilotage", path, "--date", "2026-12-01")

    assert code == 0, out
    after_cells = cell_data(path)
    for sheet in UNTOUCHED_BY_PILOTAGE:
        assert after_cells[sheet] == before_cells[sheet], sheet
        assert styled_cells(path, sheet) == before_styles[sheet], sheet
        assert FileStore(path).read_rows(sheet) == before_rows[sheet], sheet
    assert after_cells["Feuille de route"] != before_cells["Feuille de route"]  # the step's own sheet was written
    with zipfile.ZipFile(path) as package:
        assert "xl/sharedStrings.xml" in package.namelist()
        assert b"sharedStrings.xml" in package.read("xl/_rels/workbook.xml.rels")
        assert b"/xl/sharedStrings.xml" in package.read("[Content_Types].xml")
    code, out = cli("consolider", path)  # a second step on the spliced package, then Office opens it
    assert code == 0, out
    assert FileStore(path).read_rows("Enseignants") == before_rows["Enseignants"]
    soffice_convert(path, "pdf", tmp_path / "pdf")


def add_team_formatting(path: Path) -> None:
    """On the team's own sheet: a link, merged cells, a dropdown, a conditional format and a styled cell."""
    wb = openpyxl.load_workbook(path)
    ws = wb[USER_SHEET]
    ws["D1"] = "Site du collège"
    ws["D1"].hyperlink = "https://college.example.fr"
    ws["D1"].font = Font(bold=True, color="FF0000CC")
    ws["A6"] = "Synthèse du conseil pédagogique"
    ws.merge_cells("A6:C6")
    ws["B2"].fill = PatternFill("solid", fgColor="FFFFCC00")
    validation = DataValidation(type="list", formula1='"oui,non"')
    ws.add_data_validation(validation)
    validation.add("E2:E10")
    ws.conditional_formatting.add("B2:B4", CellIsRule(operator="greaterThan", formula=["4"], font=Font(bold=True)))
    wb.save(path)


def test_a_team_sheet_keeps_links_merges_dropdowns_formats_comment_chart_and_image(new_workbook: Path):
    add_user_content(new_workbook)
    add_team_formatting(new_workbook)
    before, census = cell_data(new_workbook)[USER_SHEET], guard.census(new_workbook)

    write_groups(FileStore(new_workbook))

    assert cell_data(new_workbook)[USER_SHEET] == before
    assert guard.census(new_workbook) == census  # nothing counted went away (the write changed only cells)
    ws = openpyxl.load_workbook(new_workbook)[USER_SHEET]
    assert ws["D1"].hyperlink.target == "https://college.example.fr" and ws["D1"].font.b
    assert "A6:C6" in {str(r) for r in ws.merged_cells.ranges} and ws["A6"].value == "Synthèse du conseil pédagogique"
    assert ws["B2"].fill.fgColor.rgb == "FFFFCC00" and ws["A1"].comment.text == "Chiffres de septembre"
    assert [str(v.sqref) for v in ws.data_validations.dataValidation] == ["E2:E10"]
    assert [str(r.sqref) for r in ws.conditional_formatting] == ["B2:B4"]
    assert len(ws._charts) == 1 and len(ws._images) == 1


def test_openpyxl_does_not_parse_the_cells_of_sheets_the_step_leaves_alone(new_workbook: Path, monkeypatch):
    add_user_content(new_workbook)
    loaded = []
    real_load = openpyxl.load_workbook

    def spying_load(*args, **kwargs):
        loaded.append(real_load(*args, **kwargs))
        return loaded[-1]

    monkeypatch.setattr(openpyxl, "load_workbook", spying_load)
    write_groups(FileStore(new_workbook))
    assert loaded and loaded[0][USER_SHEET].max_row == 1 and loaded[0][USER_SHEET]["A2"].value is None
    monkeypatch.undo()
    assert [c.value for c in openpyxl.load_workbook(new_workbook)[USER_SHEET]["A"]] == [
        "Discipline", "Mathématiques", "Français", "Anglais"]


def test_when_the_saved_package_is_unexpected_the_ordinary_full_write_is_used(new_workbook: Path, monkeypatch):
    add_user_content(new_workbook)

    def refuse(*args):
        raise set_aside.CannotSetAside("test")

    monkeypatch.setattr(set_aside, "put_back", refuse)
    write_groups(FileStore(new_workbook))
    wb = openpyxl.load_workbook(new_workbook)
    assert [c.value for c in wb[USER_SHEET]["A"]] == ["Discipline", "Mathématiques", "Français", "Anglais"]
    assert wb["Groupes"]["B2"].value == "E001"


@pytest.mark.parametrize("xml, expected", [
    (b"<worksheet><sheetData><row r='1'/></sheetData><mergeCells/></worksheet>", b"<sheetData><row r='1'/></sheetData>"),
    (b"<worksheet><sheetData/><sheetDataX/></worksheet>", b"<sheetData/>"),
    (b"<worksheet><x:sheetData></x:sheetData></worksheet>", None),  # prefixed: left to the ordinary write
    (b"<worksheet><sheetPr/></worksheet>", None),
])
def test_cell_data_span(xml, expected):
    span = guard.cell_data_span(xml)
    assert (xml[span[0]:span[1]] if span else None) == expected


def test_a_sheet_whose_cells_point_to_cell_metadata_is_left_to_openpyxl(new_workbook: Path):
    """Excel marks dynamic-array formulas with cm="1" into xl/metadata.xml, a part openpyxl drops: splicing such
    cells back would leave a dangling reference Excel reports as damage."""
    add_user_content(new_workbook)
    with zipfile.ZipFile(new_workbook) as package:
        parts = {name: package.read(name) for name in package.namelist()}
        part = guard.sheet_parts(package)[USER_SHEET]
    parts[part] = parts[part].replace(b'<c r="B2"', b'<c r="B2" cm="1"', 1)
    assert b'cm="1"' in parts[part]
    with zipfile.ZipFile(new_workbook, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)

    write_groups(FileStore(new_workbook))

    assert b"cm=" not in cell_data(new_workbook)[USER_SHEET]
    assert [c.value for c in openpyxl.load_workbook(new_workbook)[USER_SHEET]["B"]] == ["Nombre", 3, 5, 2]


def test_cells_excel_wrote_with_its_own_prefixes_stay_well_formed(new_workbook: Path, tmp_path: Path):
    """Excel writes rows as <row … x14ac:dyDescent="0.25">, the prefix declared on the sheet's root element; the
    cells put back after openpyxl's save must find that declaration on openpyxl's root."""
    add_user_content(new_workbook)
    with zipfile.ZipFile(new_workbook) as package:
        parts = {name: package.read(name) for name in package.namelist()}
        part = guard.sheet_parts(package)[USER_SHEET]
    excel_root = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                  b'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                  b'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">')
    xml = parts[part]
    root_end = xml.index(b">", xml.index(b"<worksheet")) + 1
    xml = xml[:xml.index(b"<worksheet")] + excel_root + xml[root_end:]
    parts[part] = xml.replace(b'<row r="2"', b'<row r="2" x14ac:dyDescent="0.25"', 1)
    with zipfile.ZipFile(new_workbook, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)

    write_groups(FileStore(new_workbook))

    with zipfile.ZipFile(new_workbook) as package:
        saved = package.read(guard.sheet_parts(package)[USER_SHEET])
    assert b'x14ac:dyDescent="0.25"' in saved
    ElementTree.fromstring(saved)  # well-formed: every prefix declared
    assert [c.value for c in openpyxl.load_workbook(new_workbook)[USER_SHEET]["A"]][:2] == ["Discipline",
                                                                                          "Mathématiques"]
    soffice_convert(new_workbook, "csv", tmp_path / "csv")
