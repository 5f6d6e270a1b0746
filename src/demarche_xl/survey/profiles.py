"""The views of the `Cartographie` sheet (pure): respondents by discipline, digital comfort, willingness,
discipline × comfort, the named profiles (rules defined here and shown in the sheet), and the catalysts available
for each retained concern."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable

from demarche_xl import french as fr
from demarche_xl.schema.tables_temps1 import VIEW_COMFORT, VIEW_PROFILE, VIEW_WILLINGNESS
from demarche_xl.survey.normalise import per_distinct
from demarche_xl.tableio import is_blank
from demarche_xl.text import normalise

CONCERN_COLUMNS = ("concern_1", "concern_2", "concern_3")  # ranked: 1st, 2nd, 3rd choice
NO_ANSWER = "Sans réponse"
VIEW_DISCIPLINE = "Discipline"
VIEW_SCHOOL = "Établissement"
VIEW_CROSS = "Discipline × aisance"
VIEW_CATALYSTS = "Catalyseurs par préoccupation"


def comfort_levels(records: list[dict], scale: list[str]) -> list[int | None]:
    """1-4 for each answer, from `Aisance (1-4)`, else from the label's place in the comfort scale of `Listes`."""
    positions = {normalise(v): i for i, v in enumerate(scale, start=1)}
    return [level_of(record.get("comfort_level"), record.get("comfort"), positions) for record in records]


def level_of(level: object, label: object, positions: dict[str, int]) -> int | None:
    if not is_blank(level):
        try:
            return int(level)
        except (TypeError, ValueError):
            pass
    return positions.get(normalise(label))


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


def profile_rows(records: list[dict], roster: list[dict], lists: dict[str, list[str]], retained: list[str],
                 catalysts: dict[object, list[str]]) -> list[dict]:
    """The rows of `Cartographie` before the recommendations, from the answers and the roster (as records) and the
    catalysts citing each concern (`catalysts_by_concern`)."""
    total = len(records)
    scale = lists.get("comfort", [])
    levels = comfort_levels(records, scale)
    disciplines = per_distinct((r.get("discipline") for r in records), labelled)
    linked = linked_ids(records)
    rows = discipline_rows(disciplines, roster, total) + school_rows(linked, roster)
    comfort_labels = [labelled(scale[level - 1] if level and 1 <= level <= len(scale) else r.get("comfort"))
                      for r, level in zip(records, levels)]
    rows += [row(VIEW_COMFORT, label, count, total, "part des répondants")
             for label, count in ordered_counts(comfort_labels, scale)]
    rows += [row(VIEW_WILLINGNESS, label, count, total, "part des répondants")
             for label, count in ordered_counts(per_distinct((r.get("willingness") for r in records), labelled),
                                                lists.get("willingness", []))]
    rows += cross_rows(disciplines, comfort_labels, scale)
    rows += named_profile_rows(records, levels) + non_respondent_rows(linked, roster)
    rows += catalyst_rows(roster, retained, linked, catalysts)
    return rows


def discipline_rows(disciplines: list[str], roster: list[dict], total: int) -> list[dict]:
    """One row per discipline answered (`disciplines`: each answer's, as `labelled`), most answered first."""
    listed_by = Counter(normalise(t.get("discipline")) for t in roster if not is_blank(t.get("discipline")))
    counts = Counter(disciplines)
    out = []
    for label, count in sorted(counts.items(), key=lambda item: (item[0] == NO_ANSWER, -item[1], item[0])):
        listed = listed_by.get(normalise(label), 0)
        detail = f"{fr.count(listed, 'enseignant')} de cette discipline dans la feuille Enseignants" \
            if label != NO_ANSWER else "discipline non renseignée"
        out.append(row(VIEW_DISCIPLINE, label, count, total, detail))
    return out


def linked_ids(records: list[dict]) -> set[str]:
    return {str(r.get("teacher_id")) for r in records if not is_blank(r.get("teacher_id"))}


def school_rows(linked: set[str], roster: list[dict]) -> list[dict]:
    """For a pooled event (several schools in the roster): answers linked to each school's teachers."""
    ids_by_school: dict[str, set[str]] = {}
    for teacher in roster:
        if not is_blank(teacher.get("school")):
            ids_by_school.setdefault(str(teacher["school"]).strip(), set()).add(str(teacher.get("teacher_id")))
    if len(ids_by_school) < 2:
        return []
    out = []
    for school in sorted(ids_by_school):
        ids = ids_by_school[school]
        answered = len(ids & linked)
        out.append(row(VIEW_SCHOOL, school, answered, len(ids),
                       f"{fr.count(answered, 'réponse reliée', 'réponses reliées')} pour "
                       f"{fr.count(len(ids), 'enseignant')} ; part = taux de réponse"))
    return out


