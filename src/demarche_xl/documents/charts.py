"""Drawing the documents' charts with matplotlib (Agg canvas, no window, no pyplot state) into PNG bytes in memory.

Takes the `Chart` values the context builders return; labels are French and long labels are wrapped.
"""
from __future__ import annotations

import io
import math
import textwrap

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from demarche_xl import french
from demarche_xl.documents.context_common import Chart

MAIN, REFERENCE = "#1f5f8b", "#b0b7bf"
DPI = 150


def png(chart: Chart) -> bytes:
    """The chart as PNG bytes, drawn at the size it takes on the page."""
    figure = Figure(figsize=(chart.width_cm / 2.54, chart.height_cm / 2.54), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    if chart.kind == "barh":
        horizontal(axes, chart)
    else:
        vertical(axes, chart)
    axes.set_title(chart.title, fontsize=10)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def horizontal(axes, chart: Chart) -> None:
    labels = [textwrap.fill(label, 34) for label in chart.labels][::-1]
    values = list(chart.values)[::-1]
    bars = axes.barh(labels, values, color=MAIN)
    axes.bar_label(bars, labels=[shown(v, chart.unit) for v in values], padding=3, fontsize=7)
    axes.tick_params(axis="y", labelsize=7)
    axes.tick_params(axis="x", labelsize=7)
    axes.set_xlim(0, max(values, default=1) * 1.15 or 1)


def vertical(axes, chart: Chart) -> None:
    positions = list(range(len(chart.labels)))
    width = 0.38 if chart.reference else 0.6
    offset = width / 2 if chart.reference else 0.0
    bars = axes.bar([p - offset for p in positions], chart.values, width, color=MAIN,
                    label=chart.series_label or None)
    axes.bar_label(bars, labels=[shown(v, chart.unit) for v in chart.values], padding=2, fontsize=7)
    if chart.reference:
        kept = [(p, v) for p, v in zip(positions, chart.reference) if not math.isnan(v)]
        ref = axes.bar([p + offset for p, _ in kept], [v for _, v in kept], width, color=REFERENCE,
                       label=chart.reference_label or None)
        axes.bar_label(ref, labels=[shown(v, chart.unit) for _, v in kept], padding=2, fontsize=7)
    if chart.series_label or chart.reference_label:
        axes.legend(fontsize=7, frameon=False)
    axes.set_xticks(positions, [textwrap.fill(label, 18) for label in chart.labels], fontsize=7)
    axes.tick_params(axis="y", labelsize=7)
    top = max([*chart.values, *[v for v in chart.reference if not math.isnan(v)]], default=1)
    axes.set_ylim(0, (100 if chart.unit == "%" and top <= 100 else top) * 1.15 or 1)


def shown(value: float, unit: str) -> str:
    if unit == "%":
        return french.percent(value / 100)
    return french.number(value, 0 if float(value).is_integer() else 1)
