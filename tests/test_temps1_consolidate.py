"""Consolidation of the Temps 1 questionnaire on real workbooks: the example collège (accents, missing e-mails,
duplicates, a late newcomer, an anonymous answer, blank rows, a comment starting with « = »), counts recomputed
here from the raw tabs, every raw column mapped or reported, the team's `Correspondances` edits kept on reruns, a
tab without headings refused with nothing changed, the pure entry point shared with the satisfaction bilan."""
from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from demarche_xl.schema.lists import ALL_LISTS
from demarche_xl.schema.tables_temps1 import MAPPING
from demarche_xl.store.file_store import FileStore
from demarche_xl.survey.consolidate import consolidate
from demarche_xl.survey.normalise import option_columns
from demarche_xl.survey.questions import SATISFACTION, SURVEY
from demarche_xl.text import normalise
from demarche_xl.workbook.reader import WorkbookReader
from conftest import soffice_convert

LISTS = {item.key: list(item.values) for item in ALL_LISTS}
META = {"id", "submitdate", "lastpage", "startlanguage", "seed", "horodateur", "heure de debut", "heure de fin",
        "adresse de messagerie", "heure de la derniere modification", "nom"}


@pytest.fixture(scope="module")
def example_book(tmp_path_factory) -> Path:
    from demarche_xl.example.fill import fill_example

    path = tmp_path_factory.mktemp("exemple") / "exemple.xlsx"
    fill_example(FileStore(path, must_exist=False), 55, 1, 1, False)
    return path


@pytest.fixture
def book(example_book: Path, tmp_path: Path) -> Path:
    path = tmp_path / "college.xlsx"
    shutil.copy(example_book, path)
    return path


def sheet_rows(path: Path, name: str) -> list[list]:
    wb = openpyxl.load_workbook(path)
    return [list(r) for r in wb[name].iter_rows(values_only=True)]


def respondents(rows: list[list]) -> list[dict]:
    """Independent reading of a raw tab: rows with an answer outside the tools' metadata columns."""
    header = [str(h) for h in rows[0]]
    ms = "Heure de début" in header
    out = []
    for row in rows[1:]:
        record = {h: v for h, v in zip(header, row) if v not in (None, "")}
        answered = {h: v for h, v in record.items() if normalise(h) not in META or (normalise(h) == "nom" and not ms)}
        if answered:
            out.append(record)
    return out


def identity(record: dict) -> str:
    last = record.get("NOM") or record.get("Nom2") or (record.get("Nom") if "Nom2" not in record else None)
    first = record.get("PRENOM") or record.get("Prénom")
    return normalise(last) + "|" + normalise(first) if last else ""


def test_example_college_is_consolidated_and_linked(book: Path, cli):
    raw = {name: sheet_rows(book, name) for name in ("Q - LimeSurvey", "Q - Google Forms", "Q - Microsoft Forms")}
    code, out = cli("consolider", book)
    assert code == 0, out
    answers = WorkbookReader(FileStore(book)).table("answers")
    people = [r for rows in raw.values() for r in respondents(rows)]
    named = [identity(r) for r in people if identity(r)]
    duplicates = len(named) - len(set(named))
    assert duplicates == 2
    assert len(answers) == len(people) - duplicates
    assert list(answers["answer_id"]) == [f"R{i:03d}" for i in range(1, len(answers) + 1)]
    assert list(answers["submitted"]) == sorted(answers["submitted"])  # ids in timestamp order
    status = answers["link_status"].astype(str)
    assert status.str.startswith("Relié").sum() == len(answers) - 2  # all but the newcomer and the anonymous one
    assert (status == "Anonyme").sum() == 1 and status.str.contains("doublon").sum() == 2
    newcomer = answers[answers["last_name"] == "Ferrand"].iloc[0]
    assert newcomer["link_status"] == "À ajouter à Enseignants" and newcomer["teacher_id"] is None
    roster = WorkbookReader(FileStore(book)).table("teachers")
    assert "Ferrand" not in set(roster["last_name"]) and "Ludovic Ferrand" in out  # proposed, not added
    linked = answers.dropna(subset=["teacher_id"])
    by_id = roster.set_index("teacher_id")
    assert all(by_id.loc[t, "last_name"] == n for t, n in zip(linked["teacher_id"], linked["last_name"]))
    assert linked["teacher_id"].is_unique
    assert set(answers["comfort_level"].dropna()) <= {1, 2, 3, 4}
    wb = openpyxl.load_workbook(book)
    ws = wb["Réponses"]
    comments = [c for c in ws.iter_cols(min_row=2, values_only=False)][19 - 1]  # « Commentaires »
    assert ws.cell(row=1, column=19).value == "Commentaires"
    formula_like = [c for c in comments if isinstance(c.value, str) and "Pas de formule ici" in c.value]
    assert formula_like and all(c.data_type == "s" for c in formula_like)
    mapped = {(r["tab"], r["source_column"]) for r in WorkbookReader(FileStore(book)).table("mapping").to_dict(
        "records")}
    assert mapped == {(tab, str(h)) for tab, rows in raw.items() for h in rows[0]}  # every raw column has its row


