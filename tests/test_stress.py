"""Stress on real files and real processes: steps started two at a time on one workbook never lose each other's
work, and steps killed at random moments leave the workbook old or new, with nothing left behind after the next run.

Each step runs the command line in a process forked from a fork server (the modules already imported, so a step
costs its own work only). Work is checked through `Journal`, which every step rewrites whole: a step that overwrote another's save would
drop that step's line. The same seed gives the same draws.
"""
from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from demarche_xl.lifecycle import lock
from demarche_xl.store.file_store import FileStore
from demarche_xl.workbook.reader import WorkbookReader

from conftest import soffice_convert
from fixtures.cli_process import run_cli
from fixtures.decisions import retain_most_cited

STEPS = ("pilotage", "consolider", "groupes", "bilan", "referents")
OPTIONS = {"groupes": ["--sans-catalyseur"]}  # the small example has too few catalysts for every group
PAIRS, KILLS = 50, 30
# children are forked from a server started before this process used any solver: a solver's threads do not survive
# a fork (a forked HiGHS waited forever), and the server has the modules imported already
CONTEXT = multiprocessing.get_context("forkserver")
CONTEXT.set_forkserver_preload(["demarche_xl.cli.app", "fixtures.cli_process"])
LIMIT = 600  # seconds a child may take before the test fails instead of hanging
pytestmark = pytest.mark.slow


def start(args: list[object], log: Path):
    args = [*args, *OPTIONS.get(str(args[0]), [])]
    process = CONTEXT.Process(target=run_cli, args=([str(a) for a in args], str(log)))
    process.start()
    return process


def finish(process) -> int | None:
    process.join(timeout=LIMIT)
    if process.exitcode is None:
        process.kill()
        process.join()
        pytest.fail("une étape lancée par le test ne s'est pas terminée")
    return process.exitcode


def journal(path: Path) -> Counter:
    return Counter(WorkbookReader(FileStore(path)).table("run_log")["step"])


def leftovers(folder: Path) -> list[str]:
    found = [p.name for p in folder.iterdir() if p.name.startswith("~demarche.")]
    backups = folder / "sauvegardes"
    if backups.is_dir():
        found += [p.name for p in backups.iterdir() if p.name.startswith("~demarche.")]
    return found


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The example collège after one run of each step (so every later run rewrites existing sheets)."""
    path = tmp_path_factory.mktemp("stress") / "college.xlsx"
    for args in (["exemple", path, "--enseignants", "20"], *[[step, path] for step in STEPS]):
        assert finish(start(args, path.parent / "log.txt")) == 0, (path.parent / "log.txt").read_text()
        if args[0] == "consolider":  # the team retains its concerns before the groups are formed
            retain_most_cited(path)
    return path


def test_pairs_of_concurrent_steps_lose_no_work(example: Path, tmp_path: Path):
    path = tmp_path / example.name
    path.write_bytes(example.read_bytes())
    draw = random.Random(17)
    expected = journal(path)
    refused = 0
    for pair in range(PAIRS):
        steps = draw.sample(STEPS, 2) if draw.random() < 0.8 else [draw.choice(STEPS)] * 2
        first = start([steps[0], path], tmp_path / f"{pair}-a.txt")
        time.sleep(draw.uniform(0, 0.4))
        second = start([steps[1], path], tmp_path / f"{pair}-b.txt")
        for process, step, log in ((first, steps[0], "a"), (second, steps[1], "b")):
            code = finish(process)
            out = (tmp_path / f"{pair}-{log}.txt").read_text()
            assert code in (0, 1), out
            if code == 0:
                expected[step] += 1
            else:  # waited longer than a few seconds: refused, naming the step that held the workbook
                assert "est en cours de modification par l'étape" in out, out
                refused += 1
        assert journal(path) == expected, f"paire {pair} : {steps}"
        assert not lock.lock_path(path).exists() and not leftovers(tmp_path)
    assert refused < PAIRS  # most second steps waited and ran
    assert WorkbookReader(FileStore(path)).table("groups").shape[0] > 0
    soffice_convert(path, "pdf")


def test_steps_killed_at_random_moments_leave_the_workbook_old_or_new(example: Path, tmp_path: Path):
    path = tmp_path / example.name
    path.write_bytes(example.read_bytes())
    draw = random.Random(29)
    durations = {}
    for step in STEPS[:3]:  # how long each takes here, to kill within it
        began = time.monotonic()
        assert finish(start([step, path], tmp_path / "mesure.txt")) == 0
        durations[step] = time.monotonic() - began
    outcomes = Counter()
    for kill in range(KILLS):
        step = draw.choice(STEPS[:3])
        old, counts = path.read_bytes(), journal(path)
        process = start([step, path], tmp_path / f"kill-{kill}.txt")
        time.sleep(draw.uniform(0.05, durations[step] * 1.5))  # before, during, in and after the save
        try:
            os.kill(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # it had finished already
        finish(process)
        if path.read_bytes() == old:
            outcomes["ancien"] += 1
        else:  # replaced: a whole new workbook, holding the killed step's work
            with zipfile.ZipFile(path) as package:
                assert package.testzip() is None
            openpyxl.load_workbook(path, read_only=True).close()
            assert journal(path) == counts + Counter({step: 1}), f"coupure {kill} ({step})"
            outcomes["nouveau"] += 1
        follow = start(["pilotage", path], tmp_path / f"suite-{kill}.txt")
        assert finish(follow) == 0, (tmp_path / f"suite-{kill}.txt").read_text()
        assert not lock.lock_path(path).exists() and not leftovers(tmp_path), (kill, leftovers(tmp_path))
    print("coupures :", dict(outcomes), "durées :", {k: round(v, 2) for k, v in durations.items()})
    assert outcomes["ancien"] and sum(outcomes.values()) == KILLS
    soffice_convert(path, "pdf")
