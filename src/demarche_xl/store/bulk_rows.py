"""Thousands of rows written as XML directly: the data rows of a large table a step writes (`Réponses` of a pooled
event) are turned into the sheet's `<sheetData>` rows here instead of becoming one openpyxl cell object each.

openpyxl still writes the sheet itself (header, widths, dropdowns, Excel table, charts); only rows 2 and below are
produced here, exactly as openpyxl would write them: each value with the number format the existing cell had (a
date gets openpyxl's date format when its cell had none), text always as text (never a formula; one starting like a
formula marked quotePrefix, see `cells`), the characters XML cannot hold removed. The file store splices the rows in after openpyxl has saved (see `set_aside`).

Only sheets below the header that hold nothing else are written this way: no value left by the team in a column
without header, no comment, link, merged cells or row height there; otherwise openpyxl writes every cell as usual.
"""
from __future__ import annotations

import datetime as dt
from copy import copy
from functools import lru_cache
from itertools import chain

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from demarche_xl.text import looks_like_formula
from demarche_xl.xml_text import escape

BULK_ROWS = 500  # below this, openpyxl writing the cells costs well under a second
PLAIN = (str, int, float, bool, dt.datetime, dt.date, dt.time, type(None))


def eligible(rows: list[list[object]]) -> bool:
    """Whether rows are many and plain enough to be generated here."""
    if len(rows) < BULK_ROWS:
        return False
    kinds = set(map(type, chain.from_iterable(rows)))  # the few types met, gathered without a Python loop
    return all(issubclass(kind, PLAIN) for kind in kinds)


def can_write(ws, rows: list[list[object]]) -> bool:
    """Whether the data rows of `ws` (already cleared of the step's previous values) may be generated here."""
    if not eligible(rows):
        return False
    if any(r.min_row >= 2 or r.max_row >= 2 for r in ws.merged_cells.ranges):
        return False
    for index, dimension in ws.row_dimensions.items():
        if index >= 2 and (dimension.hidden or dimension.customHeight or dimension.outlineLevel
                           or dimension.customFormat):
            return False
    return not any(row >= 2 and (cell.value is not None or cell.comment is not None or cell.hyperlink is not None)
                   for (row, _), cell in ws._cells.items())


