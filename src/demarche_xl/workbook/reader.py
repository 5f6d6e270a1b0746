"""Reading a whole workbook through any store: typed tables, lists, settings and raw questionnaire tabs,
collecting every problem (sheet, row, column) on the way; and recognising a method sheet the team renamed, by its
headers."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from demarche_xl.problems import WARNING, Problem
from demarche_xl.schema import tables_setup
from demarche_xl.schema.lists import ALL_LISTS
from demarche_xl.schema.params import PARAMS
from demarche_xl.schema.registry import table
from demarche_xl.store.base import Store
from demarche_xl.tableio import ROW, convert, frame_from_rows
from demarche_xl.schema.model import ROW_ID, Column, Table
from demarche_xl.text import normalise

RENAMED_SHARE = 0.6  # part of a table's headers a renamed sheet must still have


class WorkbookReader:
    """Reads tables once each and remembers the problems found."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.problems: list[Problem] = []
        self._frames: dict[str, pd.DataFrame] = {}
        self._lists: dict[str, list[str]] | None = None
        self._params: dict[str, object] | None = None
        self._names = list(store.sheet_names())  # asked once: a live store asks Excel each time
        self._sheets = set(self._names)
        self._rows: dict[str, list[list[object]]] = {}

    def has_sheet(self, sheet: str) -> bool:
        return sheet in self._sheets

    def sheet_names(self) -> list[str]:
        return list(self._names)

    def rows(self, sheet: str) -> list[list[object]]:
        """A sheet's raw rows (header first), read once."""
        if sheet not in self._rows:
            self._rows[sheet] = self.store.read_rows(sheet) if self.has_sheet(sheet) else []
        return self._rows[sheet]

    def prefetch(self, sheets) -> None:
        """Let the store read ahead the sheets about to be read, where it can do that faster (`FileStore`)."""
        ahead = getattr(self.store, "prefetch", None)
        if ahead is not None:
            ahead([s for s in sheets if self.has_sheet(s) and s not in self._rows])

    def lists(self) -> dict[str, list[str]]:
        if self._lists is None:
            self._lists = {item.key: list(item.values) for item in ALL_LISTS}
            if self.has_sheet(tables_setup.LISTS.sheet):
                frame, problems = frame_from_rows(tables_setup.LISTS, self.rows(tables_setup.LISTS.sheet))
                self.problems.extend(problems)
                for item in ALL_LISTS:
                    values = [str(v) for v in frame[item.key] if v is not None]
                    if values:
                        self._lists[item.key] = values
        return self._lists

    def table(self, key: str) -> pd.DataFrame:
        if key not in self._frames:
            declared = table(key)
            lists = self.lists() if key != "lists" else None
            frame, problems = frame_from_rows(declared, self.rows(declared.sheet), lists)
            self.problems.extend(problems)
            self._frames[key] = frame
        return self._frames[key]

    def params(self) -> dict[str, object]:
        if self._params is None:
            self._params = self._read_params()
        return dict(self._params)

    def _read_params(self) -> dict[str, object]:
        values = {p.key: p.default for p in PARAMS}
        frame = self.table("parameters")
        by_label = {normalise(p.label): p for p in PARAMS}
        for record in frame.to_dict("records"):
            param = by_label.get(normalise(record["label"]))
            if param is None or record["value"] is None:
                continue
            column = Column(param.key, param.label, param.kind, choices=param.choices)
            value, problem = convert(column, record["value"], None)
            if problem:
                self.problems.append(Problem(f"paramètre « {param.label} » : {problem[0]}", problem[1],
                                             "Paramètres", record[ROW], "Valeur", problem[2]))
                if problem[2] != WARNING:
                    continue
            values[param.key] = value
        return values

    def raw_tabs(self, prefix: str) -> dict[str, list[list[object]]]:
        return {name: self.rows(name) for name in self._names if name.startswith(prefix)}


def renamed_sheet(declared: Table, sheet_names: list[str], rows_of: Callable[[str], list[list[object]]]
                  ) -> str | None:
    """The sheet that holds `declared`'s table under another name (the team renamed or copied it): no method sheet,
    no raw tab, and a header row with most of the table's headers."""
    from demarche_xl.schema.registry import HOME_SHEET, is_raw_sheet, table_for_sheet

    wanted = {normalise(c.header) for c in declared.columns if c.key != ROW_ID}
    best, best_share = None, 0.0
    for name in sheet_names:
        if table_for_sheet(name) is not None or is_raw_sheet(name) or name == HOME_SHEET or name.startswith("_"):
            continue
        rows = rows_of(name)
        header = {normalise(v) for v in (rows[0] if rows else []) if v is not None and str(v).strip()}
        share = len(wanted & header) / len(wanted) if wanted else 0.0
        if share >= RENAMED_SHARE and len(wanted & header) >= 2 and share > best_share:
            best, best_share = name, share
    return best
