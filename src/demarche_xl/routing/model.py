"""The route model (group × slot → workshop, which sessions run) and the free-choice allocation (teacher →
workshop at the free slot, ranked wishes, capacities, fairness), both built from the shared rules of
`routing/rules.py`, plus the French diagnosis of impossible events before solving.
"""
from __future__ import annotations

from collections import Counter

import pulp

from demarche_xl import french
from demarche_xl.grouping import solving
from demarche_xl.problems import Problem
from demarche_xl.routing import large as counted
from demarche_xl.routing import rules
from demarche_xl.routing.domain import Event, Plan

OFF_CONCERN = 1.0  # cost of a session outside the group's concern, times the concern weight
WISH_COST = {1: 0.0, 2: 1.0, 3: 3.0}  # convex: two 2nd choices beat a 1st and a 3rd
UNWISHED, UNWISHED_ON_CONCERN = 10.0, 8.0
LARGE_ROUTES, LARGE_SEATS = 2_000, 15_000  # pairs beyond which the counted models of `large.py` are used


def diagnose(event: Event) -> list[Problem]:
    problems = []
    if not event.groups:
        return [Problem("la feuille Groupes est vide", "lancez d'abord « demarche-xl groupes »", "Groupes")]
    slots, wanted = len(event.group_slots), event.group_sessions
    if wanted > slots:
        problems.append(Problem(f"{french.count(event.sessions, 'séance')} par groupe demandées mais "
                                f"{french.count(slots, 'créneau', 'créneaux')} hors libre choix", "ajoutez des créneaux ou baissez « Nombre de séances par groupe »",
                                "Créneaux"))
    if wanted > len(event.workshops):
        problems.append(Problem(f"{french.count(wanted, 'séance')} par groupe mais "
                                f"{french.count(len(event.workshops), 'atelier')}", "ajoutez des ateliers", "Ateliers"))
    seats = sum(w.capacity * min(event.runs(w), slots) for w in event.workshops)
    needed = sum(g.size for g in event.groups) * wanted
    if seats < needed:
        problems.append(Problem(f"capacité totale des ateliers {seats} places-séances < {needed} nécessaires "
                                f"({sum(g.size for g in event.groups)} enseignants × {wanted} séances)",
                                "augmentez les capacités ou le nombre de fois de chaque atelier", "Ateliers"))
    largest = max((w.capacity for w in event.workshops), default=0)
    for g in event.groups:
        if g.size > largest:
            problems.append(Problem(f"groupe {g.group_id} : {g.size} enseignants, plus que la plus grande capacité "
                                    f"d'atelier ({largest})", "augmentez une capacité", "Ateliers"))
    free = event.free_slot
    if free is not None:
        open_seats = sum(w.capacity for w in event.workshops if (w.facilitator_id, free.slot_id)
                         not in event.unavailable)
        teachers = len(event.teachers())
        if open_seats < teachers:
            problems.append(Problem(f"séance en libre choix ({free.slot_id}) : capacité totale {open_seats} < "
                                    f"{teachers} enseignants", "augmentez les capacités ou rendez des animateurs "
                                    "disponibles", "Ateliers"))
    return problems


def route_model(event: Event) -> tuple[pulp.LpProblem, dict, dict]:
    prob = pulp.LpProblem("parcours", pulp.LpMinimize)
    y = {(g.group_id, s.slot_id, w.workshop_id): pulp.LpVariable(f"y_{i}_{j}_{k}", cat=pulp.LpBinary)
         for i, g in enumerate(event.groups) for j, s in enumerate(event.group_slots)
         for k, w in enumerate(event.workshops) if g.size <= w.capacity}
    r = {(s.slot_id, w.workshop_id): pulp.LpVariable(f"r_{j}_{k}", cat=pulp.LpBinary)
         for j, s in enumerate(event.slots) for k, w in enumerate(event.workshops)}
    frame = rules.Frame(event, y, r, {}, pulp.lpSum)
    for check in (c for rule in rules.RULES[:-1] for c in rule(frame)):
        if check.holds is False:
            raise ValueError(check.message)
        if check.holds is not True:
            prob += check.holds
    concern = {g.group_id: g.concern for g in event.groups}
    topic = {w.workshop_id: w.concern for w in event.workshops}
    absent = Counter(s for _, s in event.absent)
    cost = [event.concern_weight * OFF_CONCERN * (topic[w] != concern[g]) * v for (g, s, w), v in y.items()]
    cost += [0.01 * v for v in r.values()]
    wished = Counter((t, w) for t, ws in event.choices.items() for w in ws[:1])
    members = {g.group_id: g.members for g in event.groups}
    cost += [0.5 * sum(wished[t, w] for t in members[g]) * v for (g, s, w), v in y.items()]
    cost += [sum(1 for t in gg.members if (t, s) in event.absent) * v for (g, s, w), v in y.items()
             for gg in event.groups if gg.group_id == g and absent[s]]
    free = event.free_slot
    if free is not None:
        demand = Counter(ws[0] for ws in event.choices.values() if ws)
        cost += [-0.1 * demand[w] * r[free.slot_id, w] for w in topic]
        prob += pulp.lpSum(w.capacity * r[free.slot_id, w.workshop_id] for w in event.workshops) \
            >= len(event.teachers())
    prob += pulp.lpSum(cost)
    return prob, y, r


