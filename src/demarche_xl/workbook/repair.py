"""`verifier --reparer`: give each method sheet the team renamed its name back (recognised by its headers, with the
references Excel had updated) and recreate empty the method sheets that were deleted; nothing else is touched, the
file is backed up first and `Journal` says what was done."""
from __future__ import annotations

from types import SimpleNamespace

from demarche_xl.french import count, join
from demarche_xl.problems import Report
from demarche_xl.schema.registry import ALL_TABLES
from demarche_xl.store.base import Store
from demarche_xl.workbook.reader import WorkbookReader, renamed_sheet

REPAIR = SimpleNamespace(name="verifier --reparer")  # how `Journal` names the repair


def repair(store: Store) -> Report:
    from demarche_xl.lifecycle.session import writing

    with writing(store, "Réparer le classeur"):  # one writer at a time, like every step
        return _repair(store)


def _repair(store: Store) -> Report:
    from demarche_xl.runner import home_write, journal_write, stored_figures
    from demarche_xl.workbook.create import creation_plan

    reader = WorkbookReader(store)
    names = store.sheet_names()
    renames: dict[str, str] = {}
    for declared in ALL_TABLES:
        if declared.sheet not in names:
            other = renamed_sheet(declared, [n for n in names if n not in renames], reader.rows)
            if other is not None:
                renames[other] = declared.sheet
    plan, _ = creation_plan([*names, *renames.values()])  # the absent sheets, empty (and `Accueil` if absent)
    plan.meta = {}  # the workbook's version and dates stay as they are
    created = [w.sheet for w in plan.writes if w.table is not None]
    report = Report("Réparation du classeur")
    if not renames and not created:
        report.info("rien à réparer : toutes les feuilles de la démarche sont là, sous leur nom")
        return report
    plan.renames = renames
    lines = [f"« {old} » renommée « {new} »" for old, new in renames.items()]
    if created:
        lines.append(f"{count(len(created), 'feuille recréée vide', 'feuilles recréées vides')} : "
                     f"{join([f'« {s} »' for s in created])}")
    if "Journal" not in renames.values():  # a renamed Journal comes back as it is, without this line
        plan.writes.append(journal_write(reader, REPAIR, "réparation : " + " ; ".join(lines)))
    plan.writes = [w for w in plan.writes if w.sheet != "Accueil"]
    plan.writes.append(home_write(reader, stored_figures(reader), plan=plan))
    store.apply(plan)
    report.lines += [*lines, "l'ancienne version est gardée dans « sauvegardes »"]
    return report
