"""Pilotage from the CLI: the default roadmap and stakeholders on an empty workbook, late and blocked tasks at a
given date (also counted on Accueil), a roadmap the team typed left untouched except « Alerte » (formulas, added
columns, conditional formatting included); and the column-ownership guard refusing a step that would overwrite
a column the team owns."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest
from fixtures.after_workbooks import read_table

from demarche_xl.problems import Report, UserError
from demarche_xl.runner import run_step
from demarche_xl.schema.lists import PHASES
from demarche_xl.steps.base import StepOutput, StepSpec
from demarche_xl.store.file_store import FileStore


def home_figure(path, label: str):
    for row in openpyxl.load_workbook(path)["Accueil"].iter_rows(values_only=True):
        if row[0] == label:
            return row[1]
    return None


def test_default_roadmap_and_stakeholders_with_late_tasks_at_a_date(new_workbook, cli):
    code, out = cli("pilotage", new_workbook, "--date", "15/01/2027")
    assert code == 0, out
    roadmap = read_table(new_workbook, "roadmap")
    assert len(roadmap) >= 20 and set(roadmap["phase"]) == set(PHASES.values)
    assert (roadmap["status"] == "À faire").all() and roadmap["owner"].notna().all()
    assert roadmap["start"].min() >= dt.datetime(2026, 9, 14)  # Paramètres: start date, 3 terms
    assert roadmap["due"].max() <= dt.datetime(2026, 9, 14) + dt.timedelta(days=3 * 92)
    assert (roadmap["start"] <= roadmap["due"]).all()
    for words in ("questionnaire", "conseil pédagogique", "animateur", "groupes", "parcours", "impressions",
                  "référents", "mise en pratique", "satisfaction", "bilan", "Comité de pilotage"):
        assert roadmap["task"].str.contains(words, case=False).any(), words
    late = roadmap["due"] < dt.datetime(2027, 1, 15)
    assert (roadmap.loc[late, "flag"] == "En retard").all() and roadmap.loc[~late, "flag"].isna().all()
    assert home_figure(new_workbook, "Tâches en retard ou bloquées") == late.sum() > 0
    stakeholders = read_table(new_workbook, "stakeholders")
    for who in ("Équipe projet", "Direction", "DANE", "animateurs", "Conseil pédagogique", "Parents",
                "Collectivité", "conseil d'administration"):
        assert stakeholders["stakeholder"].str.contains(who, case=False).any(), who
    assert set(stakeholders["role"]) == {"À mobiliser", "À informer"}


def team_roadmap(path) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Feuille de route"]
    rows = [
        ("T1", "Pilotage", "Réunir le comité\nde pilotage", "=\"Direction\"", dt.datetime(2026, 9, 1),
         dt.datetime(2026, 10, 1), "Terminée", None, "fait en salle B12"),
        ("T2", "Temps 1 - État des lieux", "- relancer les collègues", "Mme Martin", dt.datetime(2026, 10, 1),
         dt.datetime(2026, 11, 30), "En cours", "à effacer", None),
        ("T3", "Temps 2 - Ateliers", "Trouver les animateurs", "DANE", None, dt.datetime(2027, 3, 1), "Bloquée",
         None, None),
        ("T4", "Bilan", "Fiche de bilan", "", None, dt.datetime(2027, 6, 1), "À faire", None, None),
    ]
    ws.cell(1, 9).value = "Notes"
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(r, c).value = value
    wb.save(path)


def cells(path, sheet: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def test_a_roadmap_the_team_typed_is_untouched_except_alerte(new_workbook, cli):
    team_roadmap(new_workbook)
    before = cells(new_workbook, "Feuille de route")
    rules_before = len(openpyxl.load_workbook(new_workbook)["Feuille de route"].conditional_formatting)
    code, out = cli("pilotage", new_workbook, "--date", "01/12/2026")
    assert code == 0, out
    after = cells(new_workbook, "Feuille de route")
    assert [r[:7] + r[8:] for r in after] == [r[:7] + r[8:] for r in before]  # formula, line break, dash kept
    assert after[1][3] == '="Direction"' and after[2][2] == "- relancer les collègues"
    assert [r[7] for r in after[1:5]] == [None, "En retard", "Bloquée", None]
    assert home_figure(new_workbook, "Tâches en retard ou bloquées") == 2
    ws = openpyxl.load_workbook(new_workbook)["Feuille de route"]
    assert len(ws.conditional_formatting) == rules_before >= 1  # late rows red, blocked orange: still there
    assert "Feuille de route de l'équipe gardée" in out and "ligne 3" in out


def test_stakeholders_the_team_typed_are_kept(new_workbook, cli):
    wb = openpyxl.load_workbook(new_workbook)
    wb["Parties prenantes"].append(["Pilotage", "Mairie", "À informer", "Travaux du préau", "M. le maire"])
    wb.save(new_workbook)
    assert cli("pilotage", new_workbook)[0] == 0
    assert cells(new_workbook, "Parties prenantes")[1][:5] == ("Pilotage", "Mairie", "À informer", "Travaux du préau",
                                                          "M. le maire")
    assert len(read_table(new_workbook, "stakeholders")) == 1


def rogue(change) -> StepSpec:
    """A step named like pilotage that also touches what the team owns."""
    def run(step):
        return StepOutput({"roadmap": change(step.tables["roadmap"].copy())}, Report())
    return StepSpec("pilotage", "essai", (), ("roadmap",), run)


@pytest.mark.parametrize("change, words", [
    (lambda f: f.assign(task="Autre chose"), ["ligne 2", "« Tâche »", "remplacerait"]),
    (lambda f: f.iloc[:-1], ["retirerait des lignes"]),
    (lambda f: pd.concat([f, f.iloc[:1].assign(_row=None)]), ["ajouterait"]),
    (lambda f: f.drop(columns="_row"), ["réécrirait toute la feuille"]),
])
def test_the_ownership_guard_refuses_a_step_overwriting_a_team_column(new_workbook, change, words):
    team_roadmap(new_workbook)
    before = new_workbook.read_bytes()
    with pytest.raises(UserError) as refused:
        run_step(FileStore(new_workbook), rogue(change))
    text = str(refused.value)
    assert all(w in text for w in words) and "« Alerte »" in text and "rien n'a été modifié" in text
    assert new_workbook.read_bytes() == before


def test_the_owned_column_alone_is_written_and_an_empty_table_may_be_filled(new_workbook):
    def fill(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[0, ["task_id", "phase", "task"]] = ["X1", "Bilan", "Tâche"]
        return frame
    run_step(FileStore(new_workbook), rogue(fill))
    assert list(read_table(new_workbook, "roadmap")["task_id"]) == ["X1"]
    run_step(FileStore(new_workbook), rogue(lambda f: f.assign(flag="Bloquée")))
    row = cells(new_workbook, "Feuille de route")[1]
    assert row[:3] + row[7:8] == ("X1", "Bilan", "Tâche", "Bloquée")
    assert row[8]  # the row the step filled got its id


def test_bad_date_option_is_refused_in_french(new_workbook, cli):
    code, out = cli("pilotage", new_workbook, "--date", "32/13/2026")
    assert code == 1 and "jj/mm/aaaa" in out


def test_through_excel_only_the_alerte_cells_are_written(new_workbook):
    from fixtures.lite_run import RemoteFileStore

    from demarche_xl.steps.steering import STEERING

    team_roadmap(new_workbook)
    before = cells(new_workbook, "Feuille de route")
    run_step(RemoteFileStore(new_workbook), STEERING, today=dt.date(2026, 12, 1))
    after = cells(new_workbook, "Feuille de route")
    assert [r[:7] + r[8:] for r in after] == [r[:7] + r[8:] for r in before]
    assert [r[7] for r in after[1:5]] == [None, "En retard", "Bloquée", None]


def test_a_step_sharing_correspondances_may_not_touch_the_other_steps_rows(new_workbook):
    """`Correspondances` is written by consolider (rows of « Q - » tabs) and bilan (rows of « S - » tabs)."""
    from demarche_xl.runner import plan_for
    from demarche_xl.steps.base import StepOutput as Out
    from demarche_xl.workbook.reader import WorkbookReader

    rows = pd.DataFrame([{"tab": "Q - Forms", "source_column": "Nom", "question": "NOM", "status": "Confirmé"},
                         {"tab": "S - Forms", "source_column": "Nom", "question": "NOM", "status": "Proposé"}])
    store = FileStore(new_workbook)
    store.apply(plan_for(WorkbookReader(store), StepSpec("consolider", "essai", (), ("mapping",), None),
                         Out({"mapping": rows})))
    own = rows.assign(status=["Confirmé", "Confirmé"])
    run_step(FileStore(new_workbook), StepSpec("bilan", "essai", (), ("mapping",), lambda s: StepOutput({"mapping": own})))
    assert list(read_table(new_workbook, "mapping")["status"]) == ["Confirmé", "Confirmé"]
    before = new_workbook.read_bytes()
    foreign = own.assign(question=["PRENOM", "NOM"])
    with pytest.raises(UserError, match="qui ne sont pas les siennes"):
        run_step(FileStore(new_workbook), StepSpec("bilan", "essai", (), ("mapping",),
                                                   lambda s: StepOutput({"mapping": foreign})))
    assert new_workbook.read_bytes() == before


def rule_formulas(path, sheet: str) -> list[str]:
    ws = openpyxl.load_workbook(path)[sheet]
    return sorted(f for cf in ws.conditional_formatting for rule in cf.rules for f in rule.formula)


def test_a_roadmap_sheet_made_without_colour_rules_gets_them_once(new_workbook, cli, tmp_path):
    """A workbook made by an older version (or whose roadmap was typed anew) gets the late / blocked colours at the
    next pilotage, and only once, also after LibreOffice has re-saved it."""
    from openpyxl.formatting.formatting import ConditionalFormattingList

    from conftest import soffice_convert

    declared = rule_formulas(new_workbook, "Feuille de route")
    assert declared == ['$H2="Bloquée"', '$H2="En retard"']
    wb = openpyxl.load_workbook(new_workbook)
    wb["Feuille de route"].conditional_formatting = ConditionalFormattingList()
    wb.save(new_workbook)
    team_roadmap(new_workbook)
    assert rule_formulas(new_workbook, "Feuille de route") == []

    assert cli("pilotage", new_workbook, "--date", "01/12/2026")[0] == 0
    assert rule_formulas(new_workbook, "Feuille de route") == declared
    saved = soffice_convert(new_workbook, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    for _ in range(2):
        assert cli("pilotage", saved, "--date", "01/12/2026")[0] == 0
    assert rule_formulas(saved, "Feuille de route") == declared


def test_indicator_colours_are_not_doubled_after_libreoffice_rewrites_their_thresholds(tmp_path, cli):
    """LibreOffice saves the rule « F2>=1.0 » as « F2>=1 »: still recognised, never added a second time."""
    from conftest import soffice_convert
    from demarche_xl.example.fill import fill_example

    path = tmp_path / "exemple.xlsx"
    fill_example(FileStore(path, must_exist=False))
    saved = soffice_convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    for _ in range(2):
        code, out = cli("kit", saved)
        assert "ne sait pas conserver" not in out, out
    assert len(rule_formulas(saved, "Indicateurs")) == 3
    assert len(rule_formulas(saved, "Feuille de route")) == 2
