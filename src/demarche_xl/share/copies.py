"""Reading colleagues' copies at the edge (CLI, Excel button), before the pure merge step sees them: their team
tables, their write history, and who wrote them last (from their `Journal`)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from demarche_xl.problems import UserError
from demarche_xl.schema.registry import tracked_tables
from demarche_xl.share.history import History, read_history
from demarche_xl.share.upgrade import refuse_if_newer


@dataclass
class CopyData:
    name: str
    tables: dict[str, pd.DataFrame]
    history: History = field(default_factory=History)
    author: str = ""
    when: dt.datetime | None = None
    errors: int = 0  # cells of the copy that do not pass the checks (merged as typed)


def read_copy(path: str | Path, master: Path | None = None) -> CopyData:
    from demarche_xl.store.file_store import FileStore
    from demarche_xl.workbook.reader import WorkbookReader

    path = Path(path)
    if master is not None and path.resolve() == Path(master).resolve():
        raise UserError(f"« {path.name} » est le classeur maître lui-même", "choisissez la copie reçue du collègue")
    store = FileStore(path)
    refuse_if_newer(store)
    reader = WorkbookReader(store)
    tables = {t.key: reader.table(t.key) for t in tracked_tables() if reader.has_sheet(t.sheet)}
    if not tables:
        raise UserError(f"« {path.name} » ne contient aucune feuille de la démarche",
                        "choisissez une copie du classeur de la démarche")
    log = reader.table("run_log")
    author, when = "", None
    if len(log):
        last = log.iloc[-1]
        author, when = str(last["user"] or ""), last["when"] if isinstance(last["when"], dt.datetime) else None
    if when is None:
        when = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    errors = sum(1 for p in reader.problems if p.is_error)
    return CopyData(path.name, tables, read_history(store), author, when, errors)


def merge_options(master_store, copies: list[str | Path], master: Path | None = None) -> dict:
    """The options of step `fusionner` for `copies` merged into the workbook of `master_store`."""
    return {"copies": [read_copy(path, master) for path in copies], "master_history": read_history(master_store)}
