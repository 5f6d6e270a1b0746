"""The file store keeps what it does not own, refuses silent loss, saves atomically with a backup, detects a
workbook open in Excel, and never writes outside text as a formula."""
from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from demarche_xl.problems import UserError
from demarche_xl.runner import run_step
from demarche_xl.steps.base import StepInput, StepOutput, StepSpec
from demarche_xl.store import guard
from demarche_xl.store.file_store import FileStore
from demarche_xl.workbook.reader import WorkbookReader
from fixtures.rich_content import USER_SHEET, add_pivot_table, add_shape, add_user_content

from conftest import soffice_convert

GROUP_ROWS = [
    {"group_id": "G1", "teacher_id": "E001", "name": "=HYPERLINK(\"http://x\")", "discipline": "Français",
     "catalyst": True, "concern": "Évaluer autrement", "why": "+33 6 12"},
    {"group_id": "G1", "teacher_id": "E002", "name": "Zoé Ève", "discipline": "Anglais", "catalyst": False,
     "concern": "Évaluer autrement", "why": "@moi"},
]


def write_groups(store, rows=GROUP_ROWS):
    spec = StepSpec("groupes", "Former les groupes", reads=(), writes=("groups",),
                    run=lambda step_input: StepOutput(tables={"groups": pd.DataFrame(rows)}))
    return run_step(store, spec)


def test_step_write_keeps_chart_image_comment_pivot_and_user_sheet(new_workbook: Path):
    add_user_content(new_workbook)
    add_pivot_table(new_workbook)
    before = guard.census(new_workbook)
    assert before[("", "tableau croisé dynamique")] == 1 and before[("", "graphique")] == 1
    write_groups(FileStore(new_workbook))
    after = guard.census(new_workbook)
    for what in ("graphique", "image", "tableau croisé dynamique", "commentaire de cellule"):
        assert after[("", what)] == before[("", what)], what
    wb = openpyxl.load_workbook(new_workbook)
    assert [c.value for c in wb[USER_SHEET]["A"]] == ["Discipline", "Mathématiques", "Français", "Anglais"]
    assert wb[USER_SHEET]["A1"].comment.text == "Chiffres de septembre"
    assert wb["Groupes"]["B2"].value == "E001"
    soffice_convert(new_workbook, "pdf")


def test_write_refuses_when_a_shape_would_be_lost_and_leaves_file_untouched(new_workbook: Path):
    add_user_content(new_workbook)
    add_shape(new_workbook)
    original = new_workbook.read_bytes()
    with pytest.raises(UserError) as refused:
        write_groups(FileStore(new_workbook))
    message = str(refused.value)
    assert "forme ou zone de texte" in message and "rien n'a été modifié" in message
    assert new_workbook.read_bytes() == original
    assert not list(new_workbook.parent.glob(".demarche-*"))  # no temporary file left behind


def test_lock_file_of_excel_or_libreoffice_is_reported(new_workbook: Path):
    original = new_workbook.read_bytes()
    for lock in ("~$" + new_workbook.name, ".~lock." + new_workbook.name + "#"):
        (new_workbook.parent / lock).write_text("verrou")
        with pytest.raises(UserError, match="ouvert dans Excel ou LibreOffice"):
            write_groups(FileStore(new_workbook))
        (new_workbook.parent / lock).unlink()
    assert new_workbook.read_bytes() == original


