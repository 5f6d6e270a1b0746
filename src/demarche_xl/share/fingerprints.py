"""Fingerprints of team tables: a short hash of each cell's normalised value, keyed by column, per row.

Recorded at each toolkit write, they let a merge tell, column by column, what each copy changed since the state
both started from, without keeping the values themselves twice.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math

import pandas as pd

from demarche_xl.schema.model import ROW_ID, Column, Table
from demarche_xl.share.ids import aliases_of
from demarche_xl.tableio import as_records, cell_value, is_blank


def normalised(value: object) -> str:
    """The text two equal cells share whatever their type or spacing ("3" and 3.0, "Oui" and True, stray spaces)."""
    if value is None or is_blank(value):
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        stamp = pd.Timestamp(value)
        return stamp.strftime("%Y-%m-%d") if stamp == stamp.normalize() else stamp.isoformat()
    if isinstance(value, float) and not math.isnan(value) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())  # spacing folded; case and accents are real edits


def cell_hash(value: object) -> str:
    try:
        return _hash_of(value)
    except TypeError:  # an unhashable value
        return _hash_now(value)


@functools.lru_cache(maxsize=65536, typed=True)  # typed: True, 1 and 1.0 are not the same cell
def _hash_of(value: object) -> str:
    return _hash_now(value)


def _hash_now(value: object) -> str:
    text = normalised(value)
    return _blake(text.encode("utf-8"), digest_size=5).hexdigest() if text else ""


_blake = hashlib.blake2s


def row_cells(declared: Table, record: dict) -> dict[str, str]:
    """Hash of each declared column of a row (the row id excluded), as the file would hold it."""
    return {c.key: cell_hash(cell_value(c, record.get(c.key))) for c in declared.columns if c.key != ROW_ID}


class _Known(dict):
    """Hashes of one column's texts and blanks, each worked out once (`cell_value` of a text depends on it alone)."""

    def __init__(self, column: Column) -> None:
        super().__init__({None: ""})
        self.column = column

    def __missing__(self, text: str) -> str:  # `cell_hash(cell_value(column, text))`, without the detours
        folded = " ".join(text.split())
        found = self[text] = _blake(folded.encode("utf-8"), digest_size=5).hexdigest() if folded else ""
        return found


def column_hashes(column: Column, values: list) -> list[str]:
    """`cell_hash(cell_value(column, value))` of each value of a column; a text repeated down it is hashed once, and
    a column of texts, or of booleans, and blanks is mapped without a Python step per cell."""
    kinds = set(map(type, values))
    if kinds <= _TEXT_OR_BLANK:
        return list(map(_Known(column).__getitem__, values))
    flags = {None: "", True: cell_hash(cell_value(column, True)), False: cell_hash(cell_value(column, False))}
    if kinds <= _FLAG_OR_BLANK:
        return list(map(flags.__getitem__, values))
    known = _Known(column)
    return [known[v] if v is None or v.__class__ is str else flags[v] if v.__class__ is bool else
            "" if v.__class__ is float and v != v else cell_hash(cell_value(column, v))  # NaN: an empty number cell
            for v in values]


_TEXT_OR_BLANK, _FLAG_OR_BLANK = {str, type(None)}, {bool, type(None)}


def table_fingerprints(declared: Table, frame: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Fingerprints of every row, under the row's most reliable alias (see `ids.row_aliases`)."""
    if frame.columns.has_duplicates:
        records = as_records(frame)
        columns = {c.key: [r.get(c.key) for r in records] for c in declared.columns}
    else:
        columns = {c.key: frame[c.key].tolist() if c.key in frame.columns else [None] * len(frame)
                   for c in declared.columns}
    keys = [c.key for c in declared.columns if c.key != ROW_ID]
    hashed = [column_hashes(c, columns[c.key]) for c in declared.columns if c.key != ROW_ID]
    rows = [dict(zip(keys, row)) for row in zip(*hashed)] if keys else [{} for _ in range(len(frame))]
    ids = columns.get(ROW_ID, [])
    if ids and set(map(type, ids)) == {str}:  # the usual case: every row under its own id, unique
        stripped = list(map(str.strip, ids))
        if all(stripped) and len(set(stripped)) == len(stripped):
            return dict(zip(map("id:".__add__, stripped), rows))
    out: dict[str, dict[str, str]] = {}
    named = [key for key in dict.fromkeys([ROW_ID, *declared.row_key]) if key in columns]  # what aliases read
    for position, cells in enumerate(rows):
        for alias in aliases_of(declared, {key: columns[key][position] for key in named}, cells):
            if alias not in out:
                out[alias] = cells
                break
    return out
