"""The group rules, written once: the obligatory rules (`HARD_RULES`) and the remarks (`SOFT_RULES`), as small named
functions used both to build the PuLP model and to check any grouping (the solver's, the heuristic's, another
tool's, or a `Groupes` sheet edited by hand), and the numbers they rest on (`limits`), which the cluster stage's
bound uses too.

Obligatory, for every collège (« Par établissement ») or for the whole event (« Mélangés »): each teacher in one
group; exactly ⌈participants / taille maximale⌉ groups; sizes between the minimum and maximum of `Paramètres`; one
catalyst per group when there are enough, never more than ⌈catalysts / groups⌉ in a group; `Contraintes` rows
« Ensemble » and « Séparés »; one collège per group in « Par établissement » mode. Balanced sizes are a preference,
not a rule: a group whose size is outside ⌊n/G⌋..⌈n/G⌉ costs `weight_balance` per teacher away (see
`penalties.py`), so the model may leave them when that serves the teachers better, and the bound never assumes them.

Each rule receives a `Frame`: the instance, the groups, `x[(teacher, group)]` (a PuLP variable when building the
model, 1 for an actual membership when checking) and `total` (`pulp.lpSum` or `sum`). It yields `Check`s whose
`holds` is a PuLP constraint in the first case and a plain bool in the second — the same text serves as the
constraint's name and as the French message of a violation.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from demarche_xl.grouping.domain import NO_CONCERN_RANK, GroupSlot, Grouping, Instance, Teacher, even_sizes


@dataclass(frozen=True)
class Check:
    rule: str
    message: str
    holds: object  # bool when checking, a PuLP constraint when modelling
    group: str = ""
    teachers: tuple[str, ...] = ()
    hard: bool = True


@dataclass(frozen=True)
class ScopeLimits:
    """The numbers the obligatory rules set for one scope (a collège, or the whole event when groups are mixed)."""

    teachers: int
    groups: int
    size_min: int
    size_max: int
    even_low: int  # balanced sizes (a preference): ⌊n/G⌋..⌈n/G⌉
    even_high: int
    catalysts: int
    catalyst_min: int  # per group
    catalyst_max: int

    def balance_gap(self, size: int) -> int:
        """Teachers a group of `size` is away from the balanced sizes."""
        return max(0, self.even_low - size) + max(0, size - self.even_high)


def limits(instance: Instance) -> dict[str, ScopeLimits]:
    """The obligatory numbers of every scope; the one place the model, the bound and the check take them from."""
    s = instance.settings
    result = {}
    for scope, teachers in instance.scopes().items():
        n = len(teachers)
        groups = instance.groups_needed(n)
        low, high = even_sizes(n, groups)
        catalysts = sum(t.catalyst for t in teachers)
        result[scope] = ScopeLimits(n, groups, s.group_min, s.group_max, low, high, catalysts,
                                    1 if groups and catalysts >= groups else 0,
                                    math.ceil(catalysts / groups) if groups else 0)
    return result


@dataclass
class Frame:
    instance: Instance
    slots: list[GroupSlot]
    x: dict[tuple[str, str], object]
    total: Callable[[Iterable[object]], object] = sum
    scope_limits: dict[str, ScopeLimits] | None = None  # of the whole event (a cluster's frame uses the event's)
    whole: bool = True  # the frame holds every group of the event (False for one cluster of the model)
    candidates: dict[str, list[Teacher]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.scope_limits is None:
            self.scope_limits = limits(self.instance)
        by_group: dict[str, list[Teacher]] = {s.group_id: [] for s in self.slots}
        self.places: dict[str, list[object]] = {}
        for (teacher_id, group_id), value in self.x.items():
            by_group.setdefault(group_id, []).append(self.instance.by_id[teacher_id])
            self.places.setdefault(teacher_id, []).append(value)
        self.candidates = by_group

    def count(self, group_id: str, teachers: Iterable[Teacher]) -> object:
        return self.total(self.x[t.teacher_id, group_id] for t in teachers if (t.teacher_id, group_id) in self.x)

    def size(self, group_id: str) -> object:
        return self.count(group_id, self.candidates[group_id])

    def limits_of(self, slot: GroupSlot) -> ScopeLimits | None:
        return self.scope_limits.get(slot.scope)  # type: ignore[union-attr]


def label(teacher: Teacher) -> str:
    return f"{teacher.name} ({teacher.teacher_id})"


def where(scope: str) -> str:
    return f"{scope} : " if scope else ""


def one_group_each(f: Frame) -> Iterator[Check]:
    for t in f.instance.teachers:
        placed = f.total(f.places.get(t.teacher_id, []))
        yield Check("un groupe par enseignant", f"{label(t)} doit être dans un groupe et un seul", placed == 1,
                    teachers=(t.teacher_id,))


def group_count(f: Frame) -> Iterator[Check]:
    """As few groups as the maximum size allows: ⌈participants / taille maximale⌉ per scope."""
    if not f.whole:
        return
    for scope, lim in f.scope_limits.items():  # type: ignore[union-attr]
        count = sum(1 for s in f.slots if s.scope == scope)
        yield Check("nombre de groupes", f"{where(scope)}{count} groupes au lieu de {lim.groups} ({lim.teachers} "
                    f"participants, {lim.size_max} au plus par groupe)", count == lim.groups)


def size_limits(f: Frame) -> Iterator[Check]:
    low, high = f.instance.settings.group_min, f.instance.settings.group_max
    for s in f.slots:
        yield Check("taille maximale", f"groupe {s.group_id} : plus de {high} enseignants", f.size(s.group_id) <= high,
                    s.group_id)
        yield Check("taille minimale", f"groupe {s.group_id} : moins de {low} enseignants", f.size(s.group_id) >= low,
                    s.group_id)


def catalyst_spread(f: Frame) -> Iterator[Check]:
    """One catalyst per group when there are enough; extras spread; never two where one is missing."""
    for s in f.slots:
        lim = f.limits_of(s)
        if lim is None:
            continue
        catalysts = f.count(s.group_id, [t for t in f.candidates[s.group_id] if t.catalyst])
        if lim.catalyst_min:
            yield Check("un catalyseur par groupe", f"groupe {s.group_id} : aucun catalyseur alors qu'il y en a "
                        f"assez ({lim.catalysts} pour {lim.groups} groupes)", catalysts >= 1, s.group_id)
        many = "un catalyseur" if lim.catalyst_max == 1 else f"{lim.catalyst_max} catalyseurs"
        yield Check("catalyseurs répartis", f"groupe {s.group_id} : plus de {many} alors qu'un autre groupe en manque "
                    f"ou en a moins ({lim.catalysts} catalyseurs pour {lim.groups} groupes)",
                    catalysts <= lim.catalyst_max, s.group_id)


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
    """A remark, not a rule: its cost is counted in the score (`penalties.balance`)."""
    for s in f.slots:
        lim = f.limits_of(s)
        if lim is None:
            continue
        size = f.size(s.group_id)
        count = f"{size} enseignants" if isinstance(size, int) else "taille"
        even = f"{lim.even_low} à {lim.even_high}" if lim.even_low < lim.even_high else f"{lim.even_low}"
        text = f"groupe {s.group_id} : {count}, hors des tailles les plus égales ({even}) — une préférence, pas une " \
               "règle obligatoire"
        yield Check("tailles équilibrées", text, size <= lim.even_high, s.group_id, hard=False)
        yield Check("tailles équilibrées", text, size >= lim.even_low, s.group_id, hard=False)


def shared_concern(f: Frame) -> Iterator[Check]:
    weight = f.instance.settings.weight_concern
    for s in f.slots:
        for t in f.candidates[s.group_id]:
            if f.instance.concern_cost(t, s.concern) >= weight * (NO_CONCERN_RANK - 1) > 0:
                yield Check("préoccupation partagée", f"{label(t)} ne partage pas la préoccupation du groupe "
                            f"{s.group_id} ({s.concern or 'aucune'})", f.x[t.teacher_id, s.group_id] == 0,
                            s.group_id, (t.teacher_id,), hard=False)


HARD_RULES = (one_group_each, group_count, size_limits, catalyst_spread, must_be_together, must_be_apart, same_scope)
SOFT_RULES = (even_group_sizes, shared_concern)


def checks(f: Frame, rules=HARD_RULES + SOFT_RULES) -> Iterator[Check]:
    for rule in rules:
        yield from rule(f)


def frame_of(instance: Instance, grouping: Grouping) -> Frame:
    x = {(t, g): 1 for g, members in grouping.members.items() for t in members}
    return Frame(instance, grouping.slots(), x)


def violations(instance: Instance, grouping: Grouping) -> list[Check]:
    """Every rule the grouping breaks, obligatory ones first, each message once."""
    broken = [c for c in checks(frame_of(instance, grouping)) if not c.holds]
    unique = list({c.message: c for c in broken}.values())
    return sorted(unique, key=lambda c: not c.hard)
