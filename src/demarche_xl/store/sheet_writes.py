"""How one entry of a write plan becomes cells of an openpyxl sheet: a declared table (header, rows, Excel table,
charts), a raw questionnaire tab, `Accueil`, a step's computed cells in a team table, the hidden bookkeeping sheets.
Every value goes through `cells.put`: text from outside is always text, shown as typed.
"""
from __future__ import annotations

from demarche_xl.store import bulk_rows, charts, deflate_ahead, order
from demarche_xl.store.base import CELLS, HOME, RAW, TABLE, SheetWrite
from demarche_xl.store.cells import put
from demarche_xl.store.set_aside import CannotSetAside, SetAside
from demarche_xl.workbook import home, layout


def sheet(wb, name: str):
    if name in wb.sheetnames:
        return wb[name], False
    ws = wb.create_sheet(name, position(wb, name))
    return ws, True


def position(wb, name: str) -> int:
    """Where a new sheet goes (see `order`)."""
    return order.position(wb.sheetnames, name)


def apply_write(wb, write: SheetWrite, aside: SetAside | None) -> None:
    """Write one plan entry; with `aside`, the data rows of a large table or raw tab are generated (`bulk_rows`)."""
    ws, created = sheet(wb, write.sheet)
    if write.kind == HOME:
        home.render(ws, write.rows)
        return
    if write.table is not None and not created:  # colour rules of a sheet made before they existed
        layout.add_conditional_formats(ws, write.table, only_missing=True)
    if write.kind == CELLS:
        for row, column, value in write.rows:
            put(ws.cell(row=row, column=column), value)
        return
    if not created:
        _clear(ws, write)
    if write.kind == TABLE:
        layout.write_header(ws, write.header)
        if created:
            layout.lay_out_new_sheet(ws, write.table)
    elif write.kind == RAW:
        for pos, text in enumerate(write.header, start=1):
            put(ws.cell(row=1, column=pos), text)
        if created:
            ws.freeze_panes = "A2"
    formats = aside.formats.get(write.sheet) if aside is not None else None
    if aside is not None and bulk_rows.can_write(ws, write.rows):
        styles = wb._cell_styles
        if any(number >= len(styles) for number in (formats or {}).values()):
            raise CannotSetAside(f"format inconnu sous l'en-tête de « {write.sheet} »")
        carried = {key: styles[number] for key, number in (formats or {}).items()}
        aside.generated[write.sheet] = bulk_rows.take_rows(ws, write.rows, carried)
        deflating = deflate_ahead.start(aside.generated[write.sheet][0])  # while openpyxl saves (`deflate_ahead`)
        if deflating is not None:
            aside.deflating[write.sheet] = deflating
    elif formats is not None:  # opened with its header only, yet openpyxl must write it: open it whole
        raise CannotSetAside(f"« {write.sheet} » ne peut pas être écrite en bloc")
    else:
        _write_rows(ws, write.rows)
    if write.kind == TABLE:
        layout.set_excel_table(ws, write.table, len(write.header), len(write.rows))
        if write.table.key == "lists" and created:
            layout.define_list_names(wb, write.sheet, write.table.keys)
        charts.draw(ws, write)


def _write_rows(ws, rows: list[list[object]]) -> None:
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if value is not None:
                put(ws.cell(row=r, column=c), value)


def _clear(ws, write: SheetWrite) -> None:
    """Empty what the previous write put there: every column with a header (declared or added by the team, which
    the runner carries over), never a column without a header, where the team may keep free notes."""
    if write.kind == RAW:
        columns = None
    else:
        columns = {c for c in range(1, ws.max_column + 1) if ws.cell(row=1, column=c).value not in (None, "")}
        columns |= set(range(1, len(write.header) + 1))
    for (_, column), cell in list(ws._cells.items()):  # the cells the sheet holds (a cell never written is empty)
        if columns is None or column in columns:
            cell.value = None


def write_hidden(wb, name: str, rows: list[list[object]], merge: bool) -> None:
    ws, created = sheet(wb, name)
    ws.sheet_state = "hidden"
    existing = {}
    if merge and not created:
        existing = {r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r and r[0]}
        ws.delete_rows(1, ws.max_row)
    elif not created:
        ws.delete_rows(1, ws.max_row)
    if merge:
        existing.update({r[0]: r[1] for r in rows[1:]})
        rows = [rows[0], *[[k, v] for k, v in existing.items()]]
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            put(ws.cell(row=r, column=c), value)
