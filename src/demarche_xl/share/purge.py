"""`demarche-xl purger`: at the end of the year, remove personal data from the master itself, through the file
store's atomic save (lock check, backup, loss guard), then delete the backups, which still hold the names.

Kept: the aggregates (Préoccupations, Cartographie, Bilan, Prochaines étapes), the kit, the roadmap, groups and
routes under pseudonyms. Removed: raw questionnaire tabs, hidden fingerprint sheets, names, e-mails, phones, free
text answers, Impressions, Planning individuel, cell comments (they may name people) and the document's authors.
"""
from __future__ import annotations

import random
from pathlib import Path

from demarche_xl import french
from demarche_xl.problems import Report
from demarche_xl.share.anonymise import PURGE, anonymise_tables
from demarche_xl.share.privacy_io import home, read_content, scrubbed_bookkeeping, table_writes
from demarche_xl.store import safety
from demarche_xl.store.base import WritePlan
from demarche_xl.store.file_store import FileStore

CONFIRM_WORD = "PURGER"


def confirmation_text(path: Path) -> str:
    return (f"La purge remplace dans « {path.name} » les noms des enseignants et des animateurs par des pseudonymes, "
            "retire courriels, téléphones, réponses libres, impressions, plannings individuels, onglets bruts des "
            "questionnaires et commentaires de cellule. Les chiffres (Préoccupations, Cartographie, Bilan) sont gardés. "
            f"Les sauvegardes du dossier « {safety.BACKUP_DIR} » contiennent encore ces données : elles seront "
            "supprimées après la purge. C'est définitif.")


def purge_workbook(path: Path, rng: random.Random | None = None) -> Report:
    store = FileStore(path)
    content = read_content(store)
    reader = content.reader
    result = anonymise_tables(content.tables, reader.params(), reader.lists(), PURGE, rng or random.SystemRandom())
    meta, figures = scrubbed_bookkeeping(content, result.directory.scrubber)
    plan = WritePlan(writes=[*table_writes(result.tables), home(content, figures)], meta=meta,
                     drop_sheets=[*content.raw_tabs, *content.bookkeeping], forget_people=True)
    store.apply(plan)
    report = result.report
    if plan.drop_sheets:
        report.info(f"feuilles supprimées : {', '.join(plan.drop_sheets)}")
    report.info("commentaires de cellule et auteurs du document retirés")
    deleted = delete_backups(path)
    report.info(f"{french.count(len(deleted), 'sauvegarde supprimée')} dans « {safety.BACKUP_DIR} »"
                + (f" : {', '.join(p.name for p in deleted)}" if deleted else ""))
    if content.team_sheets:
        report.warn(f"feuilles ajoutées par l'équipe non modifiées : {', '.join(content.team_sheets)}",
                    "relisez-les et retirez-en vous-même les données personnelles")
    if content.loose_notes:
        report.warn(f"notes hors tableau (colonnes sans en-tête) non modifiées : {', '.join(content.loose_notes)}",
                    "relisez-les et retirez-en vous-même les données personnelles")
    return report


def delete_backups(path: Path) -> list[Path]:
    """Every backup of this workbook: made before the purge, they still hold personal data."""
    folder = path.parent / safety.BACKUP_DIR
    deleted = sorted(folder.glob(f"{path.stem}_*{path.suffix}")) if folder.is_dir() else []
    for backup in deleted:
        backup.unlink(missing_ok=True)
    return deleted
