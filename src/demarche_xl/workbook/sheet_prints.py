"""Views of a workbook's sheets as raw rows (`EmptyView`, `PlanView`: as a write plan will leave them) and the
fingerprints of a step's inputs read through them (`Prints`): what `progress` compares to tell « À relancer ».

A fingerprint hashes a sheet's cells in the columns that count, whatever the order of rows and columns, with the
values canonical (3 and 3.0, True and « Oui », spacing and case alike), so a sheet written by the toolkit and read
back by any store gives the same fingerprint. Where the tool proposes a decision, only the decision in force
counts: confirming a proposal changes nothing."""
from __future__ import annotations

import datetime as dt
import hashlib
from operator import itemgetter

from demarche_xl.schema.model import ROW_ID, USER, Table
from demarche_xl.schema.registry import META_SHEET, table
from demarche_xl.share.fingerprints import normalised
from demarche_xl.steps import needs
from demarche_xl.store.base import CELLS, HOME, WritePlan
from demarche_xl.tableio import match_headers


class EmptyView:
    """A workbook whose sheets (if any) are empty: the base of a new workbook's plan."""

    def __init__(self, names: list[str] | None = None) -> None:
        self.names = list(names or [])

    def sheet_names(self) -> list[str]:
        return self.names

    def rows(self, sheet: str) -> list[list[object]]:
        return []


class PlanView:
    """The sheets as they will be once `plan` is written over `base` (a `WorkbookReader` or any view)."""

    def __init__(self, base, plan: WritePlan) -> None:
        self.base, self.plan = base, plan
        self._rows: dict[str, list[list[object]]] = {}
        self._base_names = list(base.sheet_names())
        renames = plan.renames
        names = [renames.get(n, n) for n in self._base_names if n not in plan.drop_sheets]
        added = [w.sheet for w in plan.writes if w.kind != HOME and w.sheet not in names]
        self._names = names + list(dict.fromkeys(added)) + ([META_SHEET] if plan.meta and META_SHEET not in names
                                                             else [])

    def sheet_names(self) -> list[str]:
        return list(self._names)

    def rows(self, sheet: str) -> list[list[object]]:
        if sheet not in self._rows:
            source = next((old for old, new in self.plan.renames.items() if new == sheet), sheet)
            rows = self.base.rows(source) if source in self._base_names else []
            if sheet == META_SHEET and self.plan.meta:
                kept = [r for r in rows if not (r and r[0] in self.plan.meta)]
                rows = [*kept, *([k, v] for k, v in self.plan.meta.items())]
            for write in self.plan.writes:
                if write.sheet != sheet or write.kind == HOME:
                    continue
                if write.kind == CELLS:
                    rows = [list(r) for r in rows]
                    for row, column, value in write.rows:
                        while len(rows) < row:
                            rows.append([])
                        rows[row - 1] += [None] * (column - len(rows[row - 1]))
                        rows[row - 1][column - 1] = value
                else:
                    rows = [list(write.header), *write.rows]
            self._rows[sheet] = rows
        return self._rows[sheet]



def canon(value: object) -> str:
    """A cell as text two reads of the same content share (3 and 3.0, True and « Oui », spacing and case)."""
    if value is None:
        return ""
    if type(value) is str:
        return " ".join(value.split()).casefold()
    if type(value) is dt.datetime and value.tzinfo is None:  # a date read from a cell: `normalised`'s words, sooner
        if value.hour or value.minute or value.second or value.microsecond:
            return value.isoformat().casefold()
        return value.strftime("%Y-%m-%d")
    return normalised(value).casefold()


class _Texts(dict):
    """Texts of one sheet → their canonical form, each worked out once (answers repeat the same few options)."""

    def __missing__(self, text: str) -> str:
        canonical = self[text] = " ".join(text.split()).casefold()  # `canon` of a text
        return canonical


def sheet_print(rows: list[list[object]], declared: Table | None, columns: set[str] | None,
                only: tuple[str, str] | None = None) -> str:
    """A short hash of a sheet's content in the chosen columns, whatever the order of its rows and columns;
    `only` = (column key, prefix): the rows of a shared table whose column starts with the prefix."""
    if not rows:
        return ""
    if declared is None:
        positions = list(range(max(len(r) for r in rows)))
        body = rows
    else:
        found = match_headers(declared, rows[0])[0]
        positions = sorted(p for key, p in found.items() if key != ROW_ID and (columns is None or key in columns))
        body = rows[1:]
        if only is not None and only[0] in found:
            at = found[only[0]]
            body = [r for r in body if at < len(r) and str(r[at] or "").startswith(only[1])]
    lines = _lines(body, positions)
    lines.sort()
    return hashlib.blake2s("\x1e".join(lines).encode("utf-8"), digest_size=8).hexdigest()


