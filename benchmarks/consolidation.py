"""Benchmark: Temps 1 import + consolidation + write for 10 export files × 1,000 answers (LimeSurvey CSV, Google
Forms CSV, Microsoft Forms .xlsx in turn) against a roster of 10,000 teachers, and reading the 10 raw tabs with
python-calamine (the file store) against pandas + openpyxl and openpyxl alone, in the same run. Prints tables;
not run by the tests.

    python benchmarks/consolidation.py [--onglets 10] [--reponses 1000] [--reference SRC] [--repetitions 5]

`--reference SRC`: also time the command with an earlier source tree (`git archive <commit> src | tar -x -C DIR`,
then `--reference DIR/src`), runs alternated with this one so both meet the same load (see `command_timing.py`).
"""
from __future__ import annotations

import argparse
import csv
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import command_timing
import openpyxl
import pandas as pd

from demarche_xl.example.exports import SURVEY_OPEN, answers_of, google_forms_tab, limesurvey_tab, ms_forms_tab
from demarche_xl.example.fill import teacher_table
from demarche_xl.example.roster import FIRST_NAMES, LAST_NAMES, Teacher, email_of
from demarche_xl.runner import run_step
from demarche_xl.schema.lists import CONCERNS, DISCIPLINES, WILLINGNESS
from demarche_xl.schema.registry import table
from demarche_xl.steps.temps1 import CONSOLIDATE, IMPORT
from demarche_xl.store.base import SheetWrite, WritePlan
from demarche_xl.store.file_store import FileStore
from demarche_xl.survey.consolidate import consolidate
from demarche_xl.survey.questions import SURVEY
from demarche_xl.survey.read_export import detect_tool, read_export, sheet_name
from demarche_xl.tableio import rows_from_frame
from demarche_xl.workbook.create import create_workbook
from demarche_xl.workbook.reader import WorkbookReader


def roster(count: int, rng: random.Random) -> list[Teacher]:
    out = []
    for i in range(count):
        first, last = rng.choice(FIRST_NAMES), f"{rng.choice(LAST_NAMES)} {i // len(FIRST_NAMES) + 1}"
        out.append(Teacher(f"E{i + 1:05d}", first, last, email_of(first, last), rng.choice(DISCIPLINES.values),
                           "Collège Jean Moulin", rng.random() < 0.15, False, rng.randint(1, 4),
                           rng.sample(CONCERNS.values, 3),
                           True, rng.choice(WILLINGNESS.values), True))
    return out


def write_exports(folder: Path, teachers: list[Teacher], tabs: int, per_tab: int, rng: random.Random) -> list[Path]:
    files = []
    for n in range(tabs):
        chunk = teachers[n * per_tab:(n + 1) * per_tab]
        rows = [(SURVEY_OPEN.replace(day=5 + n % 20, minute=i % 60), answers_of(t, rng)) for i, t in enumerate(chunk)]
        layout = n % 3
        if layout == 2:
            path = folder / f"Microsoft Forms {n}.xlsx"
            wb = openpyxl.Workbook()
            for row in ms_forms_tab(rows):
                wb.active.append(row)
            wb.save(path)
        else:
            data = (limesurvey_tab if layout == 0 else google_forms_tab)(rows)
            path = folder / f"{'LimeSurvey' if layout == 0 else 'Google Forms'} {n}.csv"
            with path.open("w", encoding="cp1252" if layout else "utf-8-sig", newline="", errors="replace") as out:
                csv.writer(out, delimiter=";" if layout else ",").writerows(data)
        files.append(path)
    return files


def base_workbook(path: Path, teachers: list[Teacher]) -> None:
    store = FileStore(path, must_exist=False)
    create_workbook(store, into_existing=False)
    declared = table("teachers")
    FileStore(path).apply(WritePlan([SheetWrite(declared.sheet, declared.headers,
                                                rows_from_frame(declared, teacher_table(teachers)),
                                                table=declared)]))


def event(folder: Path, tabs: int, per_tab: int) -> tuple[list[Teacher], list[Path], Path]:
    """The benchmark's event: its roster, its export files and the workbook holding the roster."""
    rng = random.Random(1)
    teachers = roster(tabs * per_tab, rng)
    files = write_exports(folder, teachers, tabs, per_tab, rng)
    book = folder / "gros.xlsx"
    base_workbook(book, teachers)
    return teachers, files, book


def tab_names(files: list[Path], exports: list[list[list]]) -> dict[str, list[list]]:
    return {sheet_name("Q - ", f"{detect_tool(rows[0], path)} {path.stem[-1]}"): rows
            for path, rows in zip(files, exports)}


class TimedStore(FileStore):
    """The file store, noting how long writing the plan takes (openpyxl load + write + save, guard, backup)."""

    spent = 0.0

    def apply(self, plan):
        start = time.perf_counter()
        super().apply(plan)
        TimedStore.spent += time.perf_counter() - start


