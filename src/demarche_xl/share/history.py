"""The workbook's write history, kept in the hidden sheet `_empreintes`: one generation per toolkit write that
changed a team table, with the fingerprints of every team row at that moment (see `fingerprints`).

A copy sent by e-mail carries the generations it shares with the master; the latest one both know is the common
state a merge compares both sides with. A merge also takes in the copy's generations, so the next merge of the same
copy starts from what was merged, not from older ground.
"""
from __future__ import annotations

import hashlib
import io
import json
import pickle
from dataclasses import dataclass, field

import pandas as pd

from demarche_xl import __version__
from demarche_xl.schema.registry import META_SHEET, SCHEMA_VERSION, tracked_tables
from demarche_xl.share.fingerprints import table_fingerprints
from demarche_xl.share.ids import new_row_id

FINGERPRINT_SHEET = "_empreintes"
HEADER = ["génération", "table", "ligne", "cellules"]
GENERATION_KEY, ORDER_KEY = "generation", "generations"
CONTENT_KEY = "contenu_generation"  # "<generation> <digest>": the content of the team tables it was recorded from
MAX_GENERATIONS = 8

Prints = dict[str, dict[str, dict[str, str]]]  # table key -> row alias -> column -> cell hash


@dataclass
class History:
    order: list[str] = field(default_factory=list)  # generation ids, oldest first
    prints: dict[str, Prints] = field(default_factory=dict)

    @property
    def current(self) -> str:
        return self.order[-1] if self.order else ""


def read_meta(store) -> dict[str, object]:
    """The entries of the bookkeeping sheet (key → value)."""
    if META_SHEET not in store.sheet_names():
        return {}
    return {r[0]: r[1] for r in store.read_rows(META_SHEET)[1:] if r and len(r) > 1 and r[0]}


