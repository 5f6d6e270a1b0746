"""Helpers for the documents' tests and benchmark: the example collège taken through the real steps that exist
(groups, routes) and, for the steps still being written by others (consolidation, review), the rows they would
write, so every document has real content. No test here."""
from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from demarche_xl.example.fill import fill_example
from demarche_xl.example.roster import make_teachers
from demarche_xl.runner import run_step
from demarche_xl.schema.lists import CONCERNS
from demarche_xl.schema.registry import table
from demarche_xl.store.base import SheetWrite, WritePlan
from demarche_xl.store.file_store import FileStore
from demarche_xl.tableio import rows_from_frame
from demarche_xl.workbook.reader import WorkbookReader

TRICKY_NAME = ("Ève & Zoé", "<Test>")  # first name, last name: « Ève & Zoé <Test> »


def write_tables(path: Path, frames: dict[str, pd.DataFrame]) -> None:
    writes = [SheetWrite(table(k).sheet, table(k).headers, rows_from_frame(table(k), f), table=table(k))
              for k, f in frames.items()]
    FileStore(path).apply(WritePlan(writes))


def consolidated(teachers: int, schools: int = 1, seed: int = 1) -> dict[str, pd.DataFrame]:
    """`Réponses`, `Préoccupations` and `Cartographie` as the consolidation would write them for the example."""
    roster, _ = make_teachers(random.Random(seed), teachers, schools)
    answered = [t for t in roster if t.answers]
    answers = pd.DataFrame([{
        "answer_id": f"R{i:04d}", "teacher_id": t.teacher_id, "last_name": t.last_name, "first_name": t.first_name,
        "discipline": t.discipline, "concern_1": t.concerns[0], "concern_2": t.concerns[1],
        "concern_3": t.concerns[2], "comfort_level": t.comfort,
        "comfort": ("Pas à l'aise", "Peu à l'aise", "À l'aise", "Très à l'aise")[t.comfort - 1],
        "willingness": t.willing, "catalyst_volunteer": t.catalyst, "team_volunteer": t.project_team}
        for i, t in enumerate(answered)])
    score: dict[str, float] = {c: 0.0 for c in CONCERNS.values}
    seen: dict[str, int] = {c: 0 for c in CONCERNS.values}
    for t in answered:
        for rank, concern in enumerate(t.concerns):
            score[concern] += 3 - rank
            seen[concern] += 1
    order = sorted(score, key=lambda c: -score[c])
    ranking = pd.DataFrame([{"concern": c, "teachers": seen[c], "share": seen[c] / len(answered),
                             "score": score[c], "disciplines": 3, "rank": i + 1, "retained": i < 3}
                            for i, c in enumerate(order)])
    profile = pd.DataFrame([
        {"category": "Aisance numérique", "label": "À l'aise ou très à l'aise", "count": 20, "share": 0.4,
         "detail": "Des profils variés dans chaque groupe"},
        {"category": "Recommandation", "label": "Ateliers en parallèle", "count": None, "share": None,
         "detail": "Prévoir 2 ateliers par préoccupation retenue"}])
    return {"answers": answers, "concern_ranking": ranking, "profile_map": profile}


def reviewed(participants: list[str]) -> dict[str, pd.DataFrame]:
    """`Satisfaction`, `Bilan`, `Prochaines étapes` and `Référents` as the review steps would write them."""
    satisfaction = pd.DataFrame([{
        "answer_id": f"S{i:03d}", "teacher_id": t, "tab": "S - Google Forms", "interest": 3 + i % 3,
        "continue": i % 4 != 0, "keep": "Les échanges entre collègues" if i % 2 else "Les démonstrations",
        "improve": "Plus de temps pour tester", "need_kind": ("Équipement", "Formation")[i % 2],
        "needs": ("Tablettes supplémentaires", "Prise en main de l'ENT")[i % 2]}
        for i, t in enumerate(participants[:20])])
    review = pd.DataFrame([{"section": "Forces", "indicator": "Dynamique collective", "value": "forte",
                            "reference": "", "comment": "Des groupes continuent à se réunir"}])
    next_steps = pd.DataFrame([
        {"step_id": "N1", "action": "Renouveler les ateliers sur la différenciation", "source": "Satisfaction",
         "owner": "Équipe projet", "due": None, "kept": True},
        {"step_id": "N2", "action": "Action écartée par l'équipe", "source": "Bilan", "owner": None, "due": None,
         "kept": False}])
    leads = pd.DataFrame([{"teacher_id": participants[0], "name": "Référent Un", "concern": "Évaluer autrement",
                           "score": 9.0, "reasons": "moteur", "confirmed": True, "accompanied": "E100; E101"}])
    return {"satisfaction": satisfaction, "review": review, "next_steps": next_steps, "lead_teachers": leads}


def example_with_upstream(folder: Path, teachers: int = 55, seconds: int = 5, schools: int = 1) -> Path:
    """The example collège with groups and routes computed by the real steps and the other steps' rows written."""
    from demarche_xl.steps.groups import GROUPS
    from demarche_xl.steps.routes import ROUTES

    path = folder / "college.xlsx"
    fill_example(FileStore(path, must_exist=False), teachers=teachers, schools=schools)
    roster = WorkbookReader(FileStore(path)).table("teachers").drop(columns="_row")
    first = roster.index[roster["participates"] == True][0]  # noqa: E712
    roster.loc[first, ["first_name", "last_name"]] = TRICKY_NAME
    write_tables(path, {"teachers": roster, **consolidated(teachers, schools)})
    run_step(FileStore(path), GROUPS, {"time_limit": seconds, "restart": True, "without_catalyst": True})
    run_step(FileStore(path), ROUTES, {"time_limit": seconds})
    participants = list(WorkbookReader(FileStore(path)).table("groups")["teacher_id"])
    write_tables(path, reviewed(participants))
    return path
