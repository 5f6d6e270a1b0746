"""The SciPy solver (`scipy.optimize.milp`: HiGHS compiled into SciPy, the solver of xlwings Lite) against HiGHS
through highspy on the models the `groupes` and `parcours` steps build for the example collège: same optimum, same
status, bound and gap reported the same way; infeasible models detected; the time limit honoured with the
incumbent, bound and gap kept; « Solveur » = « SciPy » in Paramètres end to end; and the whole thing working in a
Python where highspy cannot be imported (as in Pyodide)."""
from __future__ import annotations

import random
import subprocess
import sys
import textwrap

import pulp
import pytest

from demarche_xl.grouping import solving
from demarche_xl.grouping.solving import AUTO, CBC, HIGHS, SCIPY
from demarche_xl.solvers import compare
from demarche_xl.solvers.scipy_milp import ScipyMilp
from demarche_xl.store.file_store import FileStore
from demarche_xl.workbook.reader import WorkbookReader

from test_groups import example, write_table


def same_report(model: compare.Model) -> tuple[solving.Outcome, solving.Outcome]:
    highs, scipy = compare.resolve(model, HIGHS), compare.resolve(model, SCIPY)
    assert (highs.solver, scipy.solver) == ("HiGHS", "SciPy")
    assert highs.proven and scipy.proven, (model.name, highs, scipy)
    assert scipy.objective == pytest.approx(highs.objective, abs=1e-6), model.name
    assert scipy.gap() == pytest.approx(highs.gap(), abs=1e-9) == 0.0
    assert solving.status_text(scipy.objective, scipy.bound, scipy.proven) == \
        solving.status_text(highs.objective, highs.bound, highs.proven) == "solution optimale prouvée"
    return highs, scipy


@pytest.fixture(scope="module")
def example_models(tmp_path_factory) -> dict[str, list[compare.Model]]:
    """Every model `groupes` then `parcours` solve on the example collège (55 teachers), run by the CLI."""
    from demarche_xl.cli import app as cli_app

    path = example(tmp_path_factory.mktemp("exemple"))
    recorded = {}
    for step in ("groupes", "parcours"):
        with compare.recording() as models, pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys, "argv", ["demarche-xl", step, str(path), "--temps", "20"])
            with pytest.raises(SystemExit) as done:
                cli_app.main()
            assert done.value.code in (0, None)
        recorded[step] = models
    return recorded


def test_group_models_same_optimum_and_status_as_highs(example_models):
    models = example_models["groupes"]
    assert len(models) >= 2 and {m.name for m in models} >= {"grappes", "groupes"}
    for model in models:
        same_report(model)


def test_route_models_same_optimum_and_status_as_highs(example_models):
    models = example_models["parcours"]
    assert [m.name for m in models] == ["parcours", "libre_choix"]
    for model in models:
        same_report(model)


def test_infeasible_models_are_detected_like_highs():
    def integer_only() -> pulp.LpProblem:  # feasible as a linear programme, not in integers
        prob = pulp.LpProblem("entier", pulp.LpMinimize)
        x = pulp.LpVariable("x", 0, 10, cat=pulp.LpInteger)
        prob += x
        prob += 2 * x == 1
        return prob

    def too_many() -> pulp.LpProblem:
        prob = pulp.LpProblem("binaires", pulp.LpMinimize)
        x, y = (pulp.LpVariable(n, cat=pulp.LpBinary) for n in "xy")
        prob += x + y
        prob += x + y >= 3
        return prob

    for build in (integer_only, too_many):
        for choice in (HIGHS, SCIPY):
            outcome = solving.solve(build(), choice, 10)
            assert outcome.infeasible and not outcome.found and outcome.objective is None, (build, choice)
            assert outcome.solver == choice
            assert solving.status_text(outcome.objective, outcome.bound, outcome.proven) == \
                "aucune solution trouvée dans le temps imparti"


def market_split(seed: int = 3, constant: float = 0.0) -> pulp.LpProblem:
    """A market-split problem (4 × 30): an incumbent comes at once, proving its optimality takes far longer."""
    rng = random.Random(seed)
    prob = pulp.LpProblem("partage", pulp.LpMinimize)
    x = [pulp.LpVariable(f"x{j}", cat=pulp.LpBinary) for j in range(30)]
    over, under = ([pulp.LpVariable(f"{n}{i}", 0) for i in range(4)] for n in "ou")
    for i in range(4):
        a = [rng.randint(0, 99) for _ in range(30)]
        prob += pulp.lpSum(a[j] * x[j] for j in range(30)) + under[i] - over[i] == sum(a) // 2
    prob += pulp.lpSum(over) + pulp.lpSum(under) + constant
    return prob


