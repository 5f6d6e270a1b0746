"""Reading a whole workbook through any store: typed tables, lists, settings and raw questionnaire tabs,
collecting every problem (sheet, row, column) on the way."""
from __future__ import annotations

import pandas as pd

from demarche_xl.problems import WARNING, Problem
from demarche_xl.schema import tables_setup
from demarche_xl.schema.lists import ALL_LISTS
from demarche_xl.schema.params import PARAMS
from demarche_xl.schema.registry import table
from demarche_xl.store.base import Store
from demarche_xl.tableio import ROW, convert, frame_from_rows
from demarche_xl.schema.model import Column
from demarche_xl.text import normalise


class WorkbookReader:
    """Reads tables once each and remembers the problems found."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.problems: list[Problem] = []
        self._frames: dict[str, pd.DataFrame] = {}
        self._lists: dict[str, list[str]] | None = None
        self._params: dict[str, object] | None = None
        self._sheets = set(store.sheet_names())

    def has_sheet(self, sheet: str) -> bool:
        return sheet in self._sheets

    def lists(self) -> dict[str, list[str]]:
        if self._lists is None:
            self._lists = {item.key: list(item.values) for item in ALL_LISTS}
            if self.has_sheet(tables_setup.LISTS.sheet):
                frame, problems = frame_from_rows(tables_setup.LISTS, self.store.read_rows(tables_setup.LISTS.sheet))
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
            rows = self.store.read_rows(declared.sheet) if self.has_sheet(declared.sheet) else []
            frame, problems = frame_from_rows(declared, rows, lists)
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
        return {name: self.store.read_rows(name) for name in self.store.sheet_names() if name.startswith(prefix)}
