"""The runner: a step's run is logged in `Journal`, shown on `Accueil`, and refused on bad input without writing."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from demarche_xl.problems import Report, UserError
from demarche_xl.runner import run_step
from demarche_xl.steps.base import StepOutput, StepSpec
from demarche_xl.store.file_store import FileStore


def group_step(rows: list[dict]) -> StepSpec:
    def run(step_input):
        report = Report("Groupes")
        report.info(f"{len(rows)} enseignant(s) placé(s)")
        report.figures["Groupes formés"] = len({r["group_id"] for r in rows})
        return StepOutput(tables={"groups": pd.DataFrame(rows)}, report=report)

    return StepSpec("groupes", "Former les groupes", reads=("teachers",), writes=("groups",), run=run)


ROWS = [{"group_id": "G1", "teacher_id": "E001"}, {"group_id": "G2", "teacher_id": "E002"}]


def test_journal_and_home_record_the_run(new_workbook: Path):
    run_step(FileStore(new_workbook), group_step(ROWS))
    run_step(FileStore(new_workbook), group_step(ROWS[:1] + [{"group_id": "G1", "teacher_id": "E002"}]))
    wb = openpyxl.load_workbook(new_workbook)
    journal = [r for r in wb["Journal"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert [r[2] for r in journal] == ["groupes", "groupes"]
    assert "Groupes : 2 ajoutée(s), 0 modifiée(s), 0 retirée(s)" in journal[0][3]
    assert "Groupes : 0 ajoutée(s), 1 modifiée(s), 0 retirée(s)" in journal[1][3]
    home = {r[1]: r for r in wb["Accueil"].iter_rows(values_only=True) if r[1]}
    # the status tells the truth about the workbook, not only that a step named « groupes » ran: no teacher yet
    assert home["Former les groupes"][4] == "Bloqué : remplissez la feuille « Enseignants »"
    figures = {r[0]: r[1] for r in wb["Accueil"].iter_rows(values_only=True) if r[0]}
    assert figures["Groupes formés"] == 1


def test_bad_input_is_refused_with_sheet_row_column_and_nothing_written(new_workbook: Path):
    wb = openpyxl.load_workbook(new_workbook)
    wb["Enseignants"].append(["E001", "Roy", "Luc", None, "Latinus"])
    wb.save(new_workbook)
    original = new_workbook.read_bytes()
    with pytest.raises(UserError) as refused:
        run_step(FileStore(new_workbook), group_step(ROWS))
    text = str(refused.value)
    assert "feuille « Enseignants », ligne 2, colonne « Discipline »" in text
    assert "rien n'a été modifié" in text
    assert new_workbook.read_bytes() == original
