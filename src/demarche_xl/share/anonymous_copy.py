"""`demarche-xl anonymiser`: a NEW workbook for the académie, built from the master's tables without personal data
(the master is only read). Built from scratch, the copy holds no raw questionnaire tab, no cell comment, no
fingerprint or other hidden sheet of the master, and no author in its document properties."""
from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

from demarche_xl import french
from demarche_xl.problems import Report, UserError
from demarche_xl.schema.registry import ANONYMISED_KEY, HOME_SHEET, TOOL_SHEET
from demarche_xl.share.anonymise import COPY, anonymise_tables
from demarche_xl.share.privacy_io import home, read_content, scrubbed_bookkeeping, table_writes
from demarche_xl.store import safety
from demarche_xl.store.file_store import FileStore
from demarche_xl.workbook.create import creation_plan


def make_copy(master: Path, target: Path, replace: bool = False, rng: random.Random | None = None) -> Report:
    if target.suffix.lower() != ".xlsx":
        raise UserError(f"« {target.name} » n'est pas un nom de classeur .xlsx", "donnez un nom se terminant par .xlsx")
    if target.resolve() == master.resolve():
        raise UserError("la copie anonymisée ne peut pas remplacer le classeur maître",
                        "donnez un autre nom de fichier pour la copie ; rien n'a été modifié")
    if target.exists() and not replace:
        raise UserError(f"« {target} » existe déjà", "choisissez un autre nom, ou ajoutez --remplacer pour l'écraser")
    from demarche_xl.lite import door

    lite = door.taken_from(master)  # the xlwings Lite buttons: the copy keeps working from Excel
    content = read_content(FileStore(master))
    reader = content.reader
    result = anonymise_tables(content.tables, reader.params(), reader.lists(), COPY, rng or random.SystemRandom())
    meta, figures = scrubbed_bookkeeping(content, result.directory.scrubber)
    plan, _ = creation_plan([])
    written = table_writes(result.tables)
    sheets = {w.sheet for w in written} | {HOME_SHEET}
    plan.writes = [w for w in plan.writes if w.sheet not in sheets] + [home(content, figures)] + written
    plan.meta.update(meta)
    plan.meta[ANONYMISED_KEY] = dt.datetime.now().strftime("%d/%m/%Y %H:%M")
    if lite is not None:
        plan.hidden_sheets[TOOL_SHEET] = lite.rows
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        safety.refuse_if_open(target)
    building = target.with_name(f".{target.stem}.en-cours{target.suffix}")
    building.unlink(missing_ok=True)
    try:
        FileStore(building, must_exist=False).apply(plan)
        if lite is not None:
            door.put(building, lite)
        os.replace(building, target)
    finally:
        building.unlink(missing_ok=True)
    report = result.report
    left_out = [*content.raw_tabs, *content.team_sheets, *content.bookkeeping]
    if content.raw_tabs:
        report.info(f"onglets bruts des questionnaires non copiés (noms et courriels) : {', '.join(content.raw_tabs)}")
    if content.team_sheets:
        report.warn(f"feuilles ajoutées par l'équipe non copiées (contenu inconnu) : {', '.join(content.team_sheets)}",
                    "si l'académie en a besoin, recopiez-les à la main après les avoir relues")
    if content.loose_notes:
        report.info(f"notes hors tableau (colonnes sans en-tête) non copiées : {', '.join(content.loose_notes)}")
    if content.bookkeeping:
        report.info(f"feuilles techniques masquées non copiées : {', '.join(content.bookkeeping)}")
    report.info(f"ni commentaires de cellule ni auteur dans les propriétés du document ; "
                f"{french.count(len(left_out), 'feuille laissée')} de côté ; le classeur maître n'a pas été modifié")
    if lite is not None:
        report.info("boutons xlwings Lite gardés : la copie se travaille aussi depuis Excel, sans rien installer")
    report.info(f"copie écrite : {target}")
    return report