def _lines(body: list[list[object]], positions: list[int]) -> list[str]:
    """Each row's canonical cells at `positions`, joined; rows without any value left out. Worked out column by
    column: a column of texts and blanks is mapped without a Python step per cell."""
    if not positions or not body:
        return []
    width = positions[-1] + 1
    if min(map(len, body)) < width:
        body = [row if len(row) >= width else [*row, *[None] * (width - len(row))] for row in body]
    texts = _Texts({None: ""})
    columns = []
    for position in positions:
        values = list(map(itemgetter(position), body))
        if set(map(type, values)) <= _TEXT_OR_BLANK:
            columns.append(list(map(texts.__getitem__, values)))
        else:
            columns.append([texts[v] if v is None or v.__class__ is str else canon(v) for v in values])
    empty = "\x1f" * (len(positions) - 1)  # the line of a row whose cells are all empty
    return list(filter(empty.__ne__, map("\x1f".join, zip(*columns))))


_TEXT_OR_BLANK = {str, type(None)}


def decision_print(rows: list[list[object]], declared: Table, decision: str) -> str:
    """A fingerprint of what a step does with the team's decision beside the tool's proposal: confirming a proposal
    changes nothing, so only the decision in force counts. In `Préoccupations` the team's « Oui » replace the
    proposal as a whole; elsewhere (`Référents`) the team's « Oui » add to it and its « Non » take away."""
    if not rows:
        return ""
    found = match_headers(declared, rows[0])[0]
    key, proposed, chosen = found.get(declared.row_key[0]), found.get("proposed"), found.get(decision)
    if None in (key, proposed, chosen):
        return sheet_print(rows, declared, {*declared.row_key, decision})
    cell = lambda row, at: row[at] if at < len(row) else None  # noqa: E731
    team = {canon(cell(r, key)): cell(r, chosen) for r in rows[1:] if canon(cell(r, key))}
    tool = {canon(cell(r, key)) for r in rows[1:] if needs.is_yes(cell(r, proposed))}
    said_yes = {k for k, v in team.items() if needs.is_yes(v)}
    said_no = {k for k, v in team.items() if canon(v) and not needs.is_yes(v)}
    if declared.key == "concern_ranking":
        in_force = said_yes or tool
    else:
        in_force = (tool | said_yes) - said_no
    return hashlib.blake2s("\x1e".join(sorted(in_force)).encode("utf-8"), digest_size=8).hexdigest()


DECIDED_BESIDE_PROPOSAL = {"concern_ranking": "retained", "lead_teachers": "confirmed"}


def inputs(spec, view) -> dict[str, tuple]:
    """Each input sheet of a step and what counts in it (table, columns, rows): every column of what it reads, the
    team's columns of what it writes and keeps (`watches`; in a shared table, its own rows), its raw tabs."""
    out: dict[str, tuple] = {}
    for key in spec.reads:
        out[table(key).sheet] = (table(key), None, None)
    for key in spec.watches:
        declared = table(key)
        if declared.owner == USER:
            columns = {c.key for c in declared.columns if c.computed_by != spec.name}
        else:
            columns = {*declared.row_key, *(c.key for c in declared.columns if c.editable)}
        only = next(((column, prefix) for step, column, prefix in declared.row_owners if step == spec.name), None)
        out[declared.sheet] = (declared, columns, only)
    if not spec.writes_raw:
        for prefix in spec.raw_prefixes:
            out.update({name: (None, None, None) for name in view.sheet_names() if name.startswith(prefix)})
    return out


class Prints:
    """Fingerprints of the current sheets, each computed once."""

    def __init__(self, view, known: dict[tuple, str] | None = None) -> None:
        """`known`: the fingerprints already computed through another view of the same sheets (a write plan's
        views differ only in the bookkeeping sheet, which is nobody's input), shared and added to."""
        self.view = view
        self._done: dict[tuple, str] = {} if known is None else known

    def of(self, spec) -> dict[str, str]:
        out = {}
        names = set(self.view.sheet_names())
        for sheet, (declared, columns, only) in inputs(spec, self.view).items():
            key = (sheet, frozenset(columns) if columns is not None else None, only)
            if key not in self._done:
                rows = self.view.rows(sheet) if sheet in names else []
                decision = DECIDED_BESIDE_PROPOSAL.get(declared.key) if declared is not None else None
                if decision and columns is not None and decision in columns:  # a watched decision column
                    self._done[key] = decision_print(rows, declared, decision)
                else:
                    self._done[key] = sheet_print(rows, declared, columns, only)
            out[sheet] = self._done[key]
        return out
