"""Routes for académie-sized events, where one binary per (group, slot, workshop) and per (teacher, workshop) is too
many to build: the same rules, decided in two steps.

1. counts — groups of the same concern and size are interchangeable for the obligatory rules, so the model counts
   how many groups of each class attend each session (capacity, runs, facilitators, sessions per group), with
   « never the same workshop twice » as « a class uses a workshop at most once per group of the class »: by
   König's theorem the counts of a class then split into one route per group.
2. routes — each class's counts are shared among its groups by a small model that also weighs what differs between
   groups (members' first wishes, absences).

The free-choice seats keep a variable per wish (three per teacher at most) and count the other seats per
(concern, workshop); they are then given to teachers whose group did not attend that workshop. Every plan is then
checked with the shared rules (`routing/rules.py`) like any other.
"""
from __future__ import annotations

from collections import Counter, defaultdict

import pulp

from demarche_xl.grouping import solving
from demarche_xl.routing import rules
from demarche_xl.routing.domain import Event, Plan, RouteGroup

FIRST_WISH = 0.5  # as in model.py: per member whose 1st free-choice wish the group's route already uses


def constrain(prob: pulp.LpProblem, checks) -> None:
    for check in checks:
        if check.holds is False:
            raise ValueError(check.message)
        if check.holds is not True:
            prob += check.holds


def member_cost(event: Event, group: RouteGroup, slot: str, workshop: str) -> float:
    """What differs between groups of a class: members whose 1st wish is this workshop, members absent then."""
    wished = sum(1 for t in group.members if event.choices.get(t, [None])[:1] == [workshop])
    absent = sum(1 for t in group.members if (t, slot) in event.absent)
    return FIRST_WISH * wished + absent


def counts(event: Event, time_limit: float) -> tuple[dict, dict, dict[tuple, list[RouteGroup]], solving.Outcome]:
    classes: dict[tuple, list[RouteGroup]] = defaultdict(list)
    for g in event.groups:
        classes[g.concern, g.size].append(g)
    prob = pulp.LpProblem("parcours_comptes", pulp.LpMinimize)
    n = {(k, s.slot_id, w.workshop_id): pulp.LpVariable(f"n_{i}_{j}_{m}", 0, len(groups), pulp.LpInteger)
         for i, (k, groups) in enumerate(classes.items()) for j, s in enumerate(event.group_slots)
         for m, w in enumerate(event.workshops) if k[1] <= w.capacity}
    r = {(s.slot_id, w.workshop_id): pulp.LpVariable(f"r_{j}_{m}", cat=pulp.LpBinary)
         for j, s in enumerate(event.slots) for m, w in enumerate(event.workshops)}
    frame = rules.Frame(event, {}, r, {}, pulp.lpSum)
    constrain(prob, (c for rule in (rules.runs_limit, rules.facilitator_in_one_place) for c in rule(frame)))
    by_key: dict[tuple, list] = defaultdict(list)
    for (k, s, w), v in n.items():
        by_key["ks", k, s].append(v)
        by_key["kw", k, w].append(v)
        by_key["sw", s, w].append((k[1], v))
    for k, groups in classes.items():
        prob += pulp.lpSum(v for s in event.group_slots for v in by_key["ks", k, s.slot_id]) == \
            len(groups) * event.group_sessions
        for s in event.group_slots:
            prob += pulp.lpSum(by_key["ks", k, s.slot_id]) <= len(groups)
        for w in event.workshops:
            if by_key["kw", k, w.workshop_id]:
                prob += pulp.lpSum(by_key["kw", k, w.workshop_id]) <= len(groups)  # never twice, per class
    for s in event.group_slots:
        for w in event.workshops:
            seats = by_key["sw", s.slot_id, w.workshop_id]
            prob += pulp.LpAffineExpression([(v, size) for size, v in seats]) <= w.capacity * r[s.slot_id,
                                                                                               w.workshop_id]
    topic = {w.workshop_id: w.concern for w in event.workshops}
    cost = [(v, event.concern_weight * (topic[w] != k[0]) +
             sum(member_cost(event, g, s, w) for g in classes[k]) / len(classes[k])) for (k, s, w), v in n.items()]
    cost += [(v, 0.01) for v in r.values()]
    free = event.free_slot
    if free is not None:
        demand = Counter(ws[0] for ws in event.choices.values() if ws)
        cost += [(r[free.slot_id, w], -0.1 * demand[w]) for w in topic]
        prob += pulp.lpSum(w.capacity * r[free.slot_id, w.workshop_id] for w in event.workshops) \
            >= len(event.teachers())
    prob += pulp.LpAffineExpression([(v, c) for v, c in cost if c])
    outcome = solving.solve(prob, event.solver, time_limit, gap=1e-3)
    return n, r, classes, outcome


