"""Greedy + swap heuristic for the groups: the baseline of the benchmarks and the fallback when the solver finds
nothing in time. Group counts, balanced sizes and catalysts are placed right by construction and swaps keep them;
every result is scored with the shared penalties (`penalties.score`). Given a number of steps it is deterministic
(same seed, same groups); given only seconds it runs until then.
"""
from __future__ import annotations

import math
import random
import time
from collections import Counter

from demarche_xl.grouping import penalties, rules
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


class Filling:
    """Groups being filled, with the counts that make the cost of adding a block quick to compute."""

    def __init__(self, instance: Instance, concerns: list[str | None], capacity: list[int]) -> None:
        self.instance, self.concerns, self.capacity = instance, concerns, capacity
        self.families = penalties.families(instance)
        self.members: list[list[Teacher]] = [[] for _ in concerns]
        self.seen: list[Counter] = [Counter() for _ in concerns]
        self.catalysts = [0] * len(concerns)
        self.apart: dict[str, set[str]] = {}
        for a, b in instance.apart:
            self.apart.setdefault(a, set()).add(b)
            self.apart.setdefault(b, set()).add(a)

    def cost(self, i: int, block: list[Teacher]) -> float:
        seen = Counter(self.seen[i])
        total = 0.0
        for t in block:
            total += self.instance.concern_cost(t, self.concerns[i])
            for f, (weight, _, key) in enumerate(self.families):
                value = key(t)
                if value not in (None, ""):
                    total += weight * (seen[f, value] > 0)
                    seen[f, value] += 1
        return total

    def clash(self, i: int, block: list[Teacher]) -> bool:
        ids = {t.teacher_id for t in self.members[i]}
        return any(self.apart.get(t.teacher_id, set()) & ids for t in block)

    def add(self, i: int, block: list[Teacher]) -> None:
        for t in block:
            self.members[i].append(t)
            self.catalysts[i] += t.catalyst
            for f, (_, _, key) in enumerate(self.families):
                value = key(t)
                if value not in (None, ""):
                    self.seen[i][f, value] += 1


def fill(instance: Instance, teachers: list[Teacher], concerns: list[str | None]) -> list[list[Teacher]]:
    """`teachers` spread over len(concerns) groups of balanced sizes: blocks with catalysts first, each where it
    costs least, never where it meets a « Séparés » partner when another group has room."""
    count = len(concerns)
    low, _ = even_sizes(len(teachers), count)
    capacity = [low + (i < len(teachers) - low * count) for i in range(count)]
    filling = Filling(instance, concerns, capacity)
    blocks = blocks_of(instance, teachers)
    blocks.sort(key=lambda b: (not any(t.catalyst for t in b), -len(b)))
    for block in blocks:
        room = [i for i in range(count) if len(filling.members[i]) + len(block) <= capacity[i]]
        options = [i for i in room if not filling.clash(i, block)] or room or list(range(count))
        has_catalyst = any(t.catalyst for t in block)
        best = min(options, key=lambda i: (filling.catalysts[i] if has_catalyst else 0, filling.cost(i, block), i))
        filling.add(best, block)
    return filling.members


def greedy(instance: Instance) -> Grouping:
    grouping = Grouping({}, {}, {})
    for scope, teachers in instance.scopes().items():
        concerns = concern_shares(instance, teachers, instance.groups_needed(len(teachers)))
        for concern, group in zip(concerns, fill(instance, teachers, concerns)):
            name = group_name(len(grouping.members))
            grouping.members[name] = [t.teacher_id for t in group]
            grouping.concerns[name] = penalties.best_concern(instance, group) if concern is None else concern
            grouping.scopes[name] = scope
    return grouping


def group_cost(instance: Instance, members: list[Teacher]) -> tuple[float, str | None]:
    concern = penalties.best_concern(instance, members)
    return sum(penalties.group_penalty(instance, members, concern).values()), concern


def improve(instance: Instance, grouping: Grouping, seconds: float = 1.0, seed: int = 0,
            steps: int | None = None) -> Grouping:
    """Swap teachers of equal catalyst status between groups of one scope (simulated annealing), for `steps`
    tries (deterministic) or, without steps, for `seconds`; never beyond `seconds`."""
    rng = random.Random(seed)
    fixed = {t for pair in instance.together for t in pair}
    apart = {frozenset(p) for p in instance.apart}
    groups = {g: [instance.by_id[t] for t in ms] for g, ms in grouping.members.items()}
    costs = {g: group_cost(instance, ms) for g, ms in groups.items()}
    by_scope: dict[str, list[str]] = {}
    for g in groups:
        by_scope.setdefault(grouping.scopes.get(g, ""), []).append(g)
    scopes = [gs for gs in by_scope.values() if len(gs) > 1]
    deadline, done, temperature = time.perf_counter() + seconds, 0, 2.0
    best_total = current = sum(c for c, _ in costs.values())
    best = {g: list(ms) for g, ms in groups.items()}
    while scopes and (steps is None or done < steps) and (done % 64 or time.perf_counter() < deadline):
        done += 1
        g1, g2 = rng.sample(rng.choice(scopes), 2)
        if not groups[g1] or not groups[g2]:
            continue
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
        if done % 200 == 0:
            temperature = max(0.05, temperature * 0.97)
    result = Grouping({g: [t.teacher_id for t in ms] for g, ms in best.items()}, {}, dict(grouping.scopes))
    result.concerns = {g: group_cost(instance, ms)[1] for g, ms in best.items()}
    return result


def heuristic(instance: Instance, seconds: float = 1.0, seed: int = 0, steps: int | None = None) -> Grouping:
    return improve(instance, greedy(instance), seconds, seed, steps)


def valid(instance: Instance, grouping: Grouping) -> bool:
    return not any(c.hard for c in rules.violations(instance, grouping))
