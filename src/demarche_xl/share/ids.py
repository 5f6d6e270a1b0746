"""Row ids of team tables: short unique references the toolkit writes in the `ROW_ID` column, and how a row is
recognised across copies when it has none (typed by hand since the last write: by the table's `row_key`, else by
its content)."""
from __future__ import annotations

import secrets
from typing import Iterator

import pandas as pd

from demarche_xl.schema.model import ROW_ID, Table
from demarche_xl.tableio import is_blank

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or copied by hand without mistakes


def new_row_id() -> str:
    return "L" + "".join(secrets.choice(ALPHABET) for _ in range(7))


def row_aliases(declared: Table, record: dict, cells: dict[str, str]) -> list[str]:
    """Names under which a row can be found, most reliable first: its id, its business key, its content."""
    return list(aliases_of(declared, record, cells))


def aliases_of(declared: Table, record: dict, cells: dict[str, str]) -> Iterator[str]:
    """`row_aliases`, each worked out only when the one before it is not enough."""
    if not is_blank(record.get(ROW_ID)):
        yield f"id:{str(record[ROW_ID]).strip()}"
    if declared.row_key and not any(is_blank(record.get(k)) for k in declared.row_key):
        yield "cle:" + "|".join(str(record[k]).strip().casefold() for k in declared.row_key)
    yield "contenu:" + "|".join(cells[k] for k in sorted(cells))


def fill_row_ids(declared: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` where every row has an id, unique in the table (a copied row's duplicate id is renewed)."""
    if not declared.has_row_ids:
        return frame
    frame = frame.copy()
    if ROW_ID not in frame.columns:
        frame[ROW_ID] = None
    seen: set[str] = set()
    ids = []
    for value in frame[ROW_ID]:
        text = "" if is_blank(value) else str(value).strip()
        if not text or text in seen:
            text = new_row_id()
        seen.add(text)
        ids.append(text)
    frame[ROW_ID] = pd.Series(ids, index=frame.index, dtype=object)
    return frame
