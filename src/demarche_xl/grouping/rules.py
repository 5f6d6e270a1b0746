"""The group rules, written once as small named functions, used both to build the PuLP model and to check any
grouping (the solver's, the heuristic's, another tool's, or a `Groupes` sheet edited by hand).

Each rule receives a `Frame`: the instance, the groups, `x[(teacher, group)]` (a PuLP variable when building the
model, 1 for an actual membership when checking) and `total` (`pulp.lpSum` or `sum`). It yields `Check`s whose
`holds` is a PuLP constraint in the first case and a plain bool in the second — the same text serves as the
constraint's name and as the French message of a violation. The penalties of the objective are declared here
too (`diversity_classes`, `concern_cost`) so the model and `score` count exactly the same thing.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from demarche_xl.grouping.domain import NO_CONCERN_RANK, GroupSlot, Grouping, Instance, Teacher, even_sizes

COMFORT_LABELS = ("pas à l'aise", "peu à l'aise", "à l'aise", "très à l'aise")


@dataclass(frozen=True)
class Check:
    rule: str
    message: str
    holds: object  # bool when checking, a PuLP constraint when modelling
    group: str = ""
    teachers: tuple[str, ...] = ()
    hard: bool = True


@dataclass
class Frame:
    instance: Instance
    slots: list[GroupSlot]
    x: dict[tuple[str, str], object]
    total: Callable[[Iterable[object]], object] = sum
    candidates: dict[str, list[Teacher]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        by_group: dict[str, list[Teacher]] = {s.group_id: [] for s in self.slots}
        for teacher_id, group_id in self.x:
            by_group.setdefault(group_id, []).append(self.instance.by_id[teacher_id])
        self.candidates = by_group

    def count(self, group_id: str, teachers: Iterable[Teacher]) -> object:
        return self.total(self.x[t.teacher_id, group_id] for t in teachers)

    def size(self, group_id: str) -> object:
        return self.count(group_id, self.candidates[group_id])

    def scope_groups(self, scope: str) -> list[GroupSlot]:
        return [s for s in self.slots if s.scope == scope]


def label(teacher: Teacher) -> str:
    return f"{teacher.name} ({teacher.teacher_id})"


def one_group_each(f: Frame) -> Iterator[Check]:
    for t in f.instance.teachers:
        placed = f.total(f.x.get((t.teacher_id, s.group_id), 0) for s in f.slots)
        yield Check("un groupe par enseignant", f"{label(t)} doit être dans un groupe et un seul", placed == 1,
                    teachers=(t.teacher_id,))


def size_limits(f: Frame) -> Iterator[Check]:
    low, high = f.instance.settings.group_min, f.instance.settings.group_max
    for s in f.slots:
        yield Check("taille maximale", f"groupe {s.group_id} : plus de {high} enseignants", f.size(s.group_id) <= high,
                    s.group_id)
        yield Check("taille minimale", f"groupe {s.group_id} : moins de {low} enseignants", f.size(s.group_id) >= low,
                    s.group_id)


def catalyst_spread(f: Frame) -> Iterator[Check]:
    """One catalyst per group when there are enough; extras spread; never two where one is missing."""
    for scope, teachers in f.instance.scopes().items():
        groups = f.scope_groups(scope)
        available = sum(t.catalyst for t in teachers)
        if not groups:
            continue
        low = 1 if available >= len(groups) else 0
        high = math.ceil(available / len(groups))
        for s in groups:
            catalysts = f.count(s.group_id, [t for t in f.candidates[s.group_id] if t.catalyst])
            if low:
                yield Check("un catalyseur par groupe", f"groupe {s.group_id} : aucun catalyseur alors qu'il y en a "
                            f"assez ({available} pour {len(groups)} groupes)", catalysts >= low, s.group_id)
            yield Check("catalyseurs répartis", f"groupe {s.group_id} : plus de {high} catalyseur(s) alors qu'un "
                        "autre groupe en manque ou en a moins", catalysts <= high, s.group_id)


def must_be_together(f: Frame) -> Iterator[Check]:
    for a, b in f.instance.together:
        ta, tb = f.instance.by_id[a], f.instance.by_id[b]
        for s in f.slots:
            if (a, s.group_id) not in f.x and (b, s.group_id) not in f.x:
                continue
            xa, xb = f.x.get((a, s.group_id), 0), f.x.get((b, s.group_id), 0)
            yield Check("ensemble", f"{label(ta)} et {label(tb)} doivent être dans le même groupe (Contraintes)",
                        xa == xb, s.group_id, (a, b))


def must_be_apart(f: Frame) -> Iterator[Check]:
    for a, b in f.instance.apart:
        ta, tb = f.instance.by_id[a], f.instance.by_id[b]
        for s in f.slots:
            if (a, s.group_id) in f.x and (b, s.group_id) in f.x:
                yield Check("séparés", f"{label(ta)} et {label(tb)} doivent être dans des groupes différents "
                            "(Contraintes)", f.x[a, s.group_id] + f.x[b, s.group_id] <= 1, s.group_id, (a, b))


def same_scope(f: Frame) -> Iterator[Check]:
    """In « Par établissement » mode, a group holds teachers of one collège only."""
    slot_scope = {s.group_id: s.scope for s in f.slots}
    for (teacher_id, group_id), value in f.x.items():
        teacher = f.instance.by_id[teacher_id]
        if f.instance.scope_of(teacher) != slot_scope.get(group_id, ""):
            yield Check("un collège par groupe", f"{label(teacher)} ({teacher.school}) est dans le groupe {group_id} "
                        f"d'un autre collège ({slot_scope.get(group_id)})", value == 0, group_id, (teacher_id,))


def even_group_sizes(f: Frame) -> Iterator[Check]:
    for scope, teachers in f.instance.scopes().items():
        groups = f.scope_groups(scope)
        low, high = even_sizes(len(teachers), len(groups))
        for s in groups:
            size = f.size(s.group_id)
            yield Check("tailles équilibrées", f"groupe {s.group_id} : taille hors de {low} à {high} (tailles "
                        "aussi égales que possible)", size <= high, s.group_id, hard=False)
            yield Check("tailles équilibrées", f"groupe {s.group_id} : taille hors de {low} à {high} (tailles "
                        "aussi égales que possible)", size >= low, s.group_id, hard=False)


def shared_concern(f: Frame) -> Iterator[Check]:
    weight = f.instance.settings.weight_concern
    for s in f.slots:
        for t in f.candidates[s.group_id]:
            if f.instance.concern_cost(t, s.concern) >= weight * (NO_CONCERN_RANK - 1) > 0:
                yield Check("préoccupation partagée", f"{label(t)} ne partage pas la préoccupation du groupe "
                            f"{s.group_id} ({s.concern or 'aucune'})", f.x[t.teacher_id, s.group_id] == 0,
                            s.group_id, (t.teacher_id,), hard=False)


HARD_RULES = (one_group_each, size_limits, catalyst_spread, must_be_together, must_be_apart, same_scope)
SOFT_RULES = (even_group_sizes, shared_concern)


def checks(f: Frame, rules=HARD_RULES + SOFT_RULES) -> Iterator[Check]:
    for rule in rules:
        yield from rule(f)


def diversity_classes(instance: Instance, teachers: list[Teacher]) -> Iterator[tuple[float, str, list[Teacher]]]:
    """(weight, family, teachers sharing one value of it): each member beyond the first costs `weight`."""
    s = instance.settings
    families: list[tuple[float, str, Callable[[Teacher], object]]] = [
        (s.weight_discipline, "discipline", lambda t: t.discipline),
        (s.weight_comfort, "aisance", lambda t: t.comfort)]
    for column in sorted({c for t in instance.teachers for c, _ in t.others}):
        families.append((s.weight_other, column, lambda t, c=column: dict(t.others).get(c)))
    for weight, name, key in families:
        if weight <= 0:
            continue
        classes: dict[object, list[Teacher]] = {}
        for t in teachers:
            value = key(t)
            if value not in (None, ""):
                classes.setdefault(value, []).append(t)
        for members in classes.values():
            if len(members) > 1:
                yield weight, name, members


def frame_of(instance: Instance, grouping: Grouping) -> Frame:
    x = {(t, g): 1 for g, members in grouping.members.items() for t in members}
    return Frame(instance, grouping.slots(), x)


def violations(instance: Instance, grouping: Grouping) -> list[Check]:
    """Every rule the grouping breaks, hard ones first, each message once."""
    broken = [c for c in checks(frame_of(instance, grouping)) if not c.holds]
    unique = list({c.message: c for c in broken}.values())
    return sorted(unique, key=lambda c: not c.hard)


def score(instance: Instance, grouping: Grouping) -> dict[str, float]:
    """The objective (lower is better), per component, counted exactly as the model counts it."""
    parts: Counter = Counter()
    for group_id, members in grouping.members.items():
        teachers = [instance.by_id[t] for t in members]
        parts.update(group_penalty(instance, teachers, grouping.concerns.get(group_id)))
    result = {k: round(v, 6) for k, v in parts.items()}
    result["total"] = round(sum(parts.values()), 6)
    return result


def group_penalty(instance: Instance, teachers: list[Teacher], concern: str | None) -> Counter:
    """The objective's terms for one group, per component."""
    parts: Counter = Counter()
    parts["préoccupation"] += sum(instance.concern_cost(t, concern) for t in teachers)
    for weight, name, same in diversity_classes(instance, teachers):
        parts[name] += weight * (len(same) - 1)
    return parts


def best_concern(instance: Instance, teachers: list[Teacher]) -> str | None:
    """The retained concern that costs these teachers least (ties: the most often ranked first)."""
    if not instance.retained:
        return None
    return min(instance.retained, key=lambda c: (sum(instance.concern_cost(t, c) for t in teachers),
                                                 -sum(t.rank(c) == 1 for t in teachers), instance.retained.index(c)))
