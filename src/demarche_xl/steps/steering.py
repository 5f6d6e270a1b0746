"""Step `pilotage`: propose the method's roadmap and stakeholders when their sheets are empty; otherwise keep what
the team typed and only compute the roadmap's « Alerte » column (late or blocked tasks at a given date); and the
demo step. Pure: tables in, tables and a French report out.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from demarche_xl import french
from demarche_xl.problems import Report
from demarche_xl.schema.registry import table
from demarche_xl.schema.tables_kit import BLOCKED, LATE
from demarche_xl.steering import roadmap as rules
from demarche_xl.steering.stakeholders import default_stakeholders
from demarche_xl.steps.base import StepInput, StepOutput, StepSpec
from demarche_xl.tableio import ROW

SHOWN = 10  # late tasks listed one by one


def steer(step: StepInput) -> StepOutput:
    report = Report("Pilotage")
    tables = {}
    frame = step.tables["roadmap"]
    if len(frame):
        frame = frame.copy()
        report.info(f"Feuille de route de l'équipe gardée telle quelle ({french.count(len(frame), 'tâche')}) : "
                    "seule la colonne « Alerte » est recalculée")
    else:
        start, terms = plan_span(step, report)
        frame = pd.DataFrame(rules.default_tasks(start, terms))
        report.info(f"Feuille de route proposée : {french.count(len(frame), 'tâche')} sur "
                    f"{french.count(terms, 'trimestre')}, du "
                    f"{frame['start'].min():%d/%m/%Y} au {frame['due'].max():%d/%m/%Y} ; adaptez-la à votre collège")
    frame["flag"] = [rules.flag(s, d, step.today) for s, d in zip(frame["status"], frame["due"])]
    tables["roadmap"] = frame
    tell_alerts(frame, step.today, report)
    if len(step.tables["stakeholders"]):
        kept = len(step.tables["stakeholders"])
        report.info(f"Parties prenantes : {french.count(kept, 'ligne')} de l'équipe, "
                    f"{'gardée' if kept < 2 else 'gardées'}")
    else:
        tables["stakeholders"] = pd.DataFrame(default_stakeholders())
        report.info(f"Parties prenantes proposées : {len(tables['stakeholders'])} lignes (qui mobiliser, qui "
                    "informer à chaque phase) ; complétez les contacts")
    return StepOutput(tables, report)


def plan_span(step: StepInput, report: Report) -> tuple[dt.date, int]:
    start = step.params.get("start_date") or step.today
    start = start.date() if isinstance(start, dt.datetime) else start
    terms = int(step.params.get("terms") or 3)
    if terms not in (2, 3):
        report.warn(f"« Nombre de trimestres » vaut {terms} : la méthode se déroule en 2 à 3 trimestres, "
                    f"{min(3, max(2, terms))} retenus", "mettez 2 ou 3 dans Paramètres", sheet="Paramètres",
                    column="Valeur")
        terms = min(3, max(2, terms))
    return start, terms


def tell_alerts(frame: pd.DataFrame, today: dt.date, report: Report) -> None:
    late = frame[frame["flag"] == LATE]
    blocked = frame[frame["flag"] == BLOCKED]
    report.info(f"au {today:%d/%m/%Y} : {french.count(len(late), 'tâche')} en retard, "
                f"{french.count(len(blocked), 'bloquée')}")
    declared = table("roadmap")
    for record in pd.concat([blocked, late]).head(SHOWN).to_dict("records"):
        due, row = record["due"], record.get(ROW)
        when = f"échéance {due:%d/%m/%Y}" if record["flag"] == LATE else "statut « Bloquée »"
        column = declared.column("due" if record["flag"] == LATE else "status").header
        report.warn(f"{record['flag']} : « {record['task']} » ({when}, {record.get('owner') or 'sans responsable'})",
                    "mettez à jour le statut ou l'échéance", sheet=declared.sheet,
                    row=None if pd.isna(row) else int(row), column=column)
    if len(late) + len(blocked) > SHOWN:
        report.info(f"… et {french.count(len(late) + len(blocked) - SHOWN, 'autre tâche signalée')} dans « Alerte »")


STEERING = StepSpec("pilotage", "Proposer la feuille de route et les parties prenantes", (),
                    ("roadmap", "stakeholders"), steer, watches=("roadmap",))


def demo_step(workbook: Path, folder: Path, context: dict) -> Report:
    from demarche_xl.runner import run_step
    from demarche_xl.store.file_store import FileStore

    return run_step(FileStore(workbook), STEERING)
