"""Step `referents`: propose the lead teachers (référents) of Temps 3 from `Impressions` with their score and its
reasons (« Proposition de l'outil », recomputed at each run), keep the team's « Confirmé » exactly as typed across
reruns, say when new data move the proposal, and suggest whom each one accompanies; and the demo step. Pure: tables
in, tables and a French report out.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from demarche_xl import french
from demarche_xl.leads import accompany, scoring, selection
from demarche_xl.leads.scoring import Evidence
from demarche_xl.french import count, join, plural
from demarche_xl.problems import Report, UserError
from demarche_xl.schema.tables_temps1 import PROPOSAL_HEADER
from demarche_xl.schema.registry import table
from demarche_xl.steps.base import StepInput, StepOutput, StepSpec
from demarche_xl.steps.needs import Filled
from demarche_xl.tableio import is_blank

READS = ("teachers", "impressions", "groups", "answers", "concern_ranking")
COLUMNS = ["teacher_id", "name", "concern", "score", "reasons", "proposed", "confirmed", "accompanied"]


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
    proposed_before = {str(r["teacher_id"]).strip() for r in records(t["lead_teachers"]) if r.get("proposed") is True}
    had_proposal = any(r.get("proposed") is not None for r in records(t["lead_teachers"]))
    confirmed = {k for k, v in previous.items() if v is True}
    refused = {k for k, v in previous.items() if v is False}
    evidence = gather(t, confirmed)
    retained = [str(r["concern"]) for r in t["concern_ranking"].to_dict("records") if r.get("retained") is True]
    leads, uncovered = selection.choose(evidence, confirmed, refused, retained)
    accompanied, alone = accompany.accompany(evidence, leads)
    report = Report("Référents")
    proposal = {tid for tid in leads if tid not in confirmed} | \
        {tid for tid in confirmed | refused if tid in evidence and scoring.eligible(evidence[tid])}
    rows = sorted((row(evidence[tid], previous.get(tid), tid in proposal, accompanied.get(tid, []), evidence)
                   for tid in leads), key=lambda r: (r["concern"] or "~", -r["score"], r["teacher_id"]))  # by concern
    rows += [row(evidence[tid], False, tid in proposal, [], evidence) for tid in sorted(refused) if tid in evidence]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    engaged = sum(e.engaged for e in evidence.values())
    report.info(f"{count(engaged, 'participant')} avec des impressions : {count(len(leads), 'référent')} "
                f"({count(len(confirmed), 'confirmé')} par l'équipe, {count(len(leads) - len(confirmed), 'proposé')} "
                f"par l'outil) ; cible environ 1 pour {selection.PER_LEAD}, au moins 1 par préoccupation avec des "
                "idées")
    if had_proposal:
        tell_moves(proposal, proposed_before, evidence, report)
    report.info(f"{count(sum(len(v) for v in accompanied.values()), 'enseignant accompagné', 'enseignants accompagnés')}"
                f" par un référent, {len(alone)} sans référent proposé")
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


def tell_moves(proposal: set[str], before: set[str], evidence: dict[str, Evidence], report: Report) -> None:
    """Say when new impressions moved the tool's proposal (the team's « Confirmé » never moves)."""
    came, went = sorted(proposal - before), sorted(before - proposal)
    if not came and not went:
        return
    name = lambda tid: evidence[tid].name if tid in evidence else tid  # noqa: E731
    parts = ([f"{join([name(t) for t in came])} {plural(len(came), 'proposé', 'proposés')} désormais"] if came else []) \
        + ([f"{join([name(t) for t in went])} ne {plural(len(went), 'est', 'sont')} plus "
            f"{plural(len(went), 'proposé', 'proposés')}"] if went else [])
    report.info(f"les nouvelles données changent la proposition de l'outil : {' ; '.join(parts)} (colonne "
                f"« {PROPOSAL_HEADER} ») ; la colonne « Confirmé » de l'équipe est gardée telle quelle")


def row(e: Evidence, confirmed: object, proposed: bool, accompanied: list[str], evidence: dict[str, Evidence]
        ) -> dict:
    points, reasons = scoring.score(e)
    if not e.engaged:
        reasons = "confirmé par l'équipe, sans ligne dans Impressions"
    return {"teacher_id": e.teacher_id, "name": e.name, "concern": e.concern, "score": points, "reasons": reasons,
            "proposed": proposed, "confirmed": confirmed if isinstance(confirmed, bool) else None,
            "accompanied": " ; ".join(f"{t} {evidence[t].name}".strip() for t in accompanied) or None}


LEAD_TEACHERS = StepSpec("referents", "Proposer les référents", READS, ("lead_teachers",), propose,
                         watches=("lead_teachers",), needs=(Filled("groups"), Filled(
                             "impressions", "après les ateliers, remplissez la feuille « Impressions » (une ligne par "
                             "enseignant : motivation, idées de mise en pratique, souhait d'aider, observation de "
                             "l'équipe projet), puis relancez")))


def demo_step(workbook: Path, folder: Path, context: dict) -> Report:
    from demarche_xl.runner import run_step
    from demarche_xl.store.file_store import FileStore

    return run_step(FileStore(workbook), LEAD_TEACHERS)
