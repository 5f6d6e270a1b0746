"""The contract every store honours, run on the file store and on the live store driven by xlwings' remote engine
(xlwings Lite's: the book payload built from the file, the returned actions applied to it): same sheets and rows read,
only the step's sheets and columns written, team columns kept, raw tabs placed, bookkeeping hidden, merged cells
reported (by the file store: the remote engine cannot read them), and the same tables read back whichever store
wrote them."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from demarche_xl.example.fill import fill_example
from demarche_xl.problems import WARNING
from demarche_xl.runner import run_step
from demarche_xl.schema.registry import META_SHEET, SCHEMA_VERSION
from demarche_xl.steps.base import StepOutput, StepSpec
from demarche_xl.store.file_store import FileStore
from demarche_xl.validate import schema_version, verify
from demarche_xl.workbook.reader import WorkbookReader
from fixtures.lite_run import RemoteFileStore

ROWS = [
    {"group_id": "G1", "teacher_id": "E001", "name": "Zoé Ève", "discipline": "Français", "catalyst": True,
     "concern": "Évaluer autrement", "why": "0612"},
    {"group_id": "G1", "teacher_id": "E002", "name": "Luc Roy", "discipline": "Anglais", "catalyst": False,
     "concern": "Évaluer autrement", "why": "1/2"},
]
STORES = ["fichier", "lite"]


def open_store(kind: str, path: Path):
    """A store on `path`: a new FileStore, or the live store of the workbook « open in Excel » with xlwings Lite."""
    return FileStore(path) if kind == "fichier" else RemoteFileStore(path)


def groups_spec(rows=ROWS, raw=None) -> StepSpec:
    return StepSpec("groupes", "Former les groupes", reads=(), writes=("groups",),
                    run=lambda step_input: StepOutput(tables={"groups": pd.DataFrame(rows)}, raw=raw or {}))


@pytest.mark.parametrize("kind", STORES)
def test_reads_the_sheets_and_rows_of_a_new_workbook(kind, new_workbook: Path):
    store = open_store(kind, new_workbook)
    assert store.sheet_names() == openpyxl.load_workbook(new_workbook).sheetnames
    expected = [c.value for c in openpyxl.load_workbook(new_workbook)["Enseignants"][1] if c.value is not None]
    assert store.read_rows("Enseignants")[0][:len(expected)] == expected
    assert store.read_rows("Feuille absente") == []
    assert len(store.read_rows("Enseignants")) == 1  # header only: trailing blank rows are not returned


@pytest.mark.parametrize("kind", STORES)
def test_a_step_writes_its_table_journal_and_home(kind, new_workbook: Path):
    store = open_store(kind, new_workbook)
    run_step(store, groups_spec())
    reader = WorkbookReader(open_store(kind, new_workbook))
    groups = reader.table("groups")
    assert list(groups["teacher_id"]) == ["E001", "E002"]
    assert list(groups["catalyst"]) == [True, False]
    assert list(groups["why"]) == ["0612", "1/2"]  # text stays text, never a number or a date
    assert list(reader.table("run_log")["step"]) == ["groupes"]
    home = [str(v) for row in reader.store.read_rows("Accueil") for v in row if v]
    assert any(v.startswith("Fait le") for v in home)
    assert schema_version(reader.store) == SCHEMA_VERSION


@pytest.mark.parametrize("kind", STORES)
def test_team_columns_follow_their_rows_and_notes_without_header_stay(kind, new_workbook: Path):
    run_step(open_store(kind, new_workbook), groups_spec())
    wb = openpyxl.load_workbook(new_workbook)
    ws = wb["Groupes"]
    ws.cell(row=1, column=12, value="Note de l'équipe")
    ws.cell(row=3, column=12, value="à rappeler")
    ws.cell(row=2, column=14, value="note libre")  # no header: the team's scratch area
    wb.save(new_workbook)
    run_step(open_store(kind, new_workbook), groups_spec(list(reversed(ROWS))))
    ws = openpyxl.load_workbook(new_workbook)["Groupes"]
    note = [c.value for c in ws[1]].index("Note de l'équipe") + 1
    assert ws.cell(row=2, column=2).value == "E002" and ws.cell(row=2, column=note).value == "à rappeler"
    assert ws.cell(row=2, column=14).value == "note libre"


@pytest.mark.parametrize("kind", STORES)
def test_raw_tab_is_placed_before_correspondances_and_bookkeeping_is_hidden(kind, new_workbook: Path):
    raw = {"Q - Essai": [["Horodatage", "Discipline"], ["2024-09-12", "Maths"], ["2024-09-13", "=1+1"]]}
    run_step(open_store(kind, new_workbook), groups_spec(raw=raw))
    store = open_store(kind, new_workbook)
    names = store.sheet_names()
    assert names.index("Q - Essai") < names.index("Correspondances")
    assert store.read_rows("Q - Essai") == [["Horodatage", "Discipline"], ["2024-09-12", "Maths"],
                                            ["2024-09-13", "=1+1"]]
    wb = openpyxl.load_workbook(new_workbook)
    assert wb[META_SHEET].sheet_state == "hidden"
    assert all(c.data_type != "f" for row in wb["Q - Essai"].iter_rows() for c in row)


@pytest.mark.parametrize("kind", STORES)
def test_merged_cells_are_reported(kind, new_workbook: Path):
    wb = openpyxl.load_workbook(new_workbook)
    wb["Enseignants"].merge_cells("A3:B3")
    wb.save(new_workbook)
    store = open_store(kind, new_workbook)
    if kind == "lite":  # xlwings Lite cannot tell merged cells while a script runs: none are reported
        assert store.merged_ranges("Enseignants") == []
        assert not any("fusionnées" in str(p) for p in verify(store).problems)
        return
    assert "A3:B3" in store.merged_ranges("Enseignants")
    assert store.merged_ranges("Groupes") == []
    assert any("fusionnées" in str(p) for p in verify(store).problems)


@pytest.mark.parametrize("kind", STORES)
def test_example_collège_written_through_the_store_verifies_clean(kind, new_workbook: Path):
    report = fill_example(open_store(kind, new_workbook), teachers=16, seed=3)
    assert report.lines
    problems = [p for p in verify(open_store(kind, new_workbook)).problems if p.severity != WARNING]
    assert problems == []


def test_both_stores_write_the_same_tables(tmp_path: Path, new_workbook: Path):
    copies = {}
    for kind in STORES:
        copies[kind] = tmp_path / f"{kind}.xlsx"
        copies[kind].write_bytes(new_workbook.read_bytes())
        fill_example(open_store(kind, copies[kind]), teachers=16, seed=3)
        run_step(open_store(kind, copies[kind]), groups_spec())
    readers = {kind: WorkbookReader(FileStore(path)) for kind, path in copies.items()}
    for key in ("teachers", "workshops", "slots", "groups", "free_choices"):
        for kind in STORES:  # both stores write the row ids, which are random: compared apart
            ids = readers[kind].table(key).get("row_id")
            assert ids is None or ids.notna().all(), (kind, key)
        left, right = (readers[k].table(key).drop(columns=["_row", "row_id"], errors="ignore") for k in STORES)
        pd.testing.assert_frame_equal(left, right, check_dtype=False, obj=key)
