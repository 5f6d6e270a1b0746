"""Running a PuLP model: HiGHS through highspy when installed (with a warm start and the best bound), else HiGHS as
compiled into SciPy (`solvers/scipy_milp.py`: the one in xlwings Lite's Pyodide; no warm start), else CBC; time
limit and solver choice from `Paramètres` (a chosen solver that is not installed gives way to the best one that
is); the outcome said in French, never a solver status code. Shared by the group and the route models.
"""
from __future__ import annotations

import importlib.util
import sys
import time
import warnings
from dataclasses import dataclass

import pulp

from demarche_xl.solvers.scipy_milp import ScipyMilp

AUTO, HIGHS, SCIPY, CBC = "Automatique", "HiGHS", "SciPy", "CBC"


@dataclass
class Outcome:
    found: bool  # a solution satisfying every constraint is available
    proven: bool  # optimal, proven
    infeasible: bool
    objective: float | None
    bound: float | None  # best lower bound (minimisation) when known
    solver: str
    seconds: float

    def gap(self) -> float | None:
        if self.objective is None or self.bound is None:
            return None
        if abs(self.objective) < 1e-9:
            return 0.0
        return max(0.0, (self.objective - self.bound) / abs(self.objective))


def highs_available() -> bool:
    try:
        return pulp.HiGHS().available()
    except (AttributeError, pulp.PulpSolverError):
        return False


def scipy_available() -> bool:
    return importlib.util.find_spec("scipy") is not None


def cbc_available() -> bool:
    if sys.platform == "emscripten":  # Pyodide (xlwings Lite) runs no subprocess: PuLP's CBC binary cannot start
        return False
    try:
        with warnings.catch_warnings():  # PuLP 3.3 announces PULP_CBC_CMD's removal in 4.0
            warnings.simplefilter("ignore", DeprecationWarning)
            return pulp.PULP_CBC_CMD().available()
    except (AttributeError, pulp.PulpSolverError):
        return False


def solver_name(choice: str) -> str:
    """The solver that runs for the team's `choice`: that one when installed, else HiGHS (highspy), SciPy, CBC."""
    if choice == CBC and cbc_available():
        return CBC
    if choice == SCIPY and scipy_available():
        return SCIPY
    if highs_available():
        return HIGHS
    return SCIPY if scipy_available() else CBC


class _WarmHiGHS(pulp.HiGHS):  # type: ignore[misc,valid-type]
    """PuLP's highspy interface, plus: start from the variables' current values, and remember the best bound."""

    bound: float | None = None

    def callSolver(self, lp):  # noqa: N802 - PuLP's name
        import highspy

        values = [v.varValue for v in lp.variables()]
        if all(v is not None for v in values):
            start = highspy.HighsSolution()
            start.col_value = [float(v) for v in values]
            lp.solverModel.setSolution(start)
        lp.solverModel.run()
        bound = getattr(lp.solverModel.getInfo(), "mip_dual_bound", None)
        self.bound = None if bound is None else bound + lp.objective.constant  # HiGHS sees no constant


def solve(problem: pulp.LpProblem, choice: str = AUTO, time_limit: float = 60.0, warm: bool = False,
          threads: int = 2, gap: float = 1e-6) -> Outcome:
    """Solve a minimisation `problem` within `time_limit` seconds, stopping once within the relative `gap` of the
    best bound (1e-6: proven optimal; a looser gap for models whose last digits are only tie-breaks)."""
    name = solver_name(choice)
    limit = max(1.0, float(time_limit))
    started = time.perf_counter()
    if name == HIGHS:
        if not warm:
            for variable in problem.variables():
                variable.varValue = None
        solver = _WarmHiGHS(msg=False, timeLimit=limit, threads=threads, gapRel=gap)
    elif name == SCIPY:  # milp takes no start values and no thread count
        solver = ScipyMilp(msg=False, timeLimit=limit, gapRel=gap)
    else:
        solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=limit, warmStart=warm, threads=threads, gapRel=gap)
    status = problem.solve(solver)
    seconds = time.perf_counter() - started
    sol_status = problem.sol_status
    infeasible = status == pulp.LpStatusInfeasible
    found = sol_status in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible) and not infeasible
    proven = sol_status == pulp.LpSolutionOptimal and gap <= 1e-6
    objective = pulp.value(problem.objective) if found else None
    if objective is None and found:
        objective = 0.0
    bound = objective if proven else getattr(solver, "bound", None)
    if bound is not None and (bound != bound or abs(bound) == float("inf")):
        bound = None
    return Outcome(found, proven, infeasible, objective, bound, name, seconds)


def status_text(objective: float | None, bound: float | None, proven: bool) -> str:
    """« solution optimale prouvée », or the gap to the best bound, in French."""
    if objective is None:
        return "aucune solution trouvée dans le temps imparti"
    if proven or (bound is not None and objective - bound <= 1e-6 * max(1.0, abs(objective))):
        return "solution optimale prouvée"
    if bound is None:
        return "solution trouvée, optimalité non prouvée (borne inconnue)"
    gap = 0.0 if abs(objective) < 1e-9 else (objective - bound) / abs(objective)
    return f"solution à {gap * 100:.1f} % au plus de la meilleure borne ({bound:.1f})".replace(".", ",")
