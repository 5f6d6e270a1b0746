"""Context of the facilitator briefings (seed 002, step 2): per facilitator, the concern to keep in mind, the
format, the groups and their sizes per session, the equipment needs and the project team's contact. Pure."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from demarche_xl.documents.context_common import MISSING, Contexts, header, number, records, text, truthy
from demarche_xl.documents.context_event import Event, event_from, session, slot_order

TITLE = "Fiche animateur"
FOLDER = "fiches animateurs"
BRIEFED = "Cette fiche reprend ce dont nous sommes convenus lors de notre échange de préparation."
TO_BRIEF = ("Nous vous appellerons avant les ateliers pour en préparer ensemble le déroulement ; cette fiche "
            "en donne les éléments.")


def facilitator_contexts(tables: dict, params: dict, today: dt.date) -> Contexts:
    out = Contexts()
    event = event_from(tables)
    base = header(params, today, TITLE)
    attendance = sessions_by_workshop(event)
    if not attendance:
        out.warn("ni « Parcours » ni « Planning individuel » ne sont remplis : les fiches animateurs ne donnent pas "
                 "les groupes par séance", "lancez « demarche-xl parcours » puis regénérez les documents", "Parcours")
    for row in records(tables, "facilitators"):
        facilitator_id = str(row.get("facilitator_id") or "")
        if not facilitator_id:
            continue
        workshops = [w for w in event.workshops.values() if str(w.get("facilitator_id")) == facilitator_id]
        if not workshops:
            out.warn(f"l'animateur {text(row.get('name'))} n'anime aucun atelier", "indiquez son identifiant dans la "
                     "colonne « Animateur (ID) » de la feuille Ateliers", "Animateurs", row.get("_row"), "ID")
        entry = facilitator(event, row, workshops, attendance)
        out.files[f"{FOLDER}/Fiche animateur - {entry['nom']} ({facilitator_id})"] = {
            **base, "animateurs": [entry], "contact_equipe": text(params.get("contact"))}
    if not out.files:
        out.warn("la feuille « Animateurs » est vide : aucune fiche animateur produite",
                 "remplissez la feuille Animateurs", "Animateurs")
    return out


def facilitator(event: Event, row: dict, workshops: list[dict], attendance: dict) -> dict:
    shown = [workshop_entry(event, w, attendance.get(str(w["workshop_id"]), {})) for w in workshops]
    return {
        "id": text(row.get("facilitator_id")), "nom": text(row.get("name")),
        "etablissement": text(row.get("school")), "courriel": text(row.get("email")),
        "telephone": text(row.get("phone")), "besoins": text(row.get("needs")),
        "briefing": "fait" if truthy(row.get("briefing_done")) else "à organiser",
        "briefing_texte": BRIEFED if truthy(row.get("briefing_done")) else TO_BRIEF,
        "indisponibilites": text(row.get("unavailable_slots"), "aucune"),
        "preoccupations": ", ".join(dict.fromkeys(text(w.get("concern")) for w in workshops)) or MISSING,
        "ateliers": shown or [{"titre": MISSING, "preoccupation": "", "format": "", "equipement": "", "salle": "",
                               "capacite": "", "seances": [], "participants": "0"}],
        "participants": str(sum(int(w["participants"]) for w in shown)),
    }


def workshop_entry(event: Event, workshop: dict, by_slot: dict[str, dict[str, int]]) -> dict:
    sessions = []
    for slot_id in slot_order(event, list(by_slot)):
        groups = by_slot[slot_id]
        line = session(event, slot_id, {"workshop_id": workshop["workshop_id"]})
        size = sum(groups.values())
        label = ", ".join(f"{g} ({n})" for g, n in sorted(groups.items()))
        sessions.append({**line, "groupes": label, "effectif": str(size),
                         "type": "séance en libre choix" if line["libre"] else "groupes constitués"})
    return {
        "id": text(workshop.get("workshop_id")), "titre": text(workshop.get("title")),
        "preoccupation": text(workshop.get("concern")), "format": text(workshop.get("format")),
        "equipement": text(workshop.get("equipment")), "salle": text(workshop.get("room")),
        "capacite": number(workshop.get("capacity")) if workshop.get("capacity") is not None else MISSING,
        "seances": sessions or [{"creneau": "aucune séance prévue", "date": "", "horaire": "", "groupes": "",
                                 "effectif": "0", "type": "", "salle": "", "atelier": "", "animateur": "",
                                 "libre": "", "remarque": ""}],
        "participants": str(sum(sum(g.values()) for g in by_slot.values())),
    }


def sessions_by_workshop(event: Event) -> dict[str, dict[str, dict[str, int]]]:
    """workshop → slot → group → number of teachers; from each teacher's schedule, else from group routes."""
    found: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    if event.schedules:
        for teacher_id, slots in event.schedules.items():
            group = event.group_of.get(teacher_id, "sans groupe")
            for slot_id, row in slots.items():
                if row.get("workshop_id"):
                    found[str(row["workshop_id"])][slot_id][group] += 1
    else:
        for group, slots in event.routes.items():
            for slot_id, row in slots.items():
                if row.get("workshop_id"):
                    found[str(row["workshop_id"])][slot_id][group] += len(event.groups.get(group, []))
    return {w: {s: dict(g) for s, g in slots.items()} for w, slots in found.items()}
