"""What every document context shares: the header (collège, year, date), French formatting of dates, numbers and
percentages, readable placeholders for missing data, and the `Chart` / `Contexts` values context builders return.

Pure: DataFrames and settings in, plain dicts out. No Word, no file, no matplotlib here.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import pandas as pd

from demarche_xl import french
from demarche_xl.problems import WARNING, Problem

MISSING = "(non renseigné)"


@dataclass(frozen=True)
class Chart:
    """A chart to draw at rendering time: horizontal or vertical bars, optionally with a reference series."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    kind: str = "barh"  # "barh" or "bar"
    unit: str = ""  # "%" to show values as percentages
    reference: tuple[float, ...] = ()  # e.g. the pilot collège's figures
    reference_label: str = ""
    series_label: str = ""
    width_cm: float = 15.5  # size on the page
    height_cm: float = 8.0


@dataclass
class Contexts:
    """The rendering contexts of one kind of document: output name (without extension) → context."""

    files: dict[str, dict] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    combined: dict[str, dict] = field(default_factory=dict)  # files gathering every entry (printing)
    templates: dict[str, str] = field(default_factory=dict)  # output name → template, when not the kind's own

    def warn(self, message: str, fix: str = "", sheet: str = "", row: int | None = None, column: str = "") -> None:
        self.problems.append(Problem(message, fix, sheet, row, column, WARNING))


def header(params: dict, today: dt.date, title: str) -> dict:
    """Variables every template can use: collège, année, date, académie, UAI, contact, titre."""
    return {
        "college": text(params.get("school")),
        "annee": text(params.get("school_year")),
        "date": french_date(today),
        "academie": text(params.get("academy")),
        "uai": text(params.get("uai")),
        "contact": text(params.get("contact")),
        "titre": title,
    }


def is_missing(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def text(value: object, placeholder: str = MISSING) -> str:
    """A cell as text for a document; blank cells become a readable placeholder."""
    if is_missing(value):
        return placeholder
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, (dt.datetime, dt.date)):
        return french_date(value)
    if isinstance(value, float):
        return number(value)
    if isinstance(value, str) and value.startswith("'") and value[1:2] in ("=", "+", "-", "@"):
        return value[1:]  # a neutralised formula: show what the user typed
    return str(value)


def french_date(value: dt.date | dt.datetime | None, weekday: bool = False) -> str:
    if value is None or value is pd.NaT:
        return MISSING
    return french.date_long(value, weekday)


def number(value: float | int | None, decimals: int = 1) -> str:
    """« 69 », « 4,5 », « 1 234 » (non-breaking space between thousands)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    return french.number(value, 0 if float(value).is_integer() else decimals)


def percent(part: float, whole: float) -> str:
    """« 72 % » (non-breaking space), or the placeholder when the whole is zero."""
    if not whole:
        return MISSING
    return french.percent(part / whole)


def ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def records(tables: dict[str, pd.DataFrame], key: str) -> list[dict]:
    """Rows of a table as dicts (blank cells as None); an absent table gives no rows."""
    frame = tables.get(key)
    if frame is None or frame.empty:
        return []
    return [{k: (None if is_missing(v) else v) for k, v in r.items()} for r in frame.to_dict("records")]


def truthy(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in ("oui", "vrai", "x"))


def or_placeholder(rows: list[dict], first_key: str, message: str, keys: tuple[str, ...] = ()) -> list[dict]:
    """Table rows for a template, never empty: one row carrying `message` when there is nothing to show."""
    if rows:
        return rows
    filler = {k: "" for k in keys}
    filler[first_key] = message
    return [filler]


def person_name(first: object, last: object) -> str:
    shown = " ".join(str(v).strip() for v in (first, last) if not is_missing(v))
    return shown or MISSING


def hours(start: object, end: object) -> str:
    """« 09:00 – 10:15 » from two cells typed as text or as Excel times."""
    if is_missing(start) and is_missing(end):
        return MISSING
    return f"{clock(start)} – {clock(end)}"


def clock(value: object) -> str:
    if isinstance(value, (dt.time, dt.datetime)):
        return value.strftime("%H:%M")
    shown = text(value, "?")
    return shown[:-3] if len(shown) == 8 and shown.count(":") == 2 else shown