def stored_rows(store) -> list[tuple[str, str, str, str]]:
    """The hidden sheet's rows as stored: (generation, table, row alias, the row's cells as JSON text)."""
    if FINGERPRINT_SHEET not in store.sheet_names():
        return []
    return [(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in store.read_rows(FINGERPRINT_SHEET)[1:]
            if r and len(r) >= 4 and r[0] and r[3] is not None]


def read_history(store, meta: dict[str, object] | None = None, rows: list[tuple] | None = None) -> History:
    history = History(order_of(read_meta(store) if meta is None else meta))
    for generation, key, alias, text in stored_rows(store) if rows is None else rows:
        try:
            cells = _parsed(text)
        except json.JSONDecodeError:
            continue
        history.prints.setdefault(generation, {}).setdefault(key, {})[alias] = cells
    return history


def cells_text(cells: dict[str, str]) -> str:
    """A row's cells as the hidden sheet holds them: compact JSON. Plain keys and hashes (printable ASCII, no quote
    nor backslash) are joined as they are, the same text several times sooner than the encoder."""
    try:
        text = '{"' + '","'.join(map('":"'.join, cells.items())) + '"}' if cells else "{}"
    except TypeError:  # a key or value that is not text
        return _ENCODE(cells)
    if text.isascii() and text.isprintable() and "\\" not in text and text.count('"') == 4 * len(cells):
        return text
    return _ENCODE(cells)


_ENCODE = json.JSONEncoder(separators=(",", ":")).encode  # what `json.dumps(cells, separators=(",", ":"))` writes


def holds(rows: list[tuple], generation: str, prints: Prints) -> bool:
    """Whether the hidden sheet's rows hold `prints` as `generation`'s word for word (nothing to parse then); never
    for a generation without rows, which `read_history` does not find either."""
    stored = {(key, alias): text for g, key, alias, text in rows if g == generation}
    return bool(stored) and len(stored) == sum(map(len, prints.values())) and all(
        stored.get((key, alias)) == cells_text(cells) for key, by_alias in prints.items()
        for alias, cells in by_alias.items())


def _parsed(text: str) -> object:
    """`json.loads(text)`, straight through the decoder's C scanner when the text is one whole object (as written)."""
    if text[:1] == "{":
        try:
            value, end = _scan(text, 0)
        except StopIteration:
            end = -1
        if end == len(text):
            return value
    return json.loads(text)


_scan = json.JSONDecoder().scan_once


def order_of(meta: dict[str, object]) -> list[str]:
    try:
        return [str(g) for g in json.loads(meta.get(ORDER_KEY) or "[]")]
    except (json.JSONDecodeError, TypeError):
        return []


def content_digest(tables: dict[str, pd.DataFrame]) -> str:
    """A digest of the team tables' values in the columns their fingerprints read, types included (no memo: equal
    content, equal bytes), with the toolkit's and the schema's versions: equal digests, equal fingerprints. Empty
    when the tables cannot be digested that way (then the fingerprints are worked out)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=4)
    pickler.fast = True
    try:
        pickler.dump((__version__, SCHEMA_VERSION))
        for declared in tracked_tables():
            frame = tables.get(declared.key)
            if frame is None:
                continue
            if frame.columns.has_duplicates:
                return ""
            pickler.dump((declared.key, len(frame)))
            for column in declared.columns:
                pickler.dump((column.key, frame[column.key].tolist() if column.key in frame.columns else None))
    except Exception:  # noqa: BLE001 - a value pickle does not take: no shortcut, nothing else changes
        return ""
    return hashlib.blake2b(buffer.getbuffer(), digest_size=16).hexdigest()


def current_prints(tables: dict[str, pd.DataFrame]) -> Prints:
    prints = {t.key: table_fingerprints(t, tables[t.key]) for t in tracked_tables() if t.key in tables}
    return {key: rows for key, rows in prints.items() if rows}  # as stored: an empty table leaves no row


def common_base(master: History, copy: History) -> Prints:
    """Fingerprints of the latest generation both histories hold (empty when they share none)."""
    known = set(master.order)
    for generation in reversed(copy.order):
        if generation in known:
            return copy.prints.get(generation) or master.prints.get(generation) or {}
    return {}


def advance(history: History, prints: Prints, inherited: list[History] = ()) -> History:
    """The history after a write leaving the team tables as `prints`: a new generation when they changed or when
    copies' histories were taken in (a merge)."""
    order, stored = list(history.order), dict(history.prints)
    for other in inherited:
        for generation in other.order:
            if generation not in stored and generation in other.prints:
                stored[generation] = other.prints[generation]
            if generation not in order:
                order.append(generation)
    if inherited or not order or stored.get(order[-1]) != prints:
        generation = new_row_id().replace("L", "G", 1)
        order.append(generation)
        stored[generation] = prints
    order = order[-MAX_GENERATIONS:]
    return History(order, {g: stored[g] for g in order if g in stored})


def bookkeeping(history: History) -> tuple[dict[str, str], dict[str, list[list[object]]]]:
    """Meta entries and hidden sheet rows that store `history` in the workbook."""
    rows: list[list[object]] = [list(HEADER)]
    for generation in history.order:
        for key, by_alias in history.prints.get(generation, {}).items():
            for alias, cells in by_alias.items():
                rows.append([generation, key, alias, cells_text(cells)])
    meta = {GENERATION_KEY: history.current, ORDER_KEY: json.dumps(history.order)}
    return meta, {FINGERPRINT_SHEET: rows}


def record(plan, store, tables_after: dict[str, pd.DataFrame], read_table, inherited: list[History] = ()) -> None:
    """Add to a write plan the history after it: `tables_after` for tables it writes, `read_table(key)` for others.
    When the team tables hold what they held when the current generation was recorded (`CONTENT_KEY`), the history
    stays as it is without working out a fingerprint or reading the hidden sheet."""
    tables = {t.key: tables_after[t.key] if t.key in tables_after else read_table(t.key) for t in tracked_tables()}
    meta, content = read_meta(store), content_digest(tables)
    order = order_of(meta)
    kept = bool(order) and not inherited and len(order) <= MAX_GENERATIONS  # a write that changes no row keeps it
    if (kept and content and meta.get(CONTENT_KEY) == f"{order[-1]} {content}"
            and FINGERPRINT_SHEET in store.sheet_names()):
        return
    rows, prints = stored_rows(store), current_prints(tables)
    if kept and holds(rows, order[-1], prints):  # no team row changed: the hidden sheet stays as it is
        after = History(order)
    else:
        after = advance(read_history(store, meta, rows), prints, inherited)
    if content and prints:  # a generation without rows is not found again (see `advance`): no shortcut to it
        plan.meta[CONTENT_KEY] = f"{after.current} {content}"
    if after.order == order:
        return
    entries, hidden = bookkeeping(after)
    plan.meta.update(entries)
    plan.hidden_sheets.update(hidden)


def tables_in_plan(plan) -> dict[str, pd.DataFrame]:
    """Team tables as a write plan leaves them (the sheets it writes), read back from its rows."""
    from demarche_xl.schema.registry import table_for_sheet
    from demarche_xl.tableio import frame_from_rows

    out = {}
    for write in plan.writes:
        declared = table_for_sheet(write.sheet)
        if declared is not None and declared.has_row_ids and write.header:
            out[declared.key] = frame_from_rows(declared, [write.header, *write.rows])[0]
    return out
