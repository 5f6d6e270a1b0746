"""Helpers for the documents' tests and benchmark: the example collège taken through the real steps, so every
document has real content, and the `produced` fixture (its documents, made once for the whole test session). No
test here."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from demarche_xl.example.fill import fill_example
from demarche_xl.runner import run_step
from demarche_xl.schema.registry import table
from demarche_xl.store.base import SheetWrite, WritePlan
from demarche_xl.store.file_store import FileStore
from demarche_xl.tableio import rows_from_frame
from demarche_xl.workbook.reader import WorkbookReader

TRICKY_NAME = ("Ève & Zoé", "<Test>")  # first name, last name: « Ève & Zoé <Test> »


def write_tables(path: Path, frames: dict[str, pd.DataFrame]) -> None:
    writes = [SheetWrite(table(k).sheet, table(k).headers, rows_from_frame(table(k), f), table=table(k))
              for k, f in frames.items()]
    FileStore(path).apply(WritePlan(writes))


def example_with_upstream(folder: Path, teachers: int = 55, seconds: int = 5, schools: int = 1) -> Path:
    """The example collège taken through the real steps (consolidation, groups, routes, référents, bilan), one
    teacher renamed « Ève & Zoé <Test> », and one proposed next step set aside by the team."""
    from demarche_xl.example.decisions import accept_proposals
    from demarche_xl.steps.groups import GROUPS
    from demarche_xl.steps.lead_teachers import LEAD_TEACHERS
    from demarche_xl.steps.review import REVIEW
    from demarche_xl.steps.routes import ROUTES
    from demarche_xl.steps.temps1 import CONSOLIDATE

    path = folder / "college.xlsx"
    fill_example(FileStore(path, must_exist=False), teachers=teachers, schools=schools)
    roster = WorkbookReader(FileStore(path)).table("teachers").drop(columns="_row")
    first = roster.index[roster["participates"] == True][0]  # noqa: E712
    roster.loc[first, ["first_name", "last_name"]] = TRICKY_NAME
    write_tables(path, {"teachers": roster})
    run_step(FileStore(path), CONSOLIDATE)
    accept_proposals(FileStore(path), "concern_ranking", "retained")  # the team retains the proposed concerns
    run_step(FileStore(path), GROUPS, {"time_limit": seconds, "restart": True, "without_catalyst": True})
    run_step(FileStore(path), ROUTES, {"time_limit": seconds})
    run_step(FileStore(path), LEAD_TEACHERS)
    run_step(FileStore(path), REVIEW)
    steps = WorkbookReader(FileStore(path)).table("next_steps").drop(columns="_row")
    steps.loc[steps.index[-1], "kept"] = False  # the team sets the last proposal aside
    write_tables(path, {"next_steps": steps})
    return path


MADE: dict[str, tuple] = {}  # one example per test session, whichever module imports the fixture first


@pytest.fixture(scope="session")
def produced(tmp_path_factory):
    """(workbook, documents folder, reader) after `demarche-xl documents` on the example collège; made once for
    the session (each test module imports this fixture, so it is cached here rather than by pytest)."""
    from demarche_xl.documents.produce import produce

    session = str(tmp_path_factory.getbasetemp())
    if session not in MADE:
        path = example_with_upstream(tmp_path_factory.mktemp("documents"))
        report = produce(path)
        assert not report.problems, [str(p) for p in report.problems]
        MADE[session] = (path, path.parent / "documents", WorkbookReader(FileStore(path)))
    return MADE[session]
