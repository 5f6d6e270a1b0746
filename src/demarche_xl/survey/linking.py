"""Linking answers to the `Enseignants` roster (pure): e-mail first, then last + first name with accents, case and
spaces ignored; newcomers proposed (never added), anonymous answers counted but not linked, and duplicates (same
teacher twice) reduced to the latest answer with the others listed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from demarche_xl.problems import Report
from demarche_xl.survey.normalise import clean, email_key, name_key

BY_EMAIL, BY_NAME = "Relié (courriel)", "Relié (nom)"
NEWCOMER, ANONYMOUS = "À ajouter à Enseignants", "Anonyme"
DUPLICATE = "doublon : réponse la plus récente gardée"


@dataclass
class Roster:
    by_email: dict[str, dict] = field(default_factory=dict)
    by_name: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def of(cls, teachers: pd.DataFrame | None) -> "Roster":
        roster = cls()
        if teachers is None or not len(teachers):
            return roster
        for record in teachers.to_dict("records"):
            if clean(record.get("teacher_id")) is None:
                continue
            if email_key(record.get("email")):
                roster.by_email.setdefault(email_key(record.get("email")), record)
            for key in (name_key(record.get("last_name"), record.get("first_name")),
                        name_key(record.get("first_name"), record.get("last_name"))):
                if key:
                    roster.by_name.setdefault(key, record)
        return roster

    def find(self, answer: dict) -> tuple[dict | None, str]:
        email = email_key(answer.get("email"))
        if email and email in self.by_email:
            return self.by_email[email], BY_EMAIL
        key = name_key(answer.get("last_name"), answer.get("first_name"))
        if key and key in self.by_name:
            return self.by_name[key], BY_NAME
        if not email and not clean(answer.get("last_name")) and not clean(answer.get("first_name")):
            return None, ANONYMOUS
        return None, NEWCOMER


def link(records: list[dict], teachers: pd.DataFrame | None, report: Report) -> None:
    """Fill `teacher_id` and `link_status`; linked answers take the roster's spelling of names and e-mail."""
    roster = Roster.of(teachers)
    for record in records:
        teacher, status = roster.find(record)
        record["link_status"] = status
        record["teacher_id"] = clean(teacher["teacher_id"]) if teacher else None
        if teacher is not None:
            for key in ("last_name", "first_name", "email"):
                if key in record and clean(teacher.get(key)):
                    record[key] = clean(teacher.get(key))
        elif status == NEWCOMER:
            who = " ".join(filter(None, [clean(record.get("first_name")), clean(record.get("last_name"))])) or \
                clean(record.get("email"))
            report.warn(f"« {who} » a répondu mais n'est pas dans la liste des enseignants",
                        "ajoutez-le à la feuille « Enseignants » (ou corrigez son nom) puis relancez la "
                        "consolidation", sheet=record["tab"], row=record.get("_row"))


def identity(record: dict) -> str:
    if record.get("teacher_id"):
        return "id:" + str(record["teacher_id"])
    return ("mail:" + email_key(record.get("email"))) if email_key(record.get("email")) else \
        ("nom:" + name_key(record.get("last_name"), record.get("first_name")))


def drop_duplicates(records: list[dict], report: Report) -> tuple[list[dict], int]:
    """Keep the latest answer of each teacher (anonymous answers are never duplicates); returns (kept, dropped)."""
    groups: dict[str, list[dict]] = {}
    kept: list[dict] = []
    for record in records:
        key = identity(record)
        if record["link_status"] == ANONYMOUS or key in ("nom:", "mail:"):
            kept.append(record)
        else:
            groups.setdefault(key, []).append(record)
    dropped = 0
    for group in groups.values():
        group.sort(key=lambda r: (r.get("submitted") or dt.datetime.min, r["tab"], r.get("_row") or 0))
        latest = group[-1]
        kept.append(latest)
        if len(group) > 1:
            latest["link_status"] = f"{latest['link_status']} ; {DUPLICATE}"
        for older in group[:-1]:
            dropped += 1
            who = " ".join(filter(None, [clean(latest.get("first_name")), clean(latest.get("last_name"))]))
            report.warn(f"{who or 'un enseignant'} a répondu plusieurs fois : cette réponse (plus ancienne) est "
                        f"écartée, celle de « {latest['tab']} » ligne {latest.get('_row')} est gardée",
                        "rien à faire si c'est bien la même personne", sheet=older["tab"], row=older.get("_row"))
    return kept, dropped
