"""Greedy + swap heuristic for the groups: the baseline of the benchmarks, the warm start of the model, and the
fallback when the solver finds nothing in time. Sizes and catalysts are placed right by construction and swaps
keep them; every result is scored with the shared rules (`rules.score`).
"""
from __future__ import annotations

import math
import random
import time

from demarche_xl.grouping import rules
from demarche_xl.grouping.domain import Grouping, Instance, Teacher, even_sizes, group_name


def concern_shares(instance: Instance, teachers: list[Teacher], groups: int) -> list[str | None]:
    """How many groups each retained concern gets, in proportion to the teachers who prefer it."""
    if not instance.retained:
        return [None] * groups
    demand = {c: 0.0 for c in instance.retained}
    for t in teachers:
        costs = {c: instance.concern_cost(t, c) for c in instance.retained}
        best = min(costs.values())
        favourites = [c for c, v in costs.items() if v == best]
        for c in favourites:
            demand[c] += 1 / len(favourites)
    exact = {c: groups * d / max(1, len(teachers)) for c, d in demand.items()}
    shares = {c: math.floor(v) for c, v in exact.items()}
    for c in sorted(exact, key=lambda c: shares[c] - exact[c])[: groups - sum(shares.values())]:
        shares[c] += 1
    return [c for c in instance.retained for _ in range(shares[c])]


def blocks_of(instance: Instance, teachers: list[Teacher]) -> list[list[Teacher]]:
    """Teachers that must stay together form one block; others are blocks of one."""
    parent = {t.teacher_id: t.teacher_id for t in teachers}

    def root(t: str) -> str:
        while parent[t] != t:
            t = parent[t]
        return t
    for a, b in instance.together:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    blocks: dict[str, list[Teacher]] = {}
    for t in teachers:
        blocks.setdefault(root(t.teacher_id), []).append(t)
    return list(blocks.values())


def placement_cost(instance: Instance, block: list[Teacher], members: list[Teacher], concern: str | None) -> float:
    before = sum(rules.group_penalty(instance, members, concern).values())
    return sum(rules.group_penalty(instance, members + block, concern).values()) - before


def greedy(instance: Instance) -> Grouping:
    grouping = Grouping({}, {}, {})
    apart = {frozenset(p) for p in instance.apart}
    for scope, teachers in instance.scopes().items():
        count = instance.groups_needed(len(teachers))
        low, high = even_sizes(len(teachers), count)
        capacity = [high if i < len(teachers) - low * count else low for i in range(count)]
        names = [group_name(len(grouping.members) + i) for i in range(count)]
        concerns = concern_shares(instance, teachers, count)
        members: list[list[Teacher]] = [[] for _ in range(count)]
        blocks = blocks_of(instance, teachers)
        blocks.sort(key=lambda b: (not any(t.catalyst for t in b), -len(b)))
        for block in blocks:
            def fits(i: int) -> bool:
                clash = any(frozenset((a.teacher_id, b.teacher_id)) in apart for a in block for b in members[i])
                return len(members[i]) + len(block) <= capacity[i] and not clash
            options = [i for i in range(count) if fits(i)] or [i for i in range(count)
                                                              if len(members[i]) + len(block) <= capacity[i]]
            options = options or list(range(count))
            catalysts = lambda i: sum(t.catalyst for t in members[i])  # noqa: E731
            has_catalyst = any(t.catalyst for t in block)
            best = min(options, key=lambda i: ((catalysts(i) if has_catalyst else 0),
                                               placement_cost(instance, block, members[i], concerns[i]), i))
            members[best].extend(block)
        for name, concern, group in zip(names, concerns, members):
            grouping.members[name] = [t.teacher_id for t in group]
            grouping.concerns[name] = rules.best_concern(instance, group) if concern is None else concern
            grouping.scopes[name] = scope
    return grouping


def group_cost(instance: Instance, members: list[Teacher]) -> tuple[float, str | None]:
    concern = rules.best_concern(instance, members)
    return sum(rules.group_penalty(instance, members, concern).values()), concern


def improve(instance: Instance, grouping: Grouping, seconds: float = 1.0, seed: int = 0) -> Grouping:
    """Swap teachers of equal catalyst status between groups of one scope (simulated annealing)."""
    rng = random.Random(seed)
    fixed = {t for pair in instance.together for t in pair}
    apart = {frozenset(p) for p in instance.apart}
    groups = {g: [instance.by_id[t] for t in ms] for g, ms in grouping.members.items()}
    costs = {g: group_cost(instance, ms) for g, ms in groups.items()}
    by_scope: dict[str, list[str]] = {}
    for g in groups:
        by_scope.setdefault(grouping.scopes.get(g, ""), []).append(g)
    scopes = [gs for gs in by_scope.values() if len(gs) > 1]
    deadline, steps, temperature = time.perf_counter() + seconds, 0, 2.0
    best_total = current = sum(c for c, _ in costs.values())
    best = {g: list(ms) for g, ms in groups.items()}
    while scopes and time.perf_counter() < deadline:
        steps += 1
        g1, g2 = rng.sample(rng.choice(scopes), 2)
        t1, t2 = rng.choice(groups[g1]), rng.choice(groups[g2])
        if t1.catalyst != t2.catalyst or t1.teacher_id in fixed or t2.teacher_id in fixed:
            continue
        new1 = [t for t in groups[g1] if t is not t1] + [t2]
        new2 = [t for t in groups[g2] if t is not t2] + [t1]
        if any(frozenset((a.teacher_id, b.teacher_id)) in apart for new in (new1, new2) for a in new for b in new):
            continue
        c1, c2 = group_cost(instance, new1), group_cost(instance, new2)
        delta = c1[0] + c2[0] - costs[g1][0] - costs[g2][0]
        if delta <= 0 or rng.random() < math.exp(-delta / temperature):
            groups[g1], groups[g2], costs[g1], costs[g2] = new1, new2, c1, c2
            current += delta
            if current < best_total - 1e-9:
                best_total, best = current, {g: list(ms) for g, ms in groups.items()}
        if steps % 200 == 0:
            temperature = max(0.05, temperature * 0.97)
    result = Grouping({g: [t.teacher_id for t in ms] for g, ms in best.items()}, {}, dict(grouping.scopes))
    result.concerns = {g: group_cost(instance, ms)[1] for g, ms in best.items()}
    return result


def heuristic(instance: Instance, seconds: float = 1.0, seed: int = 0) -> Grouping:
    return improve(instance, greedy(instance), seconds, seed)
