"""Everything the xlwings Lite scripts import exists in the browser: in the package list of the Pyodide version the
workbook records (tests/data/pyodide-<version>.txt, made from `npm pack pyodide@<version>`), or as a pure-Python
wheel the workbook's requirements.txt lists (tests/data/lite-wheels.txt). Each script of the method runs in a fresh
CPython where any other import fails and no process can start, as in Pyodide; highspy, CBC's program and
python-calamine are absent there."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from demarche_xl.grouping import solving
from demarche_xl.lite import door, parts
from fixtures.lite_payload import payload
from fixtures.lite_run import main_module, script_meta, sheets_arg
from conftest import LITE_CHAIN

DATA = Path(__file__).parent / "data"
GUARD = Path(__file__).parent / "fixtures" / "pyodide_guard.py"
ABSENT = {"highspy", "python_calamine", "ortools"}


def pyodide_list(version: str) -> tuple[set[str], dict[str, tuple[str, list[str], list[str]]]]:
    """(standard library modules, package → (version, modules, dependencies)) of the Pyodide list in the repository."""
    stdlib, packages = set(), {}
    for line in (DATA / f"pyodide-{version}.txt").read_text(encoding="utf-8").splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "package":
            name, package_version, imports, depends = rest.split()
            packages[name] = (package_version, imports.split(","), [] if depends == "-" else depends.split(","))
        elif kind == "stdlib":
            stdlib.add(rest)
    return stdlib, packages


def loaded_packages(packages: dict, requested: list[str]) -> set[str]:
    """The Pyodide packages loaded for `requested` (requirements.txt) and, in turn, their dependencies."""
    found, pending = set(), [name.lower() for name in requested]
    while pending:
        name = pending.pop()
        if name not in found:
            found.add(name)
            pending += packages[name][2]
    return found


def wheels() -> dict[str, tuple[str, str]]:
    """name → (version, module) of the pure wheels the workbook's requirements.txt lists."""
    rows = [line.split() for line in (DATA / "lite-wheels.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return {name: (version, module) for name, version, module, _wheel in rows}


def test_the_lists_match_what_the_workbook_records_and_asks_for():
    stdlib, packages = pyodide_list(door.PYODIDE_VERSION)
    assert {"json", "zipfile", "asyncio", "math", "decimal"} <= stdlib and {"pandas", "scipy", "numpy"} <= set(packages)
    assert not ABSENT & {module for _v, modules, _d in packages.values() for module in modules}
    assert dict(door.PINNED) == {name: version for name, (version, _) in wheels().items()}
    requirements = door.requirements().splitlines()
    assert all(f"{name}=={version}" in requirements for name, version in door.PINNED)
    for name in door.FROM_PYODIDE:  # never pinned: their version is Pyodide's
        assert name in packages and name in requirements


def test_every_lite_script_runs_with_only_what_pyodide_offers(lite_chain, tmp_path: Path):
    stdlib, packages = pyodide_list(door.PYODIDE_VERSION)
    from_pyodide = {m for name in loaded_packages(packages, list(door.FROM_PYODIDE)) for m in packages[name][1]}
    allowed = stdlib | from_pyodide | {module for _version, module in wheels().values()} | {"demarche_xl"}
    with_door = lite_chain[""][0]
    main = main_module(with_door)
    scripts = [("verifier_le_classeur", with_door)]
    scripts += [(function, lite_chain[step][0]) for function, step in LITE_CHAIN]
    jobs = []
    for function, path in scripts:
        meta = script_meta(main, function)
        jobs.append((function, payload(path, sheets_arg(meta.get("include")), sheets_arg(meta.get("exclude")))))
    job = tmp_path / "job.json"
    job.write_text(json.dumps({"allowed": sorted(allowed), "main_py": parts.read(with_door)["main.py"],
                               "scripts": jobs}, default=str), encoding="utf-8")
    done = subprocess.run([sys.executable, str(GUARD), str(job)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.splitlines()[-1])
    for function, output in result["outputs"].items():
        assert "\u00a0: terminé." in output, f"{function} :\n{output}"
    assert set(result["loaded"]) <= allowed, set(result["loaded"]) - allowed
    assert not ABSENT & set(result["loaded"])
    # the groups model is solved in the browser by SciPy's HiGHS, chosen through grouping/solving.py
    assert f"solveur {solving.SCIPY}" in result["outputs"]["former_les_groupes"]