def test_uses_are_split_right_and_option_view(book: Path, cli):
    raw = sheet_rows(book, "Q - LimeSurvey")
    header = [str(h) for h in raw[0]]
    quiz = "USAGES[SQ004]"  # « Quiz, sondages interactifs », the option with a comma
    assert cli("consolider", book)[0] == 0
    answers = WorkbookReader(FileStore(book)).table("answers")
    question = next(q for q in SURVEY if q.code == "USAGES")
    view = option_columns(answers, question, LISTS)
    assert list(view.columns) == LISTS["uses"]  # nothing split on the comma inside the option
    assert ((view.sum(axis=1) > 0) == answers["uses"].notna()).all()
    kept = {(str(e).lower(), str(t)): i for i, (e, t) in enumerate(zip(answers["email"], answers["submitted"]))}
    checked = 0
    for record in respondents(raw):
        position = kept.get((str(record.get("COURRIEL")).lower(), str(record.get("submitdate"))))
        if position is not None:
            assert view.iloc[position]["Quiz, sondages interactifs"] == (record.get(quiz) == "Y")
            checked += 1
    assert checked >= 10 and header.index(quiz) > 0


def test_team_edits_are_kept_and_unknown_columns_reported(book: Path, cli):
    wb = openpyxl.load_workbook(book)
    ws = wb["Q - Google Forms"]
    extra = ws.max_column + 1
    ws.cell(row=1, column=extra, value="Classe principale")
    ws.cell(row=2, column=extra, value="4e B")
    wb.save(book)
    code, out = cli("consolider", book)
    assert code == 0 and "Classe principale" in out and "Q - Google Forms" in out
    mapping = WorkbookReader(FileStore(book)).table("mapping")
    unknown = mapping[(mapping["source_column"] == "Classe principale")].iloc[0]
    assert unknown["status"] == "Non reconnu"
    # the team ignores the new column and moves Google's comments to « ignorer », confirmed
    wb = openpyxl.load_workbook(book)
    ws = wb["Correspondances"]
    header = [c.value for c in ws[1]]
    col_q, col_s = header.index("Question de référence") + 1, header.index("Statut") + 1
    for row in range(2, ws.max_row + 1):
        tab, source = ws.cell(row=row, column=1).value, ws.cell(row=row, column=2).value
        if (tab, source) == ("Q - Google Forms", "Classe principale"):
            ws.cell(row=row, column=col_q, value="ignorer")
        if (tab, source) == ("Q - Google Forms", "Commentaires libres"):
            ws.cell(row=row, column=col_q, value="ignorer")
            ws.cell(row=row, column=col_s, value="Confirmé")
        if (tab, source) == ("Q - LimeSurvey", "PREO3"):
            ws.cell(row=row, column=col_q, value="PREO2")  # a changed question wins over the suggestion
    wb.save(book)
    code, out = cli("consolider", book)
    assert code == 0 and "Classe principale" not in out
    mapping = WorkbookReader(FileStore(book)).table("mapping").set_index(["tab", "source_column"])
    assert mapping.loc[("Q - Google Forms", "Classe principale"), "question"] == "ignorer"
    assert mapping.loc[("Q - Google Forms", "Commentaires libres"), ["question", "status"]].tolist() == [
        "ignorer", "Confirmé"]
    assert mapping.loc[("Q - LimeSurvey", "PREO3"), ["question", "status"]].tolist() == ["PREO2", "Confirmé"]
    answers = WorkbookReader(FileStore(book)).table("answers")
    assert answers.loc[answers["tab"] == "Q - Google Forms", "comments"].isna().all()
    assert answers.loc[answers["tab"] == "Q - Microsoft Forms", "comments"].notna().any()
    lime = answers[answers["tab"] == "Q - LimeSurvey"]
    assert lime["concern_3"].isna().all()  # PREO3 no longer read; PREO2 keeps its own column (first wins)


