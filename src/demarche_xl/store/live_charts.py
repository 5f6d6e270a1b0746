"""The table charts in a workbook open in Excel (the live store, desktop or xlwings Lite): each declared chart
replaced over the rows just written, where the team may have moved it, and recognised by its Excel name, the same
the file store gives it (`charts.frame_name`), or, where the engine can read it (the desktop), by its title."""
from __future__ import annotations

from demarche_xl.store import charts
from demarche_xl.store.base import SheetWrite

POINTS_PER_CM = 72 / 2.54


def draw(ws, write: SheetWrite) -> None:
    """The table's declared charts, replaced where the team may have moved them. They are recognised by their
    name, the same the file store gives them (`charts.frame_name`), or, where the engine can read it, their
    title."""
    for place in charts.placements(write):
        name = charts.frame_name(place.chart)
        existing = [chart for chart in ws.charts if chart.name == name or title_of(chart) == place.chart.title]
        if place.empty and not existing:
            continue
        where = {"left": existing[0].left, "top": existing[0].top} if existing else {
            "anchor": ws.range(place.chart.anchor)}
        for chart in reversed(existing):
            chart.delete()
        values = ws.range((place.first_row, place.value_column), (place.last_row, place.value_column))
        labels = ws.range((place.first_row, place.category_column), (place.last_row, place.category_column))
        chart = ws.charts.add(width=charts.WIDTH_CM * POINTS_PER_CM, height=charts.height_cm(place) * POINTS_PER_CM,
                              chart_type="bar_clustered" if place.chart.kind == "bar" else "column_clustered",
                              source=values, plot_by="columns", name=name, **where)
        chart.set_x_axis_values(labels)
        chart.title = place.chart.title
        chart.legend.visible = False
        if place.chart.kind == "bar":
            chart.category_axis.reverse_order = True  # first row (rank 1) on top


def title_of(chart) -> str | None:
    """A chart's title where the engine can read it (the desktop); None elsewhere (the remote engine)."""
    try:
        return chart.title
    except Exception:  # noqa: BLE001 - NotImplementedError on the remote engine, COM errors on charts without one
        return None
