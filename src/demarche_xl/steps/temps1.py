"""Steps of Temps 1: `importer` (copy a survey export, unchanged, into a new raw tab « Q - … » or « S - … ») and
`consolider` (raw « Q - » tabs → `Correspondances` and `Réponses`, then the analysis: `Préoccupations` and
`Cartographie`), and the demo step. Pure functions: tables in, tables, raw tabs and a French report out."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from demarche_xl import french as fr
from demarche_xl.problems import Problem, Report, UserError
from demarche_xl.schema.registry import RAW_SATISFACTION_PREFIX, RAW_SURVEY_PREFIX
from demarche_xl.schema.tables_temps1 import ANSWERS
from demarche_xl.steps.base import StepInput, StepOutput, StepSpec
from demarche_xl.survey.consolidate import consolidate
from demarche_xl.survey.questions import SURVEY
from demarche_xl.tableio import ROW, as_records, is_blank

WRITES = ("mapping", "answers", "concern_ranking", "profile_map")


def consolidate_survey(step: StepInput) -> StepOutput:
    if not step.raw:
        raise UserError("aucun onglet « Q - … » dans le classeur : il n'y a rien à consolider",
                        "importez un export avec « demarche-xl importer classeur.xlsx export.csv », ou collez-le "
                        "dans un onglet nommé « Q - Papier » (titres en ligne 1)")
    done = consolidate(step.raw, SURVEY, step.tables.get("mapping"), step.tables.get("teachers"), step.lists,
                       RAW_SURVEY_PREFIX)
    if done.report.errors:
        raise UserError(done.report.errors + [Problem("rien n'a été modifié")])
    report = done.report
    rows = [{k: r.get(k) for k in ANSWERS.keys} for r in done.records]
    rows += typed_by_hand(step.tables.get("answers"), {r["answer_id"] for r in rows}, report)
    answers = pd.DataFrame(rows, columns=ANSWERS.keys).astype(object)
    answers = answers.where(answers.notna(), None)
    out = {"mapping": done.mapping, "answers": answers}
    try:
        from demarche_xl.survey.analysis import analyse
    except ImportError:  # the analysis module is optional: consolidation alone still works
        return StepOutput(out, report)
    analysis = analyse(answers, step.tables.get("teachers"), step.tables.get("concern_ranking"), step.lists,
                       step.params)
    out["concern_ranking"], out["profile_map"] = analysis.ranking, analysis.profile_map
    report.extend(analysis.report)
    return StepOutput(out, report)


def typed_by_hand(frame: pd.DataFrame | None, taken: set[str], report: Report) -> list[dict]:
    """Rows typed directly in `Réponses` (no « Onglet source ») are the team's: kept as they are."""
    if frame is None or not len(frame):
        return []
    kept = [{k: r.get(k) for k in ANSWERS.keys} for r in as_records(frame) if is_blank(r.get("tab"))]
    for record, source in zip(kept, [r for r in as_records(frame) if is_blank(r.get("tab"))]):
        if str(record["answer_id"]) in taken:
            raise UserError(Problem(f"la réponse saisie à la main « {record['answer_id']} » a le même identifiant "
                                    "qu'une réponse consolidée", "donnez-lui un autre identifiant (par exemple "
                                    "P01) puis relancez ; rien n'a été modifié", ANSWERS.sheet, source.get(ROW),
                                    "ID réponse"))
    if kept:
        report.info(f"{fr.count(len(kept), 'réponse saisie', 'réponses saisies')} directement dans "
                    f"« {ANSWERS.sheet} » {fr.plural(len(kept), 'gardée', 'gardées')}")
    return kept


def import_export(step: StepInput) -> StepOutput:
    """Options: `tabs` (new tab name → the export's rows, headings first), `files` (their file names), `replace`."""
    tabs: dict[str, list[list]] = step.options.get("tabs") or {}
    if not tabs:
        raise UserError("aucun export à importer", "lancez « demarche-xl importer classeur.xlsx export.csv », ou "
                        "collez l'export dans un onglet nommé « Q - <outil> »")
    existing = [sheet for sheet in tabs if sheet in step.raw]
    if existing and not step.options.get("replace"):
        raise UserError(f"l'onglet « {existing[0]} » existe déjà dans le classeur",
                        "choisissez un autre nom avec « --source NOM », ou ajoutez « --remplacer » pour remplacer "
                        "son contenu ; rien n'a été modifié")
    report = Report("Import d'un export de questionnaire")
    for (sheet, rows), name in zip(tabs.items(), step.options.get("files") or [""] * len(tabs)):
        report.info(f"« {name or 'export'} » copié tel quel dans l'onglet « {sheet} » ({len(rows) - 1} ligne(s), "
                    f"{len(rows[0])} colonne(s))")
    command = "bilan" if next(iter(tabs)).startswith(RAW_SATISFACTION_PREFIX) else "consolider"
    report.info(f"étape suivante : « demarche-xl {command} » puis vérifiez la feuille « Correspondances »")
    return StepOutput({}, report, dict(tabs))


CONSOLIDATE = StepSpec("consolider", "Consolider les questionnaires", ("teachers",), WRITES, consolidate_survey,
                       raw_prefixes=(RAW_SURVEY_PREFIX,))
IMPORT = StepSpec("importer", "Importer un export de questionnaire", (), (), import_export,
                  raw_prefixes=(RAW_SURVEY_PREFIX, RAW_SATISFACTION_PREFIX), writes_raw=True)


def demo_step(workbook: Path, folder: Path, context: dict) -> Report:
    from demarche_xl.runner import run_step
    from demarche_xl.store.file_store import FileStore

    return run_step(FileStore(workbook), CONSOLIDATE)
