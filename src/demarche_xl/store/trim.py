"""The rows below the header of a large sheet a step is about to rewrite, read straight from the sheet's XML.

When a step rewrites the data rows of a large table (see `bulk_rows`), openpyxl need not parse the thousands of
old rows it would only clear: the file store hands it the header row alone. This module checks, on the original
`<sheetData>`, that doing so loses nothing — no value in a column the step does not clear (the team's notes in a
column without header), no row height, hidden or grouped row, or row format — and collects the cell formats
(`s="…"`) the old rows had, which the generated rows carry on, as openpyxl would have kept them.

Anything it cannot vouch for (a cell without its reference, a row without its number) returns None: the sheet is
then opened whole, as usual.
"""
from __future__ import annotations

import re

from openpyxl.utils import column_index_from_string

_ROW = re.compile(rb"<row\b([^>]*?)(/>|>(.*?)</row>)", re.S)
_CELL = re.compile(rb"<c\b([^>]*?)(/>|>(.*?)</c>)", re.S)
_ROW_NUMBER = re.compile(rb"""\sr=["'](\d+)["']""")
_CELL_REF = re.compile(rb"""\sr=["']([A-Z]{1,3})(\d+)["']""")
_STYLE = re.compile(rb"""\ss=["'](\d+)["']""")
_VALUE = re.compile(rb"<v>[^<]|<t(?:\s[^>]*)?>[^<]|<f[\s>/]")
_ROW_FEATURES = re.compile(rb"""\s(?:customHeight|hidden|customFormat)=["'](?:1|true)["']|\soutlineLevel=["'][1-9]""")


def header_and_formats(cell_data: bytes, cleared: set[int] | None) -> tuple[bytes, dict[tuple[int, int], int]] | None:
    """`<sheetData>` holding only row 1, and the formats of the cells below (row, column) → style number; None when
    rows below the header hold something openpyxl would have kept. `cleared`: the columns the step empties (their
    old values go), None for all of them (a raw tab)."""
    header, formats = b"", {}
    inner = cell_data[cell_data.find(b">") + 1:-len(b"</sheetData>")] if not cell_data.endswith(b"/>") else b""
    rows = list(_ROW.finditer(inner))
    if len(rows) != inner.count(b"<row"):
        return None
    columns = None if cleared is None else _header_columns(rows, cleared)
    for row in rows:
        number = _ROW_NUMBER.search(row.group(1))
        if number is None:
            return None
        index = int(number.group(1))
        if index == 1:
            header = row.group(0)
            continue
        if _ROW_FEATURES.search(row.group(1)):
            return None
        body = row.group(3) or b""
        cells = list(_CELL.finditer(body))
        if len(cells) != body.count(b"<c ") + body.count(b"<c>") + body.count(b"<c/"):
            return None
        for cell in cells:
            ref = _CELL_REF.search(cell.group(1))
            if ref is None or int(ref.group(2)) != index:
                return None
            column = column_index_from_string(ref.group(1).decode())
            if columns is not None and column not in columns and _VALUE.search(cell.group(3) or b""):
                return None  # the team's note in a column the step does not clear
            style = _STYLE.search(cell.group(1))
            if style is not None and style.group(1) != b"0":
                formats[(index, column)] = int(style.group(1))
    return b"<sheetData>" + header + b"</sheetData>", formats


def _header_columns(rows: list[re.Match], cleared: set[int]) -> set[int]:
    """Columns emptied by the step: `cleared` and every column with a heading in row 1 (as the file store clears)."""
    columns = set(cleared)
    for row in rows:
        number = _ROW_NUMBER.search(row.group(1))
        if number is not None and number.group(1) == b"1":
            for cell in _CELL.finditer(row.group(3) or b""):
                ref = _CELL_REF.search(cell.group(1))
                if ref is not None and _VALUE.search(cell.group(3) or b""):
                    columns.add(column_index_from_string(ref.group(1).decode()))
    return columns
