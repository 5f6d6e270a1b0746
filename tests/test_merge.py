"""Merging real copies of the example collège, edited differently by two colleagues, into the master through the
CLI: edits made on one side are taken, disagreements keep the master's value and go to `Conflits`, additions and
deletions follow, the team's chart survives and the result opens in LibreOffice."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from demarche_xl.schema.model import ROW_ID_HEADER
from demarche_xl.store.file_store import FileStore
from demarche_xl.workbook.reader import WorkbookReader

from conftest import soffice_convert


def cell_of(ws, teacher_id: str, header: str):
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == teacher_id:
            return row[headers.index(header)]
    raise KeyError(teacher_id)


def edit(path: Path, change) -> None:
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)


@pytest.fixture
def copies(tmp_path: Path, cli) -> tuple[Path, Path, Path]:
    master = tmp_path / "maitre.xlsx"
    assert cli("exemple", master)[0] == 0
    first, second = tmp_path / "copie-anne.xlsx", tmp_path / "copie-paul.xlsx"
    shutil.copy(master, first)
    shutil.copy(master, second)

    def in_master(wb):
        ws = wb["Enseignants"]
        cell_of(ws, "E001", "Nom").value = "Masson-Martin"
        cell_of(ws, "E005", "Commentaire").value = "vu en réunion"
        chart = BarChart()
        chart.add_data(Reference(wb["Enseignants"], min_col=1, min_row=1, max_row=5))
        wb.create_sheet("Mon graphique").add_chart(chart, "B2")

    def in_first(wb):
        wb.properties.lastModifiedBy = "Anne Dupont"  # as Excel records who saved the copy
        ws = wb["Enseignants"]
        cell_of(ws, "E001", "Prénom").value = "Lucy"
        cell_of(ws, "E005", "Commentaire").value = "absent le 12"
        cell_of(ws, "E007", "Commentaire").value = "même avis"
        ws = wb["Contraintes"]
        ws.append(["Séparés", "E002", "E003", None, "saisi à la main par Anne"])  # no row id: typed by hand
        wb["Impressions"].delete_rows(2)

    def in_second(wb):
        ws = wb["Enseignants"]
        cell_of(ws, "E003", "Courriel").value = "f.brun@ac-exemple.fr"
        cell_of(ws, "E007", "Commentaire").value = "même avis"
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
        for r, values in enumerate(reversed(rows), start=2):  # sorted differently: rows are followed by id
            for c, value in enumerate(values, start=1):
                ws.cell(row=r, column=c).value = value  # (ws.cell(value=None) would leave the old value)

    edit(master, in_master)
    edit(first, in_first)
    edit(second, in_second)
    return master, first, second


def test_two_copies_edited_differently_merge_into_the_master(copies, cli, tmp_path: Path):
    master, first, second = copies
    before = WorkbookReader(FileStore(master))
    impressions_before = before.table("impressions")
    code, out = cli("fusionner", master, first, second)
    assert code == 0, out
    assert "Enseignants" in out and "conflit" in out and "Conflits" in out

    reader = WorkbookReader(FileStore(master))
    teachers = reader.table("teachers").set_index("teacher_id")
    assert teachers.loc["E001", "last_name"] == "Masson-Martin"  # master's edit
    assert teachers.loc["E001", "first_name"] == "Lucy"  # Anne's edit of another column of the same row
    assert teachers.loc["E003", "email"] == "f.brun@ac-exemple.fr"  # Paul's edit, rows sorted differently
    assert teachers.loc["E007", "comment"] == "même avis"  # same edit in both copies: no conflict
    assert teachers.loc["E005", "comment"] == "vu en réunion"  # disagreement: the master's value is kept
    assert len(teachers) == 55 and teachers["row_id"].notna().all() and teachers["row_id"].is_unique
    untouched = teachers.drop(index=["E001", "E003", "E005", "E007"]).drop(columns="_row")
    original = before.table("teachers").set_index("teacher_id").drop(index=["E001", "E003", "E005", "E007"])
    assert untouched.equals(original.drop(columns="_row")), "rows nobody edited are unchanged"

    conflicts = reader.table("conflicts")
    assert len(conflicts) == 1, conflicts
    conflict = conflicts.iloc[0]
    assert (conflict["sheet"], conflict["column"], conflict["master_value"], conflict["copy_value"],
            conflict["copy_file"]) == ("Enseignants", "Commentaire", "vu en réunion", "absent le 12",
                                       "copie-anne.xlsx")
    assert conflict["copy_author"] == "Anne Dupont" and conflict["copy_when"] is not None
    assert conflict["row_ref"] == teachers.loc["E005", "row_id"]

    constraints = reader.table("constraints")
    typed = constraints[constraints["reason"] == "saisi à la main par Anne"]
    assert len(typed) == 1 and typed["row_id"].iloc[0]  # added, and given an id
    impressions = reader.table("impressions")
    assert len(impressions) == len(impressions_before) - 1
    assert impressions_before.iloc[0]["row_id"] not in set(impressions["row_id"])  # the row Anne deleted

    journal = reader.table("run_log")
    assert journal.iloc[-1]["step"] == "fusionner"
    assert "Enseignants : 0 ajoutée(s), 3 modifiée(s), 0 retirée(s)" in journal.iloc[-1]["summary"]
    assert "Impressions : 0 ajoutée(s), 0 modifiée(s), 1 retirée(s)" in journal.iloc[-1]["summary"]
    with zipfile.ZipFile(master) as package:
        assert any(name.startswith("xl/charts/chart") for name in package.namelist()), "the team's chart survives"
    assert list((tmp_path / "sauvegardes").glob("maitre*")), "a backup was made before writing"
    wb = openpyxl.load_workbook(master)
    assert wb["_empreintes"].sheet_state == "hidden"
    assert ROW_ID_HEADER in [c.value for c in wb["Enseignants"][1]]
    soffice_convert(master, "pdf", tmp_path / "lo")


def test_merging_the_same_copy_again_lists_nothing_twice(copies, cli):
    master, first, _ = copies
    assert cli("fusionner", master, first)[0] == 0
    assert cli("fusionner", master, first)[0] == 0
    conflicts = WorkbookReader(FileStore(master)).table("conflicts")
    assert len(conflicts) == 1
    teachers = WorkbookReader(FileStore(master)).table("teachers").set_index("teacher_id")
    assert teachers.loc["E001", "first_name"] == "Lucy"


def test_a_copy_edited_after_a_first_merge_brings_only_its_new_edits(copies, cli):
    master, first, _ = copies
    assert cli("fusionner", master, first)[0] == 0
    assert cli("fusionner", first, master)[0] == 0  # Anne takes the merged master back, then edits again
    edit(first, lambda wb: setattr(cell_of(wb["Enseignants"], "E009", "Commentaire"), "value", "nouveau"))
    edit(master, lambda wb: setattr(cell_of(wb["Enseignants"], "E001", "Prénom"), "value", "Lucie"))
    code, out = cli("fusionner", master, first)
    assert code == 0, out
    teachers = WorkbookReader(FileStore(master)).table("teachers").set_index("teacher_id")
    assert teachers.loc["E009", "comment"] == "nouveau"
    assert teachers.loc["E001", "first_name"] == "Lucie", "the master's later edit is not undone by the old one"


def test_refuses_a_missing_copy_or_the_master_itself_in_french(copies, cli, tmp_path: Path):
    master, _, _ = copies
    content = master.read_bytes()
    code, out = cli("fusionner", master, tmp_path / "absente.xlsx")
    assert code == 1 and "n'existe pas" in out
    code, out = cli("fusionner", master, master)
    assert code == 1 and "classeur maître lui-même" in out
    assert cli("anonymiser", master, tmp_path / "academie.xlsx")[0] == 0
    code, out = cli("fusionner", master, tmp_path / "academie.xlsx")
    assert code == 1 and "copie anonymisée" in out and "pseudonymes" in " ".join(out.split())
    assert master.read_bytes() == content


def test_the_excel_button_merges_the_chosen_copy_through_the_live_store(copies, monkeypatch):
    from demarche_xl.excel import session
    from fixtures.fake_xlwings import FakeApp, FakeBook

    master, first, _ = copies
    monkeypatch.setattr(session, "pick_workbook", lambda: first)  # the file picker answers with Anne's copy
    app = FakeApp(["ok", "ok"])
    session.click("fusionner", FakeBook(master, app))
    title, text, _ = app.alerts[-1]
    assert "pas abouti" not in title, text
    assert "conflit" in text
    reader = WorkbookReader(FileStore(master))
    teachers = reader.table("teachers").set_index("teacher_id")
    assert teachers.loc["E001", "first_name"] == "Lucy" and teachers.loc["E005", "comment"] == "vu en réunion"
    assert len(reader.table("conflicts")) == 1
