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

from demarche_xl.schema.model import ROW_ID, Table
from demarche_xl.share.ids import row_aliases
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
    return hashlib.blake2s(text.encode("utf-8"), digest_size=5).hexdigest() if text else ""


def row_cells(declared: Table, record: dict) -> dict[str, str]:
    """Hash of each declared column of a row (the row id excluded), as the file would hold it."""
    return {c.key: cell_hash(cell_value(c, record.get(c.key))) for c in declared.columns if c.key != ROW_ID}


def rows_cells(declared: Table, records: list[dict]) -> list[dict[str, str]]:
    """`row_cells` of each record, worked out column by column: a text repeated down a column is hashed once."""
    keys, columns = [], []
    for column in declared.columns:
        if column.key == ROW_ID:
            continue
        known: dict[str, str] = {}  # a text's hash in this column (`cell_value` of a text depends on it alone)
        hashes = []
        for record in records:
            value = record.get(column.key)
            if value.__class__ is str:
                found = known.get(value)
                if found is None:
                    found = known[value] = cell_hash(cell_value(column, value))
                hashes.append(found)
            else:
                hashes.append(cell_hash(cell_value(column, value)))
        keys.append(column.key)
        columns.append(hashes)
    return [dict(zip(keys, row)) for row in zip(*columns)] if keys else [{} for _ in records]


def table_fingerprints(declared: Table, frame: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Fingerprints of every row, under the row's most reliable alias (see `ids.row_aliases`)."""
    out: dict[str, dict[str, str]] = {}
    records = as_records(frame)
    for record, cells in zip(records, rows_cells(declared, records)):
        for alias in row_aliases(declared, record, cells):
            if alias not in out:
                out[alias] = cells
                break
    return out