def test_answers_typed_in_reponses_are_kept(book: Path, cli):
    assert cli("consolider", book)[0] == 0
    consolidated = len(WorkbookReader(FileStore(book)).table("answers"))
    wb = openpyxl.load_workbook(book)
    ws = wb["Réponses"]
    header = [c.value for c in ws[1]]
    row = ws.max_row + 1
    for heading, value in (("ID réponse", "P01"), ("Nom", "Roy"), ("Prénom", "Léo"), ("Discipline", "Latin"),
                           ("Préoccupation 1", "Évaluer autrement")):
        ws.cell(row=row, column=header.index(heading) + 1, value=value)
    wb.save(book)
    assert cli("consolider", book)[0] == 0
    answers = WorkbookReader(FileStore(book)).table("answers")
    assert len(answers) == consolidated + 1
    typed = answers[answers["answer_id"] == "P01"].iloc[0]
    assert (typed["last_name"], typed["tab"]) == ("Roy", None)


def test_tab_without_headings_is_refused_and_nothing_changes(book: Path, cli):
    wb = openpyxl.load_workbook(book)
    ws = wb.create_sheet("Q - Papier")
    ws.cell(row=2, column=1, value="Martin")
    ws.cell(row=2, column=2, value="Ada")
    wb.save(book)
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    code, out = cli("consolider", book)
    assert code == 1 and "Q - Papier" in out and "titres" in out
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before
    wb = openpyxl.load_workbook(book)
    ws = wb["Q - Papier"]
    for column, value in enumerate(["05/10/2026 10:00", "Martin", "Ada", "ada.martin@ac-exemple.fr", "Oui"], 1):
        ws.cell(row=1, column=column, value=value)  # pasted without the export's headings
    wb.save(book)
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    code, out = cli("consolider", book)
    assert code == 1 and "ligne 1 contient des réponses" in out and "Traceback" not in out
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before


def test_consolidated_workbook_opens_in_libreoffice(book: Path, cli):
    assert cli("consolider", book)[0] == 0
    converted = soffice_convert(book, "ods")
    assert converted.stat().st_size > 10_000


