"""Reading colleagues' copies at the edge (CLI, Excel button), before the pure merge step sees them: their team
tables, their write history, and who saved them last (Excel's core properties, else their `Journal`)."""
from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd

from demarche_xl.problems import UserError
from demarche_xl.schema.registry import ANONYMISED_KEY, META_SHEET, PROJECT_KEY, tracked_tables
from demarche_xl.share.history import History, common_base, read_history
from demarche_xl.lifecycle.upgrade import refuse_if_newer


@dataclass
class CopyData:
    name: str
    tables: dict[str, pd.DataFrame]
    history: History = field(default_factory=History)
    author: str = ""
    when: dt.datetime | None = None
    errors: int = 0  # cells of the copy that do not pass the checks (merged as typed)
    project: str = ""  # the project identity it carries (see `project_of`)
    forced: bool = False  # merged although it does not descend from the master (option --forcer)


def read_copy(path: str | Path, master: Path | None = None) -> CopyData:
    from demarche_xl.store.file_store import FileStore
    from demarche_xl.workbook.reader import WorkbookReader

    path = Path(path)
    if master is not None and path.resolve() == Path(master).resolve():
        raise UserError(f"« {path.name} » est le classeur maître lui-même", "choisissez la copie reçue du collègue")
    store = FileStore(path)
    refuse_if_newer(store)
    refuse_if_anonymised(store)
    reader = WorkbookReader(store)
    tables = {t.key: reader.table(t.key) for t in tracked_tables() if reader.has_sheet(t.sheet)}
    if not tables:
        raise UserError(f"« {path.name} » ne contient aucune feuille de la démarche",
                        "choisissez une copie du classeur de la démarche")
    author, when = saved_by(path)
    log = reader.table("run_log")
    if len(log) and not author:
        last = log.iloc[-1]
        author = str(last["user"] or "")
        when = when or (last["when"] if isinstance(last["when"], dt.datetime) else None)
    if when is None:
        when = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    errors = sum(1 for p in reader.problems if p.is_error)
    return CopyData(path.name, tables, read_history(store), author, when, errors, project_of(store))


def refuse_if_anonymised(store) -> None:
    """A copy made for the académie holds pseudonyms: merging it would only bring them into the master."""
    if META_SHEET in store.sheet_names() and any(
            row and row[0] == ANONYMISED_KEY for row in store.read_rows(META_SHEET)):
        raise UserError(f"« {store.label} » est une copie anonymisée (pour l'académie) : ses pseudonymes "
                        "remplaceraient les noms du classeur maître", "fusionnez la copie de travail du collègue, "
                        "pas la copie anonymisée ; rien n'a été modifié")


def saved_by(path: Path) -> tuple[str, dt.datetime | None]:
    """Who saved the file last and when, as Excel records it in the package's core properties."""
    names = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
             "dcterms": "http://purl.org/dc/terms/"}
    try:
        with zipfile.ZipFile(path) as package:
            root = ElementTree.fromstring(package.read("docProps/core.xml"))
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return "", None
    author = (root.findtext("cp:lastModifiedBy", "", names) or "").strip()
    stamp = (root.findtext("dcterms:modified", "", names) or "").strip()
    try:
        when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().replace(tzinfo=None) if stamp \
            else None
    except ValueError:
        when = None
    return author if author != "openpyxl" else "", when


def project_of(store) -> str:
    """The project identity a workbook carries in its hidden sheet ("" for a workbook made before it existed)."""
    if META_SHEET not in store.sheet_names():
        return ""
    for row in store.read_rows(META_SHEET):
        if row and row[0] == PROJECT_KEY and len(row) > 1 and row[1]:
            return str(row[1])
    return ""


def descends(copy: CopyData, project: str, history: History) -> bool:
    """Whether `copy` is a copy of the master (same project identity, or, where one has none, a shared state)."""
    if project and copy.project:
        return project == copy.project
    return bool(common_base(history, copy.history))


def merge_options(master_store, copies: list[str | Path], master: Path | None = None, force: bool = False) -> dict:
    """The options of step `fusionner` for `copies` merged into the workbook of `master_store`; a copy that does
    not descend from the master (another project, a blank workbook) is refused before anything is written, unless
    `force`."""
    project, history = project_of(master_store), read_history(master_store)
    read = [read_copy(path, master) for path in copies]
    for copy in read:
        if descends(copy, project, history):
            continue
        if not force:
            raise UserError(f"« {copy.name} » n'est pas une copie de « {master_store.label} » : elle vient d'un autre "
                            "projet ou d'un classeur créé à part (aucun état commun) ; la fusionner ajouterait ses "
                            "enseignants et ferait de chaque différence un conflit",
                            "vérifiez que c'est bien la copie envoyée par un collègue à partir de ce classeur ; pour "
                            "la fusionner malgré tout, relancez avec --forcer ; rien n'a été modifié")
        copy.forced = True
    return {"copies": read, "master_history": history}
