"""Temps 1 analysis on hand-built answers: exact ranking figures, the team's retained choice kept on reruns,
profile views and recommendation numbers recomputed here."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from demarche_xl.schema.lists import ALL_LISTS
from demarche_xl.schema.tables_temps1 import CONCERN_RANKING, PROFILE_MAP
from demarche_xl.survey.analysis import analyse

LISTS = {item.key: list(item.values) for item in ALL_LISTS}
DIFF, ORAL, AUTO, EVAL = ("Différencier les apprentissages", "Favoriser la participation orale",
                          "Développer l'autonomie des élèves", "Évaluer autrement")
YES1, YES2, MAYBE, NO = LISTS["willingness"]
PARAMS = {"retained_concerns": 3, "group_max": 2, "sessions_per_group": 3}


def answer(answer_id, teacher_id, discipline, concerns, level, willing, volunteer=False, first="", last=""):
    c = [*concerns, None, None, None][:3]
    return {"answer_id": answer_id, "teacher_id": teacher_id, "first_name": first, "last_name": last,
            "discipline": discipline, "concern_1": c[0], "concern_2": c[1], "concern_3": c[2],
            "comfort": LISTS["comfort"][level - 1] if level else None, "comfort_level": level,
            "willingness": willing, "catalyst_volunteer": volunteer, "team_volunteer": False}


ANSWERS = pd.DataFrame([
    answer("R1", "E1", "Mathématiques", [DIFF, ORAL, AUTO], 4, YES1, True, "Ada", "Martin"),
    answer("R2", "E2", "Mathématiques", [ORAL, DIFF], 3, YES2),
    answer("R3", "E3", "Français", ["différencier  les apprentissages", EVAL], 1, YES1),  # spelt differently
    answer("R4", None, "Anglais", [DIFF, "Parler aux parents"], 2, MAYBE, True, "Léo", "Roy"),
    answer("R5", "E5", "Français", [EVAL], None, NO),
    answer("R6", "E6", "Anglais", [ORAL], 3, None),
])
TEACHERS = pd.DataFrame([
    {"teacher_id": f"E{i}", "discipline": d, "catalyst": i == 2, "participates": None, "school": ""}
    for i, d in enumerate(["Mathématiques", "Mathématiques", "Français", "Anglais", "Français", "Anglais",
                           "Technologie", "Technologie"], start=1)])
NO_PREVIOUS = pd.DataFrame(columns=CONCERN_RANKING.keys)


def ranking_row(result, concern):
    frame = result.ranking.set_index("concern")
    return frame.loc[concern].to_dict()


def test_ranking_counts_scores_disciplines_and_ranks():
    result = analyse(ANSWERS, TEACHERS, NO_PREVIOUS, LISTS, PARAMS)
    assert list(result.ranking.columns) == CONCERN_RANKING.keys
    # DIFF: R1 1st (3), R2 2nd (2), R3 1st (3), R4 1st (3) = 11; disciplines Maths, Français, Anglais
    assert ranking_row(result, DIFF) | {"retained": None} == {
        "teachers": 4, "share": round(4 / 6, 4), "score": 11.0, "disciplines": 3, "rank": 1, "retained": None}
    # ORAL: R1 2nd (2), R2 1st (3), R6 1st (3) = 8; Maths, Anglais
    assert (ranking_row(result, ORAL)["score"], ranking_row(result, ORAL)["disciplines"]) == (8.0, 2)
    # EVAL: R3 2nd (2), R5 1st (3) = 5 ; AUTO: R1 3rd = 1 ; « Parler aux parents »: R4 2nd = 2
    assert ranking_row(result, EVAL)["score"] == 5.0 and ranking_row(result, EVAL)["teachers"] == 2
    assert ranking_row(result, "Parler aux parents")["score"] == 2.0
    assert ranking_row(result, AUTO)["score"] == 1.0
    assert list(result.ranking["concern"][:5]) == [DIFF, ORAL, EVAL, "Parler aux parents", AUTO]
    assert list(result.ranking["rank"]) == list(range(1, len(LISTS["concerns"]) + 2))  # every listed one + other
    assert set(LISTS["concerns"]) < set(result.ranking["concern"])
    assert ranking_row(result, LISTS["concerns"][-1])["teachers"] == 0
    # the top 3 are proposed
    assert [c for c, r in zip(result.ranking["concern"], result.ranking["retained"]) if r] == [DIFF, ORAL, EVAL]
    assert result.report.figures["Répondants au questionnaire"] == 6
    assert result.report.figures["Préoccupations retenues"] == f"{DIFF}, {ORAL}, {EVAL}"


def test_team_choice_is_kept_on_rerun_and_retained_count_is_a_setting():
    previous = pd.DataFrame([{"concern": DIFF, "retained": False}, {"concern": AUTO, "retained": True},
                             {"concern": "Parler aux parents", "retained": "Oui"}])
    result = analyse(ANSWERS, TEACHERS, previous, LISTS, PARAMS)
    chosen = [c for c, r in zip(result.ranking["concern"], result.ranking["retained"]) if r is True]
    assert chosen == ["Parler aux parents", AUTO]
    assert all(r is False for c, r in zip(result.ranking["concern"], result.ranking["retained"]) if c not in chosen)
    assert any("choix de l'équipe" in line for line in result.report.lines)
    empty_previous = pd.DataFrame([{"concern": DIFF, "retained": None}])
    four = analyse(ANSWERS, TEACHERS, empty_previous, LISTS, {**PARAMS, "retained_concerns": 4})
    assert sum(r is True for r in four.ranking["retained"]) == 4


def test_no_answers_proposes_nothing_and_does_not_fail():
    empty = pd.DataFrame(columns=list(ANSWERS.columns))
    result = analyse(empty, TEACHERS, NO_PREVIOUS, LISTS, PARAMS)
    assert (result.ranking["teachers"] == 0).all() and result.ranking["retained"].isna().all()
    assert list(result.profile_map.columns) == PROFILE_MAP.keys
    nothing = analyse(None, None, None, LISTS, {})  # tables absent from the workbook
    assert len(nothing.ranking) == len(LISTS["concerns"]) and nothing.report.figures["Répondants au questionnaire"] == 0


def view(result, category):
    frame = result.profile_map[result.profile_map["category"] == category]
    return {label: (count, share, detail) for label, count, share, detail in
            zip(frame["label"], frame["count"], frame["share"], frame["detail"])}


def test_profile_views():
    result = analyse(ANSWERS, TEACHERS, NO_PREVIOUS, LISTS, PARAMS)
    disciplines = view(result, "Discipline")
    assert {k: v[0] for k, v in disciplines.items()} == {"Mathématiques": 2, "Français": 2, "Anglais": 2}
    assert "2 enseignants de cette discipline" in disciplines["Anglais"][2]
    comfort = view(result, "Aisance numérique")
    assert [comfort[label][0] for label in LISTS["comfort"]] == [1, 1, 2, 1]
    assert comfort["Sans réponse"][0] == 1 and comfort["À l'aise"][1] == round(2 / 6, 4)
    willing = view(result, "Envie de participer")
    assert [willing[label][0] for label in LISTS["willingness"]] == [2, 1, 1, 1]
    assert willing["Sans réponse"][0] == 1
    cross = view(result, "Discipline × aisance")
    assert cross["Mathématiques — Très à l'aise"][:2] == (1, 0.5)
    assert cross["Anglais — Peu à l'aise"][0] == 1
    profiles = view(result, "Profil")
    # Pionniers: R1 (4, oui), R2 (3, oui); Volontaires: R3 (1, oui); Prudents: R4; Éloignés: R5 (non), R6 (none)
    assert {k: v[0] for k, v in profiles.items()} == {"Pionniers": 2, "Volontaires": 1, "Prudents": 1,
                                                      "Éloignés": 2, "Non-répondants": 3}  # E4, E7, E8
    assert profiles["Non-répondants"][1] == round(3 / 8, 4)
    assert all(v[2].startswith("Règle : ") for v in profiles.values())
    catalysts = view(result, "Catalyseurs par préoccupation")
    # catalysts: R1 volunteer (DIFF, ORAL, AUTO), R2 roster catalyst E2 (ORAL, DIFF), R4 volunteer (DIFF, other)
    assert {k: v[0] for k, v in catalysts.items()} == {DIFF: 3, ORAL: 2, EVAL: 0}
    assert "Ada Martin" in catalysts[DIFF][2] and "Léo Roy" in catalysts[DIFF][2]
    assert "Établissement" not in set(result.profile_map["category"])  # one school only


def test_pooled_event_shows_response_rate_per_school():
    teachers = TEACHERS.assign(school=["Collège A"] * 4 + ["Collège B"] * 4)
    teachers = teachers.assign(catalyst=[False] * 6 + [True, False])  # E7 catalyst, no answer
    result = analyse(ANSWERS, teachers, NO_PREVIOUS, LISTS, PARAMS)
    schools = view(result, "Établissement")
    # linked answers: E1, E2, E3 (A; R4 is not linked) and E5, E6 (B)
    assert {k: v[:2] for k, v in schools.items()} == {"Collège A": (3, 0.75), "Collège B": (2, 0.5)}
    assert "1 catalyseur de la feuille Enseignants sans réponse" in view(
        result, "Catalyseurs par préoccupation")[DIFF][2]


def test_recommendations_numbers():
    result = analyse(ANSWERS, TEACHERS, NO_PREVIOUS, LISTS, PARAMS)
    advice = view(result, "Recommandation")
    assert advice["Participation au questionnaire"][:2] == (6, 0.75)  # 6 answers / 8 teachers
    assert "75 %" in advice["Participation au questionnaire"][2]
    assert result.report.figures["Taux de réponse au questionnaire"] == "75 %"
    assert "3 participants aux ateliers : 2 groupes de 2 au plus, 3 catalyseurs" in " ".join(result.report.lines)
    willing = 3  # R1, R2, R3 said « Oui … »; nobody is marked « Participe aux ateliers »
    assert advice["Enseignants participant aux ateliers"][0] == willing
    groups = math.ceil(willing / PARAMS["group_max"])
    assert advice["Groupes à former"][0] == groups and f"prévoir {groups} groupes" in advice["Groupes à former"][2]
    # available: roster catalyst E2 + volunteers R1 (E1) and R4 (unlinked) = 3
    assert advice["Catalyseurs nécessaires / disponibles"][0] == 3
    assert f"{groups} catalyseurs nécessaires" in advice["Catalyseurs nécessaires / disponibles"][2]
    diff = advice[f"Ateliers : {DIFF}"]
    assert diff[0] == 4 and "dont 3 en 1er choix : 2 groupes de 2 au plus, soit 6 séances" in diff[2]
    eval_ = advice[f"Ateliers : {EVAL}"]
    assert "1 groupe de 2 au plus, soit 3 séances" in eval_[2]
    attention = view(result, "Recommandation — point d'attention")
    assert f"Préoccupation peu partagée : {EVAL}" in attention  # cited by 2 teachers only
    assert f"Pas de catalyseur : {EVAL}" in attention
    assert "Discipline sans réponse : Technologie" in attention
    assert "Catalyseurs insuffisants" not in attention
    assert any("Technologie" in p.message for p in result.report.warnings)


def test_roster_participants_and_too_few_catalysts():
    teachers = TEACHERS.assign(participates=[True] * 7 + [False], catalyst=False)
    answers = ANSWERS.assign(catalyst_volunteer=False)
    result = analyse(answers, teachers, NO_PREVIOUS, LISTS, {**PARAMS, "group_max": 6})
    advice = view(result, "Recommandation")
    assert advice["Enseignants participant aux ateliers"][0] == 7
    assert advice["Groupes à former"][0] == 2
    attention = view(result, "Recommandation — point d'attention")
    assert attention["Catalyseurs insuffisants"][0] == 0
    assert "identifiez 2 catalyseurs de plus" in attention["Catalyseurs insuffisants"][2]


@pytest.mark.parametrize("rate, warned", [(2, True), (6, False)])
def test_low_participation_is_a_point_of_attention(rate, warned):
    result = analyse(ANSWERS.head(rate), TEACHERS, NO_PREVIOUS, LISTS, PARAMS)
    assert ("Participation faible" in view(result, "Recommandation — point d'attention")) is warned


def test_word_synthesis_takes_the_recommendations_and_the_views():
    import datetime as dt

    from demarche_xl.documents.context_synthesis import FILE, synthesis_contexts

    result = analyse(ANSWERS, TEACHERS, NO_PREVIOUS, LISTS, PARAMS)
    tables = {"answers": ANSWERS, "teachers": TEACHERS, "concern_ranking": result.ranking,
              "profile_map": result.profile_map}
    context = synthesis_contexts(tables, {"school": "Collège Test"}, dt.date(2026, 10, 1)).files[FILE]
    advice = result.profile_map["category"].str.contains("Recommandation")
    assert len(context["recommandations"]) == int(advice.sum())
    assert context["recommandations"][0].startswith("Participation au questionnaire : 6 réponses")
    assert len(context["cartographie"]) == int((~advice).sum())
    assert context["retenues"] == [DIFF, ORAL, EVAL]


def test_consolider_on_the_example_college_ranks_charts_and_keeps_the_team_choice(tmp_path, cli):
    import openpyxl

    from demarche_xl.store.charts import chart_title
    from demarche_xl.store.file_store import FileStore
    from demarche_xl.workbook.reader import WorkbookReader

    path = tmp_path / "exemple.xlsx"
    assert cli("exemple", path)[0] == 0
    code, out = cli("consolider", path)
    assert code == 0, out
    answers = WorkbookReader(FileStore(path)).table("answers").to_dict("records")
    score: dict[str, int] = {}
    for record in answers:  # recomputed here: 3 points in 1st choice, 2 in 2nd, 1 in 3rd
        for points, key in zip((3, 2, 1), ("concern_1", "concern_2", "concern_3")):
            if record[key]:
                score[record[key]] = score.get(record[key], 0) + points
    ws = openpyxl.load_workbook(path)["Préoccupations"]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
    assert {r[0]: r[3] for r in rows if r[3]} == score
    assert [r[3] for r in rows] == sorted((r[3] for r in rows), reverse=True)
    assert [r[0] for r in rows if r[6] == "Oui"] == [r[0] for r in rows[:3]]
    [chart] = ws._charts
    assert chart_title(chart).startswith("Préoccupations") and chart.series[0].val.numRef.f.endswith(
        f"$D$2:$D${len(rows) + 1}")
    wb = openpyxl.load_workbook(path)
    wb["Préoccupations"]["G2"], wb["Préoccupations"]["G5"] = "Non", "Oui"  # the team changes its mind
    wb.save(path)
    assert cli("consolider", path)[0] == 0
    wb = openpyxl.load_workbook(path)
    again = [r for r in wb["Préoccupations"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert [r[0] for r in again if r[6] == "Oui"] == [rows[1][0], rows[2][0], rows[3][0]]
    assert len(wb["Préoccupations"]._charts) == 1 and len(wb["Cartographie"]._charts) == 3
    advice = [r for r in wb["Cartographie"].iter_rows(min_row=2, values_only=True) if r[0] == "Recommandation"]
    assert advice[0][2] == len(answers) and advice[0][1] == "Participation au questionnaire"
