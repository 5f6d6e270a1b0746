"""Steps of Temps 1: `importer` (copy a survey export, unchanged, into a new raw tab « Q - … » or « S - … ») and
`consolider` (raw « Q - » tabs → `Correspondances` and `Réponses`, then the analysis: `Préoccupations` and
`Cartographie`), and the demo step. Pure functions: tables in, tables, raw tabs and a French report out."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from demarche_xl import french as fr
from demarche_xl.french import count
from demarche_xl.problems import Problem, Report, UserError
from demarche_xl.schema.registry import RAW_SATISFACTION_PREFIX, RAW_SURVEY_PREFIX
from demarche_xl.schema.tables_temps1 import ANSWERS
from demarche_xl.steps.base import StepInput, StepOutput, StepSpec
from demarche_xl.steps.needs import SURVEY_ANSWERS, Filled
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
    report.problems = summarise_repeats(report.problems)
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


SHOWN_ALIKE = 3  # remarks of one kind listed one by one; more are said in one line


def summarise_repeats(problems: list[Problem]) -> list[Problem]:
    """Remarks of the same kind (same fix) beyond `SHOWN_ALIKE` become one line: how many, one example, and where
    the full list is (`Réponses`, column « Rapprochement », for answers; `Correspondances` for columns)."""
    kinds: dict[tuple, list[Problem]] = {}
    for problem in problems:
        kinds.setdefault((problem.severity, problem.fix), []).append(problem)
    out: list[Problem] = []
    for alike in kinds.values():
        if len(alike) <= SHOWN_ALIKE or not alike[0].fix:
            out.extend(alike)
            continue
        first = alike[0]
        where = ("feuille « Correspondances », colonne « Statut » (« Non reconnu »)" if first.column else
                 f"feuille « {ANSWERS.sheet} », colonne « {ANSWERS.column('link_status').header} »")
        out.append(Problem(f"{count(len(alike), 'remarque')} de ce type, par exemple : {first.where()} : "
                           f"{first.message}", f"{first.fix} ; liste complète : {where}", severity=first.severity))
    return out


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
    """Options: `tabs` (new tab name → the export's rows, headings first), `files` (their file names), `replace`.
    An export without answers is refused; one whose tab exists goes to the next free tab (« Q - Google Forms 2 »)
    unless `replace`; one identical to a tab already imported is refused."""
    tabs: dict[str, list[list]] = step.options.get("tabs") or {}
    if not tabs:
        raise UserError("aucun export à importer", "lancez « demarche-xl importer classeur.xlsx export.csv », ou "
                        "collez l'export dans un onglet nommé « Q - <outil> »")
    files = list(step.options.get("files") or [""] * len(tabs))
    report = Report("Import d'un export de questionnaire")
    refuse_without_answers(tabs, files)
    if not step.options.get("replace"):
        tabs = to_free_tabs(tabs, files, step.raw, report)
    for (sheet, rows), name in zip(tabs.items(), files):
        answers = sum(1 for row in rows[1:] if any(not is_blank(v) for v in row))
        report.info(f"« {name or 'export'} » copié tel quel dans l'onglet « {sheet} » "
                    f"({count(answers, 'réponse')}, {count(len(rows[0]), 'colonne')})")
    command = "bilan" if next(iter(tabs)).startswith(RAW_SATISFACTION_PREFIX) else "consolider"
    report.info(f"étape suivante : « demarche-xl {command} » puis vérifiez la feuille « Correspondances »")
    return StepOutput({}, report, dict(tabs))


def refuse_without_answers(tabs: dict[str, list[list]], files: list[str]) -> None:
    for (sheet, rows), name in zip(tabs.items(), files):
        if not any(any(not is_blank(v) for v in row) for row in rows[1:]):
            raise UserError(f"l'export « {name or sheet} » ne contient aucune réponse (seulement la ligne de titres)",
                            "exportez les réponses une fois que des enseignants ont répondu (dans l'outil d'enquête : "
                            "« toutes les réponses »), puis relancez ; rien n'a été modifié")


def to_free_tabs(tabs: dict[str, list[list]], files: list[str], existing: dict[str, list[list]], report: Report
                 ) -> dict[str, list[list]]:
    """Each export whose tab already exists goes to the next free tab (« … 2 », « … 3 »), said in the report; an
    export identical to a tab already there is refused."""
    from demarche_xl.survey.read_export import sheet_name

    placed: dict[str, list[list]] = {}
    for (sheet, rows), name in zip(tabs.items(), files):
        same = next((tab for tab, old in existing.items() if tab[:4] == sheet[:4] and answers_of(old) ==
                     answers_of(rows)), None)
        if same is not None:
            raise UserError(f"l'export « {name or sheet} » est déjà dans l'onglet « {same} » (mêmes réponses)",
                            "rien à importer ; pour remplacer l'onglet par un export plus récent, ajoutez "
                            "« --remplacer » ; rien n'a été modifié")
        target, number = sheet, 1
        while target in existing or target in placed:
            number += 1
            prefix = RAW_SATISFACTION_PREFIX if sheet.startswith(RAW_SATISFACTION_PREFIX) else RAW_SURVEY_PREFIX
            target = sheet_name(prefix, f"{sheet[len(prefix):][:24]} {number}")
        if target != sheet:
            report.info(f"l'onglet « {sheet} » existe déjà : ce nouvel export va dans l'onglet « {target} » "
                        "(« --remplacer » pour remplacer l'onglet existant)")
            kept = answers_of((existing.get(sheet) or [])[1:])
            if kept and kept <= answers_of(rows[1:]):
                report.warn(f"le nouvel export reprend les {count(len(kept), 'réponse')} de « {sheet} » : les "
                            "réponses en double seront écartées à la consolidation", "si c'est le même formulaire "
                            f"exporté à nouveau, relancez plutôt avec « --remplacer »", sheet=target)
        placed[target] = rows
    return placed


def answers_of(rows: list[list]) -> frozenset[tuple]:
    """A tab's answer rows as comparable values (spacing, 3 and 3.0 alike), header included."""
    from demarche_xl.share.fingerprints import normalised

    def cells(row: list) -> tuple:
        values = [normalised(v) for v in row]
        while values and not values[-1]:
            values.pop()
        return tuple(values)

    return frozenset(cells(row) for row in rows if any(not is_blank(v) for v in row))


CONSOLIDATE = StepSpec("consolider", "Consolider les questionnaires", ("teachers",), WRITES, consolidate_survey,
                       raw_prefixes=(RAW_SURVEY_PREFIX,), watches=("mapping", "concern_ranking"),
                       needs=(Filled("teachers", "remplissez la feuille « Enseignants » (une ligne par enseignant) : "
                                     "les réponses y sont rattachées"), SURVEY_ANSWERS))
IMPORT = StepSpec("importer", "Importer un export de questionnaire", (), (), import_export,
                  raw_prefixes=(RAW_SURVEY_PREFIX, RAW_SATISFACTION_PREFIX), writes_raw=True)


def demo_step(workbook: Path, folder: Path, context: dict) -> Report:
    from demarche_xl.runner import run_step
    from demarche_xl.store.file_store import FileStore

    return run_step(FileStore(workbook), CONSOLIDATE)
