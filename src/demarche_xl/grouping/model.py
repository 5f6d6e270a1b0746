"""The group model, in stages that scale (see notes/solvers.md):

1. clusters — `split.py` decides how many teachers of each profile go to each (collège, concern) cluster and how
   many groups each cluster gets. Its optimum is a valid lower bound of the whole problem: the gap is measured
   against it.
2. blocks — a cluster of more than `BLOCK_GROUPS` groups is spread by the same aggregated model into blocks of a few
   groups each, so that the last stage stays small; the spread loses nothing when every block's share of each
   class is its proportional share rounded, which the model finds.
3. groups — inside each block, a small x[teacher, group] model built from the shared rules (`rules.py`), with the
   penalties of `penalties.py` counted per group, and the groups' symmetry broken (the i-th teacher, catalysts
   first, may only join one of the first i groups).
4. polish — a small scope that the stages leave above its bound gets the exact model of `polish.py`.

Every stage ends on optimality long before its time share in usual events, so the same workbook gives the same
groups; a time share only cuts a stage short on very hard instances.
"""
from __future__ import annotations

import time

import pulp

from demarche_xl.grouping import heuristic, penalties, rules, solving
from demarche_xl.grouping.domain import GroupSlot, Grouping, Instance, Teacher, group_name
from demarche_xl.grouping.polish import POLISH_TEACHERS, polish
from demarche_xl.grouping.split import Bin, split

MOVE_COST = 1000.0  # one teacher moved costs more than any gain of diversity or concern
BLOCK_GROUPS = 8  # groups per block of the last stage


def group_stage(instance: Instance, teachers: list[Teacher], slots: list[GroupSlot], time_limit: float,
                keep: dict[str, str] | None = None, scope_limits: dict[str, rules.ScopeLimits] | None = None,
                candidates: dict[str, list[str]] | None = None) -> tuple[dict[str, list[str]], solving.Outcome]:
    """Form the groups `slots` (concern fixed) out of `teachers`, with the shared rules as constraints.

    With `keep` (teacher -> current group), each teacher moved costs more than any other improvement: the
    « changer le moins possible » mode; `candidates` (teacher -> groups) then limits where each teacher may go.
    """
    scope_limits = scope_limits or rules.limits(instance)
    ids = {t.teacher_id for t in teachers}
    sub = Instance(teachers, instance.retained, [p for p in instance.together if set(p) <= ids],
                   [p for p in instance.apart if set(p) <= ids], instance.settings)
    symmetric = keep is None and len({(s.scope, s.concern) for s in slots}) == 1
    order = sorted(teachers, key=lambda t: not t.catalyst) if symmetric else teachers
    prob = pulp.LpProblem("groupes", pulp.LpMinimize)
    x = {}
    for i, t in enumerate(order):
        allowed = set(candidates[t.teacher_id]) if candidates and t.teacher_id in candidates else None
        for j, s in enumerate(slots):
            if sub.scope_of(t) == s.scope and (not symmetric or j <= i) and (allowed is None or s.group_id in allowed):
                x[t.teacher_id, s.group_id] = pulp.LpVariable(f"x_{i}_{j}", cat=pulp.LpBinary)
    frame = rules.Frame(sub, slots, x, pulp.lpSum, scope_limits, whole=False)
    for check in rules.checks(frame, rules.HARD_RULES):
        if check.holds is False:
            raise ValueError(check.message)
        if check.holds is not True:
            prob += check.holds
    concern_of = {s.group_id: s.concern for s in slots}
    objective = [sub.concern_cost(sub.by_id[t], concern_of[g]) * v for (t, g), v in x.items()]
    if keep:
        objective += [MOVE_COST * (1 - x[t, g]) for t, g in keep.items() if (t, g) in x]
        for (t, g), variable in x.items():
            variable.setInitialValue(1 if keep.get(t) == g else 0)
    classes = list(penalties.diversity_classes(sub, teachers))
    weight_balance = instance.settings.weight_balance
    for s in slots:
        for weight, _, members in classes:
            inside = [t for t in members if (t.teacher_id, s.group_id) in x]
            if len(inside) > 1:
                excess = pulp.LpVariable(f"e_{len(objective)}", 0)
                prob += excess >= frame.count(s.group_id, inside) - 1
                objective.append(weight * excess)
        lim = scope_limits.get(s.scope)
        if lim is not None and weight_balance > 0:
            gap = pulp.LpVariable(f"t_{len(objective)}", 0)
            prob += gap >= lim.even_low - frame.size(s.group_id)
            prob += gap >= frame.size(s.group_id) - lim.even_high
            objective.append(weight_balance * gap)
    prob += pulp.lpSum(objective)
    outcome = solving.solve(prob, instance.settings.solver, time_limit, warm=bool(keep))
    members: dict[str, list[str]] = {s.group_id: [] for s in slots}
    if outcome.found:
        for (t, g), variable in x.items():
            if (variable.value() or 0) > 0.5:
                members[g].append(t)
    return members, outcome


