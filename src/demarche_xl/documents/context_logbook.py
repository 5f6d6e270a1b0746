"""Context of the logbooks (journal de bord): one per group, pre-filled with its members and route, with the notes
already typed in the `Journal de bord` sheet and room left for new ones. Pure."""
from __future__ import annotations

import datetime as dt

from demarche_xl.documents.context_common import Contexts, header, is_missing, records, text
from demarche_xl.documents.context_event import FREE_CHOICE, event_from, group_route

TITLE = "Journal de bord"
FOLDER = "journaux de bord"


def logbook_contexts(tables: dict, params: dict, today: dt.date) -> Contexts:
    out = Contexts()
    event = event_from(tables)
    base = header(params, today, TITLE)
    notes = notes_by_group(records(tables, "logbook"))
    if not event.groups:
        out.warn("la feuille « Groupes » est vide : aucun journal de bord produit",
                 "lancez « demarche-xl groupes » puis regénérez les documents", "Groupes")
    for group_id in sorted(event.groups):
        rows = event.groups[group_id]
        concern = next((m.get("concern") for m in rows if not is_missing(m.get("concern"))), None)
        route = group_route(event, group_id)
        for line in route:
            if line["libre"] and line["atelier"].startswith(FREE_CHOICE):
                line.update(atelier=f"{FREE_CHOICE} : chacun son atelier", salle="selon l'atelier",
                            animateur="selon l'atelier")
            line["notes"] = notes.get((group_id, line["creneau"]), [])
        entry = {"groupe": group_id, "preoccupation": text(concern), "catalyseur": event.catalyst_of(group_id),
                 "membres": event.members(group_id), "effectif": str(len(rows)), "parcours": route,
                 "notes_generales": notes.get((group_id, ""), [])}
        out.files[f"{FOLDER}/Journal de bord - {group_id}"] = {**base, "groupes": [entry]}
    return out


def notes_by_group(rows: list[dict]) -> dict[tuple[str, str], list[dict]]:
    """Notes already typed in `Journal de bord`, by (group, slot); a note without slot is a general note."""
    found: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        if is_missing(row.get("group_id")):
            continue
        note = {"elements": text(row.get("highlights"), ""), "idees": text(row.get("ideas"), ""),
                "questions": text(row.get("questions"), "")}
        if any(note.values()):
            found.setdefault((str(row["group_id"]), text(row.get("slot_id"), "")), []).append(note)
    return found