class FullRewriteStore(FileStore):
    """Baseline: the file store opening and rewriting every sheet with openpyxl (no cells set aside, no rows
    generated as XML), as it did before `store/set_aside.py`, `bulk_rows.py` and `trim.py`."""

    def _apply(self, plan, set_cells_aside):
        super()._apply(plan, set_cells_aside=False)


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--onglets", type=int, default=10)
    parser.add_argument("--reponses", type=int, default=1000)
    parser.add_argument("--reference", type=Path, default=None, help="src/ d'une version antérieure à comparer")
    parser.add_argument("--repetitions", type=int, default=5, help="exécutions de la commande par version")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        teachers, files, book = event(folder, args.onglets, args.reponses)
        read_s, exports = timed(lambda: [read_export(p) for p in files])
        tabs = tab_names(files, exports)
        first = dict(list(tabs.items())[:1])
        shutil.copy(book, folder / "un.xlsx")
        one_s, _ = timed(lambda: run_step(FileStore(folder / "un.xlsx"), IMPORT, {"tabs": first}))
        import_s, _ = timed(lambda: run_step(FileStore(book), IMPORT, {"tabs": tabs}))
        shutil.copy(book, folder / "base.xlsx")
        step_s, report = timed(lambda: run_step(TimedStore(book), CONSOLIDATE))
        written_s = TimedStore.spent
        rerun_s, _ = timed(lambda: run_step(FileStore(book), CONSOLIDATE))
        runs = command_timing.compare(folder / "base.xlsx", args.reference, args.repetitions)
        started = command_timing.startup(args.reference, args.repetitions)
        steps = command_timing.stages(folder / "base.xlsx", args.reference, max(3, args.repetitions // 2))
        shutil.copy(folder / "base.xlsx", folder / "commande.xlsx")
        command = [str(Path(sys.executable).with_name("demarche-xl")), "consolider", str(folder / "commande.xlsx")]
        cli_s, _ = timed(lambda: subprocess.run(command, capture_output=True, check=True))
        cli_rerun_s, _ = timed(lambda: subprocess.run(command, capture_output=True, check=True))
        base_s, _ = timed(lambda: run_step(FullRewriteStore(folder / "base.xlsx"), CONSOLIDATE))
        base_rerun_s, _ = timed(lambda: run_step(FullRewriteStore(folder / "base.xlsx"), CONSOLIDATE))
        names = [n for n in FileStore(book).sheet_names() if n.startswith("Q - ")]
        readers = {
            "calamine (FileStore)": lambda: {n: FileStore(book).read_rows(n) for n in names},
            "pandas + openpyxl": lambda: pd.read_excel(book, sheet_name=names, engine="openpyxl", header=None),
            "openpyxl (lecture seule)": lambda: read_openpyxl(book, names),
        }
        reading = {name: timed(action)[0] for name, action in readers.items()}
        reader = WorkbookReader(FileStore(book))
        raw, teachers_frame, lists = reader.raw_tabs("Q - "), reader.table("teachers"), reader.lists()
        pure_s, done = timed(lambda: consolidate(raw, SURVEY, None, teachers_frame, lists, "Q - "))
        analysis_s = analysis_time(reader, lists)
        size = book.stat().st_size / 2**20
    answers = len(done.records)
    print(f"Consolidation : {len(files)} exports × {args.reponses} réponses, {len(teachers)} enseignants, "
          f"classeur final {size:.1f} Mo, {answers} réponses consolidées")
    print(f"{'étape':48} {'temps (s)':>10}")
    for label, seconds in (("lecture des fichiers d'export (read_export)", read_s),
                           ("import d'un export (un enregistrement)", one_s),
                           ("import des 10 exports en une commande", import_s),
                           ("consolider : lecture + calcul + analyse + écriture", step_s),
                           ("  dont consolidation pure (consolidate)", pure_s),
                           ("  dont analyse (survey.analysis.analyse)", analysis_s),
                           ("  dont écriture du classeur (FileStore.apply)", written_s),
                           ("consolider relancé (Réponses déjà remplie)", rerun_s),
                           ("commande demarche-xl consolider (processus neuf)", cli_s),
                           ("  la même, relancée", cli_rerun_s)):
        print(f"{label:48} {seconds:10.2f}")
    print("\nconsolider : écriture actuelle contre réécriture complète par openpyxl (même exécution)")
    print(f"{'exécution':28} {'actuelle (s)':>12} {'openpyxl (s)':>13} {'× plus rapide':>14}")
    for label, now, before in (("première consolidation", step_s, base_s), ("relance", rerun_s, base_rerun_s)):
        print(f"{label:28} {now:12.2f} {before:13.2f} {before / now:14.1f}")
    base = reading["calamine (FileStore)"]
    print(f"\nLecture des {len(names)} onglets bruts")
    print(f"{'lecteur':28} {'temps (s)':>10} {'× calamine':>11}")
    for name, seconds in reading.items():
        print(f"{name:28} {seconds:10.2f} {seconds / base:11.1f}")
    command_timing.print_comparison(runs, started)
    command_timing.print_stages(steps)
    print("\n" + report.lines[0])


def analysis_time(reader: WorkbookReader, lists: dict) -> float:
    try:
        from demarche_xl.survey.analysis import analyse
    except ImportError:
        return float("nan")
    answers, teachers = reader.table("answers"), reader.table("teachers")
    return timed(lambda: analyse(answers, teachers, reader.table("concern_ranking"), lists, reader.params()))[0]


def read_openpyxl(book: Path, names: list[str]) -> dict[str, list]:
    wb = openpyxl.load_workbook(book, read_only=True, data_only=True)
    rows = {n: [list(r) for r in wb[n].iter_rows(values_only=True)] for n in names}
    wb.close()
    return rows


if __name__ == "__main__":
    main()
