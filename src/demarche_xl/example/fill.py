"""Filling a workbook with the example collège (`demarche-xl exemple`), optionally with deliberate input errors,
and the demo's first step."""
from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pandas as pd

from demarche_xl.example import after, event, exports
from demarche_xl.example.roster import Teacher, make_teachers
from demarche_xl.problems import Report, UserError
from demarche_xl.schema.registry import table
from demarche_xl.share import history
from demarche_xl.share.ids import fill_row_ids
from demarche_xl.store.base import RAW, SheetWrite, Store
from demarche_xl.tableio import rows_from_frame
from demarche_xl.workbook.create import creation_plan, default_parameters
from demarche_xl.workbook.reader import WorkbookReader


def build_example(teachers: int = 55, schools: int = 1, seed: int = 1
                  ) -> tuple[dict[str, pd.DataFrame], dict[str, list[list[object]]]]:
    """Pure: the example's input tables (by table key) and raw questionnaire tabs (by sheet name)."""
    rng = random.Random(seed)
    roster, _ = make_teachers(rng, teachers, schools)
    participants = [t for t in roster if t.participates]
    retained = ranked_concerns(roster)[:3]
    facilitators, workshops = event.facilitators_and_workshops(rng, retained, schools)
    tables = {
        "parameters": parameters(schools, roster),
        "teachers": teacher_table(roster),
        "facilitators": facilitators,
        "workshops": workshops,
        "slots": event.slots(),
        "constraints": event.constraints(rng, participants),
        "free_choices": event.free_choices(rng, participants, workshops),
        "impressions": after.impressions(rng, participants),
        "practices": after.practices(rng, participants),
        **after.kit_tables(),
    }
    raw = exports.survey_tabs(roster, rng)
    raw["S - Google Forms"] = exports.satisfaction_tab(roster, rng)
    return tables, raw


def ranked_concerns(roster: list[Teacher]) -> list[str]:
    score: Counter = Counter()
    for teacher in roster:
        if teacher.answers:
            for rank, concern in enumerate(teacher.concerns):
                score[concern] += 3 - rank
    return [c for c, _ in score.most_common()]


def teacher_table(roster: list[Teacher]) -> pd.DataFrame:
    return pd.DataFrame([{
        "teacher_id": t.teacher_id, "last_name": t.last_name, "first_name": t.first_name, "email": t.email,
        "discipline": t.discipline, "school": t.school, "catalyst": t.catalyst, "project_team": t.project_team,
        "participates": t.participates, "comfort": None, "comment": None} for t in roster])


def parameters(schools: int, roster: list[Teacher]) -> pd.DataFrame:
    frame = default_parameters()
    pooled = schools > 1
    values = {
        "Établissement": f"Événement mutualisé de {schools} collèges" if pooled else roster[0].school,
        "UAI": "" if pooled else "0759999X", "Académie": "Académie d'exemple",
        "Contact de l'équipe projet": "Mme Principale — ce.0759999x@ac-exemple.fr",
    }
    frame["value"] = [values.get(label, value) for label, value in zip(frame["label"], frame["value"])]
    return frame


def fill_example(store: Store, teachers: int = 55, schools: int = 1, seed: int = 1, with_errors: bool = False
                 ) -> Report:
    refuse_if_filled(store)
    tables, raw = build_example(teachers, schools, seed)
    school = tables["parameters"]["value"].iloc[0]
    plan, report = creation_plan(store.sheet_names(), school=str(school))
    report.lines.clear()
    plan.writes = [w for w in plan.writes if w.sheet not in {table(k).sheet for k in tables}]
    tables = {key: fill_row_ids(table(key), frame) for key, frame in tables.items()}
    for key, frame in tables.items():
        declared = table(key)
        plan.writes.append(SheetWrite(declared.sheet, declared.headers, rows_from_frame(declared, frame),
                                      table=declared))
    for sheet, rows in raw.items():
        plan.writes.append(SheetWrite(sheet, rows[0], rows[1:], kind=RAW))
    if with_errors:
        from demarche_xl.example.mistakes import plant_mistakes

        report.lines.extend(plant_mistakes(plan))
    history.record(plan, store, tables, WorkbookReader(store).table)
    from demarche_xl.progress import refresh_home

    settings = dict(zip(tables["parameters"]["label"], tables["parameters"]["value"]))
    refresh_home(plan, WorkbookReader(store), str(school), str(settings.get("Année scolaire") or ""))
    store.apply(plan)
    n = len(tables["teachers"])
    report.title = "Collège d'exemple"
    report.info(f"{n} enseignants" + (f" dans {schools} collèges" if schools > 1 else "")
                + f", {int(tables['teachers']['catalyst'].sum())} catalyseurs, "
                f"{sum(len(r) - 1 for s, r in raw.items() if s.startswith('Q - '))} lignes de réponses brutes "
                f"dans {sum(1 for s in raw if s.startswith('Q - '))} onglets")
    return report


def refuse_if_filled(store: Store) -> None:
    """The example replaces the input sheets: never on a workbook where the team already typed something."""
    reader = WorkbookReader(store)
    filled = [table(k).sheet for k in ("teachers", "workshops", "facilitators", "impressions", "practices")
              if reader.has_sheet(table(k).sheet) and len(reader.table(k))]
    if filled:
        raise UserError(f"« {store.label} » contient déjà des données ({', '.join(filled)}) que l'exemple remplacerait",
                        "donnez un nouveau nom de fichier pour l'exemple ; rien n'a été modifié")


def demo_step(workbook: Path, folder: Path, context: dict) -> Report:
    from demarche_xl.store.file_store import FileStore

    return fill_example(FileStore(workbook, must_exist=False), schools=context.get("schools", 1))
