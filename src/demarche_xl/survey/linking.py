"""Linking answers to the `Enseignants` roster (pure): e-mail first, then the name, accents, case, spaces, hyphens
and apostrophes ignored, last and first name in either order, or one « Nom et prénom » field cut at every word
(« LE GALL Anne-Marie », « Anne Marie Le Gall », « DANGELO Luc » for D'Angelo); names in capitals are read as the
last name when several cuts fit. Namesakes on the roster are told apart by e-mail or discipline, otherwise left
« À ajouter » with their IDs rather than guessed. Newcomers are proposed (never added), anonymous answers counted
but not linked, and duplicates (same teacher twice) reduced to the latest answer, a complete one before an
abandoned one, the others listed."""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

import pandas as pd

from demarche_xl import french as fr
from demarche_xl.problems import Report
from demarche_xl.survey.normalise import clean, display_name, email_key, fold
from demarche_xl.tableio import as_records

BY_EMAIL, BY_NAME = "Relié (courriel)", "Relié (nom)"
NEWCOMER, ANONYMOUS = "À ajouter à Enseignants", "Anonyme"
DUPLICATE = "doublon : réponse la plus récente gardée"
DUPLICATE_COMPLETE = "doublon : réponse complète gardée"  # a later answer was abandoned before the end
PARTICLES = ("de", "du", "des", "d")  # « de La Fontaine » may be typed « La Fontaine »
NOT_LETTERS = re.compile(r"[^a-z0-9]")
ROSTER_KEYS = ("teacher_id", "last_name", "first_name", "email", "discipline")  # what linking reads of a teacher


def letters(text: object) -> str:
    """A name as letters (and digits) only, for comparison: « Le Gall » → « legall », « D'Angelo » → « dangelo »."""
    return _letters(text) if isinstance(text, str) else _letters(clean(text) or "")


@functools.lru_cache(maxsize=100_000)
def _letters(text: str) -> str:
    return NOT_LETTERS.sub("", fold(text))


def words_of(text: object) -> list[str]:
    return [w for w in re.split(r"[\s'’\-.,]+", clean(text) or "") if w]


@dataclass
class Roster:
    by_email: dict[str, list[dict]] = field(default_factory=dict)
    by_name: dict[str, list[dict]] = field(default_factory=dict)  # « last|first » in letters → teachers
    by_short: dict[str, list[dict]] = field(default_factory=dict)  # the same without a leading « de », « du »…

    @classmethod
    def of(cls, teachers: pd.DataFrame | None) -> "Roster":
        roster = cls()
        if teachers is None or not len(teachers):
            return roster
        for record in as_records(teachers[[key for key in ROSTER_KEYS if key in teachers.columns]]):
            if clean(record.get("teacher_id")) is None:
                continue
            email = email_key(record.get("email"))
            if email:
                roster.by_email.setdefault(email, []).append(record)
            last, first = letters(record.get("last_name")), letters(record.get("first_name"))
            if last and first:
                roster.by_name.setdefault(f"{last}|{first}", []).append(record)
                parts = words_of(record.get("last_name")) if last[:1] == "d" else []
                if len(parts) > 1 and fold(parts[0]) in PARTICLES:
                    roster.by_short.setdefault(f"{letters(' '.join(parts[1:]))}|{first}", []).append(record)
        return roster

    def find(self, answer: dict) -> tuple[dict | None, str, list[dict]]:
        """(teacher, status, namesakes left apart) for one answer."""
        email = email_key(answer.get("email"))
        by_mail = self.by_email.get(email, []) if email else []
        if len(by_mail) == 1:
            return by_mail[0], BY_EMAIL, []
        candidates = self.by_names(answer)
        if len(candidates) > 1:
            candidates = told_apart(candidates, answer)
        if len(candidates) == 1:
            return candidates[0], BY_NAME, []
        named = any(clean(answer.get(k)) for k in ("last_name", "first_name", "full_name"))
        if not email and not named:
            return None, ANONYMOUS, []
        return None, NEWCOMER, candidates

    def by_names(self, answer: dict) -> list[dict]:
        last, first = clean(answer.get("last_name")), clean(answer.get("first_name"))
        if last and first:  # two fields: as given, then swapped
            for key in (f"{letters(last)}|{letters(first)}", f"{letters(first)}|{letters(last)}"):
                if self.by_name.get(key):
                    return unique(self.by_name[key])
        text = clean(answer.get("full_name")) or " ".join(filter(None, [last, first]))
        for index in (self.by_name, self.by_short):
            found = self.cuts(text, index)
            if found:
                return found
        return []

    def cuts(self, text: str | None, index: dict[str, list[dict]]) -> list[dict]:
        """Teachers whose « last first » or « first last » is the name cut at some word; words typed in capitals
        taken as the last name first."""
        parts = words_of(text)
        found: list[dict] = []
        preferred: list[dict] = []
        capitals = {i for i, w in enumerate(parts) if len(w) > 1 and w.isupper()}
        for cut in range(1, len(parts)):
            head, tail = parts[:cut], parts[cut:]
            for last_part, first_part, last_at in ((head, tail, set(range(cut))), (tail, head,
                                                                                   set(range(cut, len(parts))))):
                hits = index.get(f"{letters(''.join(last_part))}|{letters(''.join(first_part))}", [])
                found += hits
                if capitals and capitals == last_at:
                    preferred += hits
        return unique(preferred) or unique(found)


