"""Turning raw sheet rows into typed DataFrames per declaration, and DataFrames back into rows to write.

Tolerates what users do: reordered or extra columns, blank rows, stray spaces, header typos within reason (reported),
numbers and dates typed as text (converted and reported). Every problem names sheet, row and column.
"""
from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re

import pandas as pd

from demarche_xl.problems import ERROR, WARNING, Problem
from demarche_xl.schema.model import NO, YES, Column, Kind, Table
from demarche_xl.text import normalise

ROW = "_row"  # Excel row number of each record, kept for messages
TRUE_WORDS = {"oui", "o", "yes", "y", "vrai", "true", "x", "1", "1.0"}
FALSE_WORDS = {"non", "n", "no", "faux", "false", "0", "0.0"}
DATE_TEXT = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(?:[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?)?\s*$")
ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?")


def is_blank(value: object) -> bool:
    if value is None:
        return True
    kind = value.__class__
    if kind is str:  # the common cases first: this runs for every cell of every table
        return not value or value.isspace()
    if kind is int or kind is bool:
        return False
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def match_headers(table: Table, header: list[object]) -> tuple[dict[str, int], dict[str, int], list[Problem]]:
    """Map column keys to positions in `header`; returns (declared, extra headers, problems)."""
    problems: list[Problem] = []
    wanted = {normalise(c.header): c for c in table.columns}
    for col in table.columns:
        for alias in col.aliases:
            wanted.setdefault(normalise(alias), col)
    found: dict[str, int] = {}
    extra: dict[str, int] = {}
    for pos, cell in enumerate(header):
        if is_blank(cell):
            continue
        norm = normalise(cell)
        col = wanted.get(norm)
        if col is None:
            close = difflib.get_close_matches(norm, list(wanted), n=1, cutoff=0.85)
            if close and wanted[close[0]].key not in found:
                col = wanted[close[0]]
                problems.append(Problem(f"en-tête « {cell} » lu comme « {col.header} »",
                                        f"corrigez l'en-tête en « {col.header} »", table.sheet, 1, str(cell), WARNING))
        if col is None or col.key in found:
            extra[str(cell).strip()] = pos
        else:
            found[col.key] = pos
    for col in table.columns:
        if col.key not in found and col.required:
            problems.append(Problem(f"colonne obligatoire « {col.header} » absente",
                                    f"ajoutez une colonne d'en-tête « {col.header} » en ligne 1", table.sheet, 1,
                                    col.header))
    return found, extra, problems


def frame_from_rows(table: Table, rows: list[list[object]], lists: dict[str, list[str]] | None = None
                    ) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a table's rows (row 0 = header) into a DataFrame whose columns are the declared keys."""
    keys = table.keys
    if not rows:
        return pd.DataFrame(columns=[*keys, ROW]), []
    found, extra, problems = match_headers(table, rows[0])
    records = []
    placed = [(col, found.get(col.key), {}) for col in table.columns]  # a column's texts → converted once each
    for index, raw in enumerate(rows[1:], start=2):
        if all(is_blank(v) for v in raw):
            continue
        record: dict[str, object] = {ROW: index}
        for col, pos, converted in placed:
            value = raw[pos] if pos is not None and pos < len(raw) else None
            kind = value.__class__
            if kind is str or value is None or kind is float or kind is int or kind is bool:
                key = value if kind is str else (kind, value)  # the same value in the same column always
                result = converted.get(key)  # converts the same way: once (1, 1.0 and True kept apart)
                if result is None:
                    result = converted[key] = convert(col, value, lists)
                record[col.key], problem = result
            else:
                record[col.key], problem = convert(col, value, lists)
            if problem:
                problems.append(Problem(problem[0], problem[1], table.sheet, index, col.header, problem[2]))
        for name, pos in extra.items():
            record[name] = raw[pos] if pos < len(raw) else None
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=[*keys, *extra, ROW])
    frame = frame.astype(object).where(frame.notna(), None)
    frame.attrs["extra_columns"] = list(extra)
    problems.extend(check_required_and_unique(table, frame))
    return frame, problems


