"""A PuLP solver on `scipy.optimize.milp`: HiGHS as compiled into SciPy. In xlwings Lite (Pyodide, WebAssembly)
highspy and the CBC binary PuLP bundles do not exist, SciPy does: this class gives the same PuLP models a solver
there, and anywhere SciPy is installed.

It reads the PuLP problem into arrays (objective, bounds, integrality, one sparse constraint matrix with 32-bit
indices, as SciPy 1.14 — Pyodide 0.27.5's — requires), calls `milp` with the time limit and relative gap, and
reports like PuLP's HiGHS interface: status and solution status (a time limit reached with a solution gives
« Optimal » + « integer feasible »), variable values, and `bound`, the best lower bound of a minimisation in the
problem's own terms (objective constant included). What `milp` cannot do: start from given values (no warm
start), choose a number of threads, return duals. Only SciPy API present in 1.14 is used.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pulp
from pulp import constants

# scipy.optimize.milp status -> (PuLP status, PuLP solution status), as PuLP's HiGHS interface maps HiGHS' own
STATUSES = {
    0: (constants.LpStatusOptimal, constants.LpSolutionOptimal),
    2: (constants.LpStatusInfeasible, constants.LpSolutionInfeasible),
    3: (constants.LpStatusUnbounded, constants.LpSolutionUnbounded),
}
FOUND_AT_LIMIT = (constants.LpStatusOptimal, constants.LpSolutionIntegerFeasible)
NOTHING = (constants.LpStatusNotSolved, constants.LpSolutionNoSolutionFound)


@dataclass
class Arrays:
    """A PuLP problem as `milp` takes it: minimise c·x subject to row_lower ≤ A x ≤ row_upper, lower ≤ x ≤ upper."""

    variables: list
    c: np.ndarray
    integrality: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    indptr: np.ndarray  # the constraint matrix in CSR form, int32 indices
    indices: np.ndarray
    data: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    sign: float  # 1 to minimise, -1 when the PuLP problem maximises (milp only minimises)
    offset: float  # the objective's constant

    def matrix(self):
        from scipy.sparse import csr_array

        return csr_array((self.data, self.indices, self.indptr), shape=(len(self.row_lower), len(self.variables)))


def arrays_of(lp: pulp.LpProblem, mip: bool = True) -> Arrays:
    variables = lp.variables()
    position = {id(v): i for i, v in enumerate(variables)}
    sign = -1.0 if lp.sense == constants.LpMaximize else 1.0
    c = np.zeros(len(variables))
    for variable, coefficient in lp.objective.items():
        c[position[id(variable)]] = sign * coefficient
    bound = [(-math.inf if v.lowBound is None else v.lowBound, math.inf if v.upBound is None else v.upBound)
             for v in variables]
    integrality = np.array([1 if mip and v.cat == constants.LpInteger else 0 for v in variables], dtype=np.uint8)
    indptr, indices, data, row_lower, row_upper = [0], [], [], [], []
    for constraint in lp._constraints.values():  # what PuLP's own solver classes read
        for variable, coefficient in constraint.items():
            if coefficient:
                indices.append(position[id(variable)])
                data.append(coefficient)
        indptr.append(len(indices))
        low, high = constraint.getLb(), constraint.getUb()
        row_lower.append(-math.inf if low is None else low)
        row_upper.append(math.inf if high is None else high)
    return Arrays(variables, c, integrality, np.array([b[0] for b in bound], dtype=float),
                  np.array([b[1] for b in bound], dtype=float), np.array(indptr, dtype=np.int32),
                  np.array(indices, dtype=np.int32), np.array(data, dtype=float), np.array(row_lower, dtype=float),
                  np.array(row_upper, dtype=float), sign, float(lp.objective.constant))


def statuses(result) -> tuple[int, int]:
    """PuLP's (status, solution status) for a `milp` result."""
    if result.status in STATUSES:
        return STATUSES[result.status]
    if result.status == 1:  # time or node limit: the incumbent, if any, is kept
        return FOUND_AT_LIMIT if result.x is not None else NOTHING
    if "infeasible" in str(result.message).lower():  # HiGHS' « unbounded or infeasible », as PuLP's HiGHS reads it
        return STATUSES[2]
    return NOTHING


class ScipyMilp(pulp.LpSolver):
    """PuLP solver running `scipy.optimize.milp`; `bound` holds the best bound after a solve (None if unknown)."""

    name = "SciPy"

    def __init__(self, mip: bool = True, msg: bool = False, timeLimit: float | None = None,  # noqa: N803 - PuLP
                 gapRel: float | None = None, **solverParams) -> None:
        super().__init__(mip=mip, msg=msg, timeLimit=timeLimit, **solverParams)
        self.gapRel = gapRel
        self.bound: float | None = None
        self.result = None  # scipy's OptimizeResult of the last solve

    def available(self) -> bool:
        try:
            from scipy.optimize import milp  # noqa: F401
        except ImportError:
            return False
        return True

    def milp_options(self) -> dict:
        options: dict = {"disp": bool(self.msg), "presolve": True}
        if self.timeLimit is not None:
            options["time_limit"] = float(self.timeLimit)
        if self.gapRel is not None:
            options["mip_rel_gap"] = float(self.gapRel)
        return options

    def actualSolve(self, lp: pulp.LpProblem) -> int:  # noqa: N802 - PuLP's name
        from scipy.optimize import Bounds, LinearConstraint, milp

        arrays = arrays_of(lp, self.mip)
        constraints = [LinearConstraint(arrays.matrix(), arrays.row_lower, arrays.row_upper)] \
            if len(arrays.row_lower) else None
        self.result = milp(arrays.c, integrality=arrays.integrality, bounds=Bounds(arrays.lower, arrays.upper),
                           constraints=constraints, options=self.milp_options())
        status, sol_status = statuses(self.result)
        if self.result.x is not None:
            for variable, value in zip(arrays.variables, self.result.x):
                variable.varValue = float(value)
        dual = getattr(self.result, "mip_dual_bound", None)
        self.bound = None if dual is None or not math.isfinite(dual) else arrays.sign * dual + arrays.offset
        lp.assignStatus(status, sol_status)
        return status
