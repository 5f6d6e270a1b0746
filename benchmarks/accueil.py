"""Benchmark: what knowing where the team stands costs each run — the needs check before the step, the fingerprints
of its inputs and the statuses of every step on `Accueil` — on the consolidation benchmark's event (10 exports ×
1,000 answers, 10,000 teachers), against the same runs with that bookkeeping switched off, in the same process,
alternated and repeated (best of `--fois`, the machine being shared). Prints a table; not run by the tests.

    python benchmarks/accueil.py [--onglets 10] [--reponses 1000]
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from consolidation import event, tab_names

from demarche_xl import progress, runner
from demarche_xl.steps import needs
from demarche_xl.steps.steering import STEERING
from demarche_xl.steps.temps1 import CONSOLIDATE, IMPORT
from demarche_xl.store.file_store import FileStore
from demarche_xl.survey.read_export import read_export


def switched_off():
    """Patches removing the bookkeeping: no needs check, no fingerprints, no statuses (as before this change)."""
    saved = (needs.refuse_unmet, progress.record, progress.statuses)
    needs.refuse_unmet = lambda view, spec: None
    progress.record = lambda plan, base, spec, when=None: {}
    progress.statuses = lambda view, runs, records=None: None
    return saved


def restore(saved) -> None:
    needs.refuse_unmet, progress.record, progress.statuses = saved


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--onglets", type=int, default=10)
    parser.add_argument("--reponses", type=int, default=1000)
    parser.add_argument("--fois", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        teachers, files, book = event(folder, args.onglets, args.reponses)
        runner.run_step(FileStore(book), IMPORT, {"tabs": tab_names(files, [read_export(p) for p in files])})
        rows = []
        for label, spec in (("consolider (première fois)", CONSOLIDATE), ("consolider (relance)", CONSOLIDATE),
                            ("pilotage (petite étape, Accueil complet)", STEERING)):
            on_copy, off_copy = folder / "avec.xlsx", folder / "sans.xlsx"
            with_s = without_s = float("inf")
            for _ in range(args.fois):
                shutil.copy(book, on_copy)
                shutil.copy(book, off_copy)
                with_s = min(with_s, timed(lambda: runner.run_step(FileStore(on_copy), spec)))
                saved = switched_off()
                try:
                    without_s = min(without_s, timed(lambda: runner.run_step(FileStore(off_copy), spec)))
                finally:
                    restore(saved)
            rows.append((label, with_s, without_s))
            shutil.copy(on_copy, book)  # the next run starts from the workbook this one left
    print(f"Accueil et prérequis : {args.onglets} exports × {args.reponses} réponses, {len(teachers)} enseignants")
    print(f"{'étape':42} {'avec (s)':>9} {'sans (s)':>9} {'surcoût':>8}")
    for label, with_s, without_s in rows:
        print(f"{label:42} {with_s:9.2f} {without_s:9.2f} {with_s / without_s:7.2f}×")


if __name__ == "__main__":
    main()
