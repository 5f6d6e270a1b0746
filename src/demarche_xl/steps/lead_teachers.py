"""Step `referents`: propose the lead teachers (référents) of Temps 3 from `Impressions` with their score and its
reasons, keep the team's « Confirmé » choices across reruns, and suggest whom each one accompanies; and the demo
step. Pure: tables in, tables and a French report out.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from demarche_xl import french
from demarche_xl.leads import accompany, scoring, selection
from demarche_xl.leads.scoring import Evidence
from demarche_xl.problems import Report, UserError
from demarche_xl.schema.registry import table
from demarche_xl.steps.base import StepInput, StepOutput, StepSpec
from demarche_xl.tableio import is_blank

READS = ("teachers", "impressions", "groups", "answers", "concern_ranking")
COLUMNS = ["teacher_id", "name", "concern", "score", "reasons", "confirmed", "accompanied"]


def records(frame: pd.DataFrame) -> list[dict]:
    return [r for r in frame.to_dict("records") if not is_blank(r.get("teacher_id"))]


def gather(t: dict[str, pd.DataFrame], also: set[str]) -> dict[str, Evidence]:
    """Evidence for every teacher with impressions (and those in `also`, marked not engaged): concern from
    `Groupes`, else from their 1st answer."""
    names = {str(r["teacher_id"]): f"{r.get('first_name') or ''} {r.get('last_name') or ''}".strip()
             for r in records(t["teachers"])}
    catalysts = {str(r["teacher_id"]) for r in records(t["teachers"]) if r.get("catalyst") is True}
    groups = {str(r["teacher_id"]): r for r in records(t["groups"])}
    catalysts |= {k for k, r in groups.items() if r.get("catalyst") is True}
    first_concern = {str(r["teacher_id"]): r.get("concern_1") for r in records(t["answers"])}
    evidence: dict[str, Evidence] = {}
    for r in records(t["impressions"]):
        tid = str(r["teacher_id"]).strip()
        group = groups.get(tid, {})
        e = evidence.setdefault(tid, Evidence(tid, names.get(tid) or group.get("name") or tid,
                                              group.get("concern") or first_concern.get(tid),
                                              group.get("group_id"), tid in catalysts))
        if isinstance(r.get("motivation"), int):
            e.motivation.append(r["motivation"])
        for key, bucket in (("practice_ideas", e.ideas), ("observation", e.observations),
                            ("group_feedback", e.group_feedback)):
            if not is_blank(r.get(key)) and str(r[key]) not in bucket:
                bucket.append(str(r[key]))
        e.wants_to_help = e.wants_to_help or r.get("wants_to_help") is True
    for tid in sorted(also - set(evidence)):  # confirmed by the team without impressions: kept all the same
        group = groups.get(tid, {})
        evidence[tid] = Evidence(tid, names.get(tid) or tid, group.get("concern") or first_concern.get(tid),
                                 group.get("group_id"), tid in catalysts, engaged=False)
    return evidence


def propose(step: StepInput) -> StepOutput:
    t = step.tables
    if not len(t["impressions"]):
        raise UserError("la feuille « Impressions » est vide : rien pour proposer des référents",
                        "après les ateliers, remplissez une ligne par enseignant (motivation, idées de mise en "
                        "pratique, souhait d'aider, observation de l'équipe projet) puis relancez")
    previous = {str(r["teacher_id"]).strip(): r.get("confirmed") for r in records(t["lead_teachers"])}
    confirmed = {k for k, v in previous.items() if v is True}
    refused = {k for k, v in previous.items() if v is False}
    evidence = gather(t, confirmed)
    retained = [str(r["concern"]) for r in t["concern_ranking"].to_dict("records") if r.get("retained") is True]
    leads, uncovered = selection.choose(evidence, confirmed, refused, retained)
    accompanied, alone = accompany.accompany(evidence, leads)
    report = Report("Référents")
    rows = sorted((row(evidence[tid], previous.get(tid), accompanied.get(tid, []), evidence) for tid in leads),
                  key=lambda r: (r["concern"] or "~", -r["score"], r["teacher_id"]))  # by concern, best first
    rows += [row(evidence[tid], False, [], evidence) for tid in sorted(refused) if tid in evidence]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    engaged = sum(e.engaged for e in evidence.values())
    report.info(f"{french.count(engaged, 'participant')} avec des impressions : "
                f"{french.count(len(leads), 'référent')} ({french.count(len(confirmed), 'confirmé')} par l'équipe, "
                f"{french.count(len(leads) - len(confirmed), 'proposé')}) ; cible environ 1 pour "
                f"{selection.PER_LEAD}, au moins 1 par préoccupation avec des idées")
    report.info(f"{french.count(sum(len(v) for v in accompanied.values()), 'enseignant accompagné')} par un "
                f"référent, {len(alone)} sans référent proposé")
    sheet = table("lead_teachers").sheet
    for concern in uncovered:
        report.warn(f"aucun enseignant de la préoccupation « {concern} » ne remplit les critères de référent",
                    "choisissez-en un vous-même : ajoutez-le dans la feuille Référents avec « Oui » dans "
                    "« Confirmé »", sheet=sheet)
    if alone:
        report.warn(f"sans référent proposé : {', '.join(alone[:15])}{'…' if len(alone) > 15 else ''}",
                    "confirmez un référent de plus, ou indiquez qui les accompagne", sheet=sheet,
                    column=table("lead_teachers").column("accompanied").header)
    report.figures["Référents"] = len(leads)
    return StepOutput({"lead_teachers": frame}, report)


def row(e: Evidence, confirmed: object, accompanied: list[str], evidence: dict[str, Evidence]) -> dict:
    points, reasons = scoring.score(e)
    if not e.engaged:
        reasons = "confirmé par l'équipe, sans ligne dans Impressions"
    return {"teacher_id": e.teacher_id, "name": e.name, "concern": e.concern, "score": points, "reasons": reasons,
            "confirmed": confirmed if isinstance(confirmed, bool) else None,
            "accompanied": " ; ".join(f"{t} {evidence[t].name}".strip() for t in accompanied) or None}


LEAD_TEACHERS = StepSpec("referents", "Proposer les référents", READS, ("lead_teachers",), propose)


def demo_step(workbook: Path, folder: Path, context: dict) -> Report:
    from demarche_xl.runner import run_step
    from demarche_xl.store.file_store import FileStore

    return run_step(FileStore(workbook), LEAD_TEACHERS)
