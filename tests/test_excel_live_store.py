"""What only the live store does: write every string as text (Excel would turn « 0612 » into a number), keep the
sheet's Excel table over the written rows, save once per step; on the desktop, back up the file as last saved and
say truthfully which sheets a failure half-way through left changed; on xlwings Lite's remote engine, drop every
queued change on failure and refuse to read a sheet the script did not ask for. The remote engine is xlwings' own;
the desktop engines (COM, AppleScript) need Excel, so a stand-in of the part of xlwings they use covers them."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from demarche_xl.problems import UserError
from demarche_xl.runner import run_step
from demarche_xl.steps.base import StepOutput, StepSpec
from demarche_xl.store.base import SheetNotSent
from demarche_xl.store.cells import excel_text
from demarche_xl.store.live_store import LiveStore, runs
from fixtures.fake_xlwings import FakeBook
from fixtures.lite_run import RemoteFileStore

ROWS = [{"group_id": f"G{n // 3 + 1}", "teacher_id": f"E{n:03}", "name": f"=HYPERLINK(\"x{n}\")", "why": "007"}
        for n in range(7)]


def write(store, rows=ROWS) -> None:
    spec = StepSpec("groupes", "Former les groupes", reads=(), writes=("groups",),
                    run=lambda step_input: StepOutput(tables={"groups": pd.DataFrame(rows)}))
    run_step(store, spec)


def test_strings_are_written_as_text_and_never_as_formulas(new_workbook: Path):
    store = RemoteFileStore(new_workbook)
    write(store)
    assert store.applied.formulas == [] and store.applied.saves == 1
    ws = openpyxl.load_workbook(new_workbook)["Groupes"]
    assert ws["I2"].value == "007" and ws["I2"].data_type == "s"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert excel_text("1/2") == "'1/2" and excel_text(3) == 3 and excel_text("") == ""


def test_the_excel_table_follows_the_written_rows(new_workbook: Path):
    tables = list(openpyxl.load_workbook(new_workbook)["Groupes"].tables.values())
    write(RemoteFileStore(new_workbook))
    write(RemoteFileStore(new_workbook), ROWS[:2])
    after = list(openpyxl.load_workbook(new_workbook)["Groupes"].tables.values())
    assert tables and tables[0].ref != after[0].ref  # the master workbook declares Excel tables
    assert after[0].ref.startswith("A1:") and after[0].ref.endswith("3")  # header + 2 rows


def test_columns_are_cleared_in_blocks_of_adjacent_columns():
    assert runs([1, 2, 3, 5, 7, 8]) == [(1, 3), (5, 5), (7, 8)] and runs([]) == []


def test_desktop_backup_of_the_saved_file_then_one_save_per_step(new_workbook: Path):
    original = new_workbook.read_bytes()
    book = FakeBook(new_workbook)
    write(LiveStore(book))
    assert book.saves == 1
    backups = list((new_workbook.parent / "sauvegardes").glob("demarche_*.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == original


def test_desktop_home_sheet_with_merged_cells_is_rewritten(new_workbook: Path):
    book = FakeBook(new_workbook)
    store = LiveStore(book)
    assert "A2:E2" in store.merged_ranges("Accueil")
    write(store)
    rows = store.read_rows("Accueil")
    assert rows[0][0].startswith("Impulser") and any(r[3] and "Former les groupes" in str(r[3]) for r in rows)


def test_desktop_failure_half_way_names_the_sheets_already_changed(new_workbook: Path, monkeypatch):
    book = FakeBook(new_workbook)
    store = LiveStore(book)
    monkeypatch.setattr(LiveStore, "_write_meta", lambda self, meta: (_ for _ in ()).throw(OSError("Excel occupé")))
    with pytest.raises(UserError) as refused:
        write(store)
    text = str(refused.value)
    assert "Excel occupé" in text and "feuilles déjà écrites : Groupes, Journal, Accueil" in text
    assert "fermez le classeur sans l'enregistrer" in text and book.saves == 0


def test_lite_failure_half_way_drops_every_queued_change(new_workbook: Path, monkeypatch):
    store = RemoteFileStore(new_workbook)
    monkeypatch.setattr(LiveStore, "_write_meta", lambda self, meta: (_ for _ in ()).throw(OSError("coupure")))
    with pytest.raises(UserError) as refused:
        write(store)
    assert "rien n'a été modifié" in str(refused.value) and store.book.json()["actions"] == []


def test_lite_refuses_to_read_a_sheet_the_script_did_not_ask_for(new_workbook: Path):
    store = RemoteFileStore(new_workbook, include=["Accueil", "Groupes"])
    assert store.read_rows("Groupes")[0][0] == "Groupe"
    with pytest.raises(SheetNotSent, match="Enseignants"):
        store.read_rows("Enseignants")


def test_the_write_history_changes_by_whole_generations_not_by_rewriting_the_sheet(new_workbook: Path, monkeypatch):
    from demarche_xl.share import history
    from demarche_xl.share.history import FINGERPRINT_SHEET, read_history
    from demarche_xl.store.file_store import FileStore

    monkeypatch.setattr(history, "MAX_GENERATIONS", 3)  # the oldest generation goes sooner: fewer writes to test
    for count in range(history.MAX_GENERATIONS + 2):  # the team adds a constraint, a step runs: one more generation
        wb = openpyxl.load_workbook(new_workbook)
        wb["Contraintes"].append(["Séparés", f"E{count:03}", "E100", None, "ajoutée à la main"])
        wb.save(new_workbook)
        store = RemoteFileStore(new_workbook)
        write(store)
    position = FileStore(new_workbook).sheet_names().index(FINGERPRINT_SHEET)
    on_sheet = [a["func"] for a in store.applied_actions if a.get("sheet_position") == position]
    assert "rangeDelete" in on_sheet and "rangeClearContents" not in on_sheet  # the oldest dropped, one added
    found = read_history(FileStore(new_workbook))
    assert len(found.order) == history.MAX_GENERATIONS
    assert len(found.prints[found.current]["constraints"]) == history.MAX_GENERATIONS + 2


def test_rows_dropped_from_the_top_are_found_at_a_generation_boundary():
    from demarche_xl.store.live_store import dropped_rows

    header, a, b, c = ["g"], [["A", 1], ["A", 2]], [["B", 1]], [["C", 1], ["C", 2]]
    assert dropped_rows([header, *a, *b], [header, *b, *c]) == 2
    assert dropped_rows([header, *a], [header, *a, *b]) == 0
    assert dropped_rows([header, *a, *b], [header, *c]) == 3
    assert dropped_rows([header, *a, *b], [header, ["B", 9]]) == 3  # nothing in common: all replaced
