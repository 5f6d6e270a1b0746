"""Notes the team types in free cells are kept or named: on Accueil (to the right of the page, beside a key figure,
below the figures) through any step and through the Excel door; a note the new page would cover is refused naming
its cell; a note typed below a step's table is named as such instead of « cellule obligatoire vide »."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from fixtures.decisions import retain_most_cited
from fixtures.fake_xlwings import FakeApp, FakeBook


@pytest.fixture
def example(cli, tmp_path: Path) -> Path:
    path = tmp_path / "college.xlsx"
    assert cli("exemple", path, "--enseignants", 16)[0] == 0
    return path


def figures_end(ws) -> int:
    header = next(c.row for c in ws["A"] if c.value == "Chiffres clés")
    row = header + 1
    while ws.cell(row=row, column=1).value not in (None, ""):
        row += 1
    return row


def type_notes(path: Path) -> dict[str, str]:
    wb = openpyxl.load_workbook(path)
    ws = wb["Accueil"]
    end = figures_end(ws)
    notes = {"H3": "réunion du 12 : valider", f"C{end - 1}": "chiffre à vérifier", f"A{end + 8}": "penser au CDI"}
    for ref, text in notes.items():
        ws[ref] = text
    wb.save(path)
    return notes


def notes_in(path: Path, notes: dict[str, str]) -> dict[str, object]:
    ws = openpyxl.load_workbook(path)["Accueil"]
    return {ref: ws[ref].value for ref in notes}


def test_notes_on_accueil_survive_the_steps(cli, example: Path):
    notes = type_notes(example)
    for command in ("pilotage", "consolider", "groupes"):
        code, out = cli(command, example)
        assert code == 0, out
        assert notes_in(example, notes) == notes, command
        if command == "consolider":  # the team retains its concerns before the groups are formed
            retain_most_cited(example)


def test_notes_on_accueil_survive_the_excel_door(example: Path):
    from demarche_xl.excel import session

    notes = type_notes(example)
    app = FakeApp()
    session.click("pilotage", FakeBook(example, app))
    assert "pas abouti" not in app.alerts[-1][0], app.alerts
    assert notes_in(example, notes) == notes


def test_a_note_the_page_would_cover_is_refused_naming_its_cell(cli, example: Path):
    assert cli("pilotage", example)[0] == 0  # one key figure: its late tasks
    assert cli("consolider", example)[0] == 0
    retain_most_cited(example)
    wb = openpyxl.load_workbook(example)
    ws = wb["Accueil"]
    ref = f"A{figures_end(ws)}"  # just below the figures: the groups add theirs there
    ws[ref] = "ne pas effacer"
    wb.save(example)
    before = example.read_bytes()
    code, out = cli("groupes", example)
    assert code == 1, out
    assert f"la note « ne pas effacer » de la cellule {ref}" in " ".join(out.split())
    assert "colonne F ou plus à droite" in " ".join(out.split())
    assert example.read_bytes() == before


def test_a_note_below_a_table_is_named_as_a_note(cli, example: Path):
    wb = openpyxl.load_workbook(example)
    ws = wb["Enseignants"]
    row = ws.max_row + 3
    ws.cell(row=row, column=3, value="à relancer en juin")
    wb.save(example)
    code, out = cli("consolider", example)  # it reads Enseignants
    assert code == 1
    said = " ".join(out.split())
    assert f"ligne {row}, colonne « Prénom » : « à relancer en juin » est tapé seul" in said
    assert "colonne sans en-tête à droite du tableau" in said and "cellule obligatoire vide" not in said
    code, out = cli("verifier", example)
    assert code == 1 and "à relancer en juin" in out


def test_a_note_in_a_column_without_header_stays_beside_the_step_s_table(cli, example: Path):
    assert cli("consolider", example)[0] == 0
    retain_most_cited(example)
    assert cli("groupes", example)[0] == 0
    wb = openpyxl.load_workbook(example)
    ws = wb["Groupes"]
    free = ws.max_column + 2
    ws.cell(row=3, column=free, value="voir avec la direction")
    wb.save(example)
    assert cli("groupes", example, "--tout-refaire")[0] == 0
    assert openpyxl.load_workbook(example)["Groupes"].cell(row=3, column=free).value == "voir avec la direction"


def test_a_note_below_a_table_the_step_rewrites_is_named_not_erased(cli, example: Path):
    assert cli("consolider", example)[0] == 0
    wb = openpyxl.load_workbook(example)
    ws = wb["Préoccupations"]
    row = max(c.row for c in ws["A"] if c.value) + 3
    ws.cell(row=row, column=1, value="à discuter en conseil pédagogique")
    wb.save(example)
    before = example.read_bytes()
    code, out = cli("consolider", example)
    said = " ".join(out.split())
    assert code == 1 and f"« Préoccupations », ligne {row}, colonne « Préoccupation »" in said
    assert "« à discuter en conseil pédagogique » est tapé sous le tableau que l'étape réécrit" in said
    assert example.read_bytes() == before
