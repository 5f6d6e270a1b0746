"""Benchmark: reading every table of a large workbook with the file store (python-calamine) against the same
reading done with openpyxl (read-only mode), in the same run. Prints a table; not run by the tests.

    python benchmarks/lecture.py [--etablissements 10] [--enseignants 100]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

import openpyxl

from demarche_xl.example.fill import fill_example
from demarche_xl.schema.registry import ALL_TABLES
from demarche_xl.store.file_store import FileStore
from demarche_xl.workbook.reader import WorkbookReader


class OpenpyxlReadStore(FileStore):
    """Baseline: the same store, reading rows with openpyxl instead of calamine."""

    def sheet_names(self):
        return openpyxl.load_workbook(self.path, read_only=True).sheetnames

    def read_rows(self, sheet):
        wb = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        if sheet not in wb.sheetnames:
            return []
        rows = [list(r) for r in wb[sheet].iter_rows(values_only=True)]
        wb.close()
        return rows


class OpenpyxlOnceStore(OpenpyxlReadStore):
    """Fairer baseline: the workbook is opened once by openpyxl, then every sheet is read from it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._wb = openpyxl.load_workbook(self.path, read_only=True, data_only=True)

    def sheet_names(self):
        return self._wb.sheetnames

    def read_rows(self, sheet):
        return [list(r) for r in self._wb[sheet].iter_rows(values_only=True)] if sheet in self._wb.sheetnames else []


def read_everything(store) -> int:
    reader = WorkbookReader(store)
    rows = sum(len(reader.table(t.key)) for t in ALL_TABLES)
    rows += sum(len(r) for r in reader.raw_tabs("Q - ").values())
    return rows


def measure(make_store, path: Path, repeat: int) -> tuple[float, float, int]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        rows = read_everything(make_store(path))
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    read_everything(make_store(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--etablissements", type=int, default=10)
    parser.add_argument("--enseignants", type=int, default=100)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gros.xlsx"
        fill_example(FileStore(path, must_exist=False), args.enseignants, args.etablissements, seed=1)
        size = path.stat().st_size / 2**20
        results = {name: measure(make, path, args.repetitions) for name, make in (
            ("calamine (FileStore)", FileStore), ("openpyxl, ouvert une fois", OpenpyxlOnceStore),
            ("openpyxl, ouvert par feuille", OpenpyxlReadStore))}
    base = results["calamine (FileStore)"][0]
    print(f"Lecture de toutes les tables : {args.etablissements * args.enseignants} enseignants, fichier {size:.1f} Mo")
    print(f"{'lecteur':32} {'temps (s)':>10} {'× calamine':>11} {'pic mémoire (Mo)':>17} {'lignes':>8}")
    for name, (seconds, peak, rows) in results.items():
        print(f"{name:32} {seconds:10.3f} {seconds / base:11.1f} {peak:17.1f} {rows:8d}")


if __name__ == "__main__":
    main()
