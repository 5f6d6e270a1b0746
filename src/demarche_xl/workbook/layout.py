"""Laying out a declared table on an openpyxl worksheet: header, named Excel Table, frozen row, widths, dropdowns,
input messages, number formats, wrapped long texts and print setup. Used by the file store when it creates or
rewrites a sheet; holds no method logic."""
from __future__ import annotations

import re

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table as ExcelTable, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from demarche_xl.schema.lists import list_def
from demarche_xl.schema.model import NO, ROW_ID, YES, Kind, Table
from demarche_xl.schema.tables_kit import BLOCKED, LATE
from demarche_xl.store.cells import put
from demarche_xl.workbook.home import fit_to_page_width

VALIDATED_ROWS = 2000
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
OUTPUT_TAB = "A6A6A6"  # grey tab: written by a step
INPUT_TAB = "2E75B6"  # blue tab: filled by the team
ROW_ID_FONT = Font(color="A6A6A6", italic=True)
# a number shows as typed or computed (« 69 », « 4,5 »), never « 69.0 »; a share as « 53 % » in French Excel
NUMBER_FORMATS = {Kind.DATE: "DD/MM/YYYY", Kind.PERCENT: "0%", Kind.NUMBER: "General"}
FORMATTED_ROWS = 200  # rows below the header that get the column's number format and alignment
LONG_TEXT = 36  # a text column at least this wide wraps its text (top-aligned) instead of running on
WRAPPED = Alignment(wrap_text=True, vertical="top")
PRINT_FOOTER = "&A — page &P sur &N"  # sheet name, page number, page count
# (table, computed column) → (value of that column, background, font colour) colouring the whole row
ROW_HIGHLIGHTS = {("roadmap", "flag"): ((LATE, "FFC7CE", "9C0006"), (BLOCKED, "FFD8A8", "974706"))}
# (table, computed percent column) → (lowest share, background, font colour), highest threshold first. Plain
# formula rules, not data bars: Excel and LibreOffice save data bars with an extension openpyxl cannot keep, which
# would make every later step refuse to save (the loss guard counts it).
PROGRESS_FILLS = {("indicators", "progress"): ((1.0, "C6EFCE", "006100"), (0.5, "FFEB9C", "9C5700"),
                                               (0.0, "FFC7CE", "9C0006"))}


def write_header(ws: Worksheet, headers: list[str]) -> None:
    for pos, text in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=pos)
        put(cell, text)  # a team's column title is text, even one starting like a formula
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def set_excel_table(ws: Worksheet, table: Table, n_columns: int, n_rows: int) -> None:
    """Create or resize the named Excel Table so it covers the header and the data (at least one row)."""
    ref = f"A1:{get_column_letter(n_columns)}{max(n_rows, 1) + 1}"
    existing = ws.tables.get(table.excel_name)
    if existing is None:
        for other in list(ws.tables.values()):
            if other.ref.startswith("A1:"):
                existing = other
    if existing is not None:
        existing.ref = ref
        if existing.autoFilter is not None:
            existing.autoFilter.ref = ref
        existing.tableColumns = []
        existing._initialise_columns()
        for column, cell in zip(existing.tableColumns, ws[1]):
            column.name = str(cell.value)
        return
    excel_table = ExcelTable(displayName=table.excel_name, ref=ref)
    excel_table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(excel_table)


def lay_out_new_sheet(ws: Worksheet, table: Table) -> None:
    """Everything a fresh table sheet gets once: widths, frozen header, dropdowns, input messages, formats."""
    ws.freeze_panes = "A2"
    print_setup(ws)
    ws.sheet_properties.tabColor = INPUT_TAB if table.is_user_input else OUTPUT_TAB
    ws.row_dimensions[1].height = 32
    for pos, col in enumerate(table.columns, start=1):
        letter = get_column_letter(pos)
        ws.column_dimensions[letter].width = col.width or max(10, min(40, len(col.header) + 4))
        if col.key == ROW_ID:  # written by the toolkit: greyed so the team leaves it alone
            ws.column_dimensions[letter].font = ROW_ID_FONT
        area = f"{letter}2:{letter}{VALIDATED_ROWS}"
        if col.kind in NUMBER_FORMATS:
            for row in range(2, FORMATTED_ROWS + 2):
                ws.cell(row=row, column=pos).number_format = NUMBER_FORMATS[col.kind]
        elif col.kind is Kind.TEXT and (col.width or 0) >= LONG_TEXT:
            ws.column_dimensions[letter].alignment = WRAPPED  # what the team types there wraps
            if not table.is_user_input:  # what a step writes there too (a team sheet keeps no empty cells below)
                for row in range(2, FORMATTED_ROWS + 2):
                    ws.cell(row=row, column=pos).alignment = WRAPPED
        validation = _validation(col)
        if validation is None and col.help:  # no rule, only the input message
            validation = DataValidation(type=None, allow_blank=True)
        if validation is None:
            continue
        if col.help:
            validation.promptTitle = col.header[:32]
            validation.prompt = col.help[:250]
            validation.showInputMessage = True
        ws.add_data_validation(validation)
        validation.add(area)
    add_conditional_formats(ws, table)


