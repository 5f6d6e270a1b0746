"""Excel's limits at every write: a text longer than a cell holds is cut with a visible marker and a report line
naming sheet, row and column; a sheet past Excel's rows or columns, or a sheet name Excel refuses, is refused before
anything is written; the workbook opens in LibreOffice without repair."""
from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from demarche_xl.problems import UserError
from demarche_xl.schema.registry import table
from demarche_xl.store import limits
from demarche_xl.store.base import CELLS, RAW, SheetWrite, WritePlan
from demarche_xl.store.file_store import FileStore

from conftest import soffice_convert


def test_a_40000_character_answer_is_cut_with_a_marker_and_said(new_workbook: Path, tmp_path: Path, cli):
    export = tmp_path / "export.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["Horodateur", "Nom", "Prénom", "Commentaire"],
                                      ["01/10/2026 10:00", "Ève", "Zoé", "é" * 40_000],
                                      ["02/10/2026 10:00", "Lou", "Léa", "court"]])
    code, out = cli("importer", new_workbook, export)
    assert code == 0, out
    assert "ligne 2, colonne « Commentaire »" in " ".join(out.split()) and "coupé" in out
    ws = openpyxl.load_workbook(new_workbook)["Q - Google Forms"]
    cut = ws["D2"].value
    assert len(cut) == limits.MAX_TEXT and cut.startswith("é" * 30_000) and cut.endswith("]")
    assert "texte coupé par demarche-xl : 40 000 caractères" in cut.replace("\u00a0", " ")
    assert ws["D3"].value == "court"
    soffice_convert(new_workbook, "pdf")


def test_every_kind_of_write_is_fitted(new_workbook: Path):
    groups = table("groups")
    long = "x" * 40_000
    plan = WritePlan([SheetWrite(groups.sheet, groups.headers, [["G1", "E001", long]], table=groups),
                      SheetWrite("Enseignants", [], [[2, 11, long]], kind=CELLS)])
    problems = limits.fit(plan)
    assert [(p.sheet, p.row, p.column) for p in problems] == [("Groupes", 2, "Nom"), ("Enseignants", 2, "K")]
    assert all(len(v) == limits.MAX_TEXT for v in (plan.writes[0].rows[0][2], plan.writes[1].rows[0][2]))
    assert limits.fit(plan) == []  # idempotent: the store fits the plan again without a second line
    FileStore(new_workbook).apply(plan)
    assert len(openpyxl.load_workbook(new_workbook)["Groupes"]["C2"].value) == limits.MAX_TEXT


@pytest.mark.parametrize("write, message", [
    (SheetWrite("Q - Un nom de source bien trop long pour Excel", ["a"], [], kind=RAW), "Excel en accepte 31"),
    (SheetWrite("Q - Lime:Survey", ["a"], [], kind=RAW), "qu'Excel refuse"),
    (SheetWrite("Q - Large", [f"c{i}" for i in range(limits.MAX_COLUMNS + 1)], [], kind=RAW), "16 384"),
    (SheetWrite("Enseignants", [], [[limits.MAX_ROWS + 1, 1, "x"]], kind=CELLS), "1 048 576"),
])
def test_past_excel_s_limits_is_refused_and_nothing_written(new_workbook: Path, write, message: str):
    before = new_workbook.read_bytes()
    with pytest.raises(UserError) as refused:
        FileStore(new_workbook).apply(WritePlan([write]))
    assert message in str(refused.value).replace("\u00a0", " ") and "rien n'a été modifié" in str(refused.value)
    assert new_workbook.read_bytes() == before


def test_more_rows_than_a_sheet_holds_are_refused_without_building_them(new_workbook: Path):
    rows = [["x"]] * limits.MAX_ROWS  # the header makes one more
    with pytest.raises(UserError, match="1\u00a0048\u00a0577 lignes"):
        limits.fit(WritePlan([SheetWrite("Q - Papier", ["titre"], rows, kind=RAW)]))
