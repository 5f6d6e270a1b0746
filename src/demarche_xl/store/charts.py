"""Native Excel charts declared with a table (`Table.charts`): where their data sits among the rows a write puts
on the sheet, and drawing them with openpyxl for the file store. A table's chart is recognised by its title and
replaced on every rewrite, so it is never duplicated; any other chart on the sheet (the team's) is left alone.

Both stores give a table's chart the same Excel name, « Démarche - <titre> » (`frame_name`), so a workbook open in
Excel (where only the name can be read, see `live_store`) recognises the charts the file store drew. openpyxl names
every chart « Chart n » when it saves; `keep_names` and `draw` anchor our charts so that their frame keeps its name."""
from __future__ import annotations

from dataclasses import dataclass

from openpyxl.chart import BarChart, Reference
from openpyxl.drawing.spreadsheet_drawing import AbsoluteAnchor, OneCellAnchor, TwoCellAnchor
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.units import cm_to_EMU

from demarche_xl.schema.model import Chart
from demarche_xl.store.base import TABLE, SheetWrite
from demarche_xl.text import normalise

WIDTH_CM, HEIGHT_CM = 18.0, 7.5
CHART_PREFIX = "Démarche - "


def frame_name(chart: Chart) -> str:
    """The Excel name of a table's chart, the same whichever store drew it."""
    return CHART_PREFIX + chart.title


@dataclass(frozen=True)
class Placement:
    """Where one chart's data is: 1-based columns and the first and last Excel rows (a single contiguous run)."""

    chart: Chart
    category_column: int
    value_column: int
    first_row: int
    last_row: int
    empty: bool = False  # no row to show: points at the empty row below the table

    def address(self) -> str:
        """The two data columns as one A1 address with two areas (what Excel's SetSourceData takes)."""
        letters = (get_column_letter(self.category_column), get_column_letter(self.value_column))
        return ",".join(f"{letter}{self.first_row}:{letter}{self.last_row}" for letter in letters)


def placements(write: SheetWrite) -> list[Placement]:
    """The charts of the written table, each over its rows: all rows, or the first run whose `where` column
    holds the value. With no such row, the chart points at the empty row below the table (it shows nothing)."""
    if write.kind != TABLE or write.table is None:
        return []
    keys = write.table.keys
    out = []
    for chart in write.table.charts:
        matching = list(range(len(write.rows)))
        if chart.where is not None:
            column, value = keys.index(chart.where[0]), normalise(chart.where[1])
            matching = [i for i, row in enumerate(write.rows) if column < len(row) and normalise(row[column]) == value]
        run = matching[:1]
        for index in matching[1:]:
            if index != run[-1] + 1:
                break
            run.append(index)
        first, last = (run[0] + 2, run[-1] + 2) if run else (len(write.rows) + 2,) * 2
        out.append(Placement(chart, keys.index(chart.categories) + 1, keys.index(chart.values) + 1, first, last,
                             not run))
    return out


def chart_title(chart) -> str:
    """The plain text of an openpyxl chart's title, whether set as a string or read back from a file."""
    title = getattr(chart, "title", None)
    if title is None or isinstance(title, str):
        return title or ""
    rich = getattr(getattr(title, "tx", None), "rich", None)
    if rich is None:
        return ""
    return "".join(run.t or "" for paragraph in rich.p for run in (paragraph.r or []))


def draw(ws, write: SheetWrite) -> None:
    """Replace the table's charts on an openpyxl worksheet by fresh ones over the rows just written, where the
    previous one stood (the team may have moved it). A chart with nothing to show is not added to a
    sheet without it (a new workbook stays free of empty charts), but replaced where it was, so the count of charts
    never drops (see `store/guard.py`)."""
    found = placements(write)
    if not found:
        return
    ours = {p.chart.title for p in found}
    previous = {chart_title(c): c for c in ws._charts if chart_title(c) in ours}
    ws._charts = [c for c in ws._charts if chart_title(c) not in ours]
    for place in found:
        old = previous.get(place.chart.title)
        if place.empty and old is None:
            continue
        chart = bar_chart(ws, place)
        chart.anchor = anchor_at(old.anchor if old is not None else None, place.chart.anchor, chart)
        chart.anchor.frame_name = frame_name(place.chart)
        ws.add_chart(chart)


