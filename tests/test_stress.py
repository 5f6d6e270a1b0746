"""Stress on real files and real processes: steps started two at a time on one workbook never lose each other's
work, and steps killed at random moments leave the workbook old or new, with nothing left behind after the next run.

Each step runs the command line in a forked process (the modules already imported, so a step costs its own work
only). Work is checked through `Journal`, which every step rewrites whole: a step that overwrote another's save would
drop that step's line. The same seed gives the same draws.
"""
from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sys
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

STEPS = ("pilotage", "consolider", "groupes", "bilan", "referents")
OPTIONS = {"groupes": ["--sans-catalyseur"]}  # the small example has too few catalysts for every group
PAIRS, KILLS = 50, 30
FORK = multiprocessing.get_context("fork")
pytestmark = pytest.mark.slow


def run_cli(args: list[str], log: str) -> None:
    """In a forked child: the command line on `args`, its output in `log`, its exit code as the process's."""
    handle = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(handle, 1)
    os.dup2(handle, 2)
    sys.stdout = sys.stderr = os.fdopen(1, "w", encoding="utf-8")  # the test runner had replaced them
    sys.argv = ["demarche-xl", *args]
    from demarche_xl.cli import app

    try:
        app.main()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0
    sys.stdout.flush()
    os._exit(code)


def start(args: list[object], log: Path):
    args = [*args, *OPTIONS.get(str(args[0]), [])]
    process = FORK.Process(target=run_cli, args=([str(a) for a in args], str(log)))
    process.start()
    return process


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
    from demarche_xl.cli import app

    path = tmp_path_factory.mktemp("stress") / "college.xlsx"
    for args in (["exemple", path, "--enseignants", "20"], *[[step, path] for step in STEPS]):
        process = start(args, path.parent / "log.txt")
        process.join()
        assert process.exitcode == 0, (path.parent / "log.txt").read_text()
    assert app  # imported here, before the forks
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
            process.join(timeout=300)
            out = (tmp_path / f"{pair}-{log}.txt").read_text()
            assert process.exitcode in (0, 1), out
            if process.exitcode == 0:
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
        process = start([step, path], tmp_path / "mesure.txt")
        process.join()
        durations[step] = time.monotonic() - began
    outcomes = Counter()
    for kill in range(KILLS):
        step = draw.choice(STEPS[:3])
        old, counts = path.read_bytes(), journal(path)
        process = start([step, path], tmp_path / f"kill-{kill}.txt")
        time.sleep(draw.uniform(0.05, durations[step] * 1.1))
        os.kill(process.pid, signal.SIGKILL)
        process.join()
        if path.read_bytes() == old:
            outcomes["ancien"] += 1
        else:  # replaced: a whole new workbook, holding the killed step's work
            with zipfile.ZipFile(path) as package:
                assert package.testzip() is None
            openpyxl.load_workbook(path, read_only=True).close()
            assert journal(path) == counts + Counter({step: 1}), f"coupure {kill} ({step})"
            outcomes["nouveau"] += 1
        follow = start(["pilotage", path], tmp_path / f"suite-{kill}.txt")
        follow.join()
        assert follow.exitcode == 0, (tmp_path / f"suite-{kill}.txt").read_text()
        assert not lock.lock_path(path).exists() and not leftovers(tmp_path), (kill, leftovers(tmp_path))
    print("coupures :", dict(outcomes))
    assert outcomes["ancien"] and sum(outcomes.values()) == KILLS
    soffice_convert(path, "pdf")