def test_other_prefix_rows_are_returned_unchanged_and_satisfaction_scale_is_numeric():
    previous = pd.DataFrame([{"tab": "Q - LimeSurvey", "source_column": "NOM", "question": "PRENOM",
                              "status": "Confirmé", "note": "à nous"}], columns=MAPPING.keys)
    raw = {"S - Papier": [["Nom", "Prénom", "Avez-vous trouvé un intérêt à la démarche ?",
                           "Souhaitez-vous continuer dans la démarche ?", "Remarque libre"],
                          ["MARTIN", "ada", "Plutôt d'accord", "Oui", "merci"],
                          [None, None, "5", "non", None],
                          [None, None, None, None, None]],
           "Q - LimeSurvey": [["NOM"], ["x"]]}
    teachers = pd.DataFrame([{"teacher_id": "E1", "last_name": "Martin", "first_name": "Ada", "email": None}])
    done = consolidate(raw, SATISFACTION, previous, teachers, LISTS, "S - ")
    assert done.mapping.iloc[0].to_dict() == previous.iloc[0].to_dict()
    mine = done.mapping[done.mapping["tab"] == "S - Papier"]
    assert len(mine) == 5 and mine.iloc[4]["status"] == "Non reconnu"
    assert [(r["answer_id"], r["teacher_id"], r["interest"], r["continue"], r["link_status"]) for r in done.records] \
        == [("S001", "E1", 4, True, "Relié (nom)"), ("S002", None, 5, False, "Anonyme")]
    assert any("Remarque libre" in p.message for p in done.report.warnings)


def test_values_as_each_tool_writes_them():
    from demarche_xl.survey.normalise import AGREEMENT, FREQUENCY, display_name, scale_level, split_choices, timestamp

    when = dt.datetime(2026, 10, 5, 14, 30, 0)
    serial = (when - dt.datetime(1899, 12, 30)).total_seconds() / 86400
    for written in ("2026-10-05 14:30:00", "05/10/2026 14:30:00", "2026/10/05 2:30:00 PM", serial,
                    f"{serial:.6f}".replace(".", ","), when, pd.Timestamp(when)):
        assert timestamp(written) == when, written
    assert [scale_level(w, []) for w in AGREEMENT] == [1, 2, 3, 4, 5]
    assert [scale_level(w.upper(), []) for w in FREQUENCY] == [1, 2, 3, 4, 5]
    assert scale_level("a l'aise", LISTS["comfort"]) == 3 and scale_level("4,0", LISTS["comfort"]) == 4
    assert (display_name("  LE  GALL "), display_name("jean-pierre"), display_name("McKenzie")) == (
        "Le Gall", "Jean-Pierre", "McKenzie")
    assert split_choices("Quiz, sondages interactifs, Classe inversée, Radio du collège", LISTS["uses"]) == [
        "Quiz, sondages interactifs", "Classe inversée", "Radio du collège"]
    assert split_choices("Classe inversée;Tablettes en classe;", LISTS["uses"]) == [
        "Classe inversée", "Tablettes en classe"]


def test_headings_of_each_tool_are_recognised():
    from demarche_xl.survey.mapping import suggest
    from demarche_xl.survey.tools import metadata_roles

    expected = {"submitdate": "horodatage", "NOM": "NOM", "USAGES[SQ005]": "USAGES:Classe inversée",
                "NOM. Nom": "NOM", "EQUIP[SQ002]. De quels équipements disposez-vous dans vos salles ? "
                "[Tableau numérique interactif]": "EQUIP:Tableau numérique interactif",
                "Quels usages numériques avez-vous déjà en classe ? [Quiz, sondages interactifs]":
                    "USAGES:Quiz, sondages interactifs",
                "Horodateur": "horodatage", "Adresse e-mail": "COURRIEL", "QUELLE DISCIPLINE ENSEIGNEZ VOUS": "DISC",
                "Souhaitez-vous participer aux ateliers d’échange ?": "ENVIE", "Commentaires": "COMM",
                "Classe principale": None, "M. Dupont": None}
    roles = metadata_roles(list(expected))
    assert {h: suggest(h, SURVEY, LISTS, role) for h, role in zip(expected, roles)} == expected
    ms = {"ID": "ignorer", "Heure de début": "ignorer", "Heure de fin": "horodatage", "Nom": "ignorer",
          "Nom2": "NOM"}
    roles = metadata_roles(list(ms))
    assert {h: suggest(h, SURVEY, LISTS, role) for h, role in zip(ms, roles)} == ms
