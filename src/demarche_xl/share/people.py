"""Who the workbook names and their pseudonyms: teachers of the roster (« Enseignant 017 »), respondents who are not
on it (« Répondant 003 ») and external facilitators (« Animateur 02 »), numbered in a random order so a pseudonym
says nothing about the name; the same person gets the same pseudonym in every sheet (by ID, name or e-mail)."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import pandas as pd

from demarche_xl.share.scrub import Person, Scrubber, _key
from demarche_xl.tableio import is_blank

PSEUDONYM = re.compile(r"^(Enseignant|Répondant|Animateur) \d+$")
ANONYMOUS_FIRST_NAME = "Anonyme"


@dataclass
class Directory:
    by_id: dict[str, str] = field(default_factory=dict)  # teacher ID → pseudonym
    by_name: dict[str, str] = field(default_factory=dict)  # folded « prénom nom » / « nom prénom » → pseudonym
    by_email: dict[str, str] = field(default_factory=dict)
    facilitators: dict[str, str] = field(default_factory=dict)  # folded name or ID → pseudonym
    people: list[Person] = field(default_factory=list)
    scrubber: Scrubber = field(default_factory=lambda: Scrubber([]))

    def teacher(self, teacher_id: object = None, first: object = None, last: object = None,
                email: object = None) -> str | None:
        """The pseudonym of a teacher or respondent, found by ID, then e-mail, then name."""
        if not is_blank(teacher_id) and str(teacher_id).strip() in self.by_id:
            return self.by_id[str(teacher_id).strip()]
        if not is_blank(email) and str(email).strip().lower() in self.by_email:
            return self.by_email[str(email).strip().lower()]
        if not is_blank(last):
            return self.by_name.get(_key(f"{first or ''} {last}"))
        return None


def build_directory(tables: dict[str, pd.DataFrame], rng: random.Random) -> Directory:
    directory = Directory()
    teachers = _records(tables.get("teachers"))
    known = directory_of(teachers)
    respondents = [r for r in _records(tables.get("answers")) if _unknown(known, r)]
    strangers: dict[str, dict] = {}
    for record in respondents:
        strangers.setdefault(_key(f"{record.get('first_name') or ''} {record.get('last_name') or ''}")
                             or str(record.get("email")), record)
    width = max(3, len(str(len(teachers) + len(strangers))))
    numbers = list(range(1, len(teachers) + len(strangers) + 1))
    rng.shuffle(numbers)
    for record, number in zip([*teachers, *strangers.values()], numbers):
        word = "Enseignant" if len(directory.people) < len(teachers) else "Répondant"
        _add(directory, record, f"{word} {number:0{width}d}")
    facilitators = _records(tables.get("facilitators"))
    numbers = list(range(1, len(facilitators) + 1))
    rng.shuffle(numbers)
    for record, number in zip(facilitators, numbers):
        pseudonym = f"Animateur {number:02d}"
        name = str(record.get("name") or "").strip()
        directory.facilitators[_key(name)] = pseudonym
        first, _, last = name.partition(" ")
        directory.people.append(Person(pseudonym, first if last else "", last or first))
    directory.scrubber = Scrubber(directory.people)
    return directory


def _records(frame: pd.DataFrame | None) -> list[dict]:
    return [] if frame is None or not len(frame) else frame.to_dict("records")


def directory_of(teachers: list[dict]) -> tuple[set[str], set[str], set[str]]:
    ids = {str(t["teacher_id"]).strip() for t in teachers if not is_blank(t.get("teacher_id"))}
    emails = {str(t["email"]).strip().lower() for t in teachers if not is_blank(t.get("email"))}
    names = {_key(f"{t.get('first_name') or ''} {t.get('last_name') or ''}") for t in teachers}
    names |= {_key(f"{t.get('last_name') or ''} {t.get('first_name') or ''}") for t in teachers}
    return ids, emails, names


def _unknown(known: tuple[set[str], set[str], set[str]], record: dict) -> bool:
    """A respondent not on the roster (by ID, e-mail or name) who gave a name or an e-mail."""
    ids, emails, names = known
    name = _key(f"{record.get('first_name') or ''} {record.get('last_name') or ''}")
    email = str(record.get("email") or "").strip().lower()
    if not name and not email:
        return False
    return (str(record.get("teacher_id") or "").strip() not in ids and email not in emails and name not in names)


def _add(directory: Directory, record: dict, pseudonym: str) -> None:
    first, last = str(record.get("first_name") or "").strip(), str(record.get("last_name") or "").strip()
    ident = str(record.get("teacher_id") or "").strip()
    if PSEUDONYM.match(last) or PSEUDONYM.match(ident):  # already purged: nothing left to hide but the old number
        first, last = "", ""
    if ident:
        directory.by_id[ident] = pseudonym
    if not is_blank(record.get("email")):
        directory.by_email[str(record["email"]).strip().lower()] = pseudonym
    if last:
        directory.by_name.setdefault(_key(f"{first} {last}"), pseudonym)
        directory.by_name.setdefault(_key(f"{last} {first}"), pseudonym)
    directory.people.append(Person(pseudonym, first, last, (ident,) if ident else ()))