def test_the_time_limit_keeps_the_incumbent_bound_and_gap_like_highs():
    for choice in (HIGHS, SCIPY):
        outcome = solving.solve(market_split(constant=100.0), choice, 1)
        assert outcome.found and not outcome.proven and not outcome.infeasible, outcome
        assert outcome.bound is not None and 100.0 <= outcome.bound < outcome.objective  # the constant counted
        assert outcome.gap() == pytest.approx((outcome.objective - outcome.bound) / outcome.objective)
        text = solving.status_text(outcome.objective, outcome.bound, outcome.proven)
        assert text.startswith("solution à ") and "au plus de la meilleure borne" in text, text
    solver = ScipyMilp(timeLimit=1)
    prob = market_split(seed=4)
    assert prob.solve(solver) == pulp.LpStatusOptimal and prob.sol_status == pulp.LpSolutionIntegerFeasible
    assert solver.result.status == 1 and "time limit" in solver.result.message.lower()


def test_maximisation_and_objective_constant_match_highs():
    def build() -> pulp.LpProblem:
        prob = pulp.LpProblem("max", pulp.LpMaximize)
        x, y = (pulp.LpVariable(n, 0, None, cat=pulp.LpInteger) for n in "xy")
        z = pulp.LpVariable("z", 0, 2.5)
        prob += y + 0.5 * z + 3
        prob += -x + y <= 1
        prob += 3 * x + 2 * y <= 12
        prob += 2 * x + 3 * y <= 12
        prob += z <= x
        return prob

    results = []
    for solver in (pulp.HiGHS(msg=False), ScipyMilp()):
        prob = build()
        assert prob.solve(solver) == pulp.LpStatusOptimal and prob.sol_status == pulp.LpSolutionOptimal
        results.append((pulp.value(prob.objective), {v.name: v.varValue for v in prob.variables()}))
    assert results[0] == results[1] == (6.0, {"x": 2.0, "y": 2.0, "z": 2.0})


def test_solver_choice_falls_back_to_what_is_installed(monkeypatch):
    assert [solving.solver_name(c) for c in (AUTO, HIGHS, SCIPY, CBC)] == ["HiGHS", "HiGHS", "SciPy", "CBC"]
    monkeypatch.setattr(solving, "highs_available", lambda: False)  # as in Pyodide
    monkeypatch.setattr(solving.sys, "platform", "emscripten")  # no subprocess there: no CBC
    assert [solving.solver_name(c) for c in (AUTO, HIGHS, SCIPY, CBC)] == ["SciPy"] * 4
    monkeypatch.setattr(solving, "scipy_available", lambda: False)
    assert solving.solver_name(AUTO) == "CBC"


def test_paramètres_solveur_scipy_runs_groups_and_routes(tmp_path, cli):
    path = example(tmp_path)
    params = WorkbookReader(FileStore(path)).table("parameters").drop(columns="_row")
    params.loc[params["label"] == "Solveur", "value"] = "SciPy"
    write_table(path, "parameters", params)
    code, out = cli("groupes", path, "--temps", "20")
    assert code == 0 and "solution optimale prouvée — solveur SciPy" in " ".join(out.split()), out
    assert cli("verifier-groupes", path)[0] == 0
    code, out = cli("parcours", path, "--temps", "20")
    assert code == 0 and "parcours : solution optimale prouvée" in " ".join(out.split()), out
    log = WorkbookReader(FileStore(path)).table("run_log")
    assert log["summary"].str.contains("solveur SciPy").any()


def test_without_highspy_the_default_is_scipy(tmp_path):
    """A fresh Python where `import highspy` fails, as in xlwings Lite: everything imports, Automatique = SciPy."""
    script = textwrap.dedent("""
        import sys
        sys.modules["highspy"] = None  # import highspy now raises ImportError
        import pulp
        from demarche_xl.grouping import solving
        prob = pulp.LpProblem("t", pulp.LpMinimize)
        x = pulp.LpVariable("x", 0, 10, cat=pulp.LpInteger)
        prob += x
        prob += 3 * x >= 7
        outcome = solving.solve(prob)
        print(solving.highs_available(), outcome.solver, outcome.proven, outcome.objective)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "SciPy", "True", "3.0"]