def test_each_write_leaves_a_timestamped_backup(new_workbook: Path):
    original = new_workbook.read_bytes()
    write_groups(FileStore(new_workbook))
    backups = list((new_workbook.parent / "sauvegardes").glob("demarche_*.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == original


def test_outside_text_is_never_a_formula(new_workbook: Path):
    write_groups(FileStore(new_workbook))
    ws = openpyxl.load_workbook(new_workbook)["Groupes"]
    assert ws["C2"].value == "=HYPERLINK(\"http://x\")" and ws["C2"].data_type == "s" and ws["C2"].quotePrefix
    assert ws["I2"].value == "+33 6 12" and ws["I3"].value == "@moi"
    assert ws["I2"].quotePrefix and ws["I3"].quotePrefix and not ws["B2"].quotePrefix
    with zipfile.ZipFile(new_workbook) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in package.read(n) for n in sheets)


def test_reading_tolerates_reordered_extra_blank_typo_and_spaces(new_workbook: Path):
    wb = openpyxl.load_workbook(new_workbook)
    ws = wb["Enseignants"]
    header = ["Prénom", "Nom", "ID", "Dicipline", "Mon commentaire", "Catalyseur"]
    for pos, text in enumerate(header, start=1):
        ws.cell(row=1, column=pos, value=text)
    for col in range(7, 12):
        ws.cell(row=1, column=col, value=None)
    ws.append(["  Zoé ", "Ève", "E1", "Anglais", "à voir", "oui"])
    ws.append([None] * 6)
    ws.append(["Luc", "Roy", "E2", " mathématiques ", None, "Non"])
    wb.save(new_workbook)
    reader = WorkbookReader(FileStore(new_workbook))
    frame = reader.table("teachers")
    assert list(frame["first_name"]) == ["Zoé", "Luc"]
    assert list(frame["discipline"]) == ["Anglais", "Mathématiques"]
    assert list(frame["catalyst"]) == [True, False]
    assert list(frame["_row"]) == [2, 4]
    assert list(frame["Mon commentaire"]) == ["à voir", None]
    typo = [p for p in reader.problems if "Dicipline" in str(p)]
    assert typo and typo[0].sheet == "Enseignants" and not typo[0].is_error


def test_columns_added_by_the_team_to_a_step_sheet_follow_their_rows(new_workbook: Path):
    write_groups(FileStore(new_workbook))
    wb = openpyxl.load_workbook(new_workbook)
    ws = wb["Groupes"]
    ws.cell(row=1, column=12, value="Note de l'équipe")
    ws.cell(row=3, column=12, value="à rappeler")
    wb.save(new_workbook)
    write_groups(FileStore(new_workbook), list(reversed(GROUP_ROWS)))
    ws = openpyxl.load_workbook(new_workbook)["Groupes"]
    header = [c.value for c in ws[1]]
    note = header.index("Note de l'équipe") + 1
    assert ws.cell(row=2, column=2).value == "E002" and ws.cell(row=2, column=note).value == "à rappeler"
    with pytest.raises(UserError, match="à rappeler"):
        write_groups(FileStore(new_workbook), GROUP_ROWS[:1])


def test_not_a_workbook_gives_a_french_message(tmp_path: Path):
    bad = tmp_path / "faux.xlsx"
    bad.write_text("ceci n'est pas un classeur")
    with pytest.raises(UserError, match="ne peut pas être lu"):
        FileStore(bad).sheet_names()
    with pytest.raises(UserError, match="n'est pas un classeur .xlsx"):
        FileStore(tmp_path / "notes.txt", must_exist=False)


def test_formatted_text_the_team_typed_keeps_its_runs_and_plain_workbooks_skip_that_parsing(new_workbook: Path):
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    from demarche_xl.store.file_store import has_rich_text

    assert not has_rich_text(new_workbook)  # nothing formatted yet: loaded without rich text parsing
    wb = openpyxl.load_workbook(new_workbook)
    ws = wb.create_sheet("Notes")
    ws["A1"] = CellRichText(["À faire : ", TextBlock(InlineFont(b=True, color="FF0000"), "urgent"), " avant lundi"])
    wb.save(new_workbook)
    assert has_rich_text(new_workbook)
    write_groups(FileStore(new_workbook))
    cell = openpyxl.load_workbook(new_workbook, rich_text=True)["Notes"]["A1"].value
    assert isinstance(cell, CellRichText) and str(cell) == "À faire : urgent avant lundi"
    bold = [part for part in cell if isinstance(part, TextBlock)]
    assert bold and bold[0].text == "urgent" and bold[0].font.b


def test_sheets_parsed_two_at_a_time_are_the_sheets_read_one_by_one_and_a_cut_sheet_is_still_named(tmp_path: Path):
    from demarche_xl.example.fill import fill_example

    book = tmp_path / "exemple.xlsx"
    fill_example(FileStore(book, must_exist=False))
    names = FileStore(book).sheet_names()
    one_by_one = {name: FileStore(book).read_rows(name) for name in names}
    ahead = FileStore(book)
    ahead.prefetch(names)
    assert set(ahead._ahead) == set(names)
    assert {name: ahead.read_rows(name) for name in names} == one_by_one
    assert ahead._ahead == {}  # each taken once: a second read goes to the file again
    assert ahead.read_rows("Enseignants") == one_by_one["Enseignants"]
    assert any(len(rows) > 10 for rows in one_by_one.values())

    cut = tmp_path / "coupé.xlsx"
    part = dict(guard.sheet_parts(zipfile.ZipFile(book)))["Enseignants"]
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(cut, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, data[:len(data) // 2] if info.filename == part else data)
    store = FileStore(cut)
    store.prefetch(["Enseignants", "Ateliers", "Paramètres"])
    assert "Ateliers" in store._ahead
    assert store.read_rows("Ateliers") == one_by_one["Ateliers"]
    for _ in range(2):  # checked when read, parsed ahead or not
        with pytest.raises(UserError) as refused:
            store.read_rows("Enseignants")
        assert "« Enseignants »" in str(refused.value) and "coupé" in str(refused.value)
