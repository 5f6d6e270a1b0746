"""The preferences of the groups, counted as penalties (lower is better), declared once so the model, its bound,
the heuristic and `score` count exactly the same thing: a member's concern rank, members sharing a discipline, a
comfort level or a value of another column to diversify, and a group's size away from the balanced sizes.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Iterator

from demarche_xl.grouping.domain import Grouping, Instance, Teacher
from demarche_xl.grouping.rules import ScopeLimits, limits

BALANCE = "tailles"


def families(instance: Instance) -> list[tuple[float, str, Callable[[Teacher], object]]]:
    """(weight, name, value of a teacher) of every attribute to diversify with a positive weight."""
    s = instance.settings
    result: list[tuple[float, str, Callable[[Teacher], object]]] = [
        (s.weight_discipline, "discipline", lambda t: t.discipline),
        (s.weight_comfort, "aisance", lambda t: t.comfort)]
    for column in sorted({c for t in instance.teachers for c, _ in t.others}):
        result.append((s.weight_other, column, lambda t, c=column: dict(t.others).get(c)))
    return [f for f in result if f[0] > 0]


def diversity_classes(instance: Instance, teachers: list[Teacher]) -> Iterator[tuple[float, str, list[Teacher]]]:
    """(weight, family, teachers sharing one value of it): each member beyond the first costs `weight`."""
    for weight, name, key in families(instance):
        classes: dict[object, list[Teacher]] = {}
        for t in teachers:
            value = key(t)
            if value not in (None, ""):
                classes.setdefault(value, []).append(t)
        for members in classes.values():
            if len(members) > 1:
                yield weight, name, members


def group_penalty(instance: Instance, teachers: list[Teacher], concern: str | None,
                  scope_limits: ScopeLimits | None = None) -> Counter:
    """The objective's terms for one group, per component (the size term only when `scope_limits` is given)."""
    parts: Counter = Counter()
    parts["préoccupation"] += sum(instance.concern_cost(t, concern) for t in teachers)
    for weight, name, same in diversity_classes(instance, teachers):
        parts[name] += weight * (len(same) - 1)
    if scope_limits is not None and instance.settings.weight_balance > 0:
        parts[BALANCE] += instance.settings.weight_balance * scope_limits.balance_gap(len(teachers))
    return parts


def score(instance: Instance, grouping: Grouping) -> dict[str, float]:
    """The objective (lower is better), per component, counted exactly as the model counts it."""
    parts: Counter = Counter()
    scope_limits = limits(instance)
    for group_id, members in grouping.members.items():
        teachers = [instance.by_id[t] for t in members]
        parts.update(group_penalty(instance, teachers, grouping.concerns.get(group_id),
                                   scope_limits.get(grouping.scopes.get(group_id, ""))))
    result = {k: round(v, 6) for k, v in parts.items()}
    result["total"] = round(sum(parts.values()), 6)
    return result


def best_concern(instance: Instance, teachers: list[Teacher]) -> str | None:
    """The retained concern that costs these teachers least (ties: the most often ranked first)."""
    if not instance.retained:
        return None
    return min(instance.retained, key=lambda c: (sum(instance.concern_cost(t, c) for t in teachers),
                                                 -sum(t.rank(c) == 1 for t in teachers), instance.retained.index(c)))
