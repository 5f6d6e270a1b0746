"""How far a sheet's cells reach, measured on its XML before calamine parses it: calamine lays a sheet out as a dense
grid from its first to its last cell holding a value, so one value typed in XFD1048576 (Excel's last cell) asks for
17 billion cells and the allocation failure ends the process without any message (see `readable`, which refuses
such a sheet in French). Only the standard library is used: the read ahead (`read_ahead`) measures sheets before
the rest of the toolkit is loaded.
"""
from __future__ import annotations

import functools
import re

MAX_CELLS = 25_000_000  # a grid of this size is a few hundred megabytes for calamine; our largest sheets hold 1 %
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384
_CELL_REF = re.compile(rb'<(?:\w+:)?c\s+r="([A-Za-z]{1,4})(\d{1,8})"')  # as Excel, LibreOffice and openpyxl write
_ROW = re.compile(rb'<row r="(\d{1,8})"')
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,2})\d+(?::([A-Z]{1,2})\d+)?"')
_VALUED_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Za-z]{1,4})(\d{1,8})"[^>]*?(?<!/)>\s*<(?:\w+:)?(?:v|f|is)\b')


def extent(xml: bytes, valued_only: bool = False) -> tuple[int, int]:
    """(last row, last column) of the sheet's cells; with `valued_only`, of those holding a value or a formula
    (slower: empty formatted cells cost calamine nothing, so a sheet found too large is measured again this way).

    The common case costs one search over a sheet of thousands of rows: the last row is the last `<row r="…">`
    element (every writer puts rows in order), the last column is the one the sheet's `<dimension>` declares, once
    the search has found no cell beyond it, nor one of three letters or seven digits (such a sheet, or one without
    `<dimension>`, is measured exactly, more slowly)."""
    declared = None if valued_only else _DIMENSION.search(xml, 0, 4000)
    if declared:
        column = declared.group(2) or declared.group(1)
        if not _beyond(column.upper()).search(xml):
            last = xml.rfind(b'<row r="')
            found = _ROW.match(xml, last) if last >= 0 else None
            return int(found.group(1)) if found else xml.count(b"<row"), \
                column_number(column.decode().upper())
    refs = _VALUED_CELL.findall(xml) if valued_only else _CELL_REF.findall(xml)
    return _last(row for _, row in refs), _last_column(column for column, _ in refs)


@functools.lru_cache(maxsize=64)
def _beyond(letters: bytes) -> re.Pattern:
    """A search for a cell whose column comes after `letters` (one or two letters), or whose reference has three
    letters or a row of seven digits."""
    options = ["[A-Za-z]{3}", "[A-Za-z]{1,2}\\d{7}"]
    if len(letters) == 1:
        options.append("[A-Z]{2}")
        if letters != b"Z":
            options.append(f"[{chr(letters[0] + 1)}-Z]")
    else:
        first, second = chr(letters[0]), chr(letters[1])
        if second != "Z":
            options.append(f"{first}[{chr(ord(second) + 1)}-Z]")
        if first != "Z":
            options.append(f"[{chr(ord(first) + 1)}-Z][A-Z]")
    return re.compile(rf'<c r="(?:{"|".join(options)})\d'.encode())


def _last(numbers) -> int:
    return max(map(int, set(numbers)), default=0)


def _last_column(letters) -> int:
    return max((column_number(c.decode().upper()) if len(c) < 4 else MAX_COLUMN + 1
                for c in set(letters)), default=0)


def _beyond_grid(rows: int, columns: int) -> bool:
    return rows > MAX_ROW or columns > MAX_COLUMN or rows * columns > MAX_CELLS


def too_large(xml: bytes) -> tuple[int, int] | None:
    """(last row, last column) of a sheet too large for calamine to lay out, else None."""
    rows, columns = extent(xml)
    if _beyond_grid(rows, columns):
        rows, columns = extent(xml, valued_only=True)
    return (rows, columns) if _beyond_grid(rows, columns) else None


def column_number(letters: str) -> int:
    """A column's number from its letters (A → 1, XFD → 16,384)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
