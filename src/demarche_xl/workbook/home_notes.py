"""Notes the team types on `Accueil`, kept when a step rewrites the page.

The tool writes `Accueil` in its first columns (as wide as its widest row), from the title down to its key figures
(each a label and a value). Anything else is the team's: cells to the right of those columns, cells beside a key
figure (to its right), and cells below the key figures. A step keeps them where they are; when its new page would cover one (more figures than
before reach a note typed just below them), it refuses and names the cell, before anything is written.
"""
from __future__ import annotations

from openpyxl.utils import get_column_letter

from demarche_xl import french
from demarche_xl.problems import Problem, UserError

FIGURES_HEADER = "Chiffres clés"
TEXT_TAG = "text"  # a row merged across the tool's columns (see `home`)


def tool_width(rows: list[list[object]]) -> int:
    """How many columns the tool writes (rows start with their style tag)."""
    return max((len(row) - 1 for row in rows), default=0)


def team_notes(before: list[list[object]], width: int) -> dict[tuple[int, int], object]:
    """(row, column) → value of the cells of the page as it is that the tool did not write."""
    header = next((r for r, row in enumerate(before, start=1) if row and row[0] == FIGURES_HEADER), None)
    end = len(before) + 1
    if header is not None:
        end = next((r for r in range(header + 1, len(before) + 1)  # a figure has a label and a value
                    if _blank(_at(before, r, 1)) or _blank(_at(before, r, 2))), len(before) + 1)
    notes = {}
    for r, row in enumerate(before, start=1):
        for c, value in enumerate(row, start=1):
            if _blank(value):
                continue
            beside_figure = header is not None and header < r < end and c > 2
            if c > width or beside_figure or (header is not None and r >= end):
                notes[(r, c)] = value
    return notes


def covered(rows: list[list[object]], width: int) -> set[tuple[int, int]]:
    """The cells the tool's new page writes (a text row covers all the tool's columns, merged)."""
    cells = set()
    for r, (tag, *values) in enumerate(rows, start=1):
        last = width if tag == TEXT_TAG else len(values)
        cells.update((r, c) for c in range(1, last + 1))
    return cells


def refuse_covered_notes(sheet: str, before: list[list[object]], rows: list[list[object]]) -> None:
    """Refuse when the new page would write over a note of the team."""
    width = tool_width(rows)
    lost = sorted(set(team_notes(before, width)) & covered(rows, width))
    if lost:
        notes = team_notes(before, width)
        r, c = lost[0]
        more = f" (et {french.count(len(lost) - 1, 'autre')})" if len(lost) > 1 else ""
        raise UserError(Problem(
            f"la note « {notes[(r, c)]} » de la cellule {get_column_letter(c)}{r}{more} serait effacée par la page "
            "d'accueil mise à jour (ses chiffres clés s'allongent)",
            f"déplacez cette note dans la colonne {get_column_letter(width + 1)} ou plus à droite, où l'outil n'écrit "
            "jamais, puis relancez ; rien n'a été modifié", sheet))


def _at(rows: list[list[object]], r: int, c: int) -> object:
    row = rows[r - 1] if r - 1 < len(rows) else []
    return row[c - 1] if c - 1 < len(row) else None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
