"""Notes typed below a table a step rewrites: named in a refusal rather than erased.

A step writes its tables from row 2 down, without blank rows. A row of the sheet as it is now that comes after a
blank row and holds one or two cells is a note the team typed below the table; when the step's new rows no longer
hold what it says, writing would erase it, so the step refuses and names the cell and what to do (a column without
header to the right of the table keeps notes: the step never clears it).
"""
from __future__ import annotations

import pandas as pd

from demarche_xl.problems import Problem, UserError
from demarche_xl.tableio import ROW, as_records, is_blank

MAX_NOTE_CELLS = 2


def notes_below(declared, old: pd.DataFrame) -> list[tuple[int, str, object]]:
    """(row, column header, value) of the first cell of each note row below the table."""
    headers = {col.key: col.header for col in declared.columns}
    found, previous = [], 1
    after_gap = False
    for record in as_records(old):
        row = int(record[ROW])
        after_gap = after_gap or row > previous + 1
        previous = row
        if not after_gap:  # rows of the table itself
            continue
        typed = [(headers.get(k, k), v) for k, v in record.items() if k != ROW and not is_blank(v)]
        if 0 < len(typed) <= MAX_NOTE_CELLS:
            found.append((row, *typed[0]))
    return found


def refuse_lost_notes(declared, old: pd.DataFrame, new: pd.DataFrame) -> None:
    """Refuse when notes below the table would not survive the step's new rows."""
    notes = notes_below(declared, old)
    if not notes:  # the common case: nothing typed below the table, the new rows need not be looked at
        return None
    kept = {str(v) for record in as_records(new) for k, v in record.items() if k != ROW and not is_blank(v)}
    lost = [(row, column, value) for row, column, value in notes if str(value) not in kept]
    if lost:
        row, column, value = lost[0]
        raise UserError(Problem(
            f"« {value} » est tapé sous le tableau que l'étape réécrit : cette note serait effacée",
            "déplacez-la dans une colonne sans en-tête à droite du tableau (l'outil ne la vide jamais) ou dans une "
            "autre feuille, puis relancez ; rien n'a été modifié", declared.sheet, row, column))
