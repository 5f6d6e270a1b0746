"""Whether any grouping meets the obligatory rules, decided exactly and quickly, and when none does, which
`Contraintes` rows conflict.

Concerns and penalties play no part in feasibility, and teachers named in no `Contraintes` row differ only by their
catalyst flag, so each scope is decided by a small model: the « Ensemble » chains (blocks) named in `Contraintes`
go to the first groups (as many as there are blocks, the groups being interchangeable), free catalysts and free
other teachers are counted per group, and the groups left hold only free teachers, counted together — which is
exact, since counts spread evenly over identical groups whenever their totals fit.

A deletion filter then shrinks the rows of an impossible scope to a minimal conflicting set: dropping any one of its
rows makes the rest possible.
"""
from __future__ import annotations

import dataclasses

import pulp

from demarche_xl.grouping import solving
from demarche_xl.grouping.domain import Instance, Teacher
from demarche_xl.grouping.heuristic import blocks_of
from demarche_xl.grouping.rules import ScopeLimits, limits

Row = tuple[str, str, str]  # (« Ensemble » or « Séparés », teacher a, teacher b)
CHECK_SECONDS = 10.0


def rows_of(instance: Instance) -> list[Row]:
    return [("Ensemble", a, b) for a, b in instance.together] + [("Séparés", a, b) for a, b in instance.apart]


def with_rows(instance: Instance, rows: list[Row], **changes: object) -> Instance:
    """A copy of `instance` with only `rows` of `Contraintes` (and other settings or teachers when asked)."""
    teachers = changes.pop("teachers", instance.teachers)
    settings = dataclasses.replace(instance.settings, **changes) if changes else instance.settings
    return Instance(list(teachers), instance.retained, [(a, b) for k, a, b in rows if k == "Ensemble"],  # type: ignore
                    [(a, b) for k, a, b in rows if k == "Séparés"], settings, instance.rows, instance.pair_rows)


def scope_feasible(instance: Instance, teachers: list[Teacher], lim: ScopeLimits) -> bool | None:
    """True / False, or None when the check ran out of time."""
    ids = {t.teacher_id for t in teachers}
    blocks = [b for b in blocks_of(instance, teachers)]
    apart = [(a, b) for a, b in instance.apart if a in ids and b in ids]
    named = {t for pair in apart for t in pair}
    block_of = {t.teacher_id: i for i, b in enumerate(blocks) for t in b}
    if any(block_of[a] == block_of[b] for a, b in apart) or any(len(b) > lim.size_max for b in blocks):
        return False
    special = [i for i, b in enumerate(blocks) if len(b) > 1 or any(t.teacher_id in named for t in b)]
    free = [blocks[i][0] for i in range(len(blocks)) if i not in set(special)]
    free_catalysts = sum(t.catalyst for t in free)
    used = min(lim.groups, len(special))
    prob = pulp.LpProblem("possible", pulp.LpMinimize)
    x = {(i, g): pulp.LpVariable(f"x_{i}_{g}", cat=pulp.LpBinary)
         for n, i in enumerate(special) for g in range(used) if g <= n}
    f1 = [pulp.LpVariable(f"c_{g}", 0, free_catalysts, pulp.LpInteger) for g in range(used)]
    f0 = [pulp.LpVariable(f"o_{g}", 0, len(free) - free_catalysts, pulp.LpInteger) for g in range(used)]
    for i in special:
        prob += pulp.lpSum(v for (j, _), v in x.items() if j == i) == 1
    for g in range(used):
        inside = [(i, v) for (i, h), v in x.items() if h == g]
        size = pulp.lpSum(len(blocks[i]) * v for i, v in inside) + f1[g] + f0[g]
        catalysts = pulp.lpSum(sum(t.catalyst for t in blocks[i]) * v for i, v in inside) + f1[g]
        prob += size >= lim.size_min
        prob += size <= lim.size_max
        prob += catalysts >= lim.catalyst_min
        prob += catalysts <= lim.catalyst_max
        for a, b in apart:
            if (block_of[a], g) in x and (block_of[b], g) in x:
                prob += x[block_of[a], g] + x[block_of[b], g] <= 1
    rest = lim.groups - used
    rest_catalysts = free_catalysts - pulp.lpSum(f1)
    rest_others = len(free) - free_catalysts - pulp.lpSum(f0)
    prob += rest_catalysts >= lim.catalyst_min * rest
    prob += rest_catalysts <= lim.catalyst_max * rest
    prob += rest_others >= 0
    prob += rest_catalysts + rest_others >= lim.size_min * rest
    prob += rest_catalysts + rest_others <= lim.size_max * rest
    prob += pulp.lpSum(f1) + 0
    outcome = solving.solve(prob, instance.settings.solver, CHECK_SECONDS)
    if outcome.found:
        return True
    return False if outcome.infeasible else None


def feasible(instance: Instance) -> bool | None:
    """Whether some grouping meets every obligatory rule (None: could not tell in time)."""
    scopes = instance.scopes()
    if any(instance.scope_of(instance.by_id[a]) != instance.scope_of(instance.by_id[b]) for a, b in instance.together):
        return False
    answers = [scope_feasible(instance, teachers, lim) for scope, lim in limits(instance).items()
               for teachers in [scopes[scope]]]
    if False in answers:
        return False
    return None if None in answers else True


def conflicts(instance: Instance, most: int = 5) -> list[list[Row]]:
    """Minimal sets of `Contraintes` rows that cannot all be met (dropping any one row of a set frees the rest)."""
    scopes, rows = instance.scopes(), rows_of(instance)
    scope = {t.teacher_id: instance.scope_of(t) for t in instance.teachers}
    found: list[list[Row]] = [[r] for r in rows if r[0] == "Ensemble" and scope[r[1]] != scope[r[2]]]
    for name, lim in limits(instance).items():
        inside = [r for r in rows if scope[r[1]] == name == scope[r[2]]]

        def possible(chosen: list[Row]) -> bool | None:
            return scope_feasible(with_rows(instance, chosen), scopes[name], lim)
        if not inside or possible([]) is not True:
            continue
        while len(found) < most and possible(inside) is False:
            core = list(inside)
            for row in list(core):
                trial = [r for r in core if r != row]
                if possible(trial) is False:
                    core = trial
            found.append(core)
            inside = [r for r in inside if r not in core]
    return found[:most]