def share(event: Event, groups: list[RouteGroup], sessions: dict[tuple[str, str], int]
          ) -> dict[tuple[str, str], str] | None:
    """Give one class's sessions to its groups when every group has a session at every group slot: routes are
    peeled one at a time (each takes one session per slot, all different, and always the workshops that every
    remaining group must visit, so that what is left can still be shared — König's theorem), then each route goes
    to the group it suits best. None when groups skip slots (`share_model` decides then)."""
    slots = [s.slot_id for s in event.group_slots]
    left = {key: count for key, count in sessions.items() if count}
    if sum(left.values()) != len(groups) * len(slots):
        return None
    routes = []
    for remaining in range(len(groups), 0, -1):
        load = Counter()
        for (_, w), count in left.items():
            load[w] += count
        tight = {w for w, count in load.items() if count == remaining}
        route = peel(slots, left, tight, {})
        if route is None:
            return None
        for s, w in route.items():
            left[s, w] -= 1
            if not left[s, w]:
                del left[s, w]
        routes.append(route)
    result: dict[tuple[str, str], str] = {}
    free = list(groups)
    for route in routes:
        best = min(free, key=lambda g: (sum(member_cost(event, g, s, w) for s, w in route.items()), g.group_id))
        free.remove(best)
        result.update({(best.group_id, s): w for s, w in route.items()})
    return result


def peel(slots: list[str], left: dict[tuple[str, str], int], tight: set[str], chosen: dict[str, str]
         ) -> dict[str, str] | None:
    """One session per slot, all different workshops, covering every workshop in `tight` (backtracking)."""
    if len(chosen) == len(slots):
        return dict(chosen) if tight <= set(chosen.values()) else None
    slot = slots[len(chosen)]
    options = sorted((w for (s, w), count in left.items() if s == slot and w not in chosen.values()),
                     key=lambda w: (w not in tight, -left[slot, w], w))
    for w in options:
        chosen[slot] = w
        if len(tight - set(chosen.values())) <= len(slots) - len(chosen):
            found = peel(slots, left, tight, chosen)
            if found is not None:
                return found
        del chosen[slot]
    return None


def share_model(event: Event, groups: list[RouteGroup], sessions: dict[tuple[str, str], int], time_limit: float
          ) -> dict[tuple[str, str], str] | None:
    """Give one class's sessions to its groups: each group its number of sessions, one per slot, never twice."""
    prob = pulp.LpProblem("parcours_classe", pulp.LpMinimize)
    y = {(g.group_id, s, w): pulp.LpVariable(f"y_{i}_{j}", cat=pulp.LpBinary)
         for i, g in enumerate(groups) for j, (s, w) in enumerate(sessions)}
    for (s, w), count in sessions.items():
        prob += pulp.lpSum(y[g.group_id, s, w] for g in groups) == count
    slots, workshops = defaultdict(list), defaultdict(list)
    for s, w in sessions:
        slots[s].append((s, w))
        workshops[w].append((s, w))
    for g in groups:
        prob += pulp.lpSum(y[(g.group_id, *key)] for key in sessions) == event.group_sessions
        for keys in [*slots.values(), *(ks for ks in workshops.values() if len(ks) > 1)]:
            prob += pulp.lpSum(y[(g.group_id, *key)] for key in keys) <= 1
    prob += pulp.LpAffineExpression([(y[g.group_id, s, w], member_cost(event, g, s, w) + 0.001)
                                     for g in groups for s, w in sessions])
    outcome = solving.solve(prob, event.solver, time_limit, gap=1e-3)
    if not outcome.found:
        return None
    return {(g, s): w for (g, s, w), v in y.items() if (v.value() or 0) > 0.5}