def check_required_and_unique(table: Table, frame: pd.DataFrame) -> list[Problem]:
    problems = []
    required = [col for col in table.columns if col.required]
    notes = note_rows(table, frame, required)
    problems.extend(notes.values())
    for col in required:
        for row in frame.loc[frame[col.key].isna(), ROW]:
            if int(row) not in notes:
                problems.append(Problem("cellule obligatoire vide", f"remplissez « {col.header} »", table.sheet,
                                        int(row), col.header))
        if col.unique:
            values = frame[col.key].map(lambda v: normalise(v) if v is not None else None)
            dup = values.notna() & values.duplicated(keep="first")
            for row, value in zip(frame.loc[dup, ROW], frame.loc[dup, col.key]):
                problems.append(Problem(f"« {value} » apparaît plusieurs fois alors que la colonne doit être unique",
                                        "donnez une valeur différente à chaque ligne", table.sheet, int(row),
                                        col.header))
    return problems


def note_rows(table: Table, frame: pd.DataFrame, required: list[Column]) -> dict[int, Problem]:
    """Rows with a required cell empty and only one or two cells typed: likely a note typed below the table, said
    as such (naming what is typed) rather than as one empty required cell after another."""
    if not required or not len(frame):
        return {}
    empty = frame[[col.key for col in required]].isna().any(axis=1)
    headers = {col.key: col.header for col in table.columns}
    found = {}
    for record in as_records(frame[empty]):
        typed = [(headers.get(k, k), v) for k, v in record.items() if k != ROW and not is_blank(v)]
        if not typed or len(typed) > 2:
            continue
        column, value = typed[0]
        more = " (et une autre cellule)" if len(typed) == 2 else ""
        found[int(record[ROW])] = Problem(
            f"« {value} »{more} est tapé seul sur une ligne du tableau, où les colonnes obligatoires "
            f"({', '.join(col.header for col in required)}) doivent être remplies",
            "si c'est une note, déplacez-la dans une colonne sans en-tête à droite du tableau, où elle est gardée ; "
            "sinon complétez la ligne",
            table.sheet, int(record[ROW]), column)
    return found


def convert(col: Column, value: object, lists: dict[str, list[str]] | None) -> tuple[object, tuple | None]:
    """Convert one cell; returns (value, None) or (best value, (message, fix, severity))."""
    if value.__class__ is str and col.kind is Kind.TEXT and not (col.choices or col.choice_list or col.multiline):
        return " ".join(value.split()) or None, None  # plain text, the most common cell: spaces collapsed
    if is_blank(value):
        return None, None
    if isinstance(value, str):
        value = _lines(value) if col.multiline and ("\n" in value or "\r" in value) else " ".join(value.split())
    kind = col.kind
    if kind is Kind.ANY:
        return value, None
    if kind is Kind.BOOLEAN:
        word = normalise(value)
        if word in TRUE_WORDS or value is True:
            return True, None
        if word in FALSE_WORDS or value is False:
            return False, None
        return None, (f"« {value} » n'est pas Oui ou Non", "choisissez Oui ou Non dans la liste", ERROR)
    if kind in (Kind.INTEGER, Kind.NUMBER, Kind.PERCENT):
        return _number(kind, value)
    if kind is Kind.DATE:
        return _date(value)
    text = _text(value)
    if kind is Kind.EMAIL:
        text = text.lower().replace(" ", "")
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
            return text, (f"« {value} » n'est pas une adresse de courriel", "corrigez l'adresse (nom@domaine.fr)", ERROR)
    allowed = list(col.choices) or (lists or {}).get(col.choice_list, [])
    if allowed:
        by_norm = _by_normalised(tuple(allowed))
        if normalise(text) in by_norm:
            return by_norm[normalise(text)], None
        shown = ", ".join(allowed[:8]) + ("…" if len(allowed) > 8 else "")
        where = "de la feuille « Listes »" if col.choice_list else "proposée"
        return text, (f"« {text} » ne fait pas partie de la liste", f"choisissez une valeur {where} : {shown}", ERROR)
    return text, None


