"""The views of the `Cartographie` sheet (pure): respondents by discipline, digital comfort, willingness,
discipline × comfort, the named profiles (rules defined here and shown in the sheet), and the catalysts available
for each retained concern."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable

from demarche_xl import french as fr
from demarche_xl.schema.tables_temps1 import VIEW_COMFORT, VIEW_PROFILE, VIEW_WILLINGNESS
from demarche_xl.tableio import is_blank
from demarche_xl.text import normalise

CONCERN_COLUMNS = ("concern_1", "concern_2", "concern_3")  # ranked: 1st, 2nd, 3rd choice
NO_ANSWER = "Sans réponse"
VIEW_DISCIPLINE = "Discipline"
VIEW_SCHOOL = "Établissement"
VIEW_CROSS = "Discipline × aisance"
VIEW_CATALYSTS = "Catalyseurs par préoccupation"


def comfort_level(record: dict, scale: list[str]) -> int | None:
    """1-4 from `Aisance (1-4)`, else from the label's place in the comfort scale of `Listes`."""
    level = record.get("comfort_level")
    if not is_blank(level):
        try:
            return int(level)
        except (TypeError, ValueError):
            pass
    positions = {normalise(v): i for i, v in enumerate(scale, start=1)}
    return positions.get(normalise(record.get("comfort")))


def willingness_kind(value: object) -> str:
    """'willing' (Oui…), 'maybe' (Peut-être), 'no' (Non or no answer)."""
    word = normalise(value)
    if word.startswith("oui"):
        return "willing"
    if word.startswith("peut"):
        return "maybe"
    return "no"


@dataclass(frozen=True)
class Profile:
    name: str
    rule: str  # the rule, in French, written in the `Détail` column
    test: Callable[[int | None, str], bool]  # (comfort level, willingness kind) -> belongs


PROFILES: tuple[Profile, ...] = (
    Profile("Pionniers", "aisance numérique 3 ou 4 (à l'aise, très à l'aise) et envie « Oui, certainement » ou "
            "« Oui, probablement »", lambda level, kind: kind == "willing" and level is not None and level >= 3),
    Profile("Volontaires", "aisance numérique 1 ou 2 (pas ou peu à l'aise) et envie « Oui, certainement » ou "
            "« Oui, probablement »", lambda level, kind: kind == "willing" and level is not None and level <= 2),
    Profile("Prudents", "envie « Peut-être », quelle que soit l'aisance", lambda level, kind: kind == "maybe"),
    Profile("Éloignés", "envie « Non » ou pas de réponse à cette question", lambda level, kind: kind == "no"),
)


def row(category: str, label: str, count: int, total: int, detail: str = "") -> dict:
    return {"category": category, "label": label, "count": count,
            "share": round(count / total, 4) if total else None, "detail": detail}


def labelled(value: object) -> str:
    return NO_ANSWER if is_blank(value) else str(value).strip()


def ordered_counts(values: list[str], order: list[str]) -> list[tuple[str, int]]:
    """Counts in the list's order (every list value, even at 0), then other values, then « Sans réponse »."""
    counts = Counter(values)
    known = {normalise(v): v for v in order}
    merged: Counter = Counter()
    for value, count in counts.items():
        merged[known.get(normalise(value), value)] += count
    others = sorted(v for v in merged if v not in order and v != NO_ANSWER)
    tail = [NO_ANSWER] if merged.get(NO_ANSWER) else []
    return [(v, merged.get(v, 0)) for v in [*order, *others, *tail]]


def profile_rows(records: list[dict], roster: list[dict], lists: dict[str, list[str]],
                 retained: list[str]) -> list[dict]:
    """The rows of `Cartographie` before the recommendations, from the answers and the roster (as records)."""
    total = len(records)
    scale = lists.get("comfort", [])
    rows = discipline_rows(records, roster, total) + school_rows(records, roster)
    comfort_labels = [labelled(scale[level - 1] if level and 1 <= level <= len(scale) else r.get("comfort"))
                      for r, level in ((r, comfort_level(r, scale)) for r in records)]
    rows += [row(VIEW_COMFORT, label, count, total, "part des répondants")
             for label, count in ordered_counts(comfort_labels, scale)]
    rows += [row(VIEW_WILLINGNESS, label, count, total, "part des répondants")
             for label, count in ordered_counts([labelled(r.get("willingness")) for r in records],
                                                lists.get("willingness", []))]
    rows += cross_rows(records, comfort_labels, scale)
    rows += named_profile_rows(records, scale) + non_respondent_rows(records, roster)
    rows += catalyst_rows(records, roster, retained)
    return rows


def discipline_rows(records: list[dict], roster: list[dict], total: int) -> list[dict]:
    listed_by = Counter(normalise(t.get("discipline")) for t in roster if not is_blank(t.get("discipline")))
    counts = Counter(labelled(r.get("discipline")) for r in records)
    out = []
    for label, count in sorted(counts.items(), key=lambda item: (item[0] == NO_ANSWER, -item[1], item[0])):
        listed = listed_by.get(normalise(label), 0)
        detail = f"{fr.count(listed, 'enseignant')} de cette discipline dans la feuille Enseignants" \
            if label != NO_ANSWER else "discipline non renseignée"
        out.append(row(VIEW_DISCIPLINE, label, count, total, detail))
    return out


