"""The live store: the workbook open in Excel, read and written through xlwings. No logic: it reads cells and
applies the runner's `WritePlan`, touching only the planned sheets and columns, then lets Excel save the file, so
everything Excel holds (charts, shapes, pivot tables, formats) stays as it is. Every string is written as text
(leading apostrophe, see `cells.excel_text`), so Excel never reinterprets it; a copy of the file as last saved goes
to `sauvegardes/` first.

The part of xlwings' API used here, kept small so a stand-in can implement it for tests on Linux:
- Book: `name`, `fullname`, `sheets`, `save()`
- Sheets: iteration, `sheets[name]`, `sheets.add(name, before=…, after=…)`
- Sheet: `name`, `used_range`, `range(cell)` / `range(first, last)` with (row, column) tuples or an A1 address,
  `visible` (set), `tables`, `charts` (iteration, `add(left, top, width, height)`)
- Range: `value` (get/set), `options(ndim=2).value`, `last_cell.row`, `last_cell.column`, `clear_contents()`,
  `merge_cells`, `merge_area.address`, `left`, `top`
- Chart: `name` (get/set), `left`, `top`, `chart_type` (set), `set_source_data(range)`, `delete()`
- Table (ListObject): `range.row`, `range.column`, `resize(range)`
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from demarche_xl.problems import UserError
from demarche_xl.schema.registry import META_SHEET
from demarche_xl.store import charts, safety
from demarche_xl.store.base import CELLS, HOME, RAW, TABLE, SheetWrite, WritePlan
from demarche_xl.store.cells import excel_text
from demarche_xl.workbook import home_notes
from demarche_xl.store.sheet_writes import position


CHART_PREFIX = "Démarche - "
CHART_SIZE = (510, 213)  # points: the 18 × 7.5 cm of the file store's charts


class LiveStore:
    """A workbook open in Excel (an xlwings `Book`)."""

    def __init__(self, book) -> None:
        self.book = book
        self.label = book.name

    @property
    def path(self) -> Path | None:
        """The workbook's file on this computer (its lock goes next to it), None before its first save."""
        path = Path(str(self.book.fullname))
        return path if path.is_file() else None

    # reading -----------------------------------------------------------------------------------------------------
    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.book.sheets]

    def read_rows(self, sheet: str) -> list[list[object]]:
        if sheet not in self.sheet_names():
            return []
        ws = self.book.sheets[sheet]
        last = ws.used_range.last_cell
        rows = ws.range((1, 1), (last.row, last.column)).options(ndim=2).value or []
        rows = [[None if v == "" else v for v in row] for row in rows]
        while rows and all(v is None for v in rows[-1]):
            rows.pop()
        return rows

    def merged_ranges(self, sheet: str) -> list[str]:
        """Merged areas, looked for row by row only when the used range says it holds some (few calls to Excel)."""
        ws = self.book.sheets[sheet]
        used = ws.used_range
        if used.merge_cells is False:
            return []
        last = used.last_cell
        found: list[str] = []
        for row in range(1, last.row + 1):
            if ws.range((row, 1), (row, last.column)).merge_cells is False:
                continue
            for column in range(1, last.column + 1):
                cell = ws.range((row, column))
                if cell.merge_cells:
                    address = cell.merge_area.address.replace("$", "")
                    if address not in found:
                        found.append(address)
        return found

    # writing -----------------------------------------------------------------------------------------------------
    def apply(self, plan: WritePlan) -> None:
        """Back up the file as last saved, write the planned sheets into the open workbook, and save it in Excel."""
        if plan.drop_sheets or plan.forget_people:
            raise UserError("la purge des données personnelles ne se lance pas depuis Excel",
                            "fermez le classeur puis lancez « demarche-xl purger classeur.xlsx » ; "
                            "rien n'a été modifié")
        path = Path(str(self.book.fullname))
        if path.is_file():
            safety.backup(path)
        for old, new in plan.renames.items():  # Excel retargets formulas and names itself
            if old in self.sheet_names() and new not in self.sheet_names():
                self.book.sheets[old].name = new
        for write in plan.writes:
            self._write(write)
        self._write_meta(plan.meta)
        for name, rows in plan.hidden_sheets.items():
            ws = self._sheet(name)[0]
            self._clear(ws, None)
            self._put(ws, rows)
            ws.visible = False
        self.book.save()

    def _sheet(self, name: str):
        names = self.sheet_names()
        if name in names:
            return self.book.sheets[name], False
        index = position(SimpleNamespace(sheetnames=names), name)
        if index < len(names):
            return self.book.sheets.add(name, before=self.book.sheets[names[index]]), True
        return self.book.sheets.add(name, after=self.book.sheets[names[-1]]), True

    def _write(self, write: SheetWrite) -> None:
        ws, created = self._sheet(write.sheet)
        if write.kind == HOME:
            self._write_home(ws, write.rows)
            return
        if write.kind == CELLS:
            for row, column, value in write.rows:
                ws.range((row, column)).value = excel_text(value)
            return
        if not created:
            self._clear(ws, write)
        rows = [write.header, *write.rows]
        self._put(ws, rows)
        if write.kind == TABLE:
            self._resize_table(ws, len(write.header), len(write.rows))
            self._draw_charts(ws, write)

    def _write_home(self, ws, rows: list[list[object]]) -> None:
        """`Accueil` rewritten in the tool's columns, the team's notes kept (see `home_notes`)."""
        before = self.read_rows(ws.name)
        home_notes.refuse_covered_notes(ws.name, before, rows)
        width = home_notes.tool_width(rows)
        notes = home_notes.team_notes(before, width)
        if before:
            ws.range((1, 1), (len(before), width)).clear_contents()
        for r, (_tag, *values) in enumerate(rows, start=1):
            if values:
                ws.range((r, 1)).value = [[excel_text(v) for v in values]]
        for (r, c), value in notes.items():
            if c <= width:  # inside the cleared block: put back
                ws.range((r, c)).value = excel_text(value)

    def _clear(self, ws, write: SheetWrite | None) -> None:
        """Empty what the previous write put there: every column with a header (declared or added by the team),
        never a column without a header, where the team may keep notes; the whole sheet for raw and home sheets."""
        last = ws.used_range.last_cell
        if write is None or write.kind == RAW:
            ws.range((1, 1), (last.row, last.column)).clear_contents()
            return
        header = ws.range((1, 1), (1, last.column)).options(ndim=2).value[0]
        columns = {c for c, v in enumerate(header, start=1) if v not in (None, "")}
        columns |= set(range(1, len(write.header) + 1))
        for column in sorted(columns):
            ws.range((1, column), (last.row, column)).clear_contents()

    @staticmethod
    def _put(ws, rows: list[list[object]]) -> None:
        width = max((len(r) for r in rows), default=0)
        if width:
            ws.range((1, 1)).value = [[excel_text(v) for v in r] + [None] * (width - len(r)) for r in rows]

    @staticmethod
    def _resize_table(ws, width: int, count: int) -> None:
        """Keep the sheet's Excel table (if any starts at A1) over exactly the written rows."""
        for table in ws.tables:
            if (table.range.row, table.range.column) == (1, 1):
                table.resize(ws.range((1, 1), (max(count, 1) + 1, width)))
                return

    @staticmethod
    def _draw_charts(ws, write: SheetWrite) -> None:
        """The table's declared charts, named after their declared title so a rewrite replaces them (xlwings has
        no portable way to set the title shown in the chart itself)."""
        for place in charts.placements(write):
            name = CHART_PREFIX + place.chart.title
            existing = [chart for chart in ws.charts if chart.name == name]
            if place.empty and not existing:
                continue
            where = existing[0] if existing else ws.range(place.chart.anchor)  # where the team may have moved it
            left, top = where.left, where.top
            for chart in existing:
                chart.delete()
            chart = ws.charts.add(left, top, CHART_SIZE[0], CHART_SIZE[1])
            chart.name = name
            chart.chart_type = "bar_clustered" if place.chart.kind == "bar" else "column_clustered"
            chart.set_source_data(ws.range(place.address()))

    def _write_meta(self, meta: dict[str, str]) -> None:
        ws, created = self._sheet(META_SHEET)
        existing = {}
        if not created:
            existing = {r[0]: r[1] if len(r) > 1 else None for r in self.read_rows(META_SHEET)[1:] if r and r[0]}
        existing.update(meta)
        self._clear(ws, None)
        self._put(ws, [["clé", "valeur"], *[[k, v] for k, v in existing.items()]])
        ws.visible = False