def anchor_at(previous, cell: str, chart) -> OneCellAnchor:
    """An anchor at the previous chart's top-left cell (else at `cell`), sized for the new chart (its rows may have
    changed), that names the chart's frame."""
    anchor = NAMED[OneCellAnchor]()
    start = getattr(previous, "_from", None)
    if start is not None:
        anchor._from.col, anchor._from.colOff, anchor._from.row, anchor._from.rowOff = (
            start.col, start.colOff, start.row, start.rowOff)
    else:  # no previous chart, or an absolute anchor: the declared cell
        row, column = coordinate_to_tuple(cell)
        anchor._from.col, anchor._from.row = column - 1, row - 1
    anchor.ext.width, anchor.ext.height = cm_to_EMU(chart.width), cm_to_EMU(chart.height)
    return anchor


def keep_names(wb) -> None:
    """Make the table charts openpyxl read from a workbook keep their name when it saves it again."""
    from demarche_xl.schema.registry import table_for_sheet

    for ws in wb.worksheets:
        declared = table_for_sheet(ws.title) if ws._charts else None
        titles = {c.title: c for c in declared.charts} if declared is not None else {}
        for chart in ws._charts:
            if chart_title(chart) in titles and type(chart.anchor) in NAMED:
                chart.anchor = renamed(chart.anchor, frame_name(titles[chart_title(chart)]))


class _NamedFrame:
    """An anchor that names the chart frame openpyxl gives it when saving (openpyxl would write « Chart n »)."""

    frame_name = ""

    def __setattr__(self, key, value):
        if key == "graphicFrame" and value is not None and self.frame_name:
            value.nvGraphicFramePr.cNvPr.name = self.frame_name
        super().__setattr__(key, value)


def _named(base):
    """`base` with `_NamedFrame`; openpyxl's metaclass must be given the serialised fields, it does not inherit them."""
    return type(f"Named{base.__name__}", (_NamedFrame, base), {
        "__attrs__": base.__attrs__, "__elements__": base.__elements__, "__nested__": base.__nested__})


NAMED = {base: _named(base) for base in (OneCellAnchor, TwoCellAnchor, AbsoluteAnchor)}


def renamed(anchor, name: str):
    """A copy of an openpyxl anchor that names its chart frame `name`."""
    copy = NAMED[type(anchor)]()
    for field in (*type(anchor).__attrs__, *type(anchor).__elements__):
        setattr(copy, field, getattr(anchor, field))
    copy.frame_name = name
    return copy


def height_cm(place: Placement) -> float:
    """Horizontal bars get room for every label (about 0.9 cm a bar)."""
    if place.chart.kind != "bar":
        return HEIGHT_CM
    return max(HEIGHT_CM, 2.5 + 0.9 * (place.last_row - place.first_row + 1))


def bar_chart(ws, place: Placement) -> BarChart:
    chart = BarChart()
    chart.type = place.chart.kind
    chart.title = place.chart.title
    chart.legend = None
    chart.width, chart.height = WIDTH_CM, height_cm(place)
    values = Reference(ws, min_col=place.value_column, min_row=place.first_row, max_row=place.last_row)
    labels = Reference(ws, min_col=place.category_column, min_row=place.first_row, max_row=place.last_row)
    chart.add_data(values, titles_from_data=False)
    chart.set_categories(labels)
    chart.x_axis.delete = False
    chart.x_axis.tickLblSkip = 1  # every label shown, even long ones
    chart.y_axis.delete = False
    if place.chart.kind == "bar":
        chart.x_axis.scaling.orientation = "maxMin"  # first row (rank 1) on top
    return chart
