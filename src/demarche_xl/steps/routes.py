"""Step `parcours`: each group's route through the workshops, the free-choice seats, `Parcours` and
`Planning individuel`; and the demo step. Pure: tables in, tables and a French report out.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from demarche_xl.problems import Problem, Report, UserError
from demarche_xl.review.overview import SESSIONS_LABEL, sessions_held
from demarche_xl.routing import model, rules
from demarche_xl.routing.domain import Event, Plan, RouteGroup, Slot, Workshop
from demarche_xl.steps.base import StepInput, StepOutput, StepSpec
from demarche_xl.steps.needs import Filled

FREE_LABEL = "Libre choix"


def split_ids(value: object) -> list[str]:
    return [v.strip() for v in str(value or "").replace(",", ";").split(";") if v.strip()]


def event_from(step: StepInput) -> Event:
    t, params = step.tables, step.params
    names = {str(r["facilitator_id"]): r.get("name") or "" for r in t["facilitators"].to_dict("records")}
    unavailable = {(str(r["facilitator_id"]), s) for r in t["facilitators"].to_dict("records")
                   for s in split_ids(r.get("unavailable_slots"))}
    workshops = [Workshop(str(r["workshop_id"]), r.get("title") or "", r.get("concern") or "",
                          str(r.get("facilitator_id") or r["workshop_id"]),
                          names.get(str(r.get("facilitator_id")), ""), r.get("room") or "",
                          int(r.get("capacity") or 0), int(r.get("max_runs") or 0))
                 for r in t["workshops"].to_dict("records") if r.get("workshop_id")]
    slots = [Slot(str(r["slot_id"]), r.get("free_choice") is True, f"{r.get('start') or ''}")
             for r in t["slots"].to_dict("records") if r.get("slot_id")]
    members: dict[str, list[str]] = {}
    concerns: dict[str, str | None] = {}
    people: dict[str, str] = {}
    for r in t["groups"].to_dict("records"):
        if r.get("group_id") and r.get("teacher_id"):
            members.setdefault(str(r["group_id"]), []).append(str(r["teacher_id"]))
            concerns[str(r["group_id"])] = concerns.get(str(r["group_id"])) or r.get("concern")
            people[str(r["teacher_id"])] = r.get("name") or str(r["teacher_id"])
    groups = [RouteGroup(g, concerns.get(g), tuple(ms)) for g, ms in sorted(members.items())]
    choices = {str(r["teacher_id"]): [str(r[k]) for k in ("choice_1", "choice_2", "choice_3") if r.get(k)]
               for r in t["free_choices"].to_dict("records") if r.get("teacher_id")}
    absent = {(str(r["teacher_a"]), str(r["slot"])) for r in t["constraints"].to_dict("records")
              if r.get("kind") == "Indisponible" and r.get("slot")}
    return Event(workshops, slots, groups, int(params.get("sessions_per_group") or 3), unavailable, absent, choices,
                 people, float(step.options.get("time_limit") or params.get("solver_time_limit") or 60),
                 str(params.get("solver") or "Automatique"), float(params.get("weight_concern") or 10))


def check_choices(event: Event) -> list[Problem]:
    known = {w.workshop_id for w in event.workshops}
    problems = []
    for teacher, wishes in event.choices.items():
        for w in wishes:
            if w not in known:
                problems.append(Problem(f"vœu « {w} » de {teacher} : atelier inconnu, vœu ignoré", "corrigez "
                                        "l'identifiant d'atelier", "Choix libres", severity="avertissement"))
        event.choices[teacher] = [w for w in wishes if w in known]
    return problems


def build_routes(step: StepInput) -> StepOutput:
    event = event_from(step)
    report = Report("Parcours", problems=check_choices(event))
    blocking = model.diagnose(event)
    if blocking:
        raise UserError(blocking + [Problem("aucun parcours n'a été construit ; rien n'a été modifié")])
    try:
        plan, lines = model.plan_event(event)
    except ValueError as error:
        raise UserError([Problem(str(error), "voir les feuilles Ateliers, Créneaux et Animateurs")]) from error
    if plan is None:
        raise UserError([Problem("aucun parcours ne respecte toutes les règles dans le temps imparti",
                                 "ajoutez des créneaux, des séances d'atelier ou de la capacité, ou augmentez le "
                                 "« Temps de calcul maximal »", "Ateliers")])
    summarise(event, plan, lines, report)
    out = {"routes": routes_frame(event, plan), "schedules": schedules_frame(event, plan)}
    report.figures[SESSIONS_LABEL] = len(sessions_held(  # counted as in the fiche de bilan
        step.tables["workshops"].to_dict("records"), out["schedules"].to_dict("records"),
        out["routes"].to_dict("records")))
    return StepOutput(out, report)


def summarise(event: Event, plan: Plan, lines: list[str], report: Report) -> None:
    topic = {w.workshop_id: w.concern for w in event.workshops}
    on_topic = sum(1 for (g, _), w in plan.routes.items()
                   if topic[w] == next(x.concern for x in event.groups if x.group_id == g))
    report.info(f"{len(event.groups)} groupes, {len(plan.routes)} séances en groupe dont {on_topic} sur la "
                "préoccupation du groupe")
    report.lines.extend(lines)
    if event.free_slot is not None:
        got = model.fairness(event, plan)
        report.info(f"libre choix : 1er vœu {got[1]}, 2e {got[2]}, 3e {got[3]}, hors vœux {got['hors vœux']}, "
                    f"sans vœu {got['aucun vœu']}")
        report.figures["Libre choix : 1er vœu obtenu"] = got[1]
    for check in rules.violations(event, plan):
        report.error(check.message, "signalez-le : le parcours devrait respecter cette règle", sheet="Parcours")


def routes_frame(event: Event, plan: Plan) -> pd.DataFrame:
    workshops = {w.workshop_id: w for w in event.workshops}
    rows = []
    for g in event.groups:
        for s in event.slots:
            w = workshops.get(plan.routes.get((g.group_id, s.slot_id), ""))
            if s.free_choice:
                rows.append({"group_id": g.group_id, "slot_id": s.slot_id, "workshop_id": FREE_LABEL,
                             "note": "séance individuelle : voir « Planning individuel »"})
            elif w is None:
                rows.append({"group_id": g.group_id, "slot_id": s.slot_id, "note": "pas de séance"})
            else:
                rows.append({"group_id": g.group_id, "slot_id": s.slot_id, "workshop_id": w.workshop_id,
                             "title": w.title, "room": w.room, "facilitator": w.facilitator,
                             "note": "sur la préoccupation du groupe" if w.concern == g.concern else
                             f"autre préoccupation : {w.concern}"})
    return pd.DataFrame(rows, columns=["group_id", "slot_id", "workshop_id", "title", "room", "facilitator", "note"])


def schedules_frame(event: Event, plan: Plan) -> pd.DataFrame:
    workshops = {w.workshop_id: w for w in event.workshops}
    rows = []
    for g in event.groups:
        for t in g.members:
            wishes = event.choices.get(t, [])
            for s in event.slots:
                wid = plan.free.get(t) if s.free_choice else plan.routes.get((g.group_id, s.slot_id))
                w = workshops.get(wid or "")
                rank = wishes.index(wid) + 1 if s.free_choice and wid in wishes else None
                rows.append({"teacher_id": t, "name": event.names.get(t), "group_id": g.group_id,
                             "slot_id": s.slot_id, "workshop_id": wid, "title": w.title if w else None,
                             "room": w.room if w else None, "choice_rank": rank})
    return pd.DataFrame(rows, columns=["teacher_id", "name", "group_id", "slot_id", "workshop_id", "title", "room",
                                       "choice_rank"])


ROUTES = StepSpec("parcours", "Construire les parcours",
                  ("groups", "workshops", "slots", "facilitators", "free_choices", "constraints"),
                  ("routes", "schedules"), build_routes,
                  needs=(Filled("groups"), Filled("facilitators"), Filled("workshops"), Filled("slots")))


def demo_step(workbook: Path, folder: Path, context: dict) -> Report:
    from demarche_xl.runner import run_step
    from demarche_xl.store.file_store import FileStore

    return run_step(FileStore(workbook), ROUTES, {"time_limit": 20})