def print_setup(ws: Worksheet) -> None:
    """How a sheet prints: landscape A4, all columns on one page width, the header row repeated on every page,
    narrow margins, and a footer naming the sheet with « page 2 sur 5 »."""
    fit_to_page_width(ws)
    ws.print_title_rows = "1:1"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = PRINT_FOOTER
    ws.oddFooter.center.size = 8


def add_conditional_formats(ws: Worksheet, table: Table, only_missing: bool = False) -> None:
    """Late roadmap rows in red, blocked ones in orange; progress of indicators green / yellow / red. With
    `only_missing`, only the rules the sheet lacks (a sheet made by an older version, or typed by the team)."""
    present = {_formula_key(f) for cf in ws.conditional_formatting for rule in cf.rules for f in (rule.formula or [])}
    for area, rule in declared_rules(table):
        if not only_missing or not {_formula_key(f) for f in rule.formula} <= present:
            ws.conditional_formatting.add(area, rule)


def _formula_key(formula: str) -> str:
    """A rule's formula as LibreOffice or Excel may re-save it (1.0 written 1, spaces, case): the same key."""
    return re.sub(r"(\d)\.0+\b", r"\1", formula.replace(" ", "")).upper()


def declared_rules(table: Table) -> list[tuple[str, FormulaRule]]:
    """The colour rules of a table's sheet: (cell range, rule)."""
    last = get_column_letter(len(table.columns))
    rules = []
    for (key, column), colours in ROW_HIGHLIGHTS.items():
        if key != table.key:
            continue
        letter = get_column_letter(table.keys.index(column) + 1)
        for value, background, font in colours:
            rules.append((f"A2:{last}{VALIDATED_ROWS}", FormulaRule(
                formula=[f'${letter}2="{value}"'], fill=PatternFill(bgColor=background), font=Font(color=font))))
    for (key, column), steps in PROGRESS_FILLS.items():
        if key != table.key:
            continue
        letter = get_column_letter(table.keys.index(column) + 1)
        for lowest, background, font in steps:  # Excel stops at the first true rule: highest threshold first
            rules.append((f"{letter}2:{letter}{VALIDATED_ROWS}", FormulaRule(
                formula=[f"AND(ISNUMBER({letter}2),{letter}2>={lowest:g})"], stopIfTrue=True,
                fill=PatternFill(bgColor=background), font=Font(color=font))))
    return rules


def _validation(col) -> DataValidation | None:
    if col.kind is Kind.BOOLEAN:
        formula = f'"{YES},{NO}"'
    elif col.choices:
        formula = '"' + ",".join(col.choices) + '"'
    elif col.choice_list:
        formula = list_def(col.choice_list).name
    elif col.kind is Kind.DATE:
        v = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True)
        v.error, v.errorTitle, v.showErrorMessage = "Tapez une date au format jj/mm/aaaa.", "Date attendue", True
        return v
    elif col.kind is Kind.INTEGER:
        v = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        v.error, v.errorTitle, v.showErrorMessage = "Tapez un nombre entier.", "Nombre attendu", True
        return v
    else:
        return None
    v = DataValidation(type="list", formula1=formula, allow_blank=True)
    v.error = "Choisissez une valeur de la liste" + (" (modifiable dans la feuille « Listes »)." if col.choice_list
                                                     else ".")
    v.errorTitle, v.showErrorMessage = "Valeur inconnue", True
    return v


def define_list_names(wb, lists_sheet: str, list_columns: list[str]) -> None:
    """One defined name per list column of `Listes`, growing with the values typed in it."""
    for pos, key in enumerate(list_columns, start=1):
        name = list_def(key).name
        letter = get_column_letter(pos)
        ref = f"OFFSET('{lists_sheet}'!${letter}$2,0,0,MAX(1,COUNTA('{lists_sheet}'!${letter}:${letter})-1),1)"
        if name in wb.defined_names:
            continue
        wb.defined_names[name] = DefinedName(name, attr_text=ref)
