"""Each script of the workbook's xlwings Lite task pane, run by xlwings' real remote engine from the payload the
add-in sends (only the sheets the script asks for), writes the same tables as the CLI step on the same workbook:
the example collège is taken through the whole method, and at every step one copy gets the CLI, the other the
script whose actions are applied to the file."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from demarche_xl.door_words import for_lite
from demarche_xl.lite.run import step_spec
from demarche_xl.schema.registry import ALL_TABLES, HOME_SHEET, TOOL_SHEET
from demarche_xl.store.file_store import FileStore
from demarche_xl.validate import verify
from demarche_xl.workbook.reader import WorkbookReader
from fixtures.lite_run import click
from conftest import LITE_CHAIN

STAMP = re.compile(r"Fait le \d\d/\d\d/\d{4} à \d\d:\d\d")


def tables(path: Path) -> dict[str, pd.DataFrame]:
    reader = WorkbookReader(FileStore(path))
    out = {}
    for declared in ALL_TABLES:
        frame = reader.table(declared.key).drop(columns=["_row", "row_id"], errors="ignore")
        if declared.key == "run_log":
            frame = frame.drop(columns=["when", "user"])
        out[declared.key] = frame
    return out


def home(path: Path) -> list[list[object]]:
    return [[STAMP.sub("Fait le …", v) if isinstance(v, str) else v for v in row]
            for row in FileStore(path).read_rows(HOME_SHEET)]


@pytest.mark.parametrize("function, step", LITE_CHAIN, ids=[step for _, step in LITE_CHAIN])
def test_a_lite_script_writes_what_the_cli_writes(lite_chain, tmp_path: Path, function: str, step: str):
    before, after_cli = lite_chain[step]
    lite = tmp_path / "lite.xlsx"
    shutil.copy(before, lite)
    result = click(lite, function)
    assert "terminé" in result.plain and result.applied.saves == 1, result.plain
    assert result.applied.formulas == [] and result.applied.hidden_writes == []
    expected, got = tables(after_cli), tables(lite)
    written = step_spec(step).writes
    assert all(len(expected[key]) for key in written), {key: len(expected[key]) for key in written}
    for key in expected:
        pd.testing.assert_frame_equal(got[key], expected[key], check_dtype=False, obj=f"{step} : {key}")
    assert home(lite) == home(after_cli)


def test_verify_reports_what_the_cli_reports_and_writes_nothing(lite_chain, tmp_path: Path):
    path = tmp_path / "lite.xlsx"
    shutil.copy(lite_chain["groupes"][1], path)
    result = click(path, "verifier_le_classeur")
    assert result.actions == []
    expected = verify(FileStore(path))
    assert result.plain.startswith(f"{expected.title} : terminé.")
    # the same lines, a step to run named by the pane's script instead of its command (`door_words`)
    assert all(for_lite(line) in result.plain for line in expected.lines)
    assert all(for_lite(str(problem)) in result.plain for problem in expected.problems)


def test_every_cli_step_keeps_the_door_byte_for_byte(lite_chain):
    kept = door_parts(lite_chain[""][0])
    assert kept and all(door_parts(after) == kept for _before, after in lite_chain.values())


def door_parts(path: Path) -> dict[str, object]:
    """The xlwings Lite parts of a workbook (bytes) and the rows of its package sheet."""
    import zipfile

    with zipfile.ZipFile(path) as package:
        found = {name: package.read(name) for name in package.namelist() if name.startswith("xl/webextensions/")}
    found[TOOL_SHEET] = FileStore(path).read_rows(TOOL_SHEET)
    return found
