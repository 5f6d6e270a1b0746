"""Three-way merge of one team table, a pure function on rows (dicts keyed by column key).

Each row of the copy is matched with the master's (by id, else business key, else content) and compared, column by
column, with the fingerprints of the state both started from: changed on one side → that side's value; changed on
both sides the same way → that value; changed on both differently → the master's value and a `Conflict`. A row added
on either side is kept; a row deleted on one side and unchanged on the other is deleted; deleted on one side but
edited on the other, it is kept (or restored) and listed as a conflict, so no edit disappears silently.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from demarche_xl.schema.model import ROW_ID, Table
from demarche_xl.share.fingerprints import row_cells
from demarche_xl.share.ids import new_row_id, row_aliases
from demarche_xl.tableio import ROW, is_blank

WHOLE_ROW = "(ligne entière)"


@dataclass
class Conflict:
    sheet: str
    row_ref: str
    row: int | None  # Excel row in the master, when the row is there
    column: str  # French header
    master_value: object
    copy_value: object


@dataclass
class TableMerge:
    rows: list[dict]
    taken: int = 0  # cells taken from the copy
    added: list[str] = field(default_factory=list)  # refs of rows added from the copy
    deleted: list[str] = field(default_factory=list)  # descriptions of rows deleted because the copy deleted them
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass
class _Side:
    record: dict
    cells: dict[str, str]
    aliases: list[str]


def _sides(declared: Table, rows: list[dict]) -> list[_Side]:
    sides, seen_ids = [], set()
    for record in rows:
        record = dict(record)
        if not is_blank(record.get(ROW_ID)):
            if record[ROW_ID] in seen_ids:  # a row copied with its id: a new row, not the same one twice
                record[ROW_ID] = None
            seen_ids.add(record.get(ROW_ID))
        cells = row_cells(declared, record)
        sides.append(_Side(record, cells, row_aliases(declared, record, cells)))
    return sides


def _base_of(base: dict[str, dict[str, str]], *sides: _Side | None) -> dict[str, str] | None:
    for side in sides:
        for alias in side.aliases if side else ():
            if alias in base:
                return base[alias]
    return None


def describe(declared: Table, record: dict) -> str:
    """A row named for the team: its id, then its business key or first values."""
    keys = declared.row_key or tuple(c.key for c in declared.columns[:2])
    shown = " ".join(str(record.get(k)) for k in keys if not is_blank(record.get(k)))
    return f"{record.get(ROW_ID) or 'sans réf.'} ({shown})" if shown else str(record.get(ROW_ID) or "sans réf.")


def merge_rows(declared: Table, master: list[dict], copy: list[dict], base: dict[str, dict[str, str]]) -> TableMerge:
    masters, copies = _sides(declared, master), _sides(declared, copy)
    index: dict[str, int] = {}
    for position, side in enumerate(masters):
        for alias in side.aliases:
            index.setdefault(alias, position)
    partner: dict[int, _Side] = {}
    unmatched: list[_Side] = []
    for side in copies:
        position = next((index[a] for a in side.aliases if a in index and index[a] not in partner), None)
        if position is None:
            unmatched.append(side)
        else:
            partner[position] = side
    result = TableMerge([])
    for position, mine in enumerate(masters):
        theirs = partner.get(position)
        if theirs is not None:
            result.rows.append(_merge_pair(declared, mine, theirs, _base_of(base, mine, theirs), result))
            continue
        old = _base_of(base, mine)
        if old is None:  # added in the master since the copy was made
            result.rows.append(mine.record)
        elif old == mine.cells and not _team_notes(declared, mine.record):
            result.deleted.append(describe(declared, mine.record))
        else:
            result.rows.append(mine.record)
            result.conflicts.append(Conflict(declared.sheet, _ref(mine.record), mine.record.get(ROW), WHOLE_ROW,
                                             "modifiée dans ce classeur : gardée", "supprimée dans la copie"))
    for theirs in unmatched:
        record = {**theirs.record, ROW: None}
        record[ROW_ID] = record.get(ROW_ID) or new_row_id()
        old = _base_of(base, theirs)
        if old is None:
            result.rows.append(record)
            result.added.append(record[ROW_ID])
        elif old != theirs.cells:
            result.rows.append(record)
            changed = "; ".join(f"{declared.column(k).header} : {record.get(k)}" for k in theirs.cells
                                if theirs.cells[k] != old.get(k, ""))
            result.conflicts.append(Conflict(declared.sheet, record[ROW_ID], None, WHOLE_ROW,
                                             "supprimée dans ce classeur : rétablie", f"modifiée dans la copie ({changed})"))
    for record in result.rows:
        if is_blank(record.get(ROW_ID)):
            record[ROW_ID] = new_row_id()
    return result


def _team_notes(declared: Table, record: dict) -> bool:
    """Whether the row holds values in columns the team added (which a deletion would lose)."""
    return any(not is_blank(v) for k, v in record.items() if k not in declared.keys and k != ROW)


def _ref(record: dict) -> str:
    return "" if is_blank(record.get(ROW_ID)) else str(record[ROW_ID])


def _merge_pair(declared: Table, mine: _Side, theirs: _Side, old: dict[str, str] | None, result: TableMerge) -> dict:
    merged = dict(mine.record)
    if is_blank(merged.get(ROW_ID)):
        merged[ROW_ID] = theirs.record.get(ROW_ID) or new_row_id()
    for key, mine_hash in mine.cells.items():
        their_hash = theirs.cells[key]
        if mine_hash == their_hash:
            continue
        base_hash = None if old is None else old.get(key, "")
        if base_hash is not None and mine_hash == base_hash:
            merged[key] = theirs.record.get(key)
            result.taken += 1
        elif base_hash is None or their_hash != base_hash:
            result.conflicts.append(Conflict(declared.sheet, str(merged[ROW_ID]), mine.record.get(ROW),
                                             declared.column(key).header, mine.record.get(key),
                                             theirs.record.get(key)))
    return merged
