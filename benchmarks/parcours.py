"""Benchmark: routes and free-choice allocation on example events (N = 40 … 600, pooled beyond 60): our PuLP models
against a first-come-first-served greedy (each group takes the first open on-concern workshop, then each teacher
the first wish with a seat left), both judged with OUR route rules. Prints a Markdown table; not run by tests.

    python benchmarks/parcours.py [--limite 60]
"""
from __future__ import annotations

import argparse
import random
import time

from demarche_xl.example import event as example_event
from demarche_xl.example.fill import ranked_concerns
from demarche_xl.example.roster import make_teachers
from demarche_xl.grouping import model as group_model
from demarche_xl.routing import model, rules
from demarche_xl.routing.domain import Event, Plan, RouteGroup, Slot, Workshop

from groupes import SIZES, instance


def build(n: int, schools: int, limit: float) -> Event:
    rng = random.Random(1)
    roster, _ = make_teachers(rng, n // schools, schools)
    retained = ranked_concerns(roster)[:3]
    facilitators, workshops = example_event.facilitators_and_workshops(rng, retained, schools)
    participants = [t for t in roster if t.participates]
    choices = example_event.free_choices(rng, participants, workshops)
    grouping = group_model.solve_groups(instance(n, schools, limit))
    unavailable = {(r["facilitator_id"], r["unavailable_slots"]) for r in facilitators.to_dict("records")
                   if r["unavailable_slots"]}
    return Event(
        [Workshop(r["workshop_id"], r["title"], r["concern"], r["facilitator_id"], "", r["room"], r["capacity"],
                  r["max_runs"]) for r in workshops.to_dict("records")],
        [Slot(s, free) for s, _, _, free in example_event.SLOTS],
        [RouteGroup(g, grouping.concerns[g], tuple(ms)) for g, ms in grouping.members.items()], 3, unavailable,
        choices={r["teacher_id"]: [w for w in (r["choice_1"], r["choice_2"], r["choice_3"]) if isinstance(w, str)]
                 for r in choices.to_dict("records")}, time_limit=limit)


def greedy(event: Event) -> Plan:
    plan, seats, used = Plan(), {}, {}
    facilitator = {w.workshop_id: w.facilitator_id for w in event.workshops}
    for g in event.groups:
        for s in event.group_slots:
            ordered = sorted(event.workshops, key=lambda w: w.concern != g.concern)
            for w in ordered:
                key = (s.slot_id, w.workshop_id)
                runs = sum(1 for (ss, ww) in seats if ww == w.workshop_id)
                busy = any(ss == s.slot_id and facilitator[ww] == w.facilitator_id and ww != w.workshop_id
                           for (ss, ww) in seats) or (w.facilitator_id, s.slot_id) in event.unavailable
                seen = w.workshop_id in {plan.routes.get((g.group_id, x.slot_id)) for x in event.group_slots}
                room = seats.get(key, w.capacity if runs < event.runs(w) and not busy else 0)
                if not seen and room >= g.size:
                    seats[key] = room - g.size
                    plan.routes[g.group_id, s.slot_id] = w.workshop_id
                    break
    free = event.free_slot
    for g in event.groups:
        for t in g.members:
            seen = {plan.routes.get((g.group_id, s.slot_id)) for s in event.group_slots}
            for w in event.choices.get(t, []) + [w.workshop_id for w in event.workshops]:
                key = (free.slot_id, w)
                wk = next(x for x in event.workshops if x.workshop_id == w)
                busy = (wk.facilitator_id, free.slot_id) in event.unavailable or sum(
                    1 for (ss, ww) in seats if ww == w) >= event.runs(wk) and key not in seats
                if w not in seen and not busy and seats.get(key, wk.capacity) > 0:
                    seats[key] = seats.get(key, wk.capacity) - 1
                    plan.free[t] = w
                    break
    return plan


def judged(event: Event, plan: Plan | None) -> str:
    if plan is None:
        return "— | — | —"
    topic = {w.workshop_id: w.concern for w in event.workshops}
    concern = {g.group_id: g.concern for g in event.groups}
    on = sum(topic[w] == concern[g] for (g, _), w in plan.routes.items())
    got = model.fairness(event, plan)
    return f"{on}/{len(plan.routes)} | {got[1]}/{got[2]}/{got[3]}/{got['hors vœux']} | " \
           f"{sum(c.hard for c in rules.violations(event, plan))}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limite", type=float, default=60)
    args = parser.parse_args()
    print("| N (collèges) | groups | teachers | model time (s) | on-concern sessions | wishes 1st/2nd/3rd/none | "
          "violations | greedy on-concern | greedy wishes | greedy violations |")
    print("|---|---:|---:|---:|---:|---|---:|---:|---|---:|")
    for n, schools in SIZES:
        event = build(n, schools, args.limite)
        started = time.perf_counter()
        plan, _ = model.plan_event(event)
        seconds = time.perf_counter() - started
        print(f"| {n} ({schools}) | {len(event.groups)} | {len(event.teachers())} | {seconds:.2f} | "
              f"{judged(event, plan)} | {judged(event, greedy(event))} |", flush=True)


if __name__ == "__main__":
    main()
