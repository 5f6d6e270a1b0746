"""Benchmark: the SciPy solver (`scipy.optimize.milp`, HiGHS compiled into SciPy — the solver of xlwings Lite)
against HiGHS through highspy, on every model the group and route steps solve for the example collège and for
pooled events of 300 and 600 teachers; then both on a model neither can prove within short time limits. Prints
Markdown tables; not run by the tests.

    python benchmarks/solveurs.py [--limite 60]

Each model is recorded while the steps run (`solvers.compare.recording`), then solved again from scratch by each
solver with the time limit the step gave it (no warm start for either: milp has none).
"""
from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict

import pulp

from demarche_xl.grouping import model as group_model
from demarche_xl.grouping import solving
from demarche_xl.routing import model as route_model
from demarche_xl.solvers import compare

from groupes import instance
from parcours import build

EVENTS = (("collège d'exemple", 55, 1, False), ("300 (5 collèges)", 300, 5, False),
          ("300 (5 collèges, mélangés)", 300, 5, True), ("600 (10 collèges)", 600, 10, False),
          ("600 (10 collèges, mélangés)", 600, 10, True))


def models_of(n: int, schools: int, mixed: bool, limit: float) -> list[compare.Model]:
    with compare.recording() as models:
        if mixed:
            group_model.solve_groups(instance(n, schools, limit, mixed=True))
        else:
            route_model.plan_event(build(n, schools, limit))  # build() forms the groups first
    return models


def shown(outcome: solving.Outcome) -> str:
    return solving.status_text(outcome.objective, outcome.bound, outcome.proven)


def number(value: float | None) -> str:
    return "—" if value is None else f"{value:.6g}"


def compare_events(limit: float) -> None:
    print("| event | model | rows × cols | limit (s) | HiGHS (s) | SciPy (s) | SciPy / HiGHS | HiGHS objective | "
          "SciPy objective | same | HiGHS status | SciPy status |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---|---|---|")
    totals = defaultdict(lambda: [0.0, 0.0, 0, 0])
    for label, n, schools, mixed in EVENTS:
        for k, recorded in enumerate(models_of(n, schools, mixed, limit), start=1):
            highs = compare.resolve(recorded, solving.HIGHS)
            scipy = compare.resolve(recorded, solving.SCIPY)
            same = highs.objective is not None and scipy.objective is not None and \
                abs(highs.objective - scipy.objective) <= 1e-6 * max(1.0, abs(highs.objective))
            total = totals[label]
            total[0] += highs.seconds
            total[1] += scipy.seconds
            total[2] += 1
            total[3] += same and shown(highs) == shown(scipy)
            rows, cols = recorded.shape
            print(f"| {label} | {k}. {recorded.name} | {rows:,} × {cols:,} | {recorded.time_limit:.0f} | "
                  f"{highs.seconds:.2f} | {scipy.seconds:.2f} | {scipy.seconds / max(highs.seconds, 1e-9):.2f} | "
                  f"{number(highs.objective)} | {number(scipy.objective)} | {'oui' if same else 'NON'} | "
                  f"{shown(highs)} | {shown(scipy)} |", flush=True)
    print("\n| event | models | same optimum and status | HiGHS total (s) | SciPy total (s) | SciPy / HiGHS |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, (h, s, count, same) in totals.items():
        print(f"| {label} | {count} | {same}/{count} | {h:.2f} | {s:.2f} | {s / max(h, 1e-9):.2f} |")


def market_split(items: int, seed: int = 3) -> pulp.LpProblem:
    """4 market-split rows over `items` binaries: an incumbent comes at once, a proof takes far longer."""
    rng = random.Random(seed)
    prob = pulp.LpProblem("partage", pulp.LpMinimize)
    x = [pulp.LpVariable(f"x{j}", cat=pulp.LpBinary) for j in range(items)]
    over, under = ([pulp.LpVariable(f"{n}{i}", 0) for i in range(4)] for n in "ou")
    for i in range(4):
        a = [rng.randint(0, 99) for _ in range(items)]
        prob += pulp.lpSum(a[j] * x[j] for j in range(items)) + under[i] - over[i] == sum(a) // 2
    prob += pulp.lpSum(over) + pulp.lpSum(under)
    return prob


def time_limits() -> None:
    print("\n| model | limit (s) | solver | seconds | seconds / limit | objective | bound | status |")
    print("|---|---:|---|---:|---:|---:|---:|---|")
    for items in (30, 40):
        for limit in (1, 5, 10):
            for choice in (solving.HIGHS, solving.SCIPY):
                outcome = solving.solve(market_split(items), choice, limit)
                print(f"| market split 4 × {items} | {limit} | {outcome.solver} | {outcome.seconds:.2f} | "
                      f"{outcome.seconds / limit:.2f} | {number(outcome.objective)} | {number(outcome.bound)} | "
                      f"{shown(outcome)} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limite", type=float, default=60)
    args = parser.parse_args()
    started = time.perf_counter()
    import scipy.optimize  # noqa: F401 - its first import (~0.5 s) is not the solver's time

    print(f"(scipy.optimize imported in {time.perf_counter() - started:.2f} s)\n")
    compare_events(args.limite)
    time_limits()


if __name__ == "__main__":
    main()
