"""Upgrading in place a workbook made by an older version of the toolkit (new sheets and columns added, nothing
removed or retyped: team sheets are copied cell for cell, with a backup and a `Journal` line), and refusing one made
by a newer version."""
from __future__ import annotations

from types import SimpleNamespace

from demarche_xl.problems import Report, UserError
from demarche_xl.schema.model import ROW_ID_HEADER
from demarche_xl.schema.registry import SCHEMA_VERSION, tracked_tables
from demarche_xl.share import history
from demarche_xl.share.ids import new_row_id
from demarche_xl.store.base import SheetWrite
from demarche_xl.tableio import is_blank, match_headers

UPGRADE = SimpleNamespace(name="mettre-a-jour")  # how the Journal names the upgrade


def version_of(store) -> int | None:
    from demarche_xl.validate import schema_version

    return schema_version(store)


def refuse_if_newer(store) -> None:
    version = version_of(store)
    if version is not None and version > SCHEMA_VERSION:
        raise UserError(f"« {store.label} » a été créé par une version plus récente de demarche-xl (modèle {version}, "
                        f"cet outil connaît le modèle {SCHEMA_VERSION}) : mettez à jour l'outil",
                        "installez la dernière version de demarche-xl depuis son dossier ou son archive "
                        "(python -m pip install --upgrade <dossier ou archive>), puis relancez ; rien n'a été modifié")


def needs_upgrade(store) -> bool:
    refuse_if_newer(store)
    version = version_of(store)
    return version is not None and version < SCHEMA_VERSION


def upgrade(store) -> Report | None:
    """Bring `store`'s workbook to the current model; None when it already is (or is not a démarche workbook)."""
    if not needs_upgrade(store):
        return None
    from demarche_xl.runner import journal_write
    from demarche_xl.workbook.create import creation_plan
    from demarche_xl.workbook.reader import WorkbookReader

    old = version_of(store)
    reader = WorkbookReader(store)
    plan, _ = creation_plan(store.sheet_names())
    added = [w.sheet for w in plan.writes if w.table is not None]
    numbered = 0
    for declared in tracked_tables():
        if reader.has_sheet(declared.sheet):
            write, count = with_row_ids(declared, store.read_rows(declared.sheet))
            if write is not None:
                plan.writes.append(write)
                numbered += count
    line = (f"mise à niveau du classeur v{old} → v{SCHEMA_VERSION} : {numbered} ligne(s) numérotée(s) dans la "
            f"colonne « {ROW_ID_HEADER} »" + (f", feuille(s) ajoutée(s) : {', '.join(added)}" if added else ""))
    plan.writes.append(journal_write(reader, UPGRADE, line))
    plan.meta.pop("cree_le", None)
    history.record(plan, store, history.tables_in_plan(plan), reader.table)
    store.apply(plan)
    return Report("Mise à niveau du classeur", [line, "l'ancienne version est gardée dans « sauvegardes »"])


def with_row_ids(declared, rows: list[list[object]]) -> tuple[SheetWrite | None, int]:
    """The sheet as it is, cell for cell, plus a filled row-id column after its last column (None if it has one)."""
    if not rows:
        return None, 0
    found, _, _ = match_headers(declared, rows[0])
    if "row_id" in found:
        return None, 0
    header = list(rows[0])
    while header and is_blank(header[-1]):
        header.pop()
    width = max(len(header), *[_used_width(r) for r in rows[1:]]) if len(rows) > 1 else len(header)
    header += [None] * (width - len(header))
    header = [f"Colonne {pos}" if is_blank(text) else text for pos, text in enumerate(header, start=1)]
    out, count = [], 0
    for raw in rows[1:]:
        raw = list(raw) + [None] * (width - len(raw))
        filled = not all(is_blank(v) for v in raw)
        out.append(raw[:width] + [new_row_id() if filled else None])
        count += filled
    return SheetWrite(declared.sheet, [*map(str, header), ROW_ID_HEADER], out, table=declared), count


def _used_width(row: list[object]) -> int:
    width = len(row)
    while width and is_blank(row[width - 1]):
        width -= 1
    return width
