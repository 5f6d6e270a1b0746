"""What a click on « Lancer l'étape » does: the step chosen on Accueil read through xlwings' remote engine (the
selection and the Accueil row); then, on a stand-in for Excel, checks the workbook, runs the step through the
runner on the live store, shows progress and a French summary; refusals and crashes become French dialogs, a
crash's traceback goes to a log file whose path the dialog gives."""
from __future__ import annotations

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
    assert positions == sorted(positions) and "python -m demarche_xl excel installer" in text
    assert "sur la feuille « Accueil », cliquez sur la ligne de l'étape" in text


def test_documents_are_written_next_to_the_workbook_and_opening_is_offered(example: Path):
    app = click("documents", example, answers=["no"])
    assert "terminé" in app.alerts[0][1], app.alerts
    assert app.alerts[1][2] == "yes_no" and "Ouvrir le dossier" in app.alerts[1][1]
    assert list((example.parent / "documents").rglob("*.docx"))
    journal = WorkbookReader(FileStore(example)).table("run_log")
    assert list(journal["step"])[-1] == "documents" and "document(s) Word" in list(journal["summary"])[-1]


def remote_book(path: Path, sheet: str, cell: str):
    """The workbook as xlwings' remote engine (the one of xlwings Lite) holds it: values and selection (the
    license key for it is set in conftest)."""
    import xlwings as xw

    workbook = openpyxl.load_workbook(path)
    sheets = [{"name": ws.title, "values": [list(r) for r in ws.iter_rows(values_only=True)] or [[None]],
               "pictures": [], "tables": [], "charts": []} for ws in workbook.worksheets]
    active = workbook.sheetnames.index(sheet)
    return xw.Book(json={"client": "Office.js", "version": xw.__version__, "names": [], "sheets": sheets,
                         "book": {"name": path.name, "active_sheet_index": active, "selection": cell}})


def home_row(path: Path, label: str) -> int:
    ws = openpyxl.load_workbook(path)["Accueil"]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == label)


def test_the_step_chosen_on_accueil_is_the_one_run(new_workbook: Path):
    from demarche_xl.excel.choice import chosen

    for label, expected in (("Former les groupes", "groupes"), ("Construire les parcours", "parcours"),
                            ("Fusionner la copie d'un collègue", "fusionner"),
                            ("Renseigner l'établissement, les enseignants et les listes", "verifier")):
        row = home_row(new_workbook, label)
        for column in "ABE":  # any cell of the step's row
            choice = chosen(remote_book(new_workbook, "Accueil", f"{column}{row}"))
            assert (choice.action.name, choice.note) == (expected, ""), (label, column)


def test_without_a_step_chosen_the_button_explains_in_french(new_workbook: Path):
    from demarche_xl.excel.choice import chosen

    importing = home_row(new_workbook, "Importer les réponses (LimeSurvey, Google Forms, Microsoft Forms, papier)")
    for sheet, cell, said in (("Accueil", "A1", "n'est pas une étape"),
                              ("Enseignants", "B3", "la feuille active est « Enseignants »"),
                              ("Accueil", f"B{importing}",
                               "se lance en ligne de commande (invite de commandes ou Terminal) : demarche-xl importer")):
        choice = chosen(remote_book(new_workbook, sheet, cell))
        assert choice.action.name == "aide" and said in choice.note, choice
    app = FakeApp()
    session.click("aide", types.SimpleNamespace(app=app), "la ligne 1 de la feuille « Accueil » n'est pas une étape.")
    assert app.alerts[0][1].startswith("Pas d'étape lancée : la ligne 1 de la feuille « Accueil » n'est pas une étape.")


def test_the_add_in_module_runs_the_chosen_step_on_the_caller_book(new_workbook: Path, monkeypatch):
    import xlwings as xw

    from demarche_xl.excel import lancer

    book = remote_book(new_workbook, "Accueil", f"D{home_row(new_workbook, 'Consolider les questionnaires')}")
    monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda: book))
    clicked = []
    monkeypatch.setattr(session, "click", lambda name, given, note="": clicked.append((name, given, note)))
    lancer.main()
    assert clicked == [("consolider", book, "")]


def test_every_step_row_of_accueil_leads_to_its_button_or_its_command():
    from demarche_xl.catalog import STEPS
    from demarche_xl.excel.choice import action_for_row
    from demarche_xl.workbook.home import ROW, home_rows

    rows = [r[1:] for r in home_rows("Collège", "2026-2027", {}, {}) if r[0] == ROW]
    assert len(rows) == len(STEPS)
    for step, row in zip(STEPS, rows):
        found, command = action_for_row(row)
        if step.button:
            assert found is not None and found.label == step.button, step
        else:
            assert found is None and command == f"demarche-xl {step.command.split(' ')[0]}", step
