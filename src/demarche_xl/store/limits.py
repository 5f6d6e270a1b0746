"""Excel's own limits, enforced on every write plan before any store writes it, so that Excel never has to repair
(drop) what we wrote: at most 32,767 characters in a cell (a longer text is cut, with a visible marker, and said),
1,048,576 rows and 16,384 columns in a sheet, sheet names of 1 to 31 characters without : \\ / ? * [ ] (refused,
naming the sheet and what to do)."""
from __future__ import annotations

from openpyxl.utils import get_column_letter

from demarche_xl import french
from demarche_xl.problems import WARNING, Problem, UserError
from demarche_xl.store.base import CELLS, HOME, WritePlan

MAX_TEXT = 32_767
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_SHEET_NAME = 31
FORBIDDEN_IN_SHEET_NAME = set(':\\/?*[]')
CUT_MARKER = " […texte coupé par demarche-xl : {total} caractères au départ, Excel en accepte {limit}]"


def cut(text: str) -> str:
    """`text` shortened to what a cell holds, ending with a marker saying so."""
    marker = CUT_MARKER.format(total=french.number(len(text)), limit=french.number(MAX_TEXT))
    return text[:MAX_TEXT - len(marker)] + marker


def sheet_name_problem(name: str) -> str | None:
    """Why Excel would refuse `name` as a sheet name, or None."""
    if not name.strip():
        return "un nom de feuille vide"
    if len(name) > MAX_SHEET_NAME:
        return f"« {name} » a {french.count(len(name), 'caractère')}, Excel en accepte {MAX_SHEET_NAME}"
    bad = sorted(FORBIDDEN_IN_SHEET_NAME & set(name))
    if bad:
        return f"« {name} » contient {' '.join(bad)}, qu'Excel refuse dans un nom de feuille"
    if name.startswith("'") or name.endswith("'"):
        return f"« {name} » commence ou finit par une apostrophe, qu'Excel refuse"
    return None


def fit(plan: WritePlan) -> list[Problem]:
    """Cut the plan's texts longer than a cell holds (one warning per sheet and column, the first row named);
    refuse a sheet past Excel's rows, columns or naming rules. Idempotent: a plan fitted already is not looked at
    again (the session fits it, then the store makes sure)."""
    if plan.fitted:
        return []
    problems: list[Problem] = []
    for write in plan.writes:
        reason = sheet_name_problem(write.sheet)
        if reason:
            raise UserError(Problem(f"impossible de créer la feuille : {reason}",
                                    "renommez le fichier ou l'onglet d'origine avec un nom plus court, sans "
                                    ": \\ / ? * [ ], puis relancez ; rien n'a été modifié"))
        if write.kind == CELLS:
            _fit_cells(write, problems)
            continue
        offset = 1 if write.kind == HOME else 0  # Accueil rows start with a style tag
        rows = write.rows if write.kind == HOME else [write.header, *write.rows]
        _refuse_size(write.sheet, len(rows), max((len(r) - offset for r in rows), default=0))
        cut_at: dict[int, tuple[int, int]] = {}  # column -> (first row, count)
        for r, row in enumerate(rows, start=1):
            for c in [c for c, value in enumerate(row) if isinstance(value, str) and len(value) > MAX_TEXT]:
                if c < offset:
                    continue
                row[c] = cut(row[c])
                first, count = cut_at.get(c - offset + 1, (r, 0))
                cut_at[c - offset + 1] = (first, count + 1)
        for column, (first, count) in cut_at.items():
            problems.append(_cut_problem(write.sheet, _column_name(write.header, column), first, count))
    for name, rows in plan.hidden_sheets.items():
        _refuse_size(name, len(rows), max((len(r) for r in rows), default=0))
        if any(isinstance(v, str) and len(v) > MAX_TEXT for row in rows for v in row):
            raise UserError(f"la feuille technique « {name} » dépasserait la taille d'une cellule Excel",
                            "signalez-le à l'équipe de demarche-xl ; rien n'a été modifié")
    plan.fitted = True
    return problems


def _fit_cells(write, problems: list[Problem]) -> None:
    for entry in write.rows:
        row, column, value = entry
        _refuse_size(write.sheet, row, column)
        if isinstance(value, str) and len(value) > MAX_TEXT:
            entry[2] = cut(value)
            problems.append(_cut_problem(write.sheet, get_column_letter(column), row, 1))


def _refuse_size(sheet: str, rows: int, columns: int) -> None:
    if rows > MAX_ROWS:
        raise UserError(f"la feuille « {sheet} » aurait {french.number(rows)} lignes : Excel n'en accepte que "
                        f"{french.number(MAX_ROWS)}", "coupez le fichier d'origine en plusieurs fichiers plus petits "
                        "puis relancez ; rien n'a été modifié")
    if columns > MAX_COLUMNS:
        raise UserError(f"la feuille « {sheet} » aurait {french.number(columns)} colonnes : Excel n'en accepte que "
                        f"{french.number(MAX_COLUMNS)}", "retirez les colonnes inutiles du fichier d'origine puis "
                        "relancez ; rien n'a été modifié")


def _column_name(header: list, column: int) -> str:
    title = header[column - 1] if column <= len(header) else None
    return str(title) if title not in (None, "") else get_column_letter(column)


def _cut_problem(sheet: str, column: str, first_row: int, count: int) -> Problem:
    more = f" (et {french.count(count - 1, 'autre cellule')} de cette colonne)" if count > 1 else ""
    return Problem(f"texte de plus de {french.number(MAX_TEXT)} caractères coupé (limite d'Excel), la fin remplacée "
                   f"par « […texte coupé…] »{more}", "le texte complet reste dans le fichier d'origine",
                   sheet, first_row, column, WARNING)