def plan_routes(event: Event, time_limit: float) -> tuple[Plan | None, solving.Outcome]:
    n, r, classes, outcome = counts(event, time_limit * 0.6)
    if not outcome.found:
        return None, outcome
    plan = Plan()
    for k, groups in classes.items():
        sessions = {(s, w): round(v.value() or 0) for (kk, s, w), v in n.items() if kk == k and (v.value() or 0) > 0.5}
        routes = share(event, groups, sessions) or share_model(event, groups, sessions,
                                                                max(1.0, time_limit * 0.3 / len(classes)))
        if routes is None:
            return None, outcome
        plan.routes.update(routes)
    free = event.free_slot
    if free is not None:
        plan.open_free = {w for (s, w), v in r.items() if s == free.slot_id and (v.value() or 0) > 0.5}
    return plan, outcome


def free_seats(event: Event, plan: Plan, time_limit: float, wish_cost, unwished) -> dict[str, str] | None:
    """Free-choice seats: a variable per wish, the other seats counted per (group concern, workshop), then given to
    teachers whose group did not attend the workshop. None when that last step fails (the caller then uses the
    model with one variable per teacher and workshop)."""
    free = event.free_slot
    attended = defaultdict(set)
    for (g, _), w in plan.routes.items():
        attended[g].add(w)
    prob = pulp.LpProblem("libre_choix_comptes", pulp.LpMinimize)
    opened = {w.workshop_id: pulp.LpVariable(f"o_{k}", cat=pulp.LpBinary) for k, w in enumerate(event.workshops)
              if (w.facilitator_id, free.slot_id) not in event.unavailable}
    r: dict = {key: 1 for key in plan.runs(event) if key[0] != free.slot_id}
    r.update({(free.slot_id, w): v for w, v in opened.items()})
    constrain(prob, (c for rule in (rules.runs_limit, rules.facilitator_in_one_place)
                     for c in rule(rules.Frame(event, {}, r, {}, pulp.lpSum))))
    z, cost, seats = {}, [], defaultdict(list)
    by_concern: dict[object, list[str]] = defaultdict(list)
    for g in event.groups:
        for t in g.members:
            by_concern[g.concern].append(t)
            mine = []
            for w in event.choices.get(t, []):
                if w in opened and w not in attended[g.group_id]:
                    z[t, w] = pulp.LpVariable(f"z_{len(z)}", cat=pulp.LpBinary)
                    cost.append((z[t, w], wish_cost(event, t, w, g.concern)))
                    seats[w].append(z[t, w])
                    mine.append(z[t, w])
            if len(mine) > 1:
                prob += pulp.lpSum(mine) <= 1
    eligible = {(c, w): [t for g in event.groups if g.concern == c and w not in attended[g.group_id]
                         for t in g.members] for c in by_concern for w in opened}
    q = {(c, w): pulp.LpVariable(f"q_{i}_{k}", 0, len(eligible[c, w]), pulp.LpInteger)
         for i, c in enumerate(by_concern) for k, w in enumerate(opened) if eligible[c, w]}
    topic = {w.workshop_id: w.concern for w in event.workshops}
    for (c, w), v in q.items():
        cost.append((v, unwished(topic[w] == c)))
        seats[w].append(v)
    for c, teachers in by_concern.items():
        wished = [z[t, w] for t in teachers for w in event.choices.get(t, []) if (t, w) in z]
        prob += pulp.lpSum(v for (cc, _), v in q.items() if cc == c) + pulp.lpSum(wished) == len(teachers)
    capacity = {w.workshop_id: w.capacity for w in event.workshops}
    for w, variable in opened.items():
        prob += pulp.lpSum(seats[w]) <= capacity[w] * variable
    cost += [(v, 0.01) for v in opened.values()]
    prob += pulp.LpAffineExpression([(v, c) for v, c in cost if c])
    outcome = solving.solve(prob, event.solver, time_limit, gap=1e-4)
    if not outcome.found:
        return None
    result = {t: w for (t, w), v in z.items() if (v.value() or 0) > 0.5}
    group_of = {t: g.group_id for g in event.groups for t in g.members}
    for c, teachers in by_concern.items():
        room = {w: round(v.value() or 0) for (cc, w), v in q.items() if cc == c and (v.value() or 0) > 0.5}
        waiting = [t for t in teachers if t not in result]
        waiting.sort(key=lambda t: (-sum(room.get(w, 0) for w in attended[group_of[t]]), t))
        for t in waiting:  # the most constrained first, each to the open seats there are most of
            options = [w for w, seats in room.items() if seats and w not in attended[group_of[t]]]
            if not options:
                return None
            w = max(options, key=lambda w: (room[w], w))
            room[w] -= 1
            result[t] = w
    return result if len(result) == len(event.teachers()) else None
