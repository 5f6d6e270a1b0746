"""Column widths of a rendered Word document's tables, computed from their content, so no word is ever cut across
two lines: each column gets at least the width of its longest word (a hyphenated word may break after its
hyphen; « 50 / 55 » and « 53 % » hold non-breaking spaces), a short column its whole text, and the rest of the
page width is shared so that the table takes as few lines as it can. Tables with the same header row (the rubrics
of an annex) get the same widths.

Text is measured with DejaVu Sans (shipped with matplotlib), wider than Calibri, the templates' font: what fits
here fits in Word, and LibreOffice without Calibri draws DejaVu Sans. Tables with merged cells are left as they
are (a team's own layout). Works on the python-docx document docxtpl renders, before it is saved.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import ImageFont

TWIPS_PER_POINT = 20
PADDING = 14 * TWIPS_PER_POINT  # the cell's left and right margins (0.19 cm each), its borders and a little air
SAFETY = 1.04  # text measured 4 % wider: kerning and hinting differ a little between Word, LibreOffice and here
DEFAULT_SIZE = 10.5  # points, the Normal style of the templates
LONGEST_WORD_SHARE = 0.45  # a URL or e-mail address longer than this share of the page may be cut
# a line may end at a space (not a non-breaking one) or just after a hyphen: (space before, piece)
PIECE = re.compile(r"([ \t]*)([^ \t-]*-|[^ \t]+)")
STEP = 120  # twips (0.2 cm) given at a time when sharing the width
NARROW_SHARE = 0.2  # a column whose whole text takes less than this share of the page is never wrapped


@functools.cache
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    import matplotlib

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name), 100)


def text_width(text: str, size: float, bold: bool = False) -> int:
    """Width of `text` in twips at `size` points."""
    return round(_font(bold).getlength(text) * size / 100 * TWIPS_PER_POINT * SAFETY)


def words(text: str, size: float, bold: bool) -> list[list[tuple[int, int]]]:
    """Per line of the text, its unbreakable pieces as (width of the space before it, width of the piece)."""
    space = text_width(" ", size, bold)
    lines = []
    for line in text.splitlines() or [""]:
        pieces = []
        for match in PIECE.finditer(line):
            pieces.append((space if match.group(1) else 0, text_width(match.group(2), size, bold)))
        lines.append(pieces)
    return lines


def lines_at(cell: list[list[tuple[int, int]]], width: int) -> int:
    """How many lines the cell's text takes in a column `width` wide (a piece wider than the column is cut)."""
    inner = max(width - PADDING, 1)
    total = 0
    for pieces in cell:
        count, filled = 1, 0
        for space, piece in pieces:
            if filled and filled + space + piece <= inner:
                filled += space + piece
                continue
            if filled:
                count += 1
            count += max(0, -(-piece // inner) - 1)
            filled = piece % inner or inner
        total += count
    return total


def fit_tables(document) -> None:
    """Set the column widths of every top-level table of a python-docx document from its content; tables with the
    same header row in sections of the same width (the rubrics of an annex) get the same widths."""
    groups: dict[tuple, list] = {}
    for table, available in tables_with_width(document.element.body):
        if fits(table):
            groups.setdefault((available, header_of(table)), []).append(table)
    for (available, _), tables in groups.items():
        cells = measure(tables)
        widths = distribute(cells, available)
        for table in tables:
            set_widths(table, widths)


def tables_with_width(body) -> list[tuple[object, int]]:
    """Each top-level table with the text width (twips) of the section it sits in."""
    found, pending = [], []
    for child in body.iterchildren():
        if child.tag == qn("w:tbl"):
            pending.append(child)
            continue
        sect = child if child.tag == qn("w:sectPr") else child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if sect is not None:
            found += [(t, section_width(sect)) for t in pending]
            pending = []
    return found


def section_width(sect) -> int:
    size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    width = int(size.get(qn("w:w"), 11906)) if size is not None else 11906
    if margins is None:
        return width - 2 * 1134
    return width - int(margins.get(qn("w:left"), 1134)) - int(margins.get(qn("w:right"), 1134))


def fits(table) -> bool:
    """A table we may resize: a grid, every row with one cell per column, no merged cell."""
    grid = table.find(qn("w:tblGrid"))
    rows = table.findall(qn("w:tr"))
    if not rows or grid is None or table.find(f".//{qn('w:gridSpan')}") is not None \
            or table.find(f".//{qn('w:vMerge')}") is not None:
        return False
    columns = len(grid.findall(qn("w:gridCol")))
    return all(len(r.findall(qn("w:tc"))) == columns for r in rows)


def header_of(table) -> tuple[str, ...]:
    return tuple(cell_text(c) for c in table.find(qn("w:tr")).findall(qn("w:tc")))


def measure(tables: list) -> list[list[list[list[tuple[int, int]]]]]:
    """Every row of the tables as its cells' measured pieces (header row and styled first column in bold)."""
    rows = []
    for table in tables:
        bold_first_column = first_column_styled(table)
        for r, row in enumerate(table.findall(qn("w:tr"))):
            rows.append([words(cell_text(cell), *cell_font(cell, first=r == 0 or (c == 0 and bold_first_column)))
                         for c, cell in enumerate(row.findall(qn("w:tc")))])
    return rows


def first_column_styled(table) -> bool:
    """Whether the table style's first-column formatting (bold in the templates' style) is on."""
    look = table.find(f"{qn('w:tblPr')}/{qn('w:tblLook')}")
    if look is None:
        return False
    flag = look.get(qn("w:firstColumn"))
    if flag is not None:
        return flag not in ("0", "false")
    return bool(int(look.get(qn("w:val"), "0"), 16) & 0x0080)


def distribute(rows: list, available: int) -> list[int]:
    """Column widths filling `available`. Every column gets its longest piece (so no word is cut) and narrow
    columns their whole text; the width left is shared so the table is as short as it can be. When every text fits
    on one line, widths follow the texts."""
    columns = len(rows[0])
    cap = int(available * LONGEST_WORD_SHARE)
    minimum = [PADDING + min(cap, max((p for row in rows for line in row[c] for _, p in line), default=0))
               for c in range(columns)]
    preferred = [max(minimum[c], PADDING + max((sum(s + p for s, p in line) for row in rows for line in row[c]),
                                               default=0)) for c in range(columns)]
    if sum(preferred) <= available:
        return [p + (available - sum(preferred)) * p // sum(preferred) for p in preferred]
    if sum(minimum) >= available:
        return [m * available // sum(minimum) for m in minimum]
    widths = list(minimum)
    for c in sorted(range(columns), key=lambda c: preferred[c]):
        if preferred[c] <= available * NARROW_SHARE and sum(widths) - widths[c] + preferred[c] <= available:
            widths[c] = preferred[c]
    wide = [c for c in range(columns) if widths[c] < preferred[c]]
    steps = shortest(rows, widths, wide, preferred, (available - sum(widths)) // STEP)
    for c in wide:
        widths[c] += steps[c] * STEP
    widths[max(range(columns), key=lambda c: preferred[c] - widths[c])] += available - sum(widths)
    return widths


def shortest(rows: list, widths: list[int], wide: list[int], preferred: list[int], spare: int) -> dict[int, int]:
    """How many steps of width each wide column gets so the table is shortest: start from shares of the text
    each column still wraps, then move steps between columns while that saves lines (rows' heights first)."""
    if not wide or spare <= 0:
        return {c: 0 for c in wide}
    limit = {c: min(spare, -(-(preferred[c] - widths[c]) // STEP)) for c in wide}
    lines = {c: [[lines_at(row[c], widths[c] + k * STEP) for row in rows] for k in range(limit[c] + 1)]
             for c in wide}
    fixed = [max((lines_at(row[c], widths[c]) for c in range(len(row)) if c not in lines), default=0)
             for row in rows]
    wants = sum(preferred[c] - widths[c] for c in wide)
    steps = {c: min(limit[c], spare * (preferred[c] - widths[c]) // max(wants, 1)) for c in wide}

    def height(alloc: dict[int, int]) -> int:
        return sum(100 * max(fixed[r], *(lines[c][alloc[c]][r] for c in wide))
                   + sum(lines[c][alloc[c]][r] for c in wide) for r in range(len(rows)))

    best = height(steps)
    improved = True
    while improved:
        improved = False
        for give, take, moved in ((a, b, m) for a in wide for b in wide if a != b for m in (8, 4, 2, 1)):
            if steps[give] < moved or steps[take] + moved > limit[take]:
                continue
            trial = {**steps, give: steps[give] - moved, take: steps[take] + moved}
            found = height(trial)
            if found < best:
                steps, best, improved = trial, found, True
    return steps


def set_widths(table, widths: list[int]) -> None:
    for column, width in zip(table.find(qn("w:tblGrid")).findall(qn("w:gridCol")), widths):
        column.set(qn("w:w"), str(width))
    for row in table.findall(qn("w:tr")):
        for cell, width in zip(row.findall(qn("w:tc")), widths):
            cell_width = cell.get_or_add_tcPr().get_or_add_tcW()
            cell_width.set(qn("w:w"), str(width))
            cell_width.set(qn("w:type"), "dxa")
    properties = table.tblPr
    table_width = properties.find(qn("w:tblW"))
    if table_width is None:
        table_width = OxmlElement("w:tblW")
        properties.insert(before_index(properties, TBLW_SUCCESSORS), table_width)
    table_width.set(qn("w:w"), str(sum(widths)))
    table_width.set(qn("w:type"), "dxa")
    properties.get_or_add_tblLayout().set(qn("w:type"), "fixed")


TBLW_SUCCESSORS = ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
                   "w:tblLook", "w:tblCaption", "w:tblDescription")


def before_index(parent, successors: tuple[str, ...]) -> int:
    """Where a child goes so the schema's order holds: before the first of its successors present."""
    tags = {qn(s) for s in successors}
    for index, child in enumerate(parent):
        if child.tag in tags:
            return index
    return len(parent)


def cell_text(cell) -> str:
    lines = []
    for paragraph in cell.iter(qn("w:p")):
        lines.append("".join(node.text or "" for node in paragraph.iter(qn("w:t"))))
    return "\n".join(lines)


def cell_font(cell, first: bool) -> tuple[float, bool]:
    """The point size of the cell's first sized run, and whether to measure it bold (any bold run, or the header
    row or first column the table style makes bold)."""
    size = DEFAULT_SIZE
    for run_size in cell.iter(qn("w:sz")):
        size = int(run_size.get(qn("w:val"))) / 2
        break
    bold = first or any(b.get(qn("w:val"), "true") not in ("0", "false") for b in cell.iter(qn("w:b")))
    return size, bold
