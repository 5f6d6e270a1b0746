"""What only the live store does: write every string as text (Excel would turn « 0612 » into a number), keep the
sheet's Excel table over the written rows, back up the file as last saved, and let Excel save once per step."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from demarche_xl.runner import run_step
from demarche_xl.steps.base import StepOutput, StepSpec
from demarche_xl.store.cells import excel_text
from demarche_xl.store.live_store import LiveStore
from fixtures.fake_xlwings import FakeBook

ROWS = [{"group_id": f"G{n // 3 + 1}", "teacher_id": f"E{n:03}", "name": f"=HYPERLINK(\"x{n}\")", "why": "007"}
        for n in range(7)]


def write(book, rows=ROWS) -> None:
    spec = StepSpec("groupes", "Former les groupes", reads=(), writes=("groups",),
                    run=lambda step_input: StepOutput(tables={"groups": pd.DataFrame(rows)}))
    run_step(LiveStore(book), spec)


def test_strings_are_written_as_text_and_never_as_formulas(new_workbook: Path):
    book = FakeBook(new_workbook)
    write(book)
    ws = openpyxl.load_workbook(new_workbook)["Groupes"]
    assert ws["I2"].value == "007" and ws["I2"].data_type == "s"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert excel_text("1/2") == "'1/2" and excel_text(3) == 3 and excel_text("") == ""


def test_the_excel_table_follows_the_written_rows(new_workbook: Path):
    book = FakeBook(new_workbook)
    tables = list(openpyxl.load_workbook(new_workbook)["Groupes"].tables.values())
    write(book)
    write(book, ROWS[:2])
    after = list(openpyxl.load_workbook(new_workbook)["Groupes"].tables.values())
    assert tables and tables[0].ref != after[0].ref  # the master workbook declares Excel tables
    assert after[0].ref.startswith("A1:") and after[0].ref.endswith("3")  # header + 2 rows


def test_backup_of_the_saved_file_then_one_save_per_step(new_workbook: Path):
    original = new_workbook.read_bytes()
    book = FakeBook(new_workbook)
    write(book)
    assert book.saves == 1
    backups = list((new_workbook.parent / "sauvegardes").glob("demarche_*.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == original


def test_home_sheet_with_merged_cells_is_rewritten(new_workbook: Path):
    book = FakeBook(new_workbook)
    store = LiveStore(book)
    assert "A2:E2" in store.merged_ranges("Accueil")
    write(book)
    rows = store.read_rows("Accueil")
    assert rows[0][0].startswith("Impulser") and any(r[3] and "Former les groupes" in str(r[3]) for r in rows)
