"""What is personal in the workbook, column by column: the action the anonymised copy and the purge apply to each
declared column, and the sheets the purge empties. Anything not named here is treated safely by default: text is
scrubbed of e-mails, phone numbers and names, an e-mail column is removed, numbers, dates and dropdown values kept.
"""
from __future__ import annotations

from demarche_xl.schema.model import Column, Kind, Table

KEEP = "garder"  # not personal (a discipline, a count, a workshop id…)
REMOVE = "retirer"  # e-mail, phone, user names, judgements on a person
SCRUB = "nettoyer"  # free text: e-mails, phone numbers and known names replaced
TEACHER_ID = "id enseignant"  # an ID of the roster → its pseudonym
TEACHER_IDS = "ids enseignants"  # several IDs separated by « ; »
PERSON_NAME = "nom"  # a person's full name → the pseudonym of the row's teacher (or of that name)
LAST_NAME = "nom de famille"
FIRST_NAME = "prénom"
FACILITATOR_NAME = "nom d'animateur"
DISCIPLINE = "discipline"  # generalised in the copy when fewer than the threshold teach it

RULES: dict[str, dict[str, str]] = {
    "teachers": {"teacher_id": TEACHER_ID, "last_name": LAST_NAME, "first_name": FIRST_NAME, "email": REMOVE,
                 "discipline": DISCIPLINE, "school": KEEP, "comment": REMOVE},
    "parameters": {"label": KEEP, "help": KEEP},  # the `contact` setting's value is removed (see `CONTACT_LABEL`)
    "answers": {"teacher_id": TEACHER_ID, "last_name": LAST_NAME, "first_name": FIRST_NAME, "email": REMOVE,
                "discipline": DISCIPLINE, "tab": KEEP},
    "facilitators": {"name": FACILITATOR_NAME, "email": REMOVE, "phone": REMOVE},
    "constraints": {"teacher_a": TEACHER_ID, "teacher_b": TEACHER_ID, "reason": REMOVE},
    "groups": {"teacher_id": TEACHER_ID, "name": PERSON_NAME, "discipline": DISCIPLINE, "school": KEEP},
    "routes": {"facilitator": FACILITATOR_NAME},
    "free_choices": {"teacher_id": TEACHER_ID},
    "schedules": {"teacher_id": TEACHER_ID, "name": PERSON_NAME},
    "impressions": {"teacher_id": TEACHER_ID, "observation": REMOVE},
    "lead_teachers": {"teacher_id": TEACHER_ID, "name": PERSON_NAME},
    "practices": {"teachers": TEACHER_IDS, "lead_teacher_id": TEACHER_ID, "discipline": DISCIPLINE},
    "satisfaction": {"teacher_id": TEACHER_ID, "tab": KEEP},
    "stakeholders": {"contact": REMOVE},
    "run_log": {"user": REMOVE},
    "conflicts": {"copy_author": REMOVE, "sheet": KEEP, "column": KEEP},
}
CONTACT_LABEL = "Contact de l'équipe projet"

# the purge empties these sheets: their rows only make sense about named people (the aggregates stay)
PURGE_EMPTIED = ("impressions", "schedules")
# and removes these columns of free text written by or about a person
PURGE_REMOVED = {"answers": ("comments",), "satisfaction": ("keep", "improve", "needs")}

# aggregates: rows naming a discipline are counts by discipline (secret statistique in the copy)
AGGREGATE_COUNTS = {"profile_map": ("label", ("count",), ("share",), "detail"),
                    "review": ("indicator", ("value",), (), "comment")}


def action_for(table: Table, column: Column | None, name: str = "") -> str:
    """The action for a declared column, or for a column the team added (`column` None, `name` its header)."""
    if column is None:
        return SCRUB
    rule = RULES.get(table.key, {}).get(column.key)
    if rule:
        return rule
    if column.kind is Kind.EMAIL:
        return REMOVE
    if column.kind is not Kind.TEXT:
        return KEEP
    if column.choices or column.choice_list:
        return DISCIPLINE if column.choice_list == "disciplines" else KEEP
    return SCRUB


def personal_columns(table: Table) -> list[tuple[str, str]]:
    """(header, action) of the columns holding personal data, for the README and the reports."""
    return [(c.header, action_for(table, c)) for c in table.columns if action_for(table, c) not in (KEEP, DISCIPLINE)]
