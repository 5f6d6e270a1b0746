"""Bilan on real workbooks: the example collège taken through `demarche-xl bilan` from the CLI, figures of
`Satisfaction`, `Bilan` and `Prochaines étapes` recomputed independently from the input sheets and the raw
satisfaction tab, the team's edits of `Prochaines étapes` kept on a rerun, `Correspondances` rows of « Q - » tabs
untouched, answers typed by hand in `Satisfaction` kept, a satisfaction tab without header refused in French,
and the sheets opened by LibreOffice."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
from fixtures.after_workbooks import read_table as read, write_table

from conftest import soffice_convert
from demarche_xl.french import plain
from demarche_xl.review import next_steps
from demarche_xl.review.kpis import Kpis, compute
from demarche_xl.schema.registry import table
from demarche_xl.store.base import RAW, SheetWrite, WritePlan
from demarche_xl.store.file_store import FileStore
from demarche_xl.tableio import rows_from_frame
from demarche_xl.workbook.reader import WorkbookReader

LIKERT = ("Pas du tout d'accord", "Plutôt pas d'accord", "Ni d'accord ni pas d'accord", "Plutôt d'accord",
          "Tout à fait d'accord")
INTEREST, CONTINUE, EMAIL, NEED = ("Avez-vous trouvé un intérêt à la démarche ?",
                                   "Souhaitez-vous continuer dans la démarche ?", "Adresse électronique académique",
                                   "De quoi auriez-vous le plus besoin pour poursuivre ?")
NEED_COLUMNS = {"Équipement": "need_equipment", "Formation": "need_training", "Ressources": "need_resources",
                "Accompagnement": "need_support"}


def example(tmp_path: Path, cli) -> Path:
    """The example collège with groups of five participants written directly (no solver needed here)."""
    path = tmp_path / "f.xlsx"
    code, out = cli("exemple", path)
    assert code == 0, out
    teachers = read(path, "teachers")
    participants = list(teachers.loc[teachers["participates"] == True, "teacher_id"])  # noqa: E712
    write_table(path, "groups", pd.DataFrame([{"group_id": f"G{i // 5 + 1:02d}", "teacher_id": t}
                                              for i, t in enumerate(participants)]))
    return path


def raw_satisfaction(path: Path) -> list[dict]:
    """The raw « S - Google Forms » answers as dicts keyed by question label."""
    sheet = openpyxl.load_workbook(path, read_only=True)["S - Google Forms"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return [dict(zip(rows[0], r)) for r in rows[1:] if any(v is not None for v in r)]


def shown(part: int, whole: int) -> str:
    return f"{part} / {whole} ({round(100 * part / whole)} %)"


def value_of(review: pd.DataFrame, start: str) -> str:
    found = review.loc[review["indicator"].str.startswith(start), "value"]
    assert len(found) == 1, (start, list(review["indicator"]))
    return plain(str(found.iloc[0]))  # the sheet writes non-breaking spaces (« 50 / 55 (91 %) » never cut)


def test_bilan_on_the_example_college(tmp_path, cli):
    path = example(tmp_path, cli)
    code, out = cli("bilan", path)
    assert code == 0, out
    assert "Bilan écrit" in out
    teachers, groups, practices = read(path, "teachers"), read(path, "groups"), read(path, "practices")
    answers, satisfaction, review = read(path, "answers"), read(path, "satisfaction"), read(path, "review")
    raw = raw_satisfaction(path)

    # Satisfaction: one row per raw answer, Likert labels turned into 1-5, teachers linked by e-mail.
    id_of = {str(e).lower(): t for e, t in zip(teachers["email"], teachers["teacher_id"]) if e}
    expected = {id_of[a[EMAIL].lower()]: LIKERT.index(a[INTEREST]) + 1 for a in raw}
    assert len(satisfaction) == len(raw)
    assert dict(zip(satisfaction["teacher_id"], satisfaction["interest"])) == expected
    assert set(satisfaction["continue"]) <= {True, False}
    assert (satisfaction["tab"] == "S - Google Forms").all()

    # Mobilised over the whole method and engaged in experiments, as shares of the staff.
    staff = len(teachers)
    practice_ids = [[t.strip() for t in str(v).split(";") if t.strip()] for v in practices["teachers"]]
    volunteers = set(teachers.loc[teachers["participates"] == True, "teacher_id"])  # noqa: E712
    mobilised = (set(groups["teacher_id"]) | volunteers
                 | {t for ids in practice_ids for t in ids} | set(expected) | set(answers["teacher_id"].dropna()))
    engaged = {t for ids, status in zip(practice_ids, practices["status"]) if status != "Abandonnée" for t in ids}
    assert value_of(review, "Enseignants mobilisés") == shown(len(mobilised & set(teachers["teacher_id"])), staff)
    assert value_of(review, "Enseignants engagés") == shown(len(engaged), staff)
    mobilisation = review.loc[review["indicator"].str.startswith("Enseignants mobilisés")].iloc[0]
    word = "Au-dessus" if len(mobilised) / staff > 0.95 else "Comparable" if len(mobilised) / staff >= 0.85 else \
        "En dessous"
    assert mobilisation["reference"] == "plus de 90 %" and mobilisation["comment"].startswith(word)

    # Active groups: at least one member with a practice « En cours » or « Réalisée ».
    active = {t for ids, status in zip(practice_ids, practices["status"]) if status in ("En cours", "Réalisée")
              for t in ids}
    group_of = dict(zip(groups["teacher_id"], groups["group_id"]))
    assert value_of(review, "Groupes encore actifs") == shown(len({group_of[t] for t in active if t in group_of}),
                                                              groups["group_id"].nunique())

    # Satisfaction figures from the raw tab.
    scores = list(expected.values())
    mean = sum(scores) / len(scores)
    assert value_of(review, "Intérêt moyen") == f"{mean:.1f} / 5".replace(".", ",")
    assert value_of(review, "Part des répondants ayant trouvé") == shown(sum(s >= 4 for s in scores), len(scores))
    keen = sum(a[CONTINUE] == "Oui" for a in raw)
    assert value_of(review, "Part des répondants souhaitant continuer") == shown(keen, len(raw))

    # Needs by kind: practice sheets' need columns plus the satisfaction « main need ».
    for kind, column in NEED_COLUMNS.items():
        count = int(practices[column].notna().sum()) + sum(a[NEED] == kind for a in raw)
        assert value_of(review, f"Besoins : {kind.lower()}") == str(count), kind

    # Practices by status, discipline and concern add up; strengths and limits are there.
    for section in ("Pratiques par discipline", "Pratiques par préoccupation"):
        counts = review.loc[review["section"] == section, "value"].str.split(" / ").str[0].astype(int)
        assert counts.sum() == len(practices), section
    assert {"Forces", "Limites"} <= set(review["section"])
    most_kept = pd.Series([a["Qu'est-ce qui mérite d'être gardé ?"] for a in raw]).value_counts()
    assert f"À garder : {most_kept.index[0]}" in set(review["indicator"])

    steps = read(path, "next_steps")
    assert list(steps["step_id"])[:3] == ["N01", "N02", "N03"] and steps["step_id"].is_unique
    assert steps["action"].str.contains("Partager les pratiques en dehors du collège").any()
    assert steps["action"].str.contains("Demander ou organiser des formations").any()


def test_team_edits_of_next_steps_survive_a_rerun(tmp_path, cli):
    path = example(tmp_path, cli)
    assert cli("bilan", path)[0] == 0
    steps = read(path, "next_steps").drop(columns="_row")
    steps.loc[steps["step_id"] == "N01", ["owner", "due", "kept"]] = ["Mme Principale", dt.datetime(2027, 9, 15),
                                                                      True]
    steps.loc[steps["step_id"] == "N03", "kept"] = False
    mine = {"step_id": "E01", "action": "Inviter les parents à une démonstration", "source": "Équipe projet",
            "owner": "M. Référent", "due": None, "kept": True}
    write_table(path, "next_steps", pd.concat([steps, pd.DataFrame([mine])], ignore_index=True))
    satisfaction = read(path, "satisfaction").drop(columns="_row")
    paper = {"answer_id": "P01", "teacher_id": None, "tab": None, "interest": 5, "continue": True,
             "keep": "Le journal de bord", "improve": None, "need_kind": "Formation", "needs": "Tutoriels vidéo"}
    write_table(path, "satisfaction", pd.concat([satisfaction, pd.DataFrame([paper])], ignore_index=True))

    code, out = cli("bilan", path)
    assert code == 0, out
    again = read(path, "next_steps").set_index("step_id")
    assert again.loc["N01", "owner"] == "Mme Principale" and again.loc["N01", "kept"] is True
    assert again.loc["N01", "due"] == dt.datetime(2027, 9, 15)
    assert again.loc["N03", "kept"] is False
    assert again.loc["E01", "action"] == "Inviter les parents à une démonstration"
    assert again.loc["E01", "owner"] == "M. Référent"
    assert sorted(again.index) == sorted([*steps["step_id"], "E01"])
    answers = read(path, "satisfaction").set_index("answer_id")
    assert len(answers) == len(satisfaction) + 1 and answers.loc["P01", "needs"] == "Tutoriels vidéo"
    assert "1 réponse saisie à la main dans « Satisfaction » gardée" in out


def test_bilan_leaves_the_questionnaire_mapping_alone(tmp_path, cli):
    path = example(tmp_path, cli)
    ours = pd.DataFrame([{"tab": "Q - LimeSurvey", "source_column": "DISC", "question": "DISC", "status": "Confirmé",
                          "note": "vérifié par l'équipe"},
                         {"tab": "Q - Google Forms", "source_column": "Horodateur", "question": "ignorer",
                          "status": "Ignoré", "note": None}])
    write_table(path, "mapping", ours)
    assert cli("bilan", path)[0] == 0
    mapping = read(path, "mapping").drop(columns="_row")
    survey = mapping[mapping["tab"].str.startswith("Q - ")].reset_index(drop=True)
    pd.testing.assert_frame_equal(survey, ours.astype(object).where(ours.notna(), None), check_dtype=False)
    assert (mapping["tab"] == "S - Google Forms").sum() >= 5  # the satisfaction tab's columns, owned by bilan


def test_satisfaction_tab_without_header_is_refused_in_french(tmp_path, cli):
    path = example(tmp_path, cli)
    answer = ["21/05/2027 10:00:00", "Martin", "Paul", "paul.martin@ac-exemple.fr", "Plutôt d'accord", "Oui",
              "Les échanges", "Plus de temps", "Formation", "L'ENT"]
    FileStore(path).apply(WritePlan([SheetWrite("S - Papier", answer, [answer], kind=RAW)]))
    before = path.read_bytes()
    code, out = cli("bilan", path)
    assert code == 1, out
    assert "S - Papier" in out and "Traceback" not in out and "rien n'a été modifié" in out
    assert path.read_bytes() == before
    assert read(path, "review").empty


def test_bilan_sheets_open_in_libreoffice(tmp_path, cli):
    path = example(tmp_path, cli)
    assert cli("bilan", path)[0] == 0
    converted = soffice_convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    book = openpyxl.load_workbook(converted, read_only=True)
    for key in ("satisfaction", "review", "next_steps"):
        declared = table(key)
        rows = list(book[declared.sheet].iter_rows(values_only=True))
        assert list(rows[0][:len(declared.headers)]) == declared.headers
        assert len([r for r in rows[1:] if any(v is not None for v in r)]) == len(read(path, key)), key


def test_figures_count_only_staff_and_proposals_follow_the_figures():
    teachers = [{"teacher_id": f"E{i}", "participates": i < 2} for i in range(4)]
    practices = [{"practice_id": "P1", "teachers": "E0; E9", "status": "En cours", "need_training": "ENT"},
                 {"practice_id": "P2", "teachers": "E2", "status": "Abandonnée"}]
    kpis: Kpis = compute(teachers, [{"group_id": "G1", "teacher_id": "E0"}], practices, [],
                         [{"teacher_id": "E3", "interest": 2, "continue": False}])
    assert (kpis.mobilisation.part, kpis.engagement.part) == (4, 1)  # E9 is not on the staff list
    assert kpis.collective_practices == ["P1"] and kpis.active_groups == {"G1"}
    from demarche_xl.review.needs import tally

    proposed = next_steps.proposals(kpis, tally(practices, []), [])
    ids = [p.step_id for p in proposed]
    assert "N05" in ids and "N04" not in ids and "N11" in ids  # training asked, no equipment, few keen
    rows, notes = next_steps.merge(proposed, [{"step_id": "N04", "action": "old", "owner": None},
                                              {"step_id": "N09", "action": "old", "owner": "Mme X"}])
    assert [r["step_id"] for r in rows if r["step_id"] in ("N04", "N09")] == ["N09"]  # untouched one dropped
    assert notes and "N09" in notes[0]
