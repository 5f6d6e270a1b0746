"""Comments on a table a step rewrites follow their row.

A colleague's comment (a note, or a threaded comment in Excel 365) sits on a cell of a row: « validé en conseil
pédagogique » on a concern, « absent le mardi » on a teacher of a group. When a step rewrites the table, the rows
may come back in another order (a new ranking, a group moved). Before the file store writes the table, each comment
in the table's columns is moved to the row that now holds the same row (same `row_key`, else same first column);
the move is recorded so that the threaded comment follows too (`excel_extras`). When that row leaves the table, the
step refuses and names the cell: the comment would otherwise end up on another row, or be lost.
"""
from __future__ import annotations

from collections.abc import Callable

from openpyxl.utils import get_column_letter

from demarche_xl.problems import Problem, UserError
from demarche_xl.store.base import TABLE, SheetWrite

EXCERPT = 60
MAX_KEY_COLUMNS = 3


def follow(wb, write: SheetWrite, read_rows: Callable[[str], list[list[object]]], moves: dict[str, dict[str, str]]
           ) -> None:
    """Move the comments of the table `write` rewrites to their rows' new places (recorded in `moves`)."""
    if write.kind != TABLE or write.table is None or write.sheet not in wb.sheetnames:
        return
    ws = wb[write.sheet]
    width = len(write.header)
    commented = [cell for cell in ws._cells.values()
                 if cell.comment is not None and cell.row >= 2 and cell.column <= width]
    if not commented:
        return
    old_rows = read_rows(write.sheet)
    old_header = [_text(v) for v in (old_rows[0] if old_rows else [])]
    keys = _key_headers(write, old_header, old_rows[1:])
    if not keys:
        return  # no column tells the rows apart: the comments stay at their cells
    old_at, new_at = [old_header.index(h) for h in keys], [write.header.index(h) for h in keys]
    new_rows = {}
    for number, row in enumerate(write.rows, start=2):
        new_rows.setdefault(_key(row, new_at), number)
    moved, lost = [], []
    for cell in sorted(commented, key=lambda c: (c.row, c.column)):
        key = _key(old_rows[cell.row - 1], old_at) if cell.row - 1 < len(old_rows) else ()
        if not any(key):
            continue  # a comment on an empty row stays where it is
        target = new_rows.get(key)
        if target is None:
            lost.append((cell, key))
        elif target != cell.row:
            moved.append((cell, target))
    if lost:
        raise UserError([Problem(
            f"le commentaire de la cellule {cell.coordinate} (« {_excerpt(cell.comment.text)} ») est sur la ligne "
            f"de « {' / '.join(key)} », que l'étape retire du tableau : il serait perdu ou passerait sur une autre "
            "ligne", "copiez ce commentaire ailleurs (une autre feuille, ou une colonne sans en-tête à droite du "
            "tableau) ou supprimez-le, puis relancez ; rien n'a été modifié",
            write.sheet, cell.row, _text(ws.cell(row=1, column=cell.column).value)) for cell, key in lost])
    comments = [(cell.comment, target, cell.column, cell.coordinate) for cell, target in moved]
    for cell, _ in moved:
        cell.comment = None
    sheet_moves = moves.setdefault(write.sheet, {})
    for comment, target, column, old_ref in comments:
        ws.cell(row=target, column=column).comment = comment
        sheet_moves[old_ref] = f"{get_column_letter(column)}{target}"


def _key_headers(write: SheetWrite, old_header: list[str], old_rows: list[list[object]]) -> list[str]:
    """The headers identifying a row: the table's `row_key`, else the fewest first columns whose values tell the
    filled rows apart (a table without identifier, such as Cartographie: « Vue » and « Libellé »)."""
    shared = [h for h in write.header if h in old_header]
    declared = [c.header for c in write.table.columns if c.key in write.table.row_key]
    if declared:
        return declared if all(h in shared for h in declared) else []
    for size in range(1, min(len(shared), MAX_KEY_COLUMNS) + 1):
        at = [old_header.index(h) for h in shared[:size]]
        keys = [_key(row, at) for row in old_rows if any(_key(row, at))]
        if len(keys) == len(set(keys)):
            return shared[:size]
    return []


def _key(row: list[object], at: list[int]) -> tuple[str, ...]:
    return tuple(_text(row[i]) if i < len(row) else "" for i in at)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _excerpt(text: str) -> str:
    """The words of a comment; for a threaded comment, the colleague's text after Excel's explanation."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if lines and lines[0] == "[Threaded comment]" and "Comment:" in lines:
        lines = lines[lines.index("Comment:") + 1:]
    words = " ".join(lines)
    return words if len(words) <= EXCERPT else words[:EXCERPT - 1].rstrip() + "…"
