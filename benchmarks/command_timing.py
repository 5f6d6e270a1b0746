"""Timing a `demarche-xl` command the way the team waits for it: a fresh process each time, wall-clock and CPU
seconds (CPU is less disturbed than the clock when other programs share the machine), several runs alternated
with a reference source tree (an earlier version of `src/`, e.g. extracted with `git archive`) so both are measured
in the same conditions. Used by `consolidation.py`.

Each version runs as an installed package does: with its bytecode cached (pip compiles it at install; a session
with PYTHONDONTWRITEBYTECODE would otherwise compile every module of the toolkit at each start, about 0.2 s), after
one run that is not counted."""
from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from math import nan
from pathlib import Path


def environment_for(source: Path | None) -> dict[str, str]:
    """The environment of a run: `source` (a `src` folder) instead of the installed package, bytecode cached."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if source is not None:
        environment["PYTHONPATH"] = str(source)
    return environment


def one_run(arguments: list[str], source: Path | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of `python -m demarche_xl ARGUMENTS` in a fresh process; `source`: the `src`
    folder to run instead of the installed package."""
    environment = environment_for(source)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "demarche_xl", *arguments], capture_output=True, check=True,
                   env=environment)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(book: Path, reference: Path | None, repeats: int) -> dict[str, list[tuple[float, float]]]:
    """`consolider` on copies of `book`, alternating this tree and `reference`, `repeats` times each."""
    runs: dict[str, list[tuple[float, float]]] = {"actuel": []}
    if reference is not None:
        runs["référence"] = []
    for label in runs:  # not counted: writes each version's bytecode, warms the disk cache
        copy = book.with_name(f"commande-{label}-chauffe.xlsx")
        shutil.copy(book, copy)
        one_run(["consolider", str(copy)], reference if label == "référence" else None)
    for index in range(repeats):
        for label in runs:
            copy = book.with_name(f"commande-{label}-{index}.xlsx")
            shutil.copy(book, copy)
            runs[label].append(one_run(["consolider", str(copy)], reference if label == "référence" else None))
    return runs


def startup(reference: Path | None, repeats: int) -> dict[str, float]:
    """Median CPU seconds of starting the interpreter and importing what `consolider` needs (no work done)."""
    code = ("import demarche_xl.cli.app, demarche_xl.runner, demarche_xl.steps.temps1, demarche_xl.store.file_store, "
            "demarche_xl.survey.analysis")
    out = {}
    for label, source in (("actuel", None), ("référence", reference)):
        if label == "référence" and reference is None:
            continue
        environment = environment_for(source)
        cpu = []
        for _ in range(repeats):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([sys.executable, "-c", code], check=True, env=environment)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        out[label] = statistics.median(cpu)
    return out


def stages(book: Path, reference: Path | None, repeats: int) -> dict[str, dict[str, float]]:
    """Minimum CPU seconds of each stage of `consolider` (see `command_stages.py`), runs alternated as in
    `compare`: version → stage → seconds."""
    script = Path(__file__).with_name("command_stages.py")
    found: dict[str, dict[str, list[float]]] = {"actuel": {}}
    if reference is not None:
        found["référence"] = {}
    for index in range(repeats):
        for label in found:
            copy, out = book.with_name(f"etapes-{label}-{index}.xlsx"), book.with_name(f"etapes-{label}.json")
            shutil.copy(book, copy)
            subprocess.run([sys.executable, str(script), str(copy), str(out)], capture_output=True, check=True,
                           env=environment_for(reference if label == "référence" else None))
            for stage, seconds in json.loads(out.read_text(encoding="utf-8")).items():
                found[label].setdefault(stage, []).append(seconds if isinstance(seconds, list) else [seconds, nan])
    return {label: {stage: (min(v[0] for v in values), min(v[1] for v in values)) for stage, values in by_stage.items()}
            for label, by_stage in found.items()}


def print_stages(found: dict[str, dict[str, tuple[float, float]]]) -> None:
    labels = list(found)
    print("\nÉtapes de « consolider », minimum (s) du CPU (tous fils d'exécution) et de l'horloge, exécutions alternées")
    print(f"{'étape':70}" + "".join(f"{label + ' CPU':>16}{label + ' horloge':>18}" for label in labels))
    for stage in dict.fromkeys(s for by_stage in found.values() for s in by_stage):
        print(f"{stage:70}" + "".join(f"{found[label].get(stage, (nan, nan))[0]:16.2f}"
                                      f"{found[label].get(stage, (nan, nan))[1]:18.2f}" for label in labels))


def print_comparison(runs: dict[str, list[tuple[float, float]]], started: dict[str, float]) -> None:
    print(f"\nCommande « demarche-xl consolider » (processus neuf, {len(runs['actuel'])} exécutions alternées)")
    print(f"{'version':12} {'horloge min (s)':>16} {'horloge médiane (s)':>20} {'CPU min (s)':>12} "
          f"{'CPU médiane (s)':>16} {'démarrage CPU (s)':>18}")
    for label, values in runs.items():
        walls, cpus = [w for w, _ in values], [c for _, c in values]
        print(f"{label:12} {min(walls):16.2f} {statistics.median(walls):20.2f} {min(cpus):12.2f} "
              f"{statistics.median(cpus):16.2f} {started.get(label, float('nan')):18.2f}")
    if "référence" in runs:
        ratio = statistics.median(c for _, c in runs["référence"]) / statistics.median(c for _, c in runs["actuel"])
        wall = statistics.median(w for w, _ in runs["référence"]) / statistics.median(w for w, _ in runs["actuel"])
        print(f"référence / actuel : × {ratio:.2f} en CPU, × {wall:.2f} à l'horloge (médianes)")
