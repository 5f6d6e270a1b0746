"""The aggregated stage of the group model: how many teachers of each profile go to each bin — a concern cluster
of a scope (the cluster stage, which also decides how many groups each cluster gets), or a block of a large
cluster (fixed numbers of groups) — with the obligatory numbers of `rules.limits` per group.

Teachers of one profile (same collège when groups stay per collège, discipline, comfort, catalyst flag, other
columns, and concern costs when bins differ by concern) are interchangeable, so they are counted, not placed one by
one; teachers named in `Contraintes` are profiles of their own. Every penalty is bounded from below by what the
bin's `k` groups can absorb (a class of C teachers costs at least C − k, a bin of S teachers at least the size
penalty of S split evenly into k groups), and every rule is relaxed, never tightened: the optimum of the cluster
stage is a valid lower bound of the whole problem — the bound « solution optimale prouvée » is measured against.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pulp

from demarche_xl.grouping import solving
from demarche_xl.grouping.domain import Instance, Teacher
from demarche_xl.grouping.penalties import families
from demarche_xl.grouping.rules import ScopeLimits


@dataclass(frozen=True)
class Bin:
    scope: str
    concern: str | None
    groups: int | None = None  # fixed number of groups, or None: decided here (summing to the scope's count)


@dataclass
class Split:
    bin_of: dict[str, int]  # teacher id -> index of its bin
    groups: list[int]  # number of groups of each bin
    outcome: solving.Outcome


def profiles(instance: Instance, teachers: list[Teacher], with_costs: bool) -> dict[tuple, list[Teacher]]:
    """Interchangeable teachers, in the order of `teachers`."""
    single = {t for pair in instance.together + instance.apart for t in pair}
    result: dict[tuple, list[Teacher]] = defaultdict(list)
    for t in teachers:
        if t.teacher_id in single:
            key: tuple = ("seul", t.teacher_id)
        else:
            costs = tuple(instance.concern_cost(t, c) for c in instance.retained) if with_costs else ()
            key = (instance.scope_of(t), t.discipline, t.comfort, t.catalyst, t.others, costs)
        result[key].append(t)
    return result


def split(instance: Instance, teachers: list[Teacher], bins: list[Bin], scope_limits: dict[str, ScopeLimits],
          time_limit: float) -> Split | None:
    """Spread `teachers` over `bins`; None when no spread was found in `time_limit` (or none exists)."""
    s = instance.settings
    with_costs = len({b.concern for b in bins}) > 1  # one concern for all bins: its costs are the same anywhere
    types = profiles(instance, teachers, with_costs)
    keys = list(types)
    scope_of = [instance.scope_of(types[key][0]) for key in keys]
    prob = pulp.LpProblem("grappes", pulp.LpMinimize)
    a: dict[tuple[int, int], pulp.LpVariable] = {}
    k: list[object] = []
    objective: list[object] = []
    value_sets = [(weight, [key(types[p][0]) for p in keys]) for weight, _, key in families(instance)]
    for b, box in enumerate(bins):
        lim = scope_limits[box.scope]
        k.append(box.groups if box.groups is not None else pulp.LpVariable(f"k_{b}", 0, lim.groups, pulp.LpInteger))
        inside = [p for p in range(len(keys)) if scope_of[p] == box.scope]
        for p in inside:
            a[p, b] = pulp.LpVariable(f"a_{p}_{b}", 0, len(types[keys[p]]), pulp.LpInteger)
            cost = instance.concern_cost(types[keys[p]][0], box.concern) if with_costs else 0
            if cost:
                objective.append(cost * a[p, b])
        size = pulp.lpSum(a[p, b] for p in inside)
        prob += size >= lim.size_min * k[b]
        prob += size <= lim.size_max * k[b]
        catalysts = pulp.lpSum(a[p, b] for p in inside if types[keys[p]][0].catalyst)
        prob += catalysts >= lim.catalyst_min * k[b]
        prob += catalysts <= lim.catalyst_max * k[b]
        if s.weight_balance > 0:
            short, over = pulp.LpVariable(f"bas_{b}", 0), pulp.LpVariable(f"haut_{b}", 0)
            prob += short >= lim.even_low * k[b] - size
            prob += over >= size - lim.even_high * k[b]
            objective.append(s.weight_balance * (short + over))
        for weight, values in value_sets:
            classes: dict[object, list[int]] = defaultdict(list)
            for p in inside:
                if values[p] not in (None, ""):
                    classes[values[p]].append(p)
            for members in classes.values():
                if sum(len(types[keys[p]]) for p in members) > 1:
                    excess = pulp.LpVariable(f"e_{len(objective)}", 0)
                    prob += excess >= pulp.lpSum(a[p, b] for p in members) - k[b]
                    objective.append(weight * excess)
    for scope in dict.fromkeys(box.scope for box in bins):
        chosen = [b for b, box in enumerate(bins) if box.scope == scope]
        if any(bins[b].groups is None for b in chosen):
            prob += pulp.lpSum(k[b] for b in chosen) == scope_limits[scope].groups
    for p, key in enumerate(keys):
        prob += pulp.lpSum(a[p, b] for b in range(len(bins)) if (p, b) in a) == len(types[key])
    pair_constraints(instance, prob, a, k, keys, len(bins))
    same = 0.0 if with_costs else sum(instance.concern_cost(t, bins[0].concern) for t in teachers)
    prob += pulp.lpSum(objective) + same
    outcome = solving.solve(prob, s.solver, time_limit)
    if not outcome.found:
        return None
    bin_of: dict[str, int] = {}
    for p, key in enumerate(keys):
        pool = list(types[key])
        for b in range(len(bins)):
            if (p, b) in a:
                for _ in range(round(a[p, b].value() or 0)):
                    bin_of[pool.pop(0).teacher_id] = b
    groups = [box.groups if box.groups is not None else round(k[b].value() or 0) for b, box in enumerate(bins)]
    return Split(bin_of, groups, outcome)


def pair_constraints(instance: Instance, prob: pulp.LpProblem, a: dict, k: list, keys: list, bins: int) -> None:
    """« Ensemble » teachers share a bin; « Séparés » teachers share one only if it has two groups or more."""
    index = {key[1]: p for p, key in enumerate(keys) if key[0] == "seul"}
    for x, y in instance.together:
        if x in index and y in index:
            for b in range(bins):
                if (index[x], b) in a and (index[y], b) in a:
                    prob += a[index[x], b] == a[index[y], b]
    for x, y in instance.apart:
        if x in index and y in index:
            for b in range(bins):
                if (index[x], b) in a and (index[y], b) in a:
                    prob += a[index[x], b] + a[index[y], b] <= k[b]
