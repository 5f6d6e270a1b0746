"""The `Accueil` sheet: what it says (a pure function of the steps' statuses and key figures, see `progress`) and how
it looks (openpyxl): rows tall enough for their wrapped text, statuses coloured, printable on one page width."""
from __future__ import annotations

import math

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from demarche_xl.catalog import STEPS
from demarche_xl.store.cells import put
from demarche_xl.workbook import home_notes

TITLE, TEXT, HEADER, ROW, FIGURE, BLANK = "title", "text", "header", "row", "figure", "blank"
WIDTHS = {"A": 34, "B": 52, "C": 30, "D": 34, "E": 44}
LINE_HEIGHT = 15  # points per line of 11-point text
STATUS_COLOURS = {"Fait": "E2EFDA", "À relancer": "FCE4D6", "Bloqué": "F8CBAD", "Prêt à lancer": "DDEBF7"}


def home_rows(school: str, year: str, statuses: list[str] | None, figures: dict[str, object],
              late_tasks: int | None = None) -> list[list[object]]:
    """Rows of the home page; the first cell of each row is its style tag. `statuses` follow `catalog.STEPS`."""
    rows: list[list[object]] = [
        [TITLE, f"Impulser de nouveaux usages numériques pédagogiques — {school}".strip(" —")],
        [TEXT, f"Année scolaire {year}. Suivez les étapes dans l'ordre : remplissez les feuilles à onglet bleu, "
               "puis lancez l'étape depuis le volet xlwings Lite d'Excel (rien à installer), ou par la commande "
               "(ou le bouton du ruban « Démarche »). Les feuilles à onglet gris sont écrites par l'outil. Statut : "
               "« Prêt à lancer » (tout ce qu'il faut est là), « À relancer » (une feuille utilisée a changé depuis), "
               "« Bloqué » (il manque une étape ou une saisie : la raison est donnée)."],
        [BLANK],
        [HEADER, "Phase", "Étape", "Feuilles à remplir", "Commande / bouton", "Statut"],
    ]
    statuses = statuses or [""] * len(STEPS)
    for step, status in zip(STEPS, statuses):
        how = f"demarche-xl {step.command}" if step.command else "dans le classeur"
        if step.button:
            how += f" / « {step.button} »"
        rows.append([ROW, step.phase, step.label, step.fill, how, status])
    rows += [[BLANK], [HEADER, "Chiffres clés", "Valeur"]]
    if late_tasks is not None:
        rows.append([FIGURE, "Tâches en retard ou bloquées", late_tasks])
    if figures:
        rows += [[FIGURE, label, value] for label, value in figures.items()]
    elif late_tasks is None:
        rows.append([FIGURE, "Pas encore de chiffres", "lancez la consolidation du questionnaire"])
    return rows


def lines_needed(text: object, width: float) -> int:
    """Lines a wrapped cell takes in a column of `width` characters (Excel's width unit)."""
    if text is None or text == "":
        return 1
    per_line = max(1, int(width * 1.1))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def row_height(values: list[object], widths: list[float]) -> float:
    return LINE_HEIGHT * max(lines_needed(v, w) for v, w in zip(values, widths)) + 3


def render(ws: Worksheet, rows: list[list[object]]) -> None:
    """Draw the home rows on an openpyxl sheet (the live store writes the same rows without styles); the team's
    notes stay where they are (`home_notes`)."""
    before = [[cell.value for cell in row] for row in ws.iter_rows()]
    home_notes.refuse_covered_notes(ws.title, before, rows)
    notes = home_notes.team_notes(before, home_notes.tool_width(rows))
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    for row in ws.iter_rows(min_row=1, max_row=max(ws.max_row, 1)):
        for cell in row:
            if (cell.row, cell.column) not in notes:
                cell.value = None
                cell.fill = PatternFill()
    widths = list(WIDTHS.values())
    for r, (tag, *values) in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c)
            put(cell, value)  # the school's name as typed, even starting like a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
            if tag == TITLE:
                cell.font = Font(bold=True, size=16, color="1F4E79")
                cell.alignment = Alignment(wrap_text=False)
            elif tag == HEADER:
                cell.font = Font(bold=True, color="FFFFFF")
                cell.fill = PatternFill("solid", fgColor="1F4E79")
            elif tag == FIGURE and c == 1:
                cell.font = Font(bold=True)
            elif tag == ROW and c == 5:
                colour = next((fill for word, fill in STATUS_COLOURS.items() if str(value).startswith(word)), None)
                if colour:
                    cell.fill = PatternFill("solid", fgColor=colour)
        if tag == TEXT:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
            ws.row_dimensions[r].height = row_height([values[0]], [sum(widths)])
        elif tag == TITLE:
            ws.row_dimensions[r].height = 24
        elif tag in (ROW, FIGURE, HEADER):
            ws.row_dimensions[r].height = row_height(values, widths)
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width
    ws.sheet_properties.tabColor = "1F4E79"
    fit_to_page_width(ws)


def fit_to_page_width(ws: Worksheet) -> None:
    """Print in landscape, all columns on one page width."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