def unique(teachers: list[dict]) -> list[dict]:
    return list({str(t.get("teacher_id")): t for t in teachers}.values())


def told_apart(namesakes: list[dict], answer: dict) -> list[dict]:
    """Namesakes kept apart by the answer's discipline when only one of them teaches it."""
    discipline = fold(answer.get("discipline"))
    same = [t for t in namesakes if discipline and fold(t.get("discipline")) == discipline]
    return same if len(same) == 1 else namesakes


def link(records: list[dict], teachers: pd.DataFrame | None, report: Report) -> None:
    """Fill `teacher_id` and `link_status`; linked answers take the roster's spelling of names and e-mail."""
    roster = Roster.of(teachers)
    for record in records:
        teacher, status, namesakes = roster.find(record)
        record["link_status"] = status
        record["teacher_id"] = clean(teacher["teacher_id"]) if teacher else None
        if teacher is not None:
            for key in ("last_name", "first_name", "email"):
                spelt = clean(teacher.get(key))
                if spelt:
                    record[key] = spelt
            continue
        if clean(record.get("full_name")) and not clean(record.get("last_name")):
            record["last_name"], record["first_name"] = split_full_name(record["full_name"])
        if status != NEWCOMER:
            continue
        who = " ".join(filter(None, [clean(record.get("first_name")), clean(record.get("last_name"))])) or \
            clean(record.get("email"))
        if namesakes:
            ids = [str(t["teacher_id"]) for t in namesakes]
            record["link_status"] = f"{NEWCOMER} (homonymes : {', '.join(ids)})"
            report.warn(f"« {who} » : {fr.count(len(ids), 'enseignant')} de la liste portent ce nom "
                        f"({fr.join(ids)}) : la réponse n'est reliée à aucun", "ajoutez son courriel dans l'onglet "
                        "source (ou distinguez les noms dans « Enseignants ») puis relancez la consolidation",
                        sheet=record["tab"], row=record.get("_row"))
        else:
            report.warn(f"« {who} » a répondu mais n'est pas dans la liste des enseignants",
                        "ajoutez-le à la feuille « Enseignants » (ou corrigez son nom) puis relancez la "
                        "consolidation", sheet=record["tab"], row=record.get("_row"))


def split_full_name(text: object) -> tuple[str | None, str | None]:
    """« DUPONT Jean » → (« Dupont », « Jean »): the words in capitals are the last name; without them the whole
    text is kept as the last name (the order cannot be told)."""
    parts = (clean(text) or "").split()
    capitals = [w for w in parts if len(letters(w)) > 1 and w.isupper()]
    if capitals and len(capitals) < len(parts):
        return display_name(" ".join(capitals)), " ".join(w for w in parts if w not in capitals)
    return display_name(clean(text)), None


def identity(record: dict) -> str:
    if record.get("teacher_id"):
        return "id:" + str(record["teacher_id"])
    if email_key(record.get("email")):
        return "mail:" + email_key(record.get("email"))
    names = sorted(letters(w) for k in ("last_name", "first_name") for w in words_of(record.get(k)))
    return "nom:" + " ".join(n for n in names if n)


def drop_duplicates(records: list[dict], report: Report) -> tuple[list[dict], int]:
    """Keep the latest answer of each teacher, a complete one before an abandoned one (anonymous answers are never
    duplicates); returns (kept, dropped)."""
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
        if len(group) > 1:  # most teachers answered once: nothing to order
            group.sort(key=lambda r: (r.get("complete") is not False, r.get("submitted") or dt.datetime.min,
                                      r["tab"], r.get("_row") or 0))
        latest = group[-1]
        kept.append(latest)
        if len(group) > 1:
            newer_abandoned = any((r.get("submitted") or dt.datetime.max) > (latest.get("submitted") or dt.datetime.min)
                                  for r in group[:-1])
            latest["link_status"] = f"{latest['link_status']} ; {DUPLICATE_COMPLETE if newer_abandoned else DUPLICATE}"
        for older in group[:-1]:
            dropped += 1
            who = " ".join(filter(None, [clean(latest.get("first_name")), clean(latest.get("last_name"))]))
            why = "incomplète" if older.get("complete") is False and latest.get("complete") is not False else \
                "plus ancienne"
            report.warn(f"{who or 'un enseignant'} a répondu plusieurs fois : cette réponse ({why}) est "
                        f"écartée, celle de « {latest['tab']} » ligne {latest.get('_row')} est gardée",
                        "rien à faire si c'est bien la même personne", sheet=older["tab"], row=older.get("_row"))
    return kept, dropped
