"""Step `fusionner`: bring into the master the edits made in colleagues' copies, table by table (see `three_way`),
listing disagreements in `Conflits`. Pure: the copies arrive already read, in `options["copies"]` (see `copies`)."""
from __future__ import annotations

import pandas as pd

from demarche_xl import french
from demarche_xl.problems import Report
from demarche_xl.runner import EXTRAS_FOLLOW_ROWS
from demarche_xl.schema.registry import tracked_tables
from demarche_xl.share.copies import CopyData
from demarche_xl.share.history import History, common_base
from demarche_xl.share.three_way import TableMerge, merge_rows
from demarche_xl.steps.base import StepInput, StepOutput, StepSpec
from demarche_xl.tableio import ROW

CONFLICTS = "conflicts"


def merge(step_input: StepInput) -> StepOutput:
    copies: list[CopyData] = list(step_input.options.get("copies") or [])
    master_history: History = step_input.options.get("master_history") or History()
    report = Report("Fusion des copies")
    tables = {t.key: step_input.tables[t.key] for t in tracked_tables()}
    current = {key: frame.to_dict("records") for key, frame in tables.items()}
    conflict_rows = step_input.tables[CONFLICTS].drop(columns=[ROW]).to_dict("records")
    for copy in copies:
        base = common_base(master_history, copy.history)
        if copy.errors:
            report.warn(f"« {copy.name} » contient {french.count(copy.errors, 'cellule')} qui ne "
                        f"{'passe' if copy.errors < 2 else 'passent'} pas les contrôles : "
                        + ("elle est reprise telle quelle" if copy.errors < 2 else "elles sont reprises telles quelles"),
                        "lancez « demarche-xl verifier » sur ce classeur")
        if copy.forced:
            report.warn(f"« {copy.name} » n'est pas une copie de ce classeur (autre projet ou classeur créé à part) : "
                        "fusionnée quand même à votre demande (--forcer)",
                        "relisez les lignes ajoutées et la feuille « Conflits » ; la sauvegarde d'avant la fusion "
                        "est dans « sauvegardes »")
        elif not base:
            report.warn(f"« {copy.name} » ne partage aucun état enregistré avec ce classeur : chaque différence "
                        "est listée comme conflit", "fusionnez de préférence des copies faites de ce classeur")
        for declared in tracked_tables():
            if declared.key not in copy.tables:
                continue
            outcome = merge_rows(declared, current[declared.key], copy.tables[declared.key].to_dict("records"),
                                 base.get(declared.key, {}))
            current[declared.key] = outcome.rows
            conflict_rows += [row for row in (conflict_record(c, copy, step_input) for c in outcome.conflicts)
                              if not already_listed(row, conflict_rows)]
            line = summary(declared.sheet, outcome)
            if line:
                report.info(f"{copy.name} → {line}")
            for deleted in outcome.deleted:
                report.info(f"  {declared.sheet} : ligne {deleted} supprimée (supprimée dans la copie)")
        master_history = combined(master_history, copy.history)
    changed = {}
    for declared in tracked_tables():
        frame = tables[declared.key]
        merged = pd.DataFrame(current[declared.key], columns=list(frame.columns)).astype(object)
        merged = merged.where(merged.notna(), None)
        merged.attrs[EXTRAS_FOLLOW_ROWS] = True
        if strip_rows(merged) != strip_rows(frame):
            changed[declared.key] = merged
    new_conflicts = len(conflict_rows) - len(step_input.tables[CONFLICTS])
    changed[CONFLICTS] = pd.DataFrame(conflict_rows, columns=[c for c in step_input.tables[CONFLICTS].columns
                                                              if c != ROW])
    report.figures["Conflits à décider"] = new_conflicts
    merged = french.count(len(copies), "copie fusionnée")
    report.info(f"{merged}, {french.count(new_conflicts, 'conflit')} à décider dans la feuille « Conflits »"
                if new_conflicts else f"{merged}, aucun conflit")
    return StepOutput(changed, report, inherited_history=[c.history for c in copies])


def combined(master: History, copy: History) -> History:
    order = [*master.order, *[g for g in copy.order if g not in master.order]]
    return History(order, {**copy.prints, **master.prints})


def summary(sheet: str, outcome: TableMerge) -> str:
    parts = [(outcome.taken, "valeur reprise de la copie"), (len(outcome.conflicts), "conflit"),
             (len(outcome.added), "ligne ajoutée"), (len(outcome.deleted), "ligne supprimée")]
    shown = [french.count(n, label) for n, label in parts if n]
    return f"{sheet} : {', '.join(shown)}" if shown else ""


def conflict_record(conflict, copy: CopyData, step_input: StepInput) -> dict:
    return {"sheet": conflict.sheet, "row_ref": conflict.row_ref, "row": conflict.row, "column": conflict.column,
            "master_value": shown(conflict.master_value), "copy_value": shown(conflict.copy_value),
            "copy_file": copy.name, "copy_author": copy.author, "copy_when": copy.when,
            "merged_on": pd.Timestamp(step_input.today).to_pydatetime(), "decision": None}


def already_listed(row: dict, listed: list[dict]) -> bool:
    """The same disagreement from the same copy is listed once, even when the copy is merged again."""
    same = ("sheet", "row_ref", "column", "copy_file")
    return any(all(str(old.get(k)) == str(row[k]) for k in same) and str(old.get("master_value")) ==
               str(row["master_value"]) and str(old.get("copy_value")) == str(row["copy_value"]) for old in listed)


def shown(value: object) -> object:
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    return value


def strip_rows(frame: pd.DataFrame) -> list[dict]:
    records = frame.drop(columns=[ROW], errors="ignore").to_dict("records")
    return [{k: (None if v is None or v != v else v) for k, v in r.items()} for r in records]


MERGE = StepSpec("fusionner", "Fusionner une copie", reads=(CONFLICTS,),
                 writes=(*[t.key for t in tracked_tables()], CONFLICTS), run=merge, tolerate_input_errors=True,
                 carries_team_edits=True)
