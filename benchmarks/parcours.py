"""Benchmark: routes and free-choice allocation on example events (N = 40 … 2,160, pooled beyond 60): our PuLP models
(exact below ~5,000 (group, slot, workshop) pairs, counted per class of groups beyond) against a
first-come-first-served greedy (each group takes the first open on-concern workshop, then each teacher the first
wish with a seat left), both judged with OUR route rules; then the whole command `demarche-xl parcours` on an
académie-sized workbook (wall time, peak memory). Events of 1,000 teachers and more get workshops of 18 seats (three
groups), as the example's 14 seats cannot hold them. Prints Markdown tables; not run by tests.

    python benchmarks/parcours.py [--limite 60] [--sans-commande]
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from demarche_xl.example import event as example_event
from demarche_xl.example.fill import ranked_concerns
from demarche_xl.example.roster import make_teachers
from demarche_xl.grouping import model as group_model
from demarche_xl.routing import model, rules
from demarche_xl.routing.domain import Event, Plan, RouteGroup, Slot, Workshop

from groupes import CLI, LARGE, SIZES, instance, retain_proposed, set_mode, timed, write_table

BIG_CAPACITY = 18


def build(n: int, schools: int, limit: float) -> Event:
    rng = random.Random(1)
    roster, _ = make_teachers(rng, n // schools, schools)
    retained = ranked_concerns(roster)[:3]
    facilitators, workshops = example_event.facilitators_and_workshops(rng, retained, schools)
    participants = [t for t in roster if t.participates]
    choices = example_event.free_choices(rng, participants, workshops)
    grouping = group_model.solve_groups(instance(n, schools, limit))
    if n >= 1000:
        workshops["capacity"] = BIG_CAPACITY
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
    plan, seats = Plan(), {}
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


def command_table(args: argparse.Namespace) -> None:
    """`demarche-xl parcours` on the example event of 20 collèges × 108 teachers (workshops of 18 seats)."""
    from demarche_xl.store.file_store import FileStore
    from demarche_xl.workbook.reader import WorkbookReader

    folder = Path(tempfile.mkdtemp(prefix="bench-parcours-"))
    path = folder / "event.xlsx"
    for command in (["exemple", path, "--enseignants", "108", "--etablissements", "20"], ["consolider", path]):
        subprocess.run([str(CLI), *map(str, command)], check=True, capture_output=True)
    retain_proposed(path)
    workshops = WorkbookReader(FileStore(path)).table("workshops").drop(columns="_row")
    workshops["capacity"] = BIG_CAPACITY
    write_table(path, "workshops", workshops)
    print("\n| groups mode | teachers | `groupes` wall (s) | `parcours` wall (s) | × time limit | peak memory (MiB) | "
          "result |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for mode in ("Par établissement", "Mélangés"):
        copy = folder / f"{mode[:3]}.xlsx"
        shutil.copy(path, copy)
        set_mode(copy, mode)
        grouped = timed("groupes", copy)[0]
        seconds, peak, out = timed("parcours", copy)
        teachers = len(WorkbookReader(FileStore(copy)).table("groups"))
        print(f"| {mode} | {teachers} | {grouped:.1f} | {seconds:.1f} | {seconds / args.limite:.2f} | {peak:.0f} | "
              f"{' '.join(out.split())[9:170]} |", flush=True)
    shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limite", type=float, default=60)
    parser.add_argument("--sans-commande", action="store_true", help="only the model table")
    args = parser.parse_args()
    print("| N (collèges) | groups | teachers | model time (s) | on-concern sessions | wishes 1st/2nd/3rd/none | "
          "violations | greedy time (s) | greedy on-concern | greedy wishes | greedy violations |")
    print("|---|---:|---:|---:|---:|---|---:|---:|---:|---|---:|")
    for n, schools in SIZES + LARGE:
        event = build(n, schools, args.limite)
        started = time.perf_counter()
        plan, _ = model.plan_event(event)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        baseline = greedy(event)
        greedy_seconds = time.perf_counter() - started
        print(f"| {n} ({schools}) | {len(event.groups)} | {len(event.teachers())} | {seconds:.2f} | "
              f"{judged(event, plan)} | {greedy_seconds:.2f} | {judged(event, baseline)} |", flush=True)
    if not args.sans_commande:
        command_table(args)


if __name__ == "__main__":
    main()