def linked_ids(records: list[dict]) -> set[str]:
    return {str(r.get("teacher_id")) for r in records if not is_blank(r.get("teacher_id"))}


def school_rows(records: list[dict], roster: list[dict]) -> list[dict]:
    """For a pooled event (several schools in the roster): answers linked to each school's teachers."""
    ids_by_school: dict[str, set[str]] = {}
    for teacher in roster:
        if not is_blank(teacher.get("school")):
            ids_by_school.setdefault(str(teacher["school"]).strip(), set()).add(str(teacher.get("teacher_id")))
    if len(ids_by_school) < 2:
        return []
    linked = linked_ids(records)
    out = []
    for school in sorted(ids_by_school):
        ids = ids_by_school[school]
        answered = len(ids & linked)
        out.append(row(VIEW_SCHOOL, school, answered, len(ids),
                       f"{fr.count(answered, 'réponse reliée', 'réponses reliées')} pour "
                       f"{fr.count(len(ids), 'enseignant')} ; part = taux de réponse"))
    return out


def non_respondent_rows(records: list[dict], roster: list[dict]) -> list[dict]:
    """Teachers of the roster with no answer linked to them (their profile is unknown)."""
    ids = [str(t.get("teacher_id")) for t in roster if not is_blank(t.get("teacher_id"))]
    if not ids:
        return []
    linked = linked_ids(records)
    missing = [i for i in ids if i not in linked]
    return [row(VIEW_PROFILE, "Non-répondants", len(missing), len(ids),
                "Règle : enseignants de la feuille Enseignants sans réponse reliée au questionnaire ; part de la "
                "feuille Enseignants")]


def cross_rows(records: list[dict], comfort_labels: list[str], scale: list[str]) -> list[dict]:
    """Discipline × comfort: one row per pair that occurs; share within the discipline."""
    by_discipline = Counter(labelled(r.get("discipline")) for r in records)
    pairs = Counter((labelled(r.get("discipline")), comfort) for r, comfort in zip(records, comfort_labels))
    place = {v: i for i, v in enumerate(scale)}
    out = []
    for (discipline, comfort), count in sorted(pairs.items(), key=lambda item: (
            item[0][0] == NO_ANSWER, item[0][0], place.get(item[0][1], len(place)), item[0][1])):
        out.append(row(VIEW_CROSS, f"{discipline} — {comfort}", count, by_discipline[discipline],
                       f"part des {fr.count(by_discipline[discipline], 'répondant')} de {discipline}"))
    return out


def named_profiles(records: list[dict], scale: list[str]) -> list[tuple[Profile, list[dict]]]:
    return [(profile, [r for r in records
                       if profile.test(comfort_level(r, scale), willingness_kind(r.get("willingness")))])
            for profile in PROFILES]


def named_profile_rows(records: list[dict], scale: list[str]) -> list[dict]:
    total = len(records)
    out = [row(VIEW_PROFILE, profile.name, len(members), total, f"Règle : {profile.rule}")
           for profile, members in named_profiles(records, scale)]
    unclassified = total - sum(r["count"] for r in out)
    if unclassified:
        out.append(row(VIEW_PROFILE, "Non classés", unclassified, total,
                       "envie « Oui … » mais aisance numérique non renseignée"))
    return out


def catalyst_names(records: list[dict], roster: list[dict]) -> dict[int, str]:
    """Answer position → name, for respondents who are roster catalysts or volunteered as catalysts."""
    catalysts = {str(t.get("teacher_id")) for t in roster if t.get("catalyst") is True}
    out = {}
    for position, record in enumerate(records):
        listed = not is_blank(record.get("teacher_id")) and str(record.get("teacher_id")) in catalysts
        if record.get("catalyst_volunteer") is True or listed:
            name = " ".join(str(v) for v in (record.get("first_name"), record.get("last_name")) if not is_blank(v))
            out[position] = name or f"réponse {record.get('answer_id')}"
    return out


def catalysts_for(records: list[dict], names: dict[int, str], concern: str) -> list[str]:
    """Catalysts (`names`, from `catalyst_names`, computed once for every concern) who cite `concern`."""
    return [name for position, name in names.items()
            if concern in {records[position].get(c) for c in CONCERN_COLUMNS}]


def shortened(names: list[str], shown: int = 30) -> str:
    """A readable list that stays far below Excel's 32,767 characters per cell, even for a large event."""
    rest = len(names) - shown
    return ", ".join(names[:shown]) + (f" … et {fr.count(rest, 'autre')}" if rest > 0 else "")


def catalyst_rows(records: list[dict], roster: list[dict], retained: list[str]) -> list[dict]:
    linked = linked_ids(records)
    silent = sum(1 for t in roster if t.get("catalyst") is True and str(t.get("teacher_id")) not in linked)
    note = (f" ; et {fr.count(silent, 'catalyseur')} de la feuille Enseignants sans réponse au questionnaire, à "
            "consulter" if silent else "")
    out, catalysts = [], catalyst_names(records, roster)
    for concern in retained:
        names = catalysts_for(records, catalysts, concern)
        detail = ("catalyseurs (feuille Enseignants) ou volontaires qui citent cette préoccupation : "
                  + (shortened(names) if names else "aucun") + note)
        out.append(row(VIEW_CATALYSTS, concern, len(names), 0, detail))
    return out
