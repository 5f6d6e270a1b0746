"""Benchmark: forming groups on example instances (N = 40 … 600, pooled beyond 60) with our two-stage PuLP
model, our greedy + swap heuristic given the same time, and the `team-formation` package (CP-SAT), all scored
with OUR rules (`grouping.rules.score` / `violations`). Prints a Markdown table; not run by the tests.

    python benchmarks/groupes.py [--limite 60] [--pair /chemin/python-avec-team-formation]

OR-Tools and highspy cannot live in one process: the peer runs in a subprocess (`peer_team_formation.py`).
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

from demarche_xl.example.fill import ranked_concerns
from demarche_xl.example.roster import make_teachers
from demarche_xl.grouping import heuristic, model, rules
from demarche_xl.grouping.domain import Grouping, Instance, Settings, Teacher

SIZES = ((40, 1), (60, 1), (120, 2), (300, 5), (600, 10))
HERE = Path(__file__).parent


def instance(n: int, schools: int, limit: float, mixed: bool = False, seed: int = 1) -> Instance:
    roster, _ = make_teachers(random.Random(seed), n // schools, schools)
    retained = ranked_concerns(roster)[:3]
    teachers = [Teacher(t.teacher_id, f"{t.first_name} {t.last_name}", t.discipline, t.school, t.catalyst, t.comfort,
                        tuple(t.concerns) if t.answers else ()) for t in roster if t.participates]
    return Instance(teachers, retained, settings=Settings(per_school=not mixed, time_limit=limit))


def judged(inst: Instance, grouping: Grouping | None) -> tuple[str, int]:
    if grouping is None:
        return "—", 0
    return f"{rules.score(inst, grouping)['total']:g}", sum(c.hard for c in rules.violations(inst, grouping))


def peer(inst: Instance, python: str, limit: float) -> tuple[Grouping | None, float]:
    payload = {"limit": limit, "size": inst.settings.group_max, "retained": inst.retained,
               "teachers": [{"id": t.teacher_id, "school": inst.scope_of(t), "discipline": t.discipline,
                             "comfort": t.comfort or 0, "catalyst": t.catalyst,
                             "concerns": [c for c in t.concerns if c in inst.retained]} for t in inst.teachers]}
    started = time.perf_counter()
    done = subprocess.run([python, str(HERE / "peer_team_formation.py")], input=json.dumps(payload),
                          capture_output=True, text=True, timeout=limit * 20 + 60)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stderr[-500:], file=sys.stderr)
        return None, seconds
    members = json.loads(done.stdout.strip().splitlines()[-1])
    grouping = Grouping({}, {}, {})
    for g, ids in members.items():
        grouping.members[g] = ids
        grouping.scopes[g] = inst.scope_of(inst.by_id[ids[0]])
        grouping.concerns[g] = rules.best_concern(inst, [inst.by_id[t] for t in ids])
    return grouping, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limite", type=float, default=60)
    parser.add_argument("--pair", default=sys.executable, help="Python where team-formation is installed")
    parser.add_argument("--limite-pair", type=float, default=20)
    args = parser.parse_args()
    print("| N (collèges, mode) | participants | model time (s) | model objective | bound | gap | status | "
          "heuristic (same time) | team-formation time (s) | team-formation objective | hard violations m/h/t |")
    print("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---|")
    cases = [(n, s, False) for n, s in SIZES] + [(300, 5, True), (600, 10, True)]
    for n, schools, mixed in cases:
        inst = instance(n, schools, args.limite, mixed)
        started = time.perf_counter()
        start = heuristic.greedy(inst)
        found = model.solve_groups(inst, warm=start)
        seconds = time.perf_counter() - started
        baseline = heuristic.heuristic(inst, seconds=max(1.0, seconds))
        other, peer_seconds = peer(inst, args.pair, args.limite_pair)
        objective, model_bad = judged(inst, found)
        total = rules.score(inst, found)["total"] if found else None
        bound = found.bound if found else None
        gap = f"{(total - bound) / total * 100:.1f} %" if found and bound is not None and total else "0 %"
        h_obj, h_bad = judged(inst, baseline)
        p_obj, p_bad = judged(inst, other)
        mode = "mélangés" if mixed else "par collège"
        print(f"| {n} ({schools}, {mode}) | {len(inst.teachers)} | {seconds:.2f} | {objective} | "
              f"{'—' if bound is None else f'{bound:g}'} | {gap} | {model.describe(inst, found) if found else '—'} | "
              f"{h_obj} | {peer_seconds:.1f} | {p_obj} | {model_bad}/{h_bad}/{p_bad} |", flush=True)


if __name__ == "__main__":
    main()