def take_rows(ws, rows: list[list[object]], formats: dict[tuple[int, int], object] | None = None
              ) -> tuple[bytes, str]:
    """The `<row>` elements for `rows` (from row 2), and the sheet's new dimension; the sheet's own cells below the
    header (formats only, after `can_write`) are removed from `ws`, their formats carried by the generated cells, as
    are `formats` ((row, column) → openpyxl style) of old cells openpyxl was not given (see `trim`)."""
    styles = dict(formats or {})
    styles.update({key: cell._style for key, cell in ws._cells.items() if key[0] >= 2 and cell.has_style})
    for key in [key for key in ws._cells if key[0] >= 2]:
        del ws._cells[key]
    for index in [index for index in ws.row_dimensions if index >= 2]:  # plain heights only (`can_write`): openpyxl
        del ws.row_dimensions[index]  # would write them as rows of its own, next to the generated ones
    probe_cache: dict[tuple[int, type], int] = {}
    numbers: dict[int, int] = {}  # id of a carried style -> its number in the workbook (`styles` keeps them alive)

    def base_of(key: tuple[int, int]) -> int:
        style = styles.get(key) if styles else None
        if style is None:
            return 0
        if id(style) not in numbers:
            numbers[id(style)] = ws.parent._cell_styles.add(style)
        return numbers[id(style)]

    def style_id(key: tuple[int, int], value: object) -> int:
        base = base_of(key)
        if looks_like_formula(value):  # text as typed: the cell's format, marked quotePrefix
            kind = (base, str)
            if kind not in probe_cache:
                quoted = StyleArray(ws.parent._cell_styles[base]) if base else StyleArray()
                quoted.quotePrefix = 1
                probe_cache[kind] = ws.parent._cell_styles.add(quoted)
            return probe_cache[kind]
        if isinstance(value, (dt.datetime, dt.date, dt.time)):
            kind = (base, type(value))
            if kind not in probe_cache:  # what openpyxl does to a date put in this cell: a date format if none
                style = styles.get(key)
                probe = Cell(ws, row=key[0], column=key[1], style_array=None if style is None else copy(style))
                probe.value = value
                probe_cache[kind] = probe.style_id
            return probe_cache[kind]
        return base

    styled_columns: dict[int, list[int]] = {}
    for row, column in styles:
        styled_columns.setdefault(row, []).append(column)
    width = max((len(r) for r in rows), default=0)
    last_row = max([len(rows) + 1, *(row for row, _ in styles)])
    last_column = max([width, *(column for _, column in styles)], default=1)
    letters = [get_column_letter(c) for c in range(1, last_column + 1)]
    epoch = ws.parent.epoch
    texts: dict[tuple[int, str], str] = {}  # (style of the cell, text) -> the cell's XML after its reference
    plain: dict[str, str] = {}  # the same for cells without a carried format (most rows)
    kinds: dict[type, int] = {}  # style of a number or date without a carried format, by its type
    starts = [f'<c r="{letter}' for letter in letters]
    out = []
    for index in range(2, last_row + 1):
        values = rows[index - 2] if index - 2 < len(rows) else []
        styled = styled_columns.get(index)
        if styled is None:  # no format carried on this row: only a text's own look (quotePrefix) or a date's
            cells = [f'<row r="{index}">']
            number = f'{index}"'
            for c, value in enumerate(values):
                kind = value.__class__
                if kind is str and value:
                    content = plain.get(value)
                    if content is None:
                        content = plain[value] = _content(value, style_id((index, c + 1), value), epoch)
                    cells.append(f"{starts[c]}{number}{content}")
                elif value is not None:  # a number or a date: its look depends on its type only here
                    style = kinds.get(kind)
                    if style is None:
                        style = kinds[kind] = style_id((index, c + 1), value)
                    cells.append(_cell(f"{letters[c]}{index}", value, style, epoch))
            cells.append("</row>")
            out.append("".join(cells))
            continue
        count = len(values)
        columns = sorted({*range(1, count + 1), *styled})
        cells = []
        for c in columns:
            value = values[c - 1] if c <= count else None
            if type(value) is str and value:  # a text, its XML made once for each style it has
                key = (base_of((index, c)), value)
                content = texts.get(key)
                if content is None:
                    content = texts[key] = _content(value, style_id((index, c), value), epoch)
                cells.append(f'<c r="{letters[c - 1]}{index}"{content}')
            elif value is None and not base_of((index, c)):  # empty, without a format: no element
                continue
            else:
                cells.append(_cell(f"{letters[c - 1]}{index}", value, style_id((index, c), value), epoch))
        out.append(f'<row r="{index}">{"".join(cells)}</row>')
    return "".join(out).encode("utf-8"), f"A1:{letters[-1]}{last_row}"


def _cell(ref: str, value: object, style: int, epoch) -> str:
    if (value is None or value == "") and not style:
        return ""
    return f'<c r="{ref}"{_content(value, style, epoch)}'


def _content(value: object, style: int, epoch) -> str:
    """A cell's XML after `<c r="…"`: its style, type and value (the cell holds a value, or a style)."""
    s = f' s="{style}"' if style else ""
    if value is None or value == "":
        return f"{s}/>"
    if isinstance(value, bool):
        return f'{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        finite = value == value and value not in (float("inf"), float("-inf"))  # openpyxl leaves NaN empty
        return f'{s} t="n"><v>{value:.16g}</v></c>' if finite else f"{s}/>"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return f'{s} t="n"><v>{to_excel(value, epoch):.16g}</v></c>'
    return f'{s} t="inlineStr"><is>{_text_element(str(value))}</is></c>'


@lru_cache(maxsize=65536)  # a column's answers repeat (options, Oui/Non, statuses): each one escaped once
def _text_element(value: str) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<t{space}>{escape(text)}</t>"
