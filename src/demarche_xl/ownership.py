"""Column-level ownership: a step may write a table the team owns (or another step owns) only in the columns
declared `computed_by` that step — or fill the whole table when it is still empty.

`enforce` compares what the step returns with what it read, refuses in French when any other cell would change
(or a row would appear or go), and turns each such table into a write of the step's own cells only, so what the
team typed elsewhere (text, formulas, formats, added columns) is never rewritten.
"""
from __future__ import annotations

import pandas as pd

from demarche_xl.problems import Problem, UserError
from demarche_xl.schema.model import Column, Table
from demarche_xl.schema.registry import table
from demarche_xl.steps.base import StepOutput, StepSpec
from demarche_xl.store.base import CELLS, SheetWrite
from demarche_xl.tableio import ROW, as_records, cell_value, is_blank, match_headers
from demarche_xl.workbook.reader import WorkbookReader

SHOWN = 5  # changed cells named in the refusal


def owned_columns(declared: Table, step: str) -> list[Column]:
    return [c for c in declared.columns if c.computed_by == step]


def enforce(reader: WorkbookReader, spec: StepSpec, output: StepOutput) -> dict[str, SheetWrite]:
    """Cell writes for the filled tables `spec` does not own; raises `UserError` if it changed anything else."""
    writes = {}
    if spec.carries_team_edits:
        return writes  # the merge writes what the team typed in its copies (checked by its own three-way rules)
    for key, frame in output.tables.items():
        declared = table(key)
        old = reader.table(key)
        if any(step == spec.name for step, _, _ in declared.row_owners):
            refuse_foreign_rows(declared, spec.name, old, frame)
            continue  # a shared table: the step rewrote its own rows only
        if declared.owner == spec.name or not len(old):
            continue  # the step's own table, or filling an empty one
        problems = changed_cells(declared, spec.name, old, frame)
        if problems:
            owned = ", ".join(f"« {c.header} »" for c in owned_columns(declared, spec.name)) or "aucune"
            raise UserError(problems[:SHOWN] + [Problem(
                f"l'étape « {spec.name} » ne peut écrire dans « {declared.sheet} » que les colonnes calculées "
                f"({owned}) : {len(problems)} autre(s) cellule(s) auraient changé",
                "rien n'a été modifié ; signalez ce problème (voir la feuille Journal)")])
        writes[key] = cell_write(reader, declared, spec.name, frame)
    return writes


def refuse_foreign_rows(declared: Table, step: str, old: pd.DataFrame, new: pd.DataFrame) -> None:
    """In a table shared row by row, the rows of the other steps must come back exactly as they were."""
    [(key, prefix)] = [(k, p) for s, k, p in declared.row_owners if s == step]

    def foreign(frame: pd.DataFrame) -> list[tuple]:
        return sorted((tuple(str(cell_value(c, r.get(c.key))) for c in declared.columns)
                       for r in as_records(frame) if not str(r.get(key) or "").startswith(prefix)))

    if foreign(old) != foreign(new):
        raise UserError(Problem(f"l'étape « {step} » changerait des lignes de « {declared.sheet} » qui ne sont pas "
                                f"les siennes (colonne « {declared.column(key).header} » hors « {prefix}… »)",
                                "rien n'a été modifié ; signalez ce problème (voir la feuille Journal)",
                                declared.sheet))


def changed_cells(declared: Table, step: str, old: pd.DataFrame, new: pd.DataFrame) -> list[Problem]:
    """Every cell outside the step's columns whose value would differ, and every row added or removed."""
    owned = {c.key for c in owned_columns(declared, step)}
    before = {int(r[ROW]): r for r in as_records(old)}
    if ROW not in new.columns:
        return [Problem(f"l'étape « {step} » réécrirait toute la feuille au lieu de ses seules colonnes",
                        sheet=declared.sheet)]
    rows = as_records(new)
    kept = {int(r[ROW]) for r in rows if not is_blank(r[ROW])}
    problems = []
    if len(rows) != len(old) or kept != set(before):
        problems.append(Problem(f"l'étape « {step} » ajouterait ou retirerait des lignes ({len(old)} → {len(new)})",
                                sheet=declared.sheet))
    for record in rows:
        if is_blank(record[ROW]) or int(record[ROW]) not in before:
            continue
        previous = before[int(record[ROW])]
        for col in declared.columns:
            if col.key in owned:
                continue
            was, now = cell_value(col, previous.get(col.key)), cell_value(col, record.get(col.key))
            if was != now:
                was, now = ("" if v is None else v for v in (was, now))
                problems.append(Problem(f"l'étape « {step} » remplacerait « {was} » par « {now} »",
                                        sheet=declared.sheet, row=int(record[ROW]), column=col.header))
    return problems


def cell_write(reader: WorkbookReader, declared: Table, step: str, frame: pd.DataFrame) -> SheetWrite:
    """Only the step's columns, each cell at its row and at the column where the team's sheet has it."""
    header = (reader.store.read_rows(declared.sheet) or [[]])[0]
    positions = match_headers(declared, header)[0]
    cells = []
    for col in owned_columns(declared, step):
        if col.key not in positions:
            raise UserError(Problem(f"colonne calculée « {col.header} » absente", f"ajoutez une colonne d'en-tête "
                                    f"« {col.header} » en ligne 1 puis relancez ; rien n'a été modifié",
                                    declared.sheet, 1, col.header))
        cells += [[int(r[ROW]), positions[col.key] + 1, cell_value(col, r.get(col.key))]
                  for r in as_records(frame)]
    return SheetWrite(declared.sheet, [], cells, kind=CELLS, table=declared)
