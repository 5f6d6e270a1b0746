"""The `Accueil` sheet: what it says (a pure function of the workbook's state) and how it looks (openpyxl)."""
from __future__ import annotations

import datetime as dt

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from demarche_xl.catalog import STEPS

TITLE, TEXT, HEADER, ROW, FIGURE, BLANK = "title", "text", "header", "row", "figure", "blank"
WIDTHS = {"A": 26, "B": 58, "C": 38, "D": 30, "E": 26}


def home_rows(school: str, year: str, runs: dict[str, dt.datetime], figures: dict[str, object],
              late_tasks: int | None = None) -> list[list[object]]:
    """Rows of the home page; the first cell of each row is its style tag."""
    rows: list[list[object]] = [
        [TITLE, f"Impulser de nouveaux usages numériques pédagogiques — {school}".strip(" —")],
        [TEXT, f"Année scolaire {year}. Suivez les étapes dans l'ordre : remplissez les feuilles à onglet bleu, "
               "puis lancez l'étape depuis le volet xlwings Lite d'Excel (rien à installer), ou par la commande "
               "(ou le bouton du ruban « Démarche »). Les feuilles à onglet gris sont écrites par l'outil."],
        [BLANK],
        [HEADER, "Phase", "Étape", "Feuilles à remplir", "Commande / bouton", "Statut"],
    ]
    for step in STEPS:
        how = f"demarche-xl {step.command}" if step.command else ""
        if step.button:
            how += f" / « {step.button} »"
        last = runs.get(step.command.split(" ")[0]) if step.command else None
        status = f"Fait le {last:%d/%m/%Y à %H:%M}" if last else "À faire"
        rows.append([ROW, step.phase, step.label, step.fill, how, status])
    rows += [[BLANK], [HEADER, "Chiffres clés", "Valeur"]]
    if late_tasks is not None:
        rows.append([FIGURE, "Tâches en retard ou bloquées", late_tasks])
    if figures:
        rows += [[FIGURE, label, value] for label, value in figures.items()]
    elif late_tasks is None:
        rows.append([FIGURE, "Pas encore de chiffres", "lancez la consolidation du questionnaire"])
    return rows


def render(ws: Worksheet, rows: list[list[object]]) -> None:
    """Draw the home rows on an openpyxl sheet (the live store writes the same rows without styles)."""
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    for row in ws.iter_rows(min_row=1, max_row=max(ws.max_row, 1)):
        for cell in row:
            cell.value = None
    for r, (tag, *values) in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if tag == TITLE:
                cell.font = Font(bold=True, size=16, color="1F4E79")
                cell.alignment = Alignment(wrap_text=False)
            elif tag == HEADER:
                cell.font = Font(bold=True, color="FFFFFF")
                cell.fill = PatternFill("solid", fgColor="1F4E79")
            elif tag == FIGURE and c == 1:
                cell.font = Font(bold=True)
        if tag == TEXT:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
            ws.row_dimensions[r].height = 45
        elif tag == ROW:
            ws.row_dimensions[r].height = 30
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
