"""The write history's shortcut: a write that finds the team tables as the current generation recorded them (digest
of their content in `_demarche`) keeps the history without working out fingerprints or reading `_empreintes`; any
edit typed in Excel, a workbook of an older version, a lost hidden sheet take the full way."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from demarche_xl.problems import Report
from demarche_xl.runner import log_run
from demarche_xl.schema.registry import META_SHEET
from demarche_xl.share import history
from demarche_xl.share.history import CONTENT_KEY, FINGERPRINT_SHEET, read_history, read_meta
from demarche_xl.store.file_store import FileStore


def write(path: Path) -> None:
    """A toolkit write that changes no team table (a run noted in `Journal`)."""
    log_run(FileStore(path), "documents", "Générer les documents", Report())


def edit(path: Path, change) -> None:
    """The team edits the workbook in Excel."""
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)


def teachers_typed(wb) -> None:
    for number in range(1, 4):
        wb["Enseignants"].append([f"E00{number}", f"Nom {number}", "Lucie", f"e{number}@ac-test.fr", "Maths"])


def refuse(*args, **kwargs):
    raise AssertionError("the shortcut was not taken")


@pytest.fixture
def book(new_workbook: Path) -> Path:
    edit(new_workbook, teachers_typed)
    write(new_workbook)
    return new_workbook


def state(path: Path) -> tuple[list[str], str]:
    store = FileStore(path)
    found = read_history(store)
    return found.order, str(read_meta(store).get(CONTENT_KEY))


def test_a_write_records_the_content_of_the_generation_and_the_next_one_reads_no_fingerprint(book, monkeypatch):
    order, content = state(book)
    assert content.split(" ")[0] == order[-1] and len(content.split(" ")[1]) == 32
    assert len(read_history(FileStore(book)).prints[order[-1]]["teachers"]) == 3

    monkeypatch.setattr(history, "stored_rows", refuse)
    monkeypatch.setattr(history, "current_prints", refuse)
    write(book)
    monkeypatch.undo()
    assert state(book) == (order, content)


def test_an_edit_typed_in_excel_makes_a_new_generation(book):
    order, content = state(book)
    edit(book, lambda wb: wb["Enseignants"].cell(row=3, column=4, value="autre@ac-test.fr"))
    write(book)
    after, new_content = state(book)
    assert after[:-1] == order and after[-1] != order[-1]
    assert new_content.startswith(after[-1]) and new_content != content
    prints = read_history(FileStore(book)).prints
    assert prints[after[-1]]["teachers"] != prints[order[-1]]["teachers"]
    write(book)  # and nothing more when nothing more changed
    assert state(book) == (after, new_content)


def test_a_workbook_of_an_older_version_gets_the_content_recorded_without_a_new_generation(book, monkeypatch):
    order, content = state(book)
    edit(book, lambda wb: [row[0].__setattr__("value", None) or row[1].__setattr__("value", None)
                           for row in wb[META_SHEET].iter_rows(min_row=2) if row[0].value == CONTENT_KEY])
    assert CONTENT_KEY not in read_meta(FileStore(book))
    monkeypatch.setattr(history, "read_history", refuse)  # the rows are compared as text, none parsed
    write(book)
    monkeypatch.undo()
    assert state(book) == (order, content)


def test_a_lost_hidden_sheet_is_written_again(book):
    order, content = state(book)
    edit(book, lambda wb: wb.remove(wb[FINGERPRINT_SHEET]))
    write(book)
    after, _ = state(book)
    assert FINGERPRINT_SHEET in FileStore(book).sheet_names() and len(after) == len(order) + 1
    assert len(read_history(FileStore(book)).prints[after[-1]]["teachers"]) == 3


def test_equal_content_equal_digest_and_any_type_or_value_change_tells():
    import pandas as pd

    frame = pd.DataFrame({"teacher_id": ["E001", "E002"], "comfort": [3, None], "catalyst": [True, False]},
                         dtype=object)
    digest = history.content_digest({"teachers": frame})
    assert digest == history.content_digest({"teachers": frame.copy()})
    for column, value in (("comfort", 3.0), ("catalyst", 1), ("teacher_id", "E001 ")):
        changed = frame.copy()
        changed[column] = changed[column].astype(object)
        changed.loc[0, column] = value
        assert history.content_digest({"teachers": changed}) != digest, (column, value)


def test_with_every_team_table_empty_each_write_still_starts_a_generation():
    """As before the shortcut: a generation without rows is not found again, so each write adds one."""
    import pandas as pd

    from demarche_xl.schema.registry import tracked_tables
    from demarche_xl.store.base import WritePlan

    class Sheets:  # the hidden sheets as a store reads them, updated by each plan
        def __init__(self):
            self.sheets = {META_SHEET: [["clé", "valeur"]]}

        def sheet_names(self):
            return list(self.sheets)

        def read_rows(self, sheet):
            return self.sheets[sheet]

        def apply(self, plan):
            meta = {r[0]: r[1] for r in self.sheets[META_SHEET][1:]}
            meta.update(plan.meta)
            self.sheets[META_SHEET] = [["clé", "valeur"], *[[k, v] for k, v in meta.items()]]
            self.sheets.update(plan.hidden_sheets)

    store, empty = Sheets(), {t.key: pd.DataFrame(columns=[c.key for c in t.columns]) for t in tracked_tables()}
    for writes in range(1, 4):
        plan = WritePlan()
        history.record(plan, store, empty, lambda key: empty[key])
        store.apply(plan)
        assert len(read_history(store).order) == writes and CONTENT_KEY not in read_meta(store)