def free_cost(event: Event, teacher: str, workshop: str, concern: str | None, topic: dict[str, str]) -> float:
    wishes = event.choices.get(teacher, [])
    if workshop in wishes:
        return WISH_COST.get(wishes.index(workshop) + 1, 5.0)
    return UNWISHED_ON_CONCERN if topic[workshop] == concern else UNWISHED


def free_model(event: Event, plan: Plan) -> tuple[pulp.LpProblem, dict, dict]:
    """Free-choice seats with the sessions that open at the free slot decided here, so wishes drive them."""
    free = event.free_slot
    prob = pulp.LpProblem("libre_choix", pulp.LpMinimize)
    topic = {w.workshop_id: w.concern for w in event.workshops}
    y = {(g, s, w): 1 for (g, s), w in plan.routes.items()}
    r: dict = {key: 1 for key in plan.runs(event) if key[0] != free.slot_id}
    opened = {w.workshop_id: pulp.LpVariable(f"o_{k}", cat=pulp.LpBinary)
              for k, w in enumerate(event.workshops) if (w.facilitator_id, free.slot_id) not in event.unavailable}
    r.update({(free.slot_id, w): v for w, v in opened.items()})
    z, cost = {}, []
    for g in event.groups:
        for t in g.members:
            for w in opened:
                z[t, w] = pulp.LpVariable(f"z_{len(z)}", cat=pulp.LpBinary)
                cost.append(free_cost(event, t, w, g.concern, topic) * z[t, w])
    frame = rules.Frame(event, y, r, z, pulp.lpSum)
    for rule in (rules.never_twice, rules.session_capacity, rules.runs_limit, rules.facilitator_in_one_place,
                 rules.one_free_seat_each):
        for check in rule(frame):
            if check.holds is False:
                raise ValueError(check.message)
            if check.holds is not True:
                prob += check.holds
    prob += pulp.lpSum(cost) + 0.01 * pulp.lpSum(opened.values())
    return prob, z, opened


def in_words(outcome: solving.Outcome) -> str:
    """The solver's answer for the team: proven, or how far from the best possible at most (the objective's small
    tie-breaks make its bound a number that means nothing to them)."""
    gap = outcome.gap()
    if outcome.proven or (gap is not None and gap <= 1e-6):
        return "solution optimale prouvée"
    if gap is None:
        return "solution trouvée, sans preuve qu'il n'y a pas mieux"
    return f"solution à {french.percent(gap, 1)} au plus de la meilleure possible"


def large(event: Event) -> bool:
    """Too many (group, slot, workshop) or (teacher, workshop) pairs for one variable each: `large.py`'s counts."""
    return (len(event.groups) * len(event.group_slots) * len(event.workshops) > LARGE_ROUTES
            or len(event.teachers()) * len(event.workshops) > LARGE_SEATS)


def plan_event(event: Event) -> tuple[Plan | None, list[str]]:
    """Routes then free-choice seats; returns the plan (None if nothing found) and French status lines."""
    if large(event):
        plan, outcome = counted.plan_routes(event, event.time_limit * 0.7)
        lines = [f"parcours (grand événement : séances comptées par groupes semblables, puis réparties) : "
                 f"{in_words(outcome)}"] if plan else []
    else:
        prob, y, r = route_model(event)
        outcome = solving.solve(prob, event.solver, event.time_limit * 0.7, gap=1e-5)
        plan = Plan({(g, s): w for (g, s, w), v in y.items() if (v.value() or 0) > 0.5}) if outcome.found else None
        lines = [f"parcours : {in_words(outcome)}"]
        if plan is not None and event.free_slot is not None:
            plan.open_free = {w for (s, w), v in r.items() if s == event.free_slot.slot_id and (v.value() or 0) > 0.5}
    if plan is None:
        return None, []
    free = event.free_slot
    if free is not None:
        topic = {w.workshop_id: w.concern for w in event.workshops}
        seats = counted.free_seats(event, plan, event.time_limit * 0.3,
                                   lambda e, t, w, c: free_cost(e, t, w, c, topic),
                                   lambda on: UNWISHED_ON_CONCERN if on else UNWISHED) if large(event) else None
        if seats is not None:
            plan.free = seats
            lines.append("libre choix : places réparties par vœu, puis par préoccupation")
        else:
            prob, z, opened = free_model(event, plan)
            outcome = solving.solve(prob, event.solver, event.time_limit * 0.3)
            if not outcome.found:
                return None, lines
            plan.free = {t: w for (t, w), v in z.items() if (v.value() or 0) > 0.5}
            lines.append(f"libre choix : {in_words(outcome)}")
        plan.open_free = set(plan.free.values())
    return plan, lines


def fairness(event: Event, plan: Plan) -> Counter:
    """How many teachers got their 1st, 2nd, 3rd wish, none of them, or had none."""
    result: Counter = Counter()
    for t, w in plan.free.items():
        wishes = event.choices.get(t, [])
        result[wishes.index(w) + 1 if w in wishes else ("aucun vœu" if not wishes else "hors vœux")] += 1
    return result
