"""The contract every store honours, and the write plan a step's results become.

A store reads raw rows of a sheet and applies a `WritePlan`; it never decides what to write.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from demarche_xl.schema.model import Table

TABLE, RAW, HOME, CELLS = "table", "raw", "home", "cells"


class SheetNotSent(RuntimeError):
    """A sheet the open workbook's add-in did not send to Python (xlwings Lite sends the sheets a script asks for):
    never read as empty. Code that can do without it (the statuses of other steps on `Accueil`) catches it."""


@dataclass
class SheetWrite:
    """Replace the content of one sheet the step owns (a declared table, a raw tab, or `Accueil`).

    For `HOME` (`Accueil`), `header` is empty and each row starts with a style tag (see `workbook.home`): a store
    that cannot style cells writes the values after the tag.
    For `CELLS` (a step's computed columns in a table the team owns), `header` is empty and each row is
    `[excel_row, excel_column, value]`: only those cells change, nothing else in the sheet.
    """

    sheet: str
    header: list[str]
    rows: list[list[object]]
    kind: str = TABLE
    table: Table | None = None


@dataclass
class WritePlan:
    writes: list[SheetWrite] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # key/values for the hidden bookkeeping sheet
    hidden_sheets: dict[str, list[list[object]]] = field(default_factory=dict)  # other hidden bookkeeping sheets
    drop_sheets: list[str] = field(default_factory=list)  # sheets to delete (the purge of personal data only)
    forget_people: bool = False  # also remove cell comments and the document's author fields (purge only)
    renames: dict[str, str] = field(default_factory=dict)  # old → new sheet name, before the writes (`--reparer`)
    fitted: bool = field(default=False, compare=False)  # within Excel's limits already (`limits.fit`)

    def sheets(self) -> list[str]:
        return [w.sheet for w in self.writes]


class Store(Protocol):
    """What steps' runner needs from a workbook, whatever holds it (a file, or Excel itself).

    A store may also have `path`: the workbook's file on this computer (None when there is none, as in xlwings
    Lite); `lifecycle` puts the workbook's lock next to it. Stores write every text as text (`cells`)."""

    label: str  # how to name the workbook in messages

    def sheet_names(self) -> list[str]: ...

    def read_rows(self, sheet: str) -> list[list[object]]: ...

    def merged_ranges(self, sheet: str) -> list[str]: ...

    def apply(self, plan: WritePlan) -> None: ...
