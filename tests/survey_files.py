"""Helpers shared by the Temps 1 tests: a roster typed into `Enseignants`, and CSV files written as each tool or a
French Excel would write them."""
from __future__ import annotations

import csv
from pathlib import Path

import openpyxl


def fill_roster(workbook: Path, teachers: list[tuple]) -> Path:
    """Type `teachers` (ID, Nom, Prénom, Courriel, Discipline) into the `Enseignants` sheet of `workbook`."""
    wb = openpyxl.load_workbook(workbook)
    ws = wb["Enseignants"]
    for r, row in enumerate(teachers, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value or None)
    wb.save(workbook)
    return workbook


def write_csv(path: Path, rows: list[list], encoding: str, delimiter: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return path