def non_respondent_rows(linked: set[str], roster: list[dict]) -> list[dict]:
    """Teachers of the roster with no answer linked to them (their profile is unknown)."""
    ids = [str(t.get("teacher_id")) for t in roster if not is_blank(t.get("teacher_id"))]
    if not ids:
        return []
    missing = [i for i in ids if i not in linked]
    return [row(VIEW_PROFILE, "Non-répondants", len(missing), len(ids),
                "Règle : enseignants de la feuille Enseignants sans réponse reliée au questionnaire ; part de la "
                "feuille Enseignants")]


def cross_rows(disciplines: list[str], comfort_labels: list[str], scale: list[str]) -> list[dict]:
    """Discipline × comfort: one row per pair that occurs; share within the discipline."""
    by_discipline = Counter(disciplines)
    pairs = Counter(zip(disciplines, comfort_labels))
    place = {v: i for i, v in enumerate(scale)}
    out = []
    for (discipline, comfort), count in sorted(pairs.items(), key=lambda item: (
            item[0][0] == NO_ANSWER, item[0][0], place.get(item[0][1], len(place)), item[0][1])):
        out.append(row(VIEW_CROSS, f"{discipline} — {comfort}", count, by_discipline[discipline],
                       f"part des {fr.count(by_discipline[discipline], 'répondant')} de {discipline}"))
    return out


def named_profiles(records: list[dict], levels: list[int | None]) -> list[tuple[Profile, list[dict]]]:
    """The answers of each named profile (`levels`: each answer's comfort level, from `comfort_levels`)."""
    pairs = list(zip(levels, per_distinct((r.get("willingness") for r in records), willingness_kind)))
    belongs = {pair: [profile.test(*pair) for profile in PROFILES] for pair in set(pairs)}  # few distinct pairs
    return [(profile, [r for r, pair in zip(records, pairs) if belongs[pair][number]])
            for number, profile in enumerate(PROFILES)]


def named_profile_rows(records: list[dict], levels: list[int | None]) -> list[dict]:
    total = len(records)
    out = [row(VIEW_PROFILE, profile.name, len(members), total, f"Règle : {profile.rule}")
           for profile, members in named_profiles(records, levels)]
    unclassified = total - sum(r["count"] for r in out)
    if unclassified:
        out.append(row(VIEW_PROFILE, "Non classés", unclassified, total,
                       "envie « Oui … » mais aisance numérique non renseignée"))
    return out


def catalysts_by_concern(records: list[dict], roster: list[dict]) -> dict[object, list[str]]:
    """Concern → names of the respondents who cite it and are roster catalysts or volunteered as catalysts, in the
    answers' order (computed once for every concern)."""
    catalysts = {str(t.get("teacher_id")) for t in roster if t.get("catalyst") is True}
    out: dict[object, list[str]] = {}
    for record in records:
        if record.get("catalyst_volunteer") is True or (not is_blank(record.get("teacher_id")) and
                                                        str(record.get("teacher_id")) in catalysts):
            name = " ".join(str(v) for v in (record.get("first_name"), record.get("last_name")) if not is_blank(v))
            for concern in dict.fromkeys(record.get(column) for column in CONCERN_COLUMNS):
                out.setdefault(concern, []).append(name or f"réponse {record.get('answer_id')}")
    return out


def shortened(names: list[str], shown: int = 30) -> str:
    """A readable list that stays far below Excel's 32,767 characters per cell, even for a large event."""
    rest = len(names) - shown
    return ", ".join(names[:shown]) + (f" … et {fr.count(rest, 'autre')}" if rest > 0 else "")


def catalyst_rows(roster: list[dict], retained: list[str], linked: set[str], catalysts: dict[object, list[str]]
                  ) -> list[dict]:
    silent = sum(1 for t in roster if t.get("catalyst") is True and str(t.get("teacher_id")) not in linked)
    note = (f" ; et {fr.count(silent, 'catalyseur')} de la feuille Enseignants sans réponse au questionnaire, à "
            "consulter" if silent else "")
    out = []
    for concern in retained:
        names = catalysts.get(concern, [])
        detail = ("catalyseurs (feuille Enseignants) ou volontaires qui citent cette préoccupation : "
                  + (shortened(names) if names else "aucun") + note)
        out.append(row(VIEW_CATALYSTS, concern, len(names), 0, detail))
    return out
