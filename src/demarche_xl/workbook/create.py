"""Creating the master workbook, or adding the method's sheets to an existing workbook without touching the rest."""
from __future__ import annotations

import datetime as dt
import uuid

import pandas as pd

from demarche_xl import french
from demarche_xl import __version__
from demarche_xl.problems import Report, UserError
from demarche_xl.schema.lists import ALL_LISTS
from demarche_xl.schema.model import Kind
from demarche_xl.schema.params import PARAMS
from demarche_xl.schema.registry import ALL_TABLES, HOME_SHEET, PROJECT_KEY, SCHEMA_VERSION
from demarche_xl.share import history
from demarche_xl.share.ids import fill_row_ids
from demarche_xl.store.base import HOME, SheetWrite, Store, WritePlan
from demarche_xl.tableio import rows_from_frame


def default_parameters() -> pd.DataFrame:
    def shown(param):
        if param.kind is Kind.DATE:
            return dt.datetime.combine(param.default, dt.time())
        return param.default
    return pd.DataFrame([{"label": p.label, "value": shown(p), "help": p.help + (
        f" Valeurs : {', '.join(p.choices)}." if p.choices else "")} for p in PARAMS])


def default_lists() -> pd.DataFrame:
    longest = max(len(item.values) for item in ALL_LISTS)
    return pd.DataFrame({item.key: list(item.values) + [None] * (longest - len(item.values)) for item in ALL_LISTS})


def creation_plan(existing_sheets: list[str], school: str = "", year: str = "") -> tuple[WritePlan, Report]:
    """Every declared sheet that does not exist yet, `Accueil` and the hidden bookkeeping sheet."""
    report = Report("Création du classeur")
    plan = WritePlan(meta={"version_schema": str(SCHEMA_VERSION), "version_outil": __version__,
                           "cree_le": dt.datetime.now().strftime("%d/%m/%Y %H:%M"), PROJECT_KEY: uuid.uuid4().hex})
    kept = []
    if HOME_SHEET not in existing_sheets:
        plan.writes.append(SheetWrite(HOME_SHEET, [], [], kind=HOME))  # its rows: `refresh_home` below
    for declared in ALL_TABLES:
        if declared.sheet in existing_sheets:
            kept.append(declared.sheet)
            continue
        frame = pd.DataFrame(columns=declared.keys)
        if declared.key == "parameters":
            frame = default_parameters()
        elif declared.key == "lists":
            frame = default_lists()
        frame = fill_row_ids(declared, frame)
        plan.writes.append(SheetWrite(declared.sheet, declared.headers, rows_from_frame(declared, frame),
                                      table=declared))
    from demarche_xl.progress import EmptyView, refresh_home

    refresh_home(plan, EmptyView(existing_sheets), school or PARAMS[0].default, year or "2026-2027")
    report.info(french.count(len(plan.writes), "feuille créée", "feuilles créées"))
    if kept:
        report.info(f"{french.count(len(kept), 'feuille déjà présente')}, "
                    f"{'gardée telle quelle' if len(kept) < 2 else 'gardées telles quelles'} : {', '.join(kept)}")
    return plan, report


def create_workbook(store: Store, into_existing: bool, identity: bool = True) -> Report:
    """Create the method's sheets in `store`; without `identity` the workbook gets no project identity (the
    emailed master, which many schools download: each copy draws its own at its first step)."""
    existing = store.sheet_names() if into_existing else []
    plan, report = creation_plan(existing)
    if into_existing and not [w for w in plan.writes if w.kind != HOME]:
        raise UserError("ce classeur contient déjà toutes les feuilles de la démarche", "rien n'a été modifié")
    from demarche_xl.share.copies import project_of
    from demarche_xl.workbook.reader import WorkbookReader

    if not identity or (into_existing and project_of(store)):  # sheets added to a démarche workbook: same project
        plan.meta.pop(PROJECT_KEY)
    history.record(plan, store, history.tables_in_plan(plan), WorkbookReader(store).table)
    store.apply(plan)
    return report
