"""Between the workbook file and the pure anonymisation: read every declared table (hidden sheets included), sort
the other sheets (raw questionnaire tabs, bookkeeping sheets, the team's own sheets) and turn tables back into a
write plan, team columns included."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd

from demarche_xl import __version__
from demarche_xl.runner import FIGURES_KEY, home_write, stored_figures
from demarche_xl.schema.registry import (ALL_TABLES, HOME_SHEET, META_SHEET, SCHEMA_VERSION, TOOL_SHEET, is_raw_sheet,
                                         table)
from demarche_xl.share.scrub import Scrubber
from demarche_xl.store.base import SheetWrite, Store, WritePlan
from demarche_xl.tableio import is_blank, rows_from_frame
from demarche_xl.workbook.reader import WorkbookReader


@dataclass
class WorkbookContent:
    reader: WorkbookReader
    tables: dict[str, pd.DataFrame]
    raw_tabs: list[str] = field(default_factory=list)
    bookkeeping: list[str] = field(default_factory=list)  # `_…` sheets other than `_demarche` (fingerprints…)
    team_sheets: list[str] = field(default_factory=list)  # sheets the team added: unknown content
    loose_notes: list[str] = field(default_factory=list)  # « Sheet (colonne K) »: notes in columns without header


def read_content(store: Store) -> WorkbookContent:
    reader = WorkbookReader(store)
    sheets = store.sheet_names()
    tables = {t.key: reader.table(t.key) for t in ALL_TABLES if reader.has_sheet(t.sheet)}
    known = {t.sheet for t in ALL_TABLES} | {HOME_SHEET, META_SHEET, TOOL_SHEET}  # the Lite buttons' package stays
    content = WorkbookContent(reader, tables)
    for sheet in sheets:
        if is_raw_sheet(sheet):
            content.raw_tabs.append(sheet)
        elif sheet.startswith("_") and sheet not in known:
            content.bookkeeping.append(sheet)
        elif sheet not in known:
            content.team_sheets.append(sheet)
    for declared in ALL_TABLES:
        if reader.has_sheet(declared.sheet):
            content.loose_notes += loose_notes(declared.sheet, store.read_rows(declared.sheet))
    return content


def loose_notes(sheet: str, rows: list[list[object]]) -> list[str]:
    """Columns without a header that hold something: the tool neither reads nor rewrites them."""
    from openpyxl.utils import get_column_letter

    header = rows[0] if rows else []
    width = max((len(r) for r in rows), default=0)
    loose = [c for c in range(width) if (c >= len(header) or is_blank(header[c]))
             and any(c < len(r) and not is_blank(r[c]) for r in rows[1:])]
    return [f"{sheet} (colonne {get_column_letter(c + 1)})" for c in loose]


def table_writes(tables: dict[str, pd.DataFrame]) -> list[SheetWrite]:
    """One write per table, with the columns the team added after the declared ones."""
    writes = []
    for key, frame in tables.items():
        declared = table(key)
        extras = [c for c in frame.attrs.get("extra_columns", []) if c in frame.columns]
        rows = rows_from_frame(declared, frame)
        if extras:
            rows = [row + [_plain(v) for v in values] for row, values in zip(rows, frame[extras].values.tolist())]
        writes.append(SheetWrite(declared.sheet, [*declared.headers, *extras], rows, table=declared))
    return writes


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value


def scrubbed_bookkeeping(content: WorkbookContent, scrubber: Scrubber) -> tuple[dict[str, str], dict[str, object]]:
    """The hidden `_demarche` entries and the `Accueil` figures, with any name or e-mail cleaned out."""
    meta = {}
    for row in content.reader.store.read_rows(META_SHEET) if content.reader.has_sheet(META_SHEET) else []:
        if row and row[0] and row[0] != "clé" and len(row) > 1:
            meta[str(row[0])] = scrubber.text(row[1]) if isinstance(row[1], str) else row[1]
    figures = {str(scrubber.text(k)): scrubber.text(v) for k, v in stored_figures(content.reader).items()}
    meta.update({"version_schema": str(SCHEMA_VERSION), "version_outil": __version__,
                 FIGURES_KEY: json.dumps(figures, ensure_ascii=False, default=str)})
    return meta, figures


def home(content: WorkbookContent, figures: dict[str, object]) -> SheetWrite:
    return home_write(content.reader, figures)
