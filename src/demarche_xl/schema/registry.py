"""The registry of every declared table, in the order sheets appear in the workbook, and the schema version."""
from __future__ import annotations

from demarche_xl.schema import tables_kit, tables_setup, tables_share, tables_temps1, tables_temps2, tables_temps3
from demarche_xl.schema.model import Table

SCHEMA_VERSION = 3  # 2: row ids on team tables (`model.ROW_ID`), sheet `Conflits`; 3: « Proposition de l'outil »
# beside the team's decision in `Préoccupations` (Retenue) and `Référents` (Confirmé)
HOME_SHEET = "Accueil"
META_SHEET = "_demarche"  # hidden: schema version and bookkeeping
TOOL_SHEET = "_outil"  # hidden: the demarche-xl package the xlwings Lite buttons install (see `lite.wheel`)
ANONYMISED_KEY = "copie_anonymisee_le"  # key of META_SHEET marking a copy made for the académie
PROJECT_KEY = "projet"  # key of META_SHEET: the project's identity, drawn at creation, shared by its copies
RAW_SURVEY_PREFIX = "Q - "
RAW_SATISFACTION_PREFIX = "S - "

ALL_TABLES: tuple[Table, ...] = (
    *tables_setup.TABLES[:3],  # Paramètres, Enseignants, Listes
    *tables_temps1.TABLES,
    *tables_temps2.TABLES,
    tables_setup.CONSTRAINTS,
    *tables_temps3.TABLES,
    *tables_kit.TABLES,
    *tables_share.TABLES,
    tables_setup.RUN_LOG,
)

_BY_KEY = {t.key: t for t in ALL_TABLES}
_BY_SHEET = {t.sheet: t for t in ALL_TABLES}


def tracked_tables() -> list[Table]:
    """Team tables whose rows carry an id and are fingerprinted and merged across copies."""
    return [t for t in ALL_TABLES if t.has_row_ids]


def table(key: str) -> Table:
    return _BY_KEY[key]


def table_for_sheet(sheet: str) -> Table | None:
    return _BY_SHEET.get(sheet)


def is_raw_sheet(sheet: str) -> bool:
    return sheet.startswith(RAW_SURVEY_PREFIX) or sheet.startswith(RAW_SATISFACTION_PREFIX)


def sheet_order() -> list[str]:
    """Sheets in the order a new workbook shows them (raw tabs go before `Correspondances`)."""
    return [HOME_SHEET, *[t.sheet for t in ALL_TABLES]]
