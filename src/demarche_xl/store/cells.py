"""A value into a cell, the one way every store writes text: as text, shown as typed.

A text starting like a formula (= + - @) is stored as a text cell marked `quotePrefix` — what Excel does when one
types an apostrophe first — so Excel, LibreOffice and a later CSV export never evaluate it, and no apostrophe is
added to the value. Stores that write through Excel itself (xlwings) give it the text after an apostrophe, which
Excel turns into the same quotePrefix text cell (`excel_text`).
"""
from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from demarche_xl.text import looks_like_formula


def put(cell, value: object) -> None:
    """Write `value` into an openpyxl cell: characters a workbook cannot hold dropped (a bell in an export), a text
    starting like a formula kept as text with `quotePrefix`."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        if looks_like_formula(value):
            cell.data_type = "s"
            cell.quotePrefix = True
        elif cell.has_style and cell.quotePrefix:
            cell.quotePrefix = False
        return
    if cell.has_style and cell.quotePrefix:
        cell.quotePrefix = False
    cell.value = value


def excel_text(value: object) -> object:
    """What to give Excel (xlwings) for `value`: Excel turns a string into a number, a date or a formula when it
    looks like one ("0612", "1/2", "=A1"); after a leading apostrophe it keeps it as text, exactly as written,
    with quotePrefix (Excel neither shows nor returns the apostrophe)."""
    return "'" + value if isinstance(value, str) and value else value
