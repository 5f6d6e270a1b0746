"""Lead teachers (référents) on the example collège from the CLI: scores recomputed here from `Impressions`,
reasons criterion by criterion, how many and whom they accompany, the team's confirmations kept on reruns, and a
French message when `Impressions` is empty."""
from __future__ import annotations

import math
import re
import unicodedata

import openpyxl
import pytest
from fixtures.after_workbooks import example_after_workshops, read_table

KIND_WORDS = ("bienveill", "aide", "entraine", "moteur")


def fold(text: object) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", str(text or "")) if not unicodedata.combining(c)).lower()


def sheet_records(path, sheet: str) -> list[dict]:
    ws = openpyxl.load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:] if any(v is not None for v in r)]


def expected_score(path, teacher_id: str) -> int:
    """The method's criteria, recomputed from the raw cells of Impressions and Enseignants."""
    rows = [r for r in sheet_records(path, "Impressions") if r["ID enseignant"] == teacher_id]
    motivation = max((r["Motivation pour la suite (1-5)"] or 0 for r in rows), default=0)
    points = max(0, motivation - 2)
    points += 2 if any(r["Idées de mise en pratique"] for r in rows) else 0
    points += 2 if any(w in fold(r["Observation de l'équipe projet"]) for r in rows for w in KIND_WORDS) else 0
    points += 2 if any(r["Souhaite aider ses collègues"] == "Oui" for r in rows) else 0
    teacher = next(r for r in sheet_records(path, "Enseignants") if r["ID"] == teacher_id)
    points += 1 if teacher["Catalyseur"] == "Oui" else 0
    points += 1 if any(w in fold(r["Retour sur le groupe"]) for r in rows for w in ("dynamique", "entente")) else 0
    return points


@pytest.fixture(scope="module")
def proposed(tmp_path_factory):
    path = example_after_workshops(tmp_path_factory.mktemp("referents"))
    from demarche_xl.runner import run_step
    from demarche_xl.steps.lead_teachers import LEAD_TEACHERS
    from demarche_xl.store.file_store import FileStore

    report = run_step(FileStore(path), LEAD_TEACHERS)
    return path, report


def test_cli_fills_referents_with_scores_recomputed_from_impressions(tmp_path, cli):
    path = example_after_workshops(tmp_path)
    code, out = cli("referents", path)
    assert code == 0, out
    assert re.search(r"\d+ référents? \(\d+ confirmés? par l'équipe", out), out
    leads = sheet_records(path, "Référents")
    assert leads
    for lead in leads:
        assert lead["Score"] == expected_score(path, lead["ID enseignant"]), lead
        reasons = lead["Raisons"].split(" ; ")
        assert len(reasons) == 6 and all(r.rsplit(" : ", 1)[1] in ("0", "+1", "+2", "+3") for r in reasons)
        assert sum(int(r.rsplit(" : ", 1)[1]) for r in reasons) == lead["Score"]
        assert lead["Confirmé"] is None  # the team's column: empty until the team decides
        assert lead["Proposition de l'outil"] == "Oui"
    assert leads[0]["Nom"] and leads[0]["Préoccupation"]


def test_how_many_and_whom_they_accompany(proposed):
    proposed, report = proposed
    leads = read_table(proposed, "lead_teachers")
    impressions = read_table(proposed, "impressions")
    groups = read_table(proposed, "groups")
    engaged = set(impressions["teacher_id"])
    assert len(leads) >= math.floor(len(engaged) / 6)
    concern_of = dict(zip(groups["teacher_id"], groups["concern"]))
    with_ideas = {concern_of[t] for t in impressions.loc[impressions["practice_ideas"].notna(), "teacher_id"]}
    uncovered = {c for c in with_ideas if any(c in p.message and "aucun enseignant" in p.message
                                              for p in report.warnings)}
    assert uncovered < with_ideas and with_ideas - uncovered <= set(leads["concern"])  # one per concern at least
    group_of = dict(zip(groups["teacher_id"], groups["group_id"]))
    ideas = set(impressions.loc[impressions["practice_ideas"].notna(), "teacher_id"])
    seen: list[str] = []
    for lead, text in zip(leads["teacher_id"], leads["accompanied"]):
        members = [part.split(" ")[0] for part in (text or "").split(" ; ") if part]
        assert len(members) <= 5
        assert lead not in members and set(members) <= engaged
        assert all(group_of[m] == group_of.get(lead) or concern_of[m] == concern_of.get(lead)
                   or {m, lead} <= ideas for m in members)  # something in common
        seen += members
    assert len(seen) == len(set(seen))  # nobody accompanied twice
    assert not set(seen) & set(leads["teacher_id"])


def test_confirmations_survive_a_rerun_even_when_the_score_drops(proposed, cli):
    proposed = proposed[0]
    wb = openpyxl.load_workbook(proposed)
    ws = wb["Référents"]
    kept, dropped = ws.cell(2, 1).value, ws.cell(3, 1).value
    assert ws.cell(1, 7).value == "Confirmé"
    ws.cell(2, 7).value, ws.cell(3, 7).value = "Oui", "Non"
    impressions = wb["Impressions"]
    for row in range(2, impressions.max_row + 1):
        if impressions.cell(row, 1).value == kept:  # the team lowers what it noted: the score drops
            for column in (4, 7, 9, 10):
                impressions.cell(row, column).value = 1 if column == 4 else None
    wb.save(proposed)
    code, out = cli("referents", proposed)
    assert code == 0, out
    leads = read_table(proposed, "lead_teachers").set_index("teacher_id")
    assert leads.loc[kept, "confirmed"] is True and leads.loc[kept, "score"] <= 2
    assert leads.loc[kept, "reasons"].startswith("motivation 1/5 : +0")
    assert leads.loc[dropped, "confirmed"] is False and leads.loc[dropped, "accompanied"] is None
    code, out = cli("referents", proposed)
    again = read_table(proposed, "lead_teachers").set_index("teacher_id")
    assert again.loc[kept, "confirmed"] is True and again.loc[dropped, "confirmed"] is False


def test_empty_impressions_is_explained_in_french(new_workbook, cli):
    code, out = cli("referents", new_workbook)
    assert code == 1
    assert "feuille « Impressions » : aucune ligne remplie" in " ".join(out.split()) and "remplissez" in out


def test_a_lead_teacher_the_team_adds_by_hand_is_kept(proposed, cli):
    path = proposed[0]
    wb = openpyxl.load_workbook(path)
    ws = wb["Référents"]
    leads = {ws.cell(r, 1).value for r in range(2, ws.max_row + 1)}
    chosen = next(r["ID"] for r in sheet_records(path, "Enseignants") if r["ID"] not in leads)
    ws.append([chosen, None, None, None, None, None, "Oui", None])
    wb.save(path)
    assert cli("referents", path)[0] == 0
    row = read_table(path, "lead_teachers").set_index("teacher_id").loc[chosen]
    assert row["confirmed"] is True and row["name"] and row["reasons"]
