"""Comparing solvers on the very models the steps build (used by `benchmarks/solveurs.py` and the tests): record
every PuLP problem a run hands to `grouping.solving.solve`, then solve each again, from scratch, with the solver
of one's choice and compare optimum, status and bound."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

import pulp

from demarche_xl.grouping import solving


@dataclass
class Model:
    problem: pulp.LpProblem
    time_limit: float

    @property
    def name(self) -> str:
        return self.problem.name

    @property
    def shape(self) -> tuple[int, int]:
        """(constraints, variables)."""
        return len(self.problem._constraints), len(self.problem.variables())


@contextlib.contextmanager
def recording() -> Iterator[list[Model]]:
    """Within the block, every model solved through `solving.solve` is appended to the yielded list."""
    models: list[Model] = []
    original = solving.solve

    def record(problem, choice=solving.AUTO, time_limit=60.0, warm=False, threads=2, **options):
        models.append(Model(problem, time_limit))
        return original(problem, choice, time_limit, warm, threads, **options)

    solving.solve = record
    try:
        yield models
    finally:
        solving.solve = original


def resolve(model: Model, choice: str, time_limit: float | None = None) -> solving.Outcome:
    """Solve `model` again with `choice`, without a warm start (SciPy has none: both start alike)."""
    return solving.solve(model.problem, choice, model.time_limit if time_limit is None else time_limit, warm=False)