@functools.lru_cache(maxsize=64)
def _by_normalised(allowed: tuple[str, ...]) -> dict[str, str]:
    """A list's values by their normalised spelling (built once per list, not once per cell)."""
    return {normalise(a): a for a in allowed}


def _lines(text: str) -> str:
    """Free text read with its line breaks kept: spaces collapsed within each line, blank lines at the ends dropped."""
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _number(kind: Kind, value: object) -> tuple[object, tuple | None]:
    number: float | None = None
    was_text = isinstance(value, str)
    if isinstance(value, bool):
        number = float(value)
    elif isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        cleaned = value.replace(" ", "").replace("\u202f", "").replace(",", ".")
        percent = cleaned.endswith("%")
        try:
            number = float(cleaned.rstrip("%"))
            if percent:
                number /= 100
        except ValueError:
            return value, (f"« {value} » n'est pas un nombre", "tapez un nombre (par exemple 12 ou 3,5)", ERROR)
    if number is None:
        return value, (f"« {value} » n'est pas un nombre", "tapez un nombre", ERROR)
    if kind is Kind.INTEGER:
        if not number.is_integer():
            return number, (f"« {value} » n'est pas un nombre entier", "tapez un nombre entier", ERROR)
        return int(number), None
    if was_text:
        return number, None
    return number, None


def _date(value: object) -> tuple[object, tuple | None]:
    if isinstance(value, dt.datetime):
        return value, None
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day), None
    if isinstance(value, (int, float)) and 20000 < float(value) < 80000:  # an Excel serial number
        return dt.datetime(1899, 12, 30) + dt.timedelta(days=float(value)), None
    text = str(value)
    parsed = parse_date_text(text)
    if parsed is None:
        return text, (f"« {text} » n'est pas une date", "tapez la date au format jj/mm/aaaa", ERROR)
    return parsed, (f"date « {text} » tapée comme du texte", "retapez-la pour qu'Excel la reconnaisse comme une date",
                    WARNING)


def parse_date_text(text: str) -> dt.datetime | None:
    m = DATE_TEXT.match(text)
    try:
        if m:
            day, month, year = int(m[1]), int(m[2]), int(m[3])
            year += 2000 if year < 100 else 0
            return dt.datetime(year, month, day, int(m[4] or 0), int(m[5] or 0), int(m[6] or 0))
        m = ISO_DATE.match(text)
        if m:
            return dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0), int(m[5] or 0), int(m[6] or 0))
    except ValueError:
        return None
    return None


def as_records(frame: pd.DataFrame) -> list[dict]:
    """`frame.to_dict("records")`, several times faster on large tables: each column converted to Python values at
    once (`tolist`) rather than cell by cell."""
    columns = list(frame.columns)
    if len(set(columns)) != len(columns):
        return frame.to_dict("records")
    return [dict(zip(columns, row)) for row in zip(*(frame[c].tolist() for c in columns))] if columns else \
        [{} for _ in range(len(frame))]


def rows_from_frame(table: Table, frame: pd.DataFrame) -> list[list[object]]:
    """Rows to write (without header), in declared column order; booleans as Oui/Non. Column by column: a text
    cell (most of them) is kept as it is without a call."""
    names = list(frame.columns)
    if len(set(names)) != len(names):  # a column twice: as records, the last one wins
        return [[cell_value(c, record.get(c.key)) for c in table.columns] for record in as_records(frame)]
    count = len(frame)
    columns = []
    for col in table.columns:
        values = frame[col.key].tolist() if col.key in frame.columns else [None] * count
        columns.append([v if v.__class__ is str and v and not v.isspace() else cell_value(col, v) for v in values])
    return [list(row) for row in zip(*columns)] if columns else [[] for _ in range(count)]


def cell_value(col: Column, value: object) -> object:
    if value.__class__ is str:  # most cells: blank or text, written as typed (the stores keep it text, `cells`)
        return None if not value or value.isspace() else value
    if is_blank(value) or value is pd.NaT:
        return None
    if col.kind is Kind.BOOLEAN and isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and col.kind is Kind.INTEGER and value.is_integer():
        return int(value)
    return value  # text stays as typed: the stores write it as text (quotePrefix when it starts like a formula)
