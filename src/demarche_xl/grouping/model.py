"""The group model, in two stages that scale (see notes/solvers.md):

1. clusters — how many teachers of each profile go to each (collège, concern) cluster and how many groups each
   cluster gets. Teachers with the same profile are counted together (integer counts, not one binary each), and
   the diversity penalty is bounded by what `k` groups can absorb (`count - k`). Its optimum is a valid lower
   bound of the whole problem: that bound is what the gap is measured against.
2. groups — inside each cluster, a small x[teacher, group] model built from the shared rules (`rules.py`), with
   penalties counted per group and attribute, and catalysts fixed to their own group (symmetry breaking).
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict

import pulp

from demarche_xl.grouping import rules, solving
from demarche_xl.grouping.domain import GroupSlot, Grouping, Instance, Teacher, even_sizes, group_name

Cluster = tuple[str, "str | None"]
MOVE_COST = 1000.0  # one teacher moved costs more than any gain of diversity or concern


def frame_slot(slots: list[GroupSlot], group_id: str) -> GroupSlot:
    return next(s for s in slots if s.group_id == group_id)


def profile(instance: Instance, teacher: Teacher, paired: set[str]) -> tuple:
    """Teachers with the same profile are interchangeable for the cluster stage."""
    if teacher.teacher_id in paired:
        return ("seul", teacher.teacher_id)
    costs = tuple(instance.concern_cost(teacher, c) for c in instance.retained)
    return (instance.scope_of(teacher), teacher.discipline, teacher.comfort, teacher.catalyst, teacher.others, costs)


def clusters_of(instance: Instance, scope: str) -> list[Cluster]:
    return [(scope, c) for c in instance.retained] or [(scope, None)]


def cluster_stage(instance: Instance, time_limit: float, warm: Grouping | None = None):
    """Returns ({teacher id: cluster}, {cluster: groups}, outcome) or None when no solution was found."""
    paired = {t for pair in instance.together for t in pair}
    types: dict[tuple, list[Teacher]] = defaultdict(list)
    for teacher in instance.teachers:
        types[profile(instance, teacher, paired)].append(teacher)
    keys = list(types)
    prob = pulp.LpProblem("grappes", pulp.LpMinimize)
    a, k, objective = {}, {}, []
    for scope, teachers in instance.scopes().items():
        n, groups = len(teachers), instance.groups_needed(len(teachers))
        low, high = even_sizes(n, groups)
        catalysts = sum(t.catalyst for t in teachers)
        scope_types = [i for i, key in enumerate(keys) if instance.scope_of(types[key][0]) == scope]
        for cluster in clusters_of(instance, scope):
            k[cluster] = pulp.LpVariable(f"k_{len(k)}", 0, groups, cat=pulp.LpInteger)
            for i in scope_types:
                a[i, cluster] = pulp.LpVariable(f"a_{i}_{len(k)}", 0, len(types[keys[i]]), cat=pulp.LpInteger)
                objective.append(instance.concern_cost(types[keys[i]][0], cluster[1]) * a[i, cluster])
            size = pulp.lpSum(a[i, cluster] for i in scope_types)
            prob += size >= low * k[cluster]
            prob += size <= high * k[cluster]
            cat = pulp.lpSum(a[i, cluster] for i in scope_types if types[keys[i]][0].catalyst)
            if catalysts >= groups:
                prob += cat >= k[cluster]
            prob += cat <= max(1, math.ceil(catalysts / max(groups, 1))) * k[cluster]
            for weight, _, members in rules.diversity_classes(instance, teachers):
                ids = {t.teacher_id for t in members}
                inside = [i for i in scope_types if types[keys[i]][0].teacher_id in ids]
                excess = pulp.LpVariable(f"e_{len(objective)}", 0)
                prob += excess >= pulp.lpSum(a[i, cluster] for i in inside) - k[cluster]
                objective.append(weight * excess)
        prob += pulp.lpSum(k[c] for c in clusters_of(instance, scope)) == groups
        for i in scope_types:
            prob += pulp.lpSum(a[i, c] for c in clusters_of(instance, scope)) == len(types[keys[i]])
    for x, y in instance.together:
        ix, iy = keys.index(("seul", x)), keys.index(("seul", y))
        for cluster in clusters_of(instance, instance.scope_of(instance.by_id[x])):
            if (iy, cluster) in a:
                prob += a[ix, cluster] == a[iy, cluster]
    prob += pulp.lpSum(objective)
    if warm is not None:
        warm_clusters(instance, warm, types, keys, a, k)
    outcome = solving.solve(prob, instance.settings.solver, time_limit, warm=warm is not None)
    if not outcome.found:
        return None
    placed: dict[str, Cluster] = {}
    for i, key in enumerate(keys):
        pool = list(types[key])
        for cluster in clusters_of(instance, instance.scope_of(pool[0])):
            for _ in range(round(a[i, cluster].value() or 0)):
                placed[pool.pop().teacher_id] = cluster
    return placed, {c: round(v.value() or 0) for c, v in k.items()}, outcome


def warm_clusters(instance: Instance, warm: Grouping, types, keys, a, k) -> None:
    """Start the cluster stage from a grouping (the heuristic's)."""
    cluster_of = {t: (instance.scope_of(instance.by_id[t]), warm.concerns.get(g)) for t, g in warm.group_of().items()}
    counts = Counter((i, cluster_of[t.teacher_id]) for i, key in enumerate(keys) for t in types[key])
    for key, variable in a.items():
        variable.setInitialValue(counts.get(key, 0))
    groups = Counter((warm.scopes.get(g, ""), warm.concerns.get(g)) for g in warm.members)
    for cluster, variable in k.items():
        variable.setInitialValue(groups.get(cluster, 0))


def group_stage(instance: Instance, teachers: list[Teacher], slots: list[GroupSlot], time_limit: float,
                keep: dict[str, str] | None = None) -> tuple[dict[str, list[str]], solving.Outcome]:
    """Form the groups `slots` (concern fixed) out of `teachers`, with the shared rules as constraints.

    With `keep` (teacher -> current group), sizes need not be even and each teacher moved costs more than any
    other improvement: the « changer le moins possible » mode.
    """
    ids = {t.teacher_id for t in teachers}
    sub = Instance(teachers, instance.retained, [p for p in instance.together if set(p) <= ids],
                   [p for p in instance.apart if set(p) <= ids], instance.settings)
    prob = pulp.LpProblem("groupes", pulp.LpMinimize)
    x = {(t.teacher_id, s.group_id): pulp.LpVariable(f"x_{i}_{j}", cat=pulp.LpBinary)
         for i, t in enumerate(teachers) for j, s in enumerate(slots) if sub.scope_of(t) == s.scope}
    paired = {t for pair in sub.together + sub.apart for t in pair}
    for catalyst, slot in zip([t for t in teachers if t.catalyst and t.teacher_id not in paired and keep is None],
                              slots):
        x[catalyst.teacher_id, slot.group_id].lowBound = 1  # symmetry breaking: one catalyst per group
    frame = rules.Frame(sub, slots, x, pulp.lpSum)
    wanted = rules.HARD_RULES + ((rules.even_group_sizes,) if keep is None else ())
    for check in rules.checks(frame, wanted):
        if check.holds is False:
            raise ValueError(check.message)
        if check.holds is not True:
            prob += check.holds
    objective = [sub.concern_cost(t, s.concern) * v for (tid, g), v in x.items()
                 for t, s in [(sub.by_id[tid], frame_slot(slots, g))]]
    if keep:
        objective += [MOVE_COST * (1 - x[t, g]) for t, g in keep.items() if (t, g) in x]
        for (t, g), variable in x.items():
            variable.setInitialValue(1 if keep.get(t) == g else 0)
    for s in slots:
        for weight, _, members in rules.diversity_classes(sub, teachers):
            excess = pulp.LpVariable(f"e_{len(objective)}", 0)
            prob += excess >= frame.count(s.group_id, members) - 1
            objective.append(weight * excess)
    prob += pulp.lpSum(objective)
    outcome = solving.solve(prob, instance.settings.solver, time_limit, warm=bool(keep))
    members: dict[str, list[str]] = {s.group_id: [] for s in slots}
    if outcome.found:
        for (t, g), variable in x.items():
            if (variable.value() or 0) > 0.5:
                members[g].append(t)
    return members, outcome


def solve_groups(instance: Instance, warm: Grouping | None = None) -> Grouping | None:
    """The model's grouping with its French status, or None when no solution was found in the time limit."""
    limit = instance.settings.time_limit
    first = cluster_stage(instance, limit * 0.4, warm)
    if first is None:
        return None
    placed, counts, outcome = first
    grouping = Grouping({}, {}, {})
    remaining = max(1.0, limit * 0.6)
    total_size = max(1, len(instance.teachers))
    for cluster, groups in counts.items():
        if not groups:
            continue
        teachers = [t for t in instance.teachers if placed.get(t.teacher_id) == cluster]
        teachers.sort(key=lambda t: not t.catalyst)
        start = len(grouping.members)
        slots = [GroupSlot(group_name(start + i), cluster[0], cluster[1]) for i in range(groups)]
        members, result = group_stage(instance, teachers, slots, max(1.0, remaining * len(teachers) / total_size))
        if not result.found:
            return None
        for slot in slots:
            grouping.members[slot.group_id] = members[slot.group_id]
            grouping.concerns[slot.group_id] = slot.concern
            grouping.scopes[slot.group_id] = slot.scope
    grouping.bound = outcome.bound
    return grouping


def describe(instance: Instance, grouping: Grouping) -> str:
    """The French status of a grouping against its bound."""
    total = rules.score(instance, grouping)["total"]
    return solving.status_text(total, grouping.bound, False)
