"""Step `kit`: check that the workshop kit's chain is complete (irritant → need → axis → action → indicator) and
compute the progress of each indicator (measured / target) in `Indicateurs`, the only column it writes; and the
demo step. Pure: tables in, tables and a French report out.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from demarche_xl import french
from demarche_xl.kit import rules
from demarche_xl.problems import Report
from demarche_xl.schema.registry import table
from demarche_xl.steps.base import StepInput, StepOutput, StepSpec
from demarche_xl.steps.needs import AnyFilled
from demarche_xl.tableio import ROW, is_blank

READS = ("experience_reports", "diagnosis", "needs_axes", "action_plan")


def check_kit(step: StepInput) -> StepOutput:
    report = Report("Kit d'ateliers")
    counts = {key: len(step.tables[key]) for key in (*READS, "indicators")}
    if not any(counts.values()):
        report.info("le kit est vide : remplissez RETEX, Diagnostic, Besoins et axes, Plan d'action et Indicateurs "
                    "pendant ou après les ateliers, puis relancez")
        return StepOutput({}, report)
    report.info(", ".join(f"{table(k).sheet} : {n}" for k, n in counts.items()))
    gaps = rules.gaps(step.tables)
    report.problems.extend(gaps)
    report.info(f"{french.count(len(gaps), 'manque')} dans la chaîne irritant → besoin → axe → action → indicateur"
                if gaps else
                "chaîne complète : chaque irritant mène à un besoin, un axe, une action et un indicateur")
    report.figures["Manques du kit d'ateliers"] = len(gaps)
    tables = {}
    indicators = step.tables["indicators"]
    if len(indicators):
        tables["indicators"] = with_progress(indicators, report)
    return StepOutput(tables, report)


def with_progress(indicators: pd.DataFrame, report: Report) -> pd.DataFrame:
    """Measured / target for each indicator that has both; a blank otherwise, and the reason."""
    frame = indicators.copy()
    declared = table("indicators")
    progress = []
    for record in frame.to_dict("records"):
        target, measured = record["target"], record["measured"]
        if is_blank(target) or is_blank(measured) or not target:
            progress.append(None)
            missing = "cible" if is_blank(target) or not target else "valeur mesurée"
            report.info(f"« {record['indicator']} » (ligne {record[ROW]}) : avancement non calculé, {missing} "
                        "manquante")
        else:
            progress.append(round(float(measured) / float(target), 4))
    frame["progress"] = progress
    done = [p for p in progress if p is not None]
    if done:
        report.info(f"{declared.sheet} : avancement moyen {french.percent(sum(done) / len(done))} sur "
                    f"{french.count(len(done), 'indicateur')}")
    return frame


KIT = StepSpec("kit", "Vérifier le kit d'ateliers", READS, ("indicators",), check_kit, watches=("indicators",),
               needs=(AnyFilled((*READS, "indicators")),))


def demo_step(workbook: Path, folder: Path, context: dict) -> Report:
    from demarche_xl.runner import run_step
    from demarche_xl.store.file_store import FileStore

    return run_step(FileStore(workbook), KIT)
