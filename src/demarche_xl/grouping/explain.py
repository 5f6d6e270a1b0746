"""Explaining in French the « Pourquoi » of each member's place in a group (shared concern, mixed disciplines,
rules not met), the warnings about groups without a catalyst, and the report's summary in plain words. Why no
grouping exists is `diagnosis.py`'s.
"""
from __future__ import annotations

from collections import Counter

from demarche_xl import french
from demarche_xl.grouping import rules
from demarche_xl.grouping.domain import Grouping, Instance, Teacher
from demarche_xl.problems import WARNING, Problem

RANKS = {1: "1er choix", 2: "2e choix", 3: "3e choix"}
COMFORT_LABELS = ("pas à l'aise", "peu à l'aise", "à l'aise", "très à l'aise")


def member_why(instance: Instance, teacher: Teacher, concern: str | None) -> str:
    rank = teacher.rank(concern)
    if rank:
        return f"partage « {concern} » ({RANKS.get(rank, f'{rank}e choix')})"
    if not teacher.concerns:
        return "pas de réponse au questionnaire : placé pour équilibrer les groupes"
    if not any(c in instance.retained for c in teacher.concerns):
        return "ses préoccupations n'ont pas été retenues : placé pour équilibrer les groupes"
    return f"ne partage pas « {concern} » : aucune place dans un groupe de ses préoccupations"


def group_why(instance: Instance, members: list[Teacher]) -> str:
    disciplines = Counter(t.discipline for t in members if t.discipline)
    comforts = sorted({t.comfort for t in members if t.comfort})
    parts = [f"{french.count(len(disciplines), 'discipline')} pour {len(members)}"]
    if comforts:
        parts.append(french.plural(len(comforts), "aisance") + " " + ", ".join(COMFORT_LABELS[c - 1] for c in comforts))
    catalysts = sum(t.catalyst for t in members)
    parts.append(french.count(catalysts, "catalyseur") if catalysts else "sans catalyseur")
    return " ; ".join(parts)


def why_texts(instance: Instance, grouping: Grouping) -> dict[str, str]:
    """The « Pourquoi » of each teacher: their own reason, the group's mix, and any rule not met."""
    broken: dict[str, list[str]] = {}
    for check in rules.violations(instance, grouping):
        broken.setdefault(check.group, []).append(check.message)
    texts = {}
    for group, ids in grouping.members.items():
        members = [instance.by_id[t] for t in ids]
        common = group_why(instance, members)
        unmet = "; règle non respectée : " + " ; ".join(broken[group]) if broken.get(group) else ""
        for t in members:
            role = "catalyseur ; " if t.catalyst else ""
            texts[t.teacher_id] = f"{role}{member_why(instance, t, grouping.concerns.get(group))} ; groupe : " \
                                  f"{common}{unmet}"
    return texts


def catalyst_warnings(instance: Instance, grouping: Grouping) -> list[Problem]:
    empty = [g for g, ids in grouping.members.items() if not any(instance.by_id[t].catalyst for t in ids)]
    if not empty:
        return []
    return [Problem(f"{french.count(len(empty), 'groupe')} sans catalyseur : {', '.join(empty)}", "désignez des catalyseurs "
                    "puis relancez avec « changer le moins possible »", "Groupes", severity=WARNING)]