class Budget:
    """Seconds left before a deadline, shared among the stages in proportion to their teachers."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.perf_counter() + seconds

    def left(self) -> float:
        return max(0.0, self.deadline - time.perf_counter())

    def share(self, part: int, rest: int) -> float:
        """A stage's time: its teachers' share of what is left, but never a tight few seconds for a small stage
        (stages end on optimality, so a generous limit keeps the result the same whatever the machine's load)."""
        left = self.left()
        return max(1.0, left * part / max(1, rest), min(left / 4, 10.0))


def blocks(instance: Instance, teachers: list[Teacher], box: Bin, groups: int,
           scope_limits: dict[str, rules.ScopeLimits], budget: Budget, rest: int) -> list[tuple[list[Teacher], int]]:
    """A cluster cut into blocks of at most `BLOCK_GROUPS` groups (itself when small enough or when no cut is found)."""
    count = -(-groups // BLOCK_GROUPS)
    if count <= 1 or budget.left() <= 0:
        return [(teachers, groups)]
    sizes = [groups // count + (i < groups % count) for i in range(count)]
    cut = split(instance, teachers, [Bin(box.scope, box.concern, k) for k in sizes], scope_limits,
                budget.share(len(teachers), rest) * 0.3)
    if cut is None:
        return [(teachers, groups)]
    return [([t for t in teachers if cut.bin_of[t.teacher_id] == b], k) for b, k in enumerate(sizes)]


def clusters(instance: Instance, scope_limits: dict[str, rules.ScopeLimits], budget: Budget
             ) -> tuple[list[tuple[Bin, list[Teacher], int]], dict[str, float | None]] | None:
    """The cluster stage, scope by scope (scopes are independent): each cluster's teachers and number of groups,
    and each scope's bound."""
    result, bounds = [], {}
    scopes, rest = instance.scopes(), len(instance.teachers)
    for scope in scope_limits:
        if budget.left() <= 0:
            return None
        bins = [Bin(scope, concern) for concern in instance.retained or [None]]
        first = split(instance, scopes[scope], bins, scope_limits, budget.share(len(scopes[scope]), rest) * 0.5)
        if first is None:
            return None
        rest -= len(scopes[scope])
        bounds[scope] = first.outcome.bound
        for b, box in enumerate(bins):
            if first.groups[b]:
                result.append((box, [t for t in scopes[scope] if first.bin_of[t.teacher_id] == b], first.groups[b]))
    return result, bounds


def solve_groups(instance: Instance, seconds: float | None = None) -> Grouping | None:
    """The model's grouping with its bound, or None when no solution was found in the time limit."""
    budget = Budget(instance.settings.time_limit if seconds is None else seconds)
    scope_limits = rules.limits(instance)
    first = clusters(instance, scope_limits, budget)
    if first is None:
        return None
    grouping = Grouping({}, {}, {})
    rest = len(instance.teachers)
    for box, cluster, groups in first[0]:
        units = blocks(instance, cluster, box, groups, scope_limits, budget, rest)
        placed = cluster_groups(instance, units, box, scope_limits, budget, rest, len(grouping.members))
        if placed is None and len(units) > 1:
            placed = cluster_groups(instance, [(cluster, groups)], box, scope_limits, budget, rest,
                                    len(grouping.members))
        if placed is None:
            return None
        for group_id, members in placed.items():
            grouping.members[group_id] = members
            grouping.concerns[group_id] = box.concern
            grouping.scopes[group_id] = box.scope
        rest -= len(cluster)
    bounds = first[1]
    for scope, teachers in instance.scopes().items():
        if len(teachers) <= POLISH_TEACHERS and budget.left() > 0:
            bounds[scope] = polish_scope(instance, grouping, scope, teachers, scope_limits, bounds.get(scope), budget)
    grouping.bound = None if None in bounds.values() else sum(bounds.values())  # type: ignore[arg-type]
    return grouping


def polish_scope(instance: Instance, grouping: Grouping, scope: str, teachers: list[Teacher],
                 scope_limits: dict[str, rules.ScopeLimits], bound: float | None, budget: Budget) -> float | None:
    """When a small scope is not proven optimal, its exact model: better groups replace the stages', and its bound
    replaces the cluster stage's when higher. Returns the scope's bound."""
    names = [g for g in grouping.members if grouping.scopes[g] == scope]
    current = sum(sum(penalties.group_penalty(instance, [instance.by_id[t] for t in grouping.members[g]],
                                              grouping.concerns[g], scope_limits[scope]).values()) for g in names)
    if bound is not None and current <= bound + 1e-6:
        return bound
    slots = [GroupSlot(g, scope) for g in names]
    members, concerns, outcome = polish(instance, teachers, slots, {g: grouping.members[g] for g in names},
                                        scope_limits, budget.share(len(teachers), len(instance.teachers)))
    if outcome.found and outcome.objective is not None and outcome.objective < current - 1e-6:
        for g in names:
            grouping.members[g], grouping.concerns[g] = members[g], concerns[g]
    if outcome.bound is None:
        return bound
    return outcome.bound if bound is None else max(bound, outcome.bound)


def cluster_groups(instance: Instance, units: list[tuple[list[Teacher], int]], box: Bin,
                   scope_limits: dict[str, rules.ScopeLimits], budget: Budget, rest: int,
                   start: int) -> dict[str, list[str]] | None:
    placed: dict[str, list[str]] = {}
    for teachers, groups in units:
        slots = [GroupSlot(group_name(start + len(placed) + i), box.scope, box.concern) for i in range(groups)]
        if budget.left() <= 0:  # out of time: the block's groups are filled greedily, the rest is kept
            members = {s.group_id: [t.teacher_id for t in ms]
                       for s, ms in zip(slots, heuristic.fill(instance, teachers, [box.concern] * groups))}
        else:
            members, outcome = group_stage(instance, teachers, slots, budget.share(len(teachers), rest),
                                           scope_limits=scope_limits)
            if not outcome.found:
                return None
        placed.update(members)
        rest -= len(teachers)
    return placed


def describe(instance: Instance, grouping: Grouping) -> str:
    """The French status of a grouping against its bound."""
    total = penalties.score(instance, grouping)["total"]
    return solving.status_text(total, grouping.bound, False)
