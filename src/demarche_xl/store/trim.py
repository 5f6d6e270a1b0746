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

_ROW_START = re.compile(rb"<row\b([^>]*?)(/?)>")
_CELL_START = re.compile(rb"<c\b([^>]*?)(/?)>")
_ROW_NUMBER = re.compile(rb"""\sr=["'](\d+)["']""")
_CELL_REF = re.compile(rb"""\sr=["']([A-Z]{1,3})(\d+)["']""")
_CELL_REF_FIRST = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"')
_STYLED_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>]*?\ss="(\d+)"')
_VALUE = re.compile(rb"<v>[^<]|<t(?:\s[^>]*)?>[^<]|<f[\s>/]")
# only row start tags carry these (a false alarm in a text only opens the sheet whole)
_ROW_FEATURES = re.compile(rb"""\s(?:customHeight|hidden|customFormat)=["'](?:1|true)["']|\soutlineLevel=["'][1-9]""")


def header_and_formats(cell_data: bytes, cleared: set[int] | None) -> tuple[bytes, dict[tuple[int, int], int]] | None:
    """`<sheetData>` holding only row 1, and the formats of the cells below (row, column) → style number; None when
    rows below the header hold something openpyxl would have kept. `cleared`: the columns the step empties (their
    old values go), None for all of them (a raw tab)."""
    inner = cell_data[cell_data.find(b">") + 1:-len(b"</sheetData>")] if not cell_data.endswith(b"/>") else b""
    rows = list(_ROW_START.finditer(inner))
    if len(rows) != inner.count(b"<row") or any(_ROW_NUMBER.search(row.group(1)) is None for row in rows):
        return None
    header, below = b"", 0
    if rows and _ROW_NUMBER.search(rows[0].group(1)).group(1) == b"1":
        first = rows[0]
        below = first.end() if first.group(2) else inner.find(b"</row>", first.end()) + len(b"</row>")
        header = inner[first.start():below]
    rest = inner[below:]
    if b'r="1"' in b"".join(row.group(1) for row in rows[1:]) or _ROW_FEATURES.search(rest):
        return None
    columns = None if cleared is None else _header_columns(header, cleared)
    refs = _CELL_REF_FIRST.findall(rest)  # every cell, its reference first (as Excel, LibreOffice, openpyxl write)
    if len(refs) != rest.count(b"<c ") + rest.count(b"<c>") + rest.count(b"<c/"):
        return None
    index = {letters: column_index_from_string(letters.decode()) for letters in {letters for letters, _ in refs}}
    kept = {letters for letters, column in index.items() if columns is not None and column not in columns}
    for letters in kept:  # columns the step does not clear: any value there is the team's
        for cell in re.finditer(rb'<c r="' + letters + rb'\d+"[^>]*?(/?)>', rest):
            if not cell.group(1) and _VALUE.search(rest[cell.end():rest.find(b"</c>", cell.end())]):
                return None
    formats = {(int(row), index[letters]): int(style) for letters, row, style in _STYLED_CELL.findall(rest)
               if style != b"0"}
    return b"<sheetData>" + header + b"</sheetData>", formats


def _header_columns(header: bytes, cleared: set[int]) -> set[int]:
    """Columns emptied by the step: `cleared` and every column with a heading in row 1 (as the file store clears)."""
    columns = set(cleared)
    for cell in _CELL_START.finditer(header):
        ref = _CELL_REF.search(cell.group(1))
        content = header[cell.end():header.find(b"</c>", cell.end())] if not cell.group(2) else b""
        if ref is not None and _VALUE.search(content):
            columns.add(column_index_from_string(ref.group(1).decode()))
    return columns
