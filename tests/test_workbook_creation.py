"""`nouveau` creates the master workbook from the declarations; `--dans` completes an existing workbook."""
from __future__ import annotations

from pathlib import Path

import openpyxl

from demarche_xl.schema.registry import ALL_TABLES, META_SHEET, SCHEMA_VERSION, sheet_order
from demarche_xl.schema.lists import DISCIPLINES

from conftest import soffice_convert


def test_new_workbook_has_every_sheet_as_a_named_table(cli, tmp_path: Path):
    path = tmp_path / "demarche.xlsx"
    code, output = cli("nouveau", path)
    assert code == 0, output
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[: len(sheet_order())] == sheet_order()
    for declared in ALL_TABLES:
        ws = wb[declared.sheet]
        assert [c.value for c in ws[1]][: len(declared.columns)] == declared.headers, declared.sheet
        assert declared.excel_name in ws.tables, declared.sheet
        assert ws.freeze_panes == "A2"
    assert wb[META_SHEET].sheet_state == "hidden"
    meta = {row[0]: row[1] for row in wb[META_SHEET].iter_rows(values_only=True)}
    assert meta["version_schema"] == str(SCHEMA_VERSION)


def test_dropdowns_and_input_messages(new_workbook: Path):
    wb = openpyxl.load_workbook(new_workbook)
    ws = wb["Enseignants"]
    rules = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    assert rules["E2"].type == "list" and rules["E2"].formula1 == DISCIPLINES.name  # Discipline → Listes
    assert rules["G2"].formula1 == '"Oui,Non"'  # Catalyseur
    assert "catalyseur" in rules["G2"].prompt.lower()
    assert DISCIPLINES.name in wb.defined_names
    lists = [c.value for c in wb["Listes"]["A"]][1:]
    assert lists[: len(DISCIPLINES.values)] == list(DISCIPLINES.values)
    params = {r[0]: r[1] for r in wb["Paramètres"].iter_rows(min_row=2, values_only=True)}
    assert params["Taille maximale des groupes"] == 6


def test_new_workbook_opens_in_libreoffice(new_workbook: Path):
    soffice_convert(new_workbook, "pdf")


def test_into_existing_workbook_keeps_everything(cli, tmp_path: Path):
    path = tmp_path / "mon-classeur.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Enseignants"  # the team's own roster, with its own layout
    wb.active.append(["ID", "Nom", "Prénom", "Discipline", "Remarque perso"])
    wb.active.append(["X1", "Roy", "Luc", "Latin", "garde ça"])
    wb.create_sheet("Budget").append(["Tablettes", 12000])
    wb.save(path)
    code, output = cli("nouveau", "--dans", path)
    assert code == 0, output
    assert "1 feuille déjà présente, gardée telle quelle : Enseignants" in output.replace("\n", " ")
    wb = openpyxl.load_workbook(path)
    assert [c.value for c in wb["Enseignants"][2]] == ["X1", "Roy", "Luc", "Latin", "garde ça"]
    assert wb["Budget"]["B1"].value == 12000
    assert "Groupes" in wb.sheetnames and "Accueil" in wb.sheetnames


def test_new_refuses_to_overwrite(cli, new_workbook: Path):
    original = new_workbook.read_bytes()
    code, output = cli("nouveau", new_workbook)
    assert code == 1 and "existe déjà" in output
    assert new_workbook.read_bytes() == original
