"""Proposals are not decisions: the tool writes its proposal in « Proposition de l'outil », the team decides in
« Retenue » (Préoccupations) and « Confirmé » (Référents). Reruns after new answers or new impressions move the
proposal, say so, and keep exactly what the team typed."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from fixtures.after_workbooks import example_after_workshops, write_table

from demarche_xl.schema.lists import CONCERNS
from demarche_xl.store.base import RAW, SheetWrite, WritePlan
from demarche_xl.store.file_store import FileStore
from demarche_xl.survey.questions import SURVEY
from demarche_xl.workbook.reader import WorkbookReader

LABEL = {q.code: q.label for q in SURVEY}
A, B, C, D, E = CONCERNS.values[:5]


def paper_tab(path: Path, sheet: str, answers: list[tuple[str, str, str]], first: int) -> None:
    """Answers typed from paper in a « Q - » tab: one teacher per row, three concerns in order."""
    header = [LABEL["NOM"], LABEL["PRENOM"], LABEL["DISC"], LABEL["PREO1"], LABEL["PREO2"], LABEL["PREO3"]]
    rows = [[f"Nom{first + i}", f"Prénom{first + i}", "Mathématiques", *concerns] for i, concerns in enumerate(answers)]
    FileStore(path).apply(WritePlan([SheetWrite(sheet, header, rows, kind=RAW)]))


def ranking(path: Path) -> dict[str, dict]:
    rows = list(openpyxl.load_workbook(path)["Préoccupations"].iter_rows(values_only=True))
    return {r[0]: dict(zip(rows[0], r)) for r in rows[1:] if r[0]}


def test_new_answers_move_the_proposal_and_keep_the_teams_retained_concerns(new_workbook: Path, cli):
    write_table(new_workbook, "teachers", __import__("pandas").DataFrame(
        [{"teacher_id": f"E{i:03d}", "last_name": f"Nom{i}", "first_name": f"Prénom{i}",
          "discipline": "Mathématiques"} for i in range(1, 41)]))
    paper_tab(new_workbook, "Q - Papier", [(A, B, C)] * 6 + [(B, C, A)] * 4 + [(D, A, B)] * 2, first=1)
    code, out = cli("consolider", new_workbook)
    assert code == 0, out
    first = ranking(new_workbook)
    assert [c for c, r in first.items() if r["Proposition de l'outil"] == "Oui"] == [A, B, C]
    assert all(r["Retenue"] is None for r in first.values())  # the team has not decided: nothing in its column
    assert "proposition de l'outil :" in " ".join(out.split())
    wb = openpyxl.load_workbook(new_workbook)
    ws = wb["Préoccupations"]
    decided = {A: "Oui", B: "Oui", C: "Non", D: "Oui"}  # the team keeps D, drops C
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, 1).value in decided:
            ws.cell(row, 8).value = decided[ws.cell(row, 1).value]
    wb.save(new_workbook)
    assert cli("consolider", new_workbook)[0] == 0  # a rerun with the same answers changes nothing
    assert {c: r["Retenue"] for c, r in ranking(new_workbook).items() if r["Retenue"]} == decided
    paper_tab(new_workbook, "Q - Papier 2", [(E, D, A)] * 12, first=13)  # 12 more answers: E and D rise
    code, out = cli("consolider", new_workbook)
    flat = " ".join(out.split())
    assert code == 0, out
    again = ranking(new_workbook)
    proposal = [c for c, r in again.items() if r["Proposition de l'outil"] == "Oui"]
    assert proposal == [A, E, D], proposal
    assert {c: r["Retenue"] for c, r in again.items() if r["Retenue"]} == decided  # exactly what the team typed
    assert "les nouvelles réponses changent la proposition de l'outil" in flat
    assert f"{E} et {D} entrent" in flat and f"{B} et {C} sortent" in flat
    assert "l'équipe peut revoir son choix" in flat
    assert f"préoccupations retenues par l'équipe (colonne « Retenue ») : {A}, {D} et {B}" in flat  # by rank
    groups_read = WorkbookReader(FileStore(new_workbook)).table("concern_ranking")
    assert sorted(groups_read.loc[groups_read["retained"] == True, "concern"]) == sorted([A, B, D])  # noqa: E712


def test_new_impressions_move_the_proposed_lead_teachers_and_keep_confirme(tmp_path: Path, cli):
    path = example_after_workshops(tmp_path)
    assert cli("referents", path)[0] == 0
    reader = WorkbookReader(FileStore(path))
    leads = reader.table("lead_teachers")
    assert (leads["proposed"] == True).all() and leads["confirmed"].isna().all()  # noqa: E712
    kept, dropped, fading = list(leads["teacher_id"][:3])
    wb = openpyxl.load_workbook(path)
    ws = wb["Référents"]
    column = [c.value for c in ws[1]].index("Confirmé") + 1
    for row in range(2, ws.max_row + 1):
        ws.cell(row, column).value = {kept: "Oui", dropped: "Non"}.get(ws.cell(row, 1).value)
    wb.save(path)
    impressions = WorkbookReader(FileStore(path)).table("impressions").drop(columns="_row")
    newcomer = next(t for t in impressions["teacher_id"] if t not in set(leads["teacher_id"]))
    rising = impressions["teacher_id"] == newcomer
    impressions.loc[rising, ["motivation", "practice_ideas", "wants_to_help", "observation"]] = \
        [5, "Un quiz de révision en 4e", True, "Très bienveillant, entraîne le groupe"]
    impressions.loc[impressions["teacher_id"] == fading, "practice_ideas"] = None  # no idea any more
    write_table(path, "impressions", impressions)
    code, out = cli("referents", path)
    flat = " ".join(out.split())
    assert code == 0, out
    after = WorkbookReader(FileStore(path)).table("lead_teachers").set_index("teacher_id")
    assert after.loc[kept, "confirmed"] is True and after.loc[dropped, "confirmed"] is False
    assert after["confirmed"].drop([kept, dropped]).isna().all()  # nothing typed for the team
    assert after.loc[newcomer, "proposed"] is True and fading not in after.index
    assert "les nouvelles données changent la proposition de l'outil" in flat
    assert "plus proposé" in flat and ("proposé désormais" in flat or "proposés désormais" in flat)
    assert "la colonne « Confirmé » de l'équipe est gardée telle quelle" in flat
