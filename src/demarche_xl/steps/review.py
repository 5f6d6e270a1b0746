"""Step `bilan`: consolidate the satisfaction questionnaire (raw tabs « S - … », same import and mapping as
Temps 1, owning only the `Correspondances` rows of those tabs), compute the review's key figures once
(`review.kpis`), and write `Satisfaction`, `Bilan` (figures against the pilot collège, strengths, limits) and
`Prochaines étapes` (proposals with stable ids, the team's edits kept). Pure, plus the demo step."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from demarche_xl.problems import Problem, Report, UserError
from demarche_xl import french
from demarche_xl.review import findings, indicators, kpis as figures, needs as need_tally, next_steps
from demarche_xl.review.overview import SESSIONS_LABEL, overview
from demarche_xl.schema.registry import RAW_SATISFACTION_PREFIX, table
from demarche_xl.steps.base import StepInput, StepOutput, StepSpec
from demarche_xl.steps.needs import SATISFACTION_ANSWERS, Filled
from demarche_xl.tableio import ROW

READS = ("teachers", "groups", "routes", "impressions", "practices", "lead_teachers", "answers", "concern_ranking",
         "workshops", "schedules", "slots", "facilitators")
WRITES = ("satisfaction", "review", "next_steps", "mapping")


def run_review(step: StepInput) -> StepOutput:
    report = Report("Bilan")
    out: dict[str, pd.DataFrame] = {}
    satisfaction = satisfaction_records(step, out, report)
    rows = {key: records(step.tables.get(key)) for key in READS}
    kpis = figures.compute(rows["teachers"], rows["groups"], rows["practices"], rows["answers"], satisfaction)
    needs = need_tally.tally(rows["practices"], satisfaction, tuple(step.lists.get("need_kinds") or ())
                             or need_tally.KINDS)
    done = overview(rows)
    review_rows = indicators.typeset([*indicators.figure_rows(kpis, needs, done),
                                      *findings.finding_rows(kpis, needs, satisfaction)])
    out["review"] = pd.DataFrame(review_rows, columns=table("review").keys)
    proposed = next_steps.proposals(kpis, needs, findings.most_said(satisfaction, "improve", 1))
    merged, notes = next_steps.merge(proposed, records(step.tables.get("next_steps")))
    out["next_steps"] = pd.DataFrame(merged, columns=table("next_steps").keys)
    summarise(kpis, done, report)
    report.info(f"{french.count(len(proposed), 'prochaine étape proposée', 'prochaines étapes proposées')} ; "
                "colonnes Porteur, Échéance et Retenue gardées quand vous relancez")
    report.lines.extend(notes)
    warn_missing(step, report)
    return StepOutput(out, report)


def satisfaction_records(step: StepInput, out: dict[str, pd.DataFrame], report: Report) -> list[dict]:
    """Consolidate the « S - » tabs when there are some; otherwise use `Satisfaction` as the team typed it."""
    if not step.raw:
        report.warn("aucun onglet « S - … » : le bilan utilise la feuille « Satisfaction » telle quelle",
                    "collez l'export du questionnaire de satisfaction dans un onglet nommé « S - Google Forms » "
                    "(ou « S - LimeSurvey »…)", sheet="Satisfaction")
        return records(step.tables.get("satisfaction"))
    from demarche_xl.survey.consolidate import consolidate
    from demarche_xl.survey.questions import SATISFACTION

    done = consolidate(step.raw, SATISFACTION, step.tables.get("mapping"), step.tables.get("teachers"),
                       step.lists, RAW_SATISFACTION_PREFIX)
    if done.report.errors:
        raise UserError(done.report.errors + [Problem("le questionnaire de satisfaction n'a pas pu être consolidé ; "
                                                      "rien n'a été modifié")])
    report.extend(done.report)
    rows = [{k: r.get(k) for k in table("satisfaction").keys} for r in done.records]
    rows += typed_by_hand(step.tables.get("satisfaction"), {str(r["answer_id"]) for r in rows}, report)
    out["satisfaction"] = pd.DataFrame(rows, columns=table("satisfaction").keys)
    out["mapping"] = done.mapping
    return rows


def typed_by_hand(frame: pd.DataFrame | None, taken: set[str], report: Report) -> list[dict]:
    """Answers typed directly in `Satisfaction` (no « Onglet source », e.g. paper forms): kept as they are."""
    kept = [r for r in records(frame) if r.get("tab") is None]
    clash = next((r for r in kept if str(r.get("answer_id")) in taken), None)
    if clash is not None:
        raise UserError(Problem(
            f"la réponse saisie à la main « {clash['answer_id']} » a le même identifiant qu'une réponse consolidée",
            "donnez-lui un autre identifiant (par exemple P01) puis relancez ; rien n'a été modifié",
            table("satisfaction").sheet, None, "ID réponse"))
    if kept:
        report.info(f"{french.count(len(kept), 'réponse saisie', 'réponses saisies')} à la main dans "
                    f"« Satisfaction » {'gardée' if len(kept) < 2 else 'gardées'}")
    return kept


def summarise(kpis: figures.Kpis, done, report: Report) -> None:
    sat = kpis.satisfaction
    mean = f", intérêt moyen {french.score(sat.mean_interest, 5)}" if sat.mean_interest is not None else ""
    report.lines[:0] = [
        f"enseignants mobilisés sur la démarche : {kpis.mobilisation.shown()} ; engagés dans des expérimentations : "
        f"{kpis.engagement.shown()} ; groupes encore actifs : {kpis.group_activity.shown()}",
        f"satisfaction : {french.count(sat.answers, 'réponse')}{mean}",
    ]
    report.figures.update({"Enseignants mobilisés (démarche entière)": kpis.mobilisation.shown(),
                           "Enseignants engagés dans une mise en pratique": kpis.engagement.shown(),
                           "Réponses au questionnaire de satisfaction": sat.answers,
                           SESSIONS_LABEL: done.sessions})


def warn_missing(step: StepInput, report: Report) -> None:
    for key, fix in (("teachers", "remplissez la feuille Enseignants"), ("practices", "saisissez les fiches de "
                     "mise en pratique"), ("groups", "lancez « demarche-xl groupes »")):
        frame = step.tables.get(key)
        if frame is None or frame.empty:
            report.warn(f"la feuille « {table(key).sheet} » est vide : les indicateurs qui en dépendent valent 0",
                        fix, sheet=table(key).sheet)


def records(frame: pd.DataFrame | None) -> list[dict]:
    if frame is None or frame.empty:
        return []
    return [{k: (None if v is None or v != v else v) for k, v in r.items() if k != ROW}
            for r in frame.to_dict("records")]


REVIEW = StepSpec("bilan", "Faire le bilan", READS, WRITES, run_review, raw_prefixes=(RAW_SATISFACTION_PREFIX,),
                  watches=("mapping",), needs=(Filled("teachers"), Filled("practices"), SATISFACTION_ANSWERS))


def demo_step(workbook: Path, folder: Path, context: dict) -> Report:
    from demarche_xl.runner import run_step
    from demarche_xl.store.file_store import FileStore

    return run_step(FileStore(workbook), REVIEW)
