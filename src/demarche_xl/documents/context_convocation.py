"""Context of the convocations: one per participating teacher (group, fellow members, catalyst, route, free-choice
session), plus one context gathering them all for printing. Pure."""
from __future__ import annotations

import datetime as dt

from demarche_xl import french
from demarche_xl.documents.context_common import (MISSING, Contexts, french_date, header, is_missing, person_name,
                                                  records, text, truthy)
from demarche_xl.documents.context_event import FREE_CHOICE, Event, event_from, teacher_route

TITLE = "Convocation aux ateliers d'échange"
ALL_FILE = "Convocations - toutes"
FOLDER = "convocations"


def convocation_contexts(tables: dict, params: dict, today: dt.date) -> Contexts:
    out = Contexts()
    event = event_from(tables)
    base = header(params, today, TITLE)
    teachers = participants(tables, event, out)
    if not event.groups:
        out.warn("la feuille « Groupes » est vide : les convocations n'indiquent pas de groupe",
                 "lancez « demarche-xl groupes » puis « demarche-xl parcours », et regénérez les documents", "Groupes")
    elif not event.routes and not event.schedules:
        out.warn("les feuilles « Parcours » et « Planning individuel » sont vides : les convocations n'indiquent "
                 "que les créneaux", "lancez « demarche-xl parcours » puis regénérez les documents", "Parcours")
    entries = [convocation(event, row, out) for row in teachers]
    for row, entry in zip(teachers, entries):
        out.files[f"{FOLDER}/Convocation - {entry['nom']} ({row['teacher_id']})"] = {**base, "convocations": [entry]}
    if entries:
        out.combined[ALL_FILE] = {**base, "convocations": entries}
    else:
        out.warn("aucun enseignant ne participe aux ateliers : aucune convocation produite",
                 "mettez « Oui » dans « Participe aux ateliers » (feuille Enseignants)", "Enseignants")
    return out


def participants(tables: dict, event: Event, out: Contexts) -> list[dict]:
    """Teachers marked as participating, plus anyone placed in a group; in roster order."""
    rows = [r for r in records(tables, "teachers") if r.get("teacher_id")]
    chosen = [r for r in rows if truthy(r.get("participates")) or str(r["teacher_id"]) in event.group_of]
    known = {str(r["teacher_id"]) for r in rows}
    for teacher_id, group in event.group_of.items():
        if teacher_id not in known:
            member = next(m for m in event.groups[group] if str(m.get("teacher_id")) == teacher_id)
            out.warn(f"« {teacher_id} » est dans le groupe {group} mais absent de la feuille Enseignants",
                     "corrigez l'identifiant dans la feuille Groupes", "Groupes", member.get("_row"), "ID enseignant")
            chosen.append({"teacher_id": teacher_id, "last_name": member.get("name"), "first_name": None})
    if event.groups:
        for row in chosen:
            if str(row["teacher_id"]) not in event.group_of:
                out.warn(f"{person_name(row.get('first_name'), row.get('last_name'))} participe aux ateliers mais "
                         "n'est dans aucun groupe", "relancez « demarche-xl groupes »", "Enseignants",
                         row.get("_row"), "Participe aux ateliers")
    return chosen


def convocation(event: Event, teacher: dict, out: Contexts) -> dict:
    teacher_id = str(teacher["teacher_id"])
    group_id = event.group_of.get(teacher_id, "")
    group_rows = event.groups.get(group_id, [])
    route = teacher_route(event, teacher_id)
    free = next((s for s in route if s["libre"]), None)
    concern = next((m.get("concern") for m in group_rows if not is_missing(m.get("concern"))), None)
    return {
        "id": teacher_id,
        "nom": person_name(teacher.get("first_name"), teacher.get("last_name")),
        "de_nom": french.de(person_name(teacher.get("first_name"), teacher.get("last_name"))),
        "prenom": text(teacher.get("first_name"), ""),
        "nom_famille": text(teacher.get("last_name"), ""),
        "discipline": text(teacher.get("discipline")),
        "groupe": group_id or MISSING,
        "preoccupation": text(concern),
        "catalyseur": event.catalyst_of(group_id) if group_id else MISSING,
        "est_catalyseur": truthy(teacher.get("catalyst")),
        "membres": event.members(group_id, without=teacher_id) or [{"nom": MISSING, "discipline": "",
                                                                    "catalyseur": ""}],
        "parcours": route or [{"creneau": MISSING, "date": "", "horaire": "", "atelier": "", "salle": "",
                               "animateur": "", "libre": "", "remarque": ""}],
        "libre_choix": free_choice(event, teacher_id, free),
        "journee": first_day(event),
    }


def free_choice(event: Event, teacher_id: str, free: dict | None) -> dict:
    if free is None:
        return {"atelier": "pas de séance en libre choix", "creneau": "", "horaire": "", "salle": "", "voeu": ""}
    row = event.schedules.get(teacher_id, {}).get(free["creneau"], {})
    rank = row.get("choice_rank")
    wish = f"votre vœu n°{french.NBSP}{int(rank)}" if isinstance(rank, (int, float)) else "atelier attribué sans vœu"
    if free["atelier"].startswith(FREE_CHOICE):
        wish = "à choisir sur place"
    return {**free, "voeu": wish}


def first_day(event: Event) -> str:
    days = sorted(s["date"] for s in event.slots.values() if isinstance(s.get("date"), (dt.date, dt.datetime)))
    return french_date(days[0], weekday=True) if days else MISSING
