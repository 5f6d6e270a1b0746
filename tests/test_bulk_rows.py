"""Large tables' data rows written directly as XML (`store.bulk_rows`) give the very workbook openpyxl would write,
and anything the team put below a header sends the write back to openpyxl."""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from xml.etree import ElementTree
import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment

from demarche_xl.example.decisions import accept_proposals
from demarche_xl.store import bulk_rows, guard, set_aside, trim
from demarche_xl.store.base import RAW, SheetWrite, WritePlan
from demarche_xl.store.file_store import FileStore

from conftest import soffice_convert
from test_file_store import write_groups

ALWAYS, NEVER = 1, 10**9


def snapshot(path: Path) -> dict:
    """Every cell's value and look, and each sheet's tables, dropdowns, conditional formats and size."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        cells = [(c.coordinate, c.value, c.data_type, c.number_format, c.font.b, c.fill.fgColor.rgb,
                  bool(c.alignment.wrap_text)) for row in ws.iter_rows() for c in row
                 if c.value is not None or c.has_style]
        out[ws.title] = (cells, ws.dimensions, sorted((t.name, t.ref) for t in ws.tables.values()),
                         sorted(str(v.sqref) for v in ws.data_validations.dataValidation),
                         sorted(str(r.sqref) for r in ws.conditional_formatting))
    return out


@pytest.fixture
def plans(monkeypatch) -> list[WritePlan]:
    """Every plan the file store applies, noted."""
    noted, real_apply = [], FileStore.apply

    def noting_apply(self, plan):
        noted.append(plan)
        return real_apply(self, plan)

    monkeypatch.setattr(FileStore, "apply", noting_apply)
    return noted


def test_every_step_writes_the_same_workbook_with_bulk_rows_as_with_openpyxl(tmp_path, monkeypatch, cli, plans):
    from demarche_xl.example.fill import fill_example

    current = tmp_path / "exemple.xlsx"
    fill_example(FileStore(current, must_exist=False))
    generated, real_take = [], bulk_rows.take_rows
    monkeypatch.setattr(bulk_rows, "take_rows", lambda ws, *a: generated.append(ws.title) or real_take(ws, *a))
    trimmed, real_trim = [], set_aside.header_and_formats
    monkeypatch.setattr(set_aside, "header_and_formats", lambda *a: trimmed.append(real_trim(*a)) or trimmed[-1])
    steps = ("consolider", "groupes", "parcours", "referents", "pilotage", "bilan", "consolider", "groupes")
    for number, step in enumerate(steps):  # the last two rerun on sheets already full
        if step == "groupes":  # the team retains the proposed concerns, as it would in Excel
            accept_proposals(FileStore(current), "concern_ranking", "retained")
        bulk, plain = tmp_path / f"{number}-{step}-bulk.xlsx", tmp_path / f"{number}-{step}-openpyxl.xlsx"
        shutil.copy(current, bulk)
        shutil.copy(current, plain)
        plans.clear()
        monkeypatch.setattr(bulk_rows, "BULK_ROWS", ALWAYS)
        code, out = cli(step, bulk)
        assert code == 0, out
        monkeypatch.setattr(bulk_rows, "BULK_ROWS", NEVER)
        for plan in list(plans):  # the very plans of the step, applied the ordinary way
            FileStore(plain).apply(plan)
        assert snapshot(bulk) == snapshot(plain), step
        assert FileStore(bulk).read_rows("Réponses") == FileStore(plain).read_rows("Réponses")
        current = bulk
    assert {"Réponses", "Préoccupations", "Groupes", "Parcours", "Référents", "Bilan"} <= set(generated)
    assert any(result is not None for result in trimmed)  # reruns opened their sheets with the header row only
    soffice_convert(current, "pdf", tmp_path / "pdf")


def test_text_numbers_and_dates_are_written_as_openpyxl_writes_them(new_workbook: Path, monkeypatch, tmp_path):
    header = ["texte", "nombre", "date"]
    rows = [["Ève & Zoé <Test>", 3, dt.datetime(2026, 11, 23, 14, 30)],
            ["  espaces gardés ", 2.5, dt.date(2026, 9, 1)],
            ["=1+1", True, dt.time(8, 15)],
            [None, 12345678901234, None],
            ["@moi", -0.1, dt.datetime(2027, 1, 2)]]
    plan = WritePlan([SheetWrite("Q - Test", header, rows, kind=RAW)])
    plain = tmp_path / "openpyxl.xlsx"
    shutil.copy(new_workbook, plain)
    monkeypatch.setattr(bulk_rows, "BULK_ROWS", ALWAYS)
    FileStore(new_workbook).apply(plan)
    monkeypatch.setattr(bulk_rows, "BULK_ROWS", NEVER)
    FileStore(plain).apply(plan)

    assert snapshot(new_workbook)["Q - Test"] == snapshot(plain)["Q - Test"]
    ws = openpyxl.load_workbook(new_workbook)["Q - Test"]
    assert ws["A2"].value == "Ève & Zoé <Test>" and ws["A3"].value == "  espaces gardés "
    assert ws["A4"].value == "=1+1" and ws["A4"].data_type == "s"  # text, never a formula
    assert ws["C2"].value == dt.datetime(2026, 11, 23, 14, 30) and ws["C2"].is_date
    assert ws["B4"].value is True and ws["B5"].value == 12345678901234
    assert FileStore(new_workbook).read_rows("Q - Test")[1:3] == FileStore(plain).read_rows("Q - Test")[1:3]


@pytest.mark.parametrize("threshold", [ALWAYS, NEVER])
def test_characters_a_workbook_cannot_hold_are_dropped_not_a_crash(new_workbook: Path, monkeypatch, threshold):
    monkeypatch.setattr(bulk_rows, "BULK_ROWS", threshold)
    FileStore(new_workbook).apply(WritePlan([SheetWrite("Q - Test", ["avis\x01"], [["bip\x07 fin"]], kind=RAW)]))
    assert FileStore(new_workbook).read_rows("Q - Test") == [["avis"], ["bip fin"]]


def test_what_the_team_put_below_a_header_sends_the_write_back_to_openpyxl(new_workbook: Path, monkeypatch):
    monkeypatch.setattr(bulk_rows, "BULK_ROWS", ALWAYS)
    write_groups(FileStore(new_workbook))
    wb = openpyxl.load_workbook(new_workbook)
    ws = wb["Groupes"]
    ws["M3"] = "à revoir avec la principale"  # a note in a column without header
    ws["B2"].comment = Comment("vu en conseil", "Principale")
    ws.row_dimensions[3].height = 40
    wb.save(new_workbook)
    ws = openpyxl.load_workbook(new_workbook)["Groupes"]
    assert not bulk_rows.can_write(ws, [["x"]])

    write_groups(FileStore(new_workbook))

    ws = openpyxl.load_workbook(new_workbook)["Groupes"]
    assert ws["M3"].value == "à revoir avec la principale" and ws["B2"].comment.text == "vu en conseil"
    assert ws.row_dimensions[3].height == 40 and ws["B2"].value == "E001"


def test_small_tables_stay_with_openpyxl():
    ws = openpyxl.Workbook().active
    assert not bulk_rows.can_write(ws, [["x"]] * (bulk_rows.BULK_ROWS - 1))
    assert bulk_rows.can_write(ws, [["x"]] * bulk_rows.BULK_ROWS)
    assert not bulk_rows.can_write(ws, [[dt.timedelta(hours=1)]] * bulk_rows.BULK_ROWS)  # unusual value type


ROWS = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>Nom</t></is></c><c r="B1" t="inlineStr"><is><t>Avis</t></is></c>'
        b'</row><row r="2"><c r="A2" t="inlineStr"><is><t>Anne</t></is></c><c r="B2" s="3" t="n"><v>4</v></c></row>')


@pytest.mark.parametrize("extra, cleared, kept", [
    (b"", {1, 2}, True),
    (b'<row r="3"><c r="E3" t="inlineStr"><is><t>note</t></is></c></row>', {1, 2}, False),  # team note, no header
    (b'<row r="3"><c r="E3" t="inlineStr"><is><t>note</t></is></c></row>', None, True),  # a raw tab: all cleared
    (b'<row r="3"><c r="E3" s="5"/></row>', {1, 2}, True),  # a format only: carried on
    (b'<row r="3" ht="40" customHeight="1"><c r="A3" t="n"><v>1</v></c></row>', {1, 2}, False),
    (b'<row r="3" hidden="1"/>', {1, 2}, False),
    (b'<row><c r="A3"><v>1</v></c></row>', {1, 2}, False),  # no row number: open it whole
    (b'<row r="3"><c t="n"><v>1</v></c></row>', {1, 2}, False),  # no cell reference
])
def test_rows_below_the_header_are_dropped_only_when_nothing_would_be_lost(extra, cleared, kept):
    result = trim.header_and_formats(b"<sheetData>" + ROWS + extra + b"</sheetData>", cleared)
    assert (result is not None) == kept
    if kept:
        header, formats = result
        assert header.startswith(b"<sheetData><row r=\"1\">") and b"Anne" not in header
        assert formats[(2, 2)] == 3 and (formats.get((3, 5)) == 5 or b"E3\" s=" not in extra)


def test_bulk_rows_on_a_workbook_saved_by_libreoffice_give_one_element_per_row(tmp_path, monkeypatch, cli):
    """LibreOffice writes every row with its height; whether a sheet is opened whole (openpyxl then writes it, as
    those heights read as custom) or with its header only, every sheet ends with one element per row, in order (two
    <row r="2"> make Excel repair the file), and opens in LibreOffice."""
    from demarche_xl.example.fill import fill_example

    path = tmp_path / "exemple.xlsx"
    fill_example(FileStore(path, must_exist=False))
    saved = soffice_convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    monkeypatch.setattr(bulk_rows, "BULK_ROWS", ALWAYS)
    monkeypatch.setattr(set_aside, "header_and_formats", lambda *a: None)  # sheets opened whole, as when trim refuses
    for step in ("consolider", "groupes", "consolider"):
        if step == "groupes":
            accept_proposals(FileStore(saved), "concern_ranking", "retained")
        code, out = cli(step, saved)
        assert code == 0, out
    with zipfile.ZipFile(saved) as package:
        for sheet, part in guard.sheet_parts(package).items():
            xml = package.read(part)
            ElementTree.fromstring(xml)
            numbers = re.findall(rb'<row r="(\d+)"', xml)
            assert len(numbers) == len(set(numbers)), sheet
            assert [int(n) for n in numbers] == sorted(int(n) for n in numbers), sheet
    assert len(FileStore(saved).read_rows("Réponses")) > 40
    soffice_convert(saved, "pdf", tmp_path / "pdf")


def test_row_entries_openpyxl_would_write_beside_the_generated_rows_are_dropped():
    ws = openpyxl.Workbook().active
    ws.append(["Nom"])
    ws.row_dimensions[3].thickBot = True  # no height, not hidden: nothing the team would miss
    assert bulk_rows.can_write(ws, [["Anne"]] * bulk_rows.BULK_ROWS)
    rows, dimension = bulk_rows.take_rows(ws, [["Anne"]] * 3)
    assert [index for index in ws.row_dimensions if index >= 2] == [] and dimension == "A1:A4"
    assert rows.count(b'<row r="3">') == 1
