"""The exact model of one small scope (a collège, or a small mixed event): x[teacher, group] and each group's
concern chosen together, with the shared rules as constraints; its answer replaces the stages' when better. It closes the gap
the stages leave on small scopes (where the cluster bound is weak, or `Contraintes` make the clusters' groups
costlier than the bound) and proves optimality there.
"""
from __future__ import annotations

import pulp

from demarche_xl.grouping import penalties, rules, solving
from demarche_xl.grouping.domain import GroupSlot, Instance, Teacher

POLISH_TEACHERS = 30  # scopes up to this size get the exact model when the stages are not proven optimal


def polish(instance: Instance, teachers: list[Teacher], slots: list[GroupSlot], start: dict[str, list[str]],
           scope_limits: dict[str, rules.ScopeLimits], time_limit: float
           ) -> tuple[dict[str, list[str]], dict[str, str | None], solving.Outcome]:
    """Members and concern of each of `slots` (one scope); `start` (the stages' members) when nothing is found."""
    ids = {t.teacher_id for t in teachers}
    sub = Instance(teachers, instance.retained, [p for p in instance.together if set(p) <= ids],
                   [p for p in instance.apart if set(p) <= ids], instance.settings)
    concerns = list(instance.retained) or [None]
    prob = pulp.LpProblem("portee", pulp.LpMinimize)
    x = {(t.teacher_id, s.group_id): pulp.LpVariable(f"x_{i}_{j}", cat=pulp.LpBinary)
         for i, t in enumerate(teachers) for j, s in enumerate(slots)}
    y = {(s.group_id, c): pulp.LpVariable(f"y_{j}_{k}", cat=pulp.LpBinary)
         for j, s in enumerate(slots) for k, c in enumerate(concerns)}
    frame = rules.Frame(sub, slots, x, pulp.lpSum, scope_limits, whole=False)
    for check in rules.checks(frame, rules.HARD_RULES):
        if check.holds is not True:
            prob += check.holds
    objective = []
    for s in slots:
        prob += pulp.lpSum(y[s.group_id, c] for c in concerns) == 1
        for t in teachers:
            costs = {c: sub.concern_cost(t, c) for c in concerns}
            if max(costs.values()) > 0:
                paid = pulp.LpVariable(f"p_{len(objective)}", 0)
                for c, cost in costs.items():  # the concern's cost when t is in s and s has concern c
                    prob += paid >= cost * (x[t.teacher_id, s.group_id] + y[s.group_id, c] - 1)
                objective.append(paid)
        for weight, _, members in penalties.diversity_classes(sub, teachers):
            excess = pulp.LpVariable(f"e_{len(objective)}", 0)
            prob += excess >= frame.count(s.group_id, members) - 1
            objective.append(weight * excess)
        lim = scope_limits[s.scope]
        if instance.settings.weight_balance > 0:
            gap = pulp.LpVariable(f"t_{len(objective)}", 0)
            prob += gap >= lim.even_low - frame.size(s.group_id)
            prob += gap >= frame.size(s.group_id) - lim.even_high
            objective.append(instance.settings.weight_balance * gap)
    prob += pulp.lpSum(objective)
    outcome = solving.solve(prob, instance.settings.solver, time_limit)
    if not outcome.found:
        return start, {}, outcome
    members = {s.group_id: [t.teacher_id for t in teachers if (x[t.teacher_id, s.group_id].value() or 0) > 0.5]
               for s in slots}
    chosen = {s.group_id: next(c for c in concerns if (y[s.group_id, c].value() or 0) > 0.5) for s in slots}
    return members, chosen, outcome
