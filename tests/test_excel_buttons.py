"""What a click on a « Démarche » button does, on a stand-in for Excel: checks the workbook, runs the step through
the runner on the live store, shows progress and a French summary; refusals and crashes become French dialogs, a
crash's traceback goes to a log file whose path the dialog gives."""
from __future__ import annotations

import importlib
import sys
import tempfile
import types
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from demarche_xl.example.fill import fill_example
from demarche_xl.excel import session
from demarche_xl.excel.actions import ACTIONS
from demarche_xl.problems import UserError
from demarche_xl.steps.base import StepOutput, StepSpec
from demarche_xl.store.file_store import FileStore
from demarche_xl.workbook.reader import WorkbookReader
from fixtures.fake_xlwings import FakeApp, FakeBook


def spec_running(run) -> StepSpec:
    return StepSpec("groupes", "Former les groupes", reads=(), writes=("groups",), run=run)


def one_group(step_input) -> StepOutput:
    return StepOutput(tables={"groups": pd.DataFrame([{"group_id": "G1", "teacher_id": "E001"}])})


@pytest.fixture
def example(new_workbook: Path) -> Path:
    fill_example(FileStore(new_workbook), teachers=16, seed=2)
    return new_workbook


def click(name: str, path: Path, answers=None) -> FakeApp:
    app = FakeApp(answers)
    session.click(name, FakeBook(path, app))
    return app


def test_verify_shows_a_french_summary_and_gives_the_status_bar_back(example: Path):
    app = click("verifier", example)
    [(title, text, _)] = app.alerts
    assert title == "Démarche — Vérifier" and "Vérification du classeur : terminé" in text
    assert "en cours" in app.status_history[0] and app.status_history[-1] is False


def test_a_workbook_that_is_not_a_démarche_workbook_is_refused_in_french(tmp_path: Path):
    other = tmp_path / "budget.xlsx"
    openpyxl.Workbook().save(other)
    app = click("groupes", other)
    [(title, text, _)] = app.alerts
    assert "pas abouti" in title and "« budget.xlsx » n'est pas un classeur de la démarche" in text


def test_a_step_runs_through_the_runner_and_excel_saves(example: Path, monkeypatch):
    monkeypatch.setattr(session, "find_step", lambda name, hint="": spec_running(one_group))
    app = FakeApp()
    book = FakeBook(example, app)
    session.click("groupes", book)
    [(title, text, _)] = app.alerts
    assert title == "Démarche — Former les groupes" and "feuille « Journal »" in text and "terminé" in text
    assert book.saves == 1
    reader = WorkbookReader(FileStore(example))
    assert list(reader.table("groups")["teacher_id"]) == ["E001"]
    assert list(reader.table("run_log")["step"])[-1] == "groupes"


def test_a_step_not_installed_yet_says_so(example: Path, monkeypatch):
    monkeypatch.setattr(session, "find_step", lambda name, hint="": None)
    app = click("referents", example)
    assert "« Proposer les référents » n'est pas disponible" in app.alerts[0][1]


def test_a_refusal_lists_the_problems_and_changes_nothing(example: Path, monkeypatch):
    def refuse(step_input):
        raise UserError("il manque des catalyseurs", "cochez « Catalyseur » pour au moins 3 enseignants")

    monkeypatch.setattr(session, "find_step", lambda name, hint="": spec_running(refuse))
    before = example.read_bytes()
    app = click("groupes", example)
    [(title, text, _)] = app.alerts
    assert "pas abouti" in title and "il manque des catalyseurs → cochez" in text
    assert "n'a pas été modifié" in text and example.read_bytes() == before


def test_a_crash_gives_a_french_dialog_and_a_log_file(example: Path, monkeypatch, tmp_path: Path):
    def crash(step_input):
        raise RuntimeError("boum")

    monkeypatch.setattr(session, "find_step", lambda name, hint="": spec_running(crash))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    app = click("groupes", example)
    text = app.alerts[0][1]
    log = tmp_path / session.LOG_NAME
    assert "Erreur inattendue : RuntimeError — boum" in text and str(log) in text
    assert "Traceback" in log.read_text(encoding="utf-8") and "Former les groupes" in log.read_text("utf-8")


def test_help_lists_the_buttons_in_order(tmp_path: Path):
    app = FakeApp()
    session.click("aide", types.SimpleNamespace(app=app))
    text = app.alerts[0][1]
    positions = [text.index(a.label) for a in ACTIONS if a.name != "aide"]
    assert positions == sorted(positions) and "demarche-xl excel installer" in text


def test_documents_are_written_next_to_the_workbook_and_opening_is_offered(example: Path):
    app = click("documents", example, answers=["no"])
    assert "terminé" in app.alerts[0][1], app.alerts
    assert app.alerts[1][2] == "yes_no" and "Ouvrir le dossier" in app.alerts[1][1]
    assert list((example.parent / "documents").rglob("*.docx"))
    journal = WorkbookReader(FileStore(example)).table("run_log")
    assert list(journal["step"])[-1] == "documents" and "documents Word" in list(journal["summary"])[-1]


def test_each_add_in_module_main_clicks_its_button_on_the_caller_book(example: Path, monkeypatch):
    app = FakeApp()
    book = FakeBook(example, app)
    fake = types.ModuleType("xlwings")
    fake.Book = types.SimpleNamespace(caller=lambda: book)
    monkeypatch.setitem(sys.modules, "xlwings", fake)
    clicked = []
    monkeypatch.setattr(session, "click", lambda name, given: clicked.append((name, given)))
    for action in ACTIONS:
        importlib.import_module(action.module).main()
    assert clicked == [(a.name, book) for a in ACTIONS]
