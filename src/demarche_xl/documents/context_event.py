"""The workshop event as the Temps 2 documents see it (convocations, facilitator briefings, logbooks): slots,
workshops, facilitators, groups with their members, each group's route and each teacher's own schedule.

Built once from the tables (pure), then queried by the context builders of each document.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from demarche_xl.documents.context_common import (MISSING, french_date, hours, is_missing, person_name, records,
                                                  text, truthy)

FREE_CHOICE = "Libre choix"


@dataclass
class Event:
    slots: dict[str, dict] = field(default_factory=dict)  # in the order of the Créneaux sheet
    workshops: dict[str, dict] = field(default_factory=dict)
    facilitators: dict[str, dict] = field(default_factory=dict)
    teachers: dict[str, dict] = field(default_factory=dict)
    groups: dict[str, list[dict]] = field(default_factory=dict)  # group → member rows of Groupes
    group_of: dict[str, str] = field(default_factory=dict)  # teacher → group
    routes: dict[str, dict[str, dict]] = field(default_factory=dict)  # group → slot → row of Parcours
    schedules: dict[str, dict[str, dict]] = field(default_factory=dict)  # teacher → slot → row of Planning individuel

    def is_free(self, slot_id: str) -> bool:
        return truthy(self.slots.get(slot_id, {}).get("free_choice"))

    def teacher_name(self, teacher_id: str, fallback: object = None) -> str:
        row = self.teachers.get(teacher_id)
        if row:
            return person_name(row.get("first_name"), row.get("last_name"))
        return text(fallback, teacher_id)

    def catalyst_of(self, group_id: str) -> str:
        names = [self.member_name(m) for m in self.groups.get(group_id, []) if truthy(m.get("catalyst"))]
        return ", ".join(names) if names else "aucun catalyseur désigné"

    def member_name(self, member: dict) -> str:
        return self.teacher_name(str(member.get("teacher_id")), member.get("name"))

    def members(self, group_id: str, without: str = "") -> list[dict]:
        return [{"nom": self.member_name(m), "discipline": text(m.get("discipline")),
                 "catalyseur": "Catalyseur" if truthy(m.get("catalyst")) else ""}
                for m in self.groups.get(group_id, []) if str(m.get("teacher_id")) != without]


def event_from(tables: dict) -> Event:
    event = Event()
    event.slots = {str(r["slot_id"]): r for r in records(tables, "slots") if r.get("slot_id")}
    event.workshops = {str(r["workshop_id"]): r for r in records(tables, "workshops") if r.get("workshop_id")}
    event.facilitators = {str(r["facilitator_id"]): r for r in records(tables, "facilitators")
                          if r.get("facilitator_id")}
    event.teachers = {str(r["teacher_id"]): r for r in records(tables, "teachers") if r.get("teacher_id")}
    for row in records(tables, "groups"):
        if row.get("group_id") and row.get("teacher_id"):
            event.groups.setdefault(str(row["group_id"]), []).append(row)
            event.group_of[str(row["teacher_id"])] = str(row["group_id"])
    for row in records(tables, "routes"):
        if row.get("group_id") and row.get("slot_id"):
            event.routes.setdefault(str(row["group_id"]), {})[str(row["slot_id"])] = row
    for row in records(tables, "schedules"):
        if row.get("teacher_id") and row.get("slot_id"):
            event.schedules.setdefault(str(row["teacher_id"]), {})[str(row["slot_id"])] = row
    return event


def slot_order(event: Event, slot_ids) -> list[str]:
    known = list(event.slots)
    return sorted(set(slot_ids), key=lambda s: (known.index(s) if s in known else len(known), s))


def session(event: Event, slot_id: str, row: dict | None) -> dict:
    """One line of a route: slot, date, hours, workshop, room, facilitator (a free-choice slot says so)."""
    slot = event.slots.get(slot_id, {})
    row = row or {}
    workshop_id = text(row.get("workshop_id"), "")
    workshop = event.workshops.get(workshop_id, {})
    title = row.get("title") if not is_missing(row.get("title")) else workshop.get("title")
    free = event.is_free(slot_id)
    if is_missing(title):
        title = f"{FREE_CHOICE} : atelier à choisir" if free else MISSING
    return {
        "creneau": slot_id, "date": french_date(slot.get("date"), weekday=True) if slot.get("date") else MISSING,
        "horaire": hours(slot.get("start"), slot.get("end")), "atelier": text(title),
        "salle": text(row.get("room") if not is_missing(row.get("room")) else workshop.get("room")),
        "animateur": facilitator_label(event, row, workshop), "libre": FREE_CHOICE if free else "",
        "remarque": text(row.get("note"), ""),
    }


def facilitator_label(event: Event, row: dict, workshop: dict) -> str:
    if not is_missing(row.get("facilitator")):
        return text(row.get("facilitator"))
    facilitator = event.facilitators.get(str(workshop.get("facilitator_id")), {})
    return text(facilitator.get("name"))


def teacher_route(event: Event, teacher_id: str) -> list[dict]:
    """The teacher's own schedule when `Planning individuel` has it, else the group's route."""
    own = event.schedules.get(teacher_id, {})
    group_route = event.routes.get(event.group_of.get(teacher_id, ""), {})
    slots = slot_order(event, route_slots(event, [*own, *group_route]))
    return [session(event, s, own.get(s) or group_route.get(s)) for s in slots]


def group_route(event: Event, group_id: str) -> list[dict]:
    route = event.routes.get(group_id, {})
    return [session(event, s, route.get(s)) for s in slot_order(event, route_slots(event, list(route)))]


def route_slots(event: Event, planned: list[str]) -> list[str]:
    """The slots a route shows: those planned plus the free-choice ones, or every slot when nothing is planned."""
    if not planned:
        return list(event.slots)
    return [*planned, *(s for s in event.slots if event.is_free(s))]
