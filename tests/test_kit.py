"""The workshop kit from the CLI: planted gaps in the chain irritant → need → axis → action → indicator found at
their sheet, row and column; progress of indicators computed (and only that column written); the example collège
after référents, pilotage and kit opens in LibreOffice."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
from conftest import soffice_convert
from fixtures.after_workbooks import example_after_workshops, read_table, write_table

from demarche_xl.runner import run_step
from demarche_xl.steps.kit import KIT
from demarche_xl.store.file_store import FileStore

WORK = "Travailler ensemble autrement"


def plant_gaps(path) -> None:
    write_table(path, "experience_reports", pd.DataFrame([
        {"retex_id": "R1", "theme": WORK, "text": "Cahier de vie numérique",
         "pain_points": "Peur d'être jugé ; Outil chronophage"}]))
    write_table(path, "diagnosis", pd.DataFrame([
        {"theme": WORK, "retex_id": "R1", "pain_point": "Peur d'être jugé"},
        {"theme": WORK, "retex_id": "R1", "pain_point": "Connexion de mauvaise qualité"}]))  # row 3: no need
    write_table(path, "needs_axes", pd.DataFrame([
        {"theme": WORK, "pain_point": "Peur d'être jugé(e)", "need": "Maîtriser les outils",
         "axis": "Former les enseignants"},
        {"theme": WORK, "pain_point": "Outil chronophage", "need": "Gagner du temps", "axis": None},  # row 3
        {"theme": WORK, "pain_point": "outil chronophage", "need": "Des outils simples",
         "axis": "Choisir un outil commun"}]))  # row 4: axis without action
    write_table(path, "action_plan", pd.DataFrame([
        {"action_id": "A1", "theme": WORK, "axis": "Former les enseignants", "action": "Certification PIX",
         "indicators": None},  # row 2: measured in Indicateurs
        {"action_id": "A2", "theme": WORK, "axis": "Former les enseignants", "action": "Badges",
         "indicators": None}]))  # row 3: no indicator at all
    write_table(path, "indicators", pd.DataFrame([
        {"indicator": "Certifications PIX", "action_id": "A1", "target": 20, "measured": 5,
         "date": dt.datetime(2027, 3, 1)},
        {"indicator": "Badges délivrés", "action_id": None, "target": None, "measured": 4}]))


def test_planted_gaps_are_found_with_sheet_row_and_column(new_workbook, cli):
    plant_gaps(new_workbook)
    code, out = cli("kit", new_workbook)
    assert code == 1 and "4 manques dans la chaîne" in out and "4 manques dans le kit" in out, out
    report = run_step(FileStore(new_workbook), KIT)
    found = {(p.sheet, p.row, p.column) for p in report.warnings}
    assert found == {("Diagnostic", 3, "Irritant"), ("Besoins et axes", 3, "Axe d'amélioration"),
                     ("Besoins et axes", 4, "Axe d'amélioration"),
                     ("Plan d'action", 3, "Indicateurs et facteurs de réussite")}
    messages = " | ".join(p.message + " → " + p.fix for p in report.warnings)
    for words in ("irritant sans besoin : « Connexion de mauvaise qualité »", "besoin sans axe d'amélioration",
                  "axe d'amélioration sans action : « Choisir un outil commun »", "action sans indicateur : « A2",
                  "ajoutez une ligne dans « Besoins et axes »", "ajoutez dans « Plan d'action »"):
        assert words in messages, words


def test_progress_is_measured_over_target_and_nothing_else_is_written(new_workbook, cli):
    plant_gaps(new_workbook)
    wb = openpyxl.load_workbook(new_workbook)
    wb["Indicateurs"]["G1"], wb["Indicateurs"]["G2"] = "Écart", "=C2-D2"  # a column the team added, a formula
    wb["Indicateurs"]["A3"] = "- badges délivrés"  # text a rewrite would alter to keep it from being a formula
    wb.save(new_workbook)
    code, out = cli("kit", new_workbook)
    assert code == 1 and "avancement moyen 25 % sur 1 indicateur" in out, out
    ws = openpyxl.load_workbook(new_workbook)["Indicateurs"]
    assert ws["F2"].value == 0.25 and ws["F3"].value is None  # 5 / 20; no target: blank
    assert ws["G2"].value == "=C2-D2" and ws["A3"].value == "- badges délivrés" and ws["F2"].number_format == "0%"
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert [r.formula[0] for r in rules if r.formula and "ISNUMBER" in r.formula[0]] == [
        "AND(ISNUMBER(F2),F2>=1)", "AND(ISNUMBER(F2),F2>=0.5)", "AND(ISNUMBER(F2),F2>=0)"]


def test_complete_chain_and_example_opens_in_libreoffice(tmp_path, cli):
    path = example_after_workshops(tmp_path)
    for command in (("referents",), ("pilotage", "--date", "15/01/2027")):
        code, out = cli(*command, path)
        assert code == 0, out
    code, out = cli("kit", path)
    assert "irritant sans besoin" in out  # the example's RETEX has one irritant nobody turned into a need
    indicators = read_table(path, "indicators")
    assert list(indicators["progress"]) == [round(m / t, 4) for m, t in zip(indicators["measured"],
                                                                           indicators["target"])]
    converted = soffice_convert(path, "ods")
    assert converted.stat().st_size > 10_000
