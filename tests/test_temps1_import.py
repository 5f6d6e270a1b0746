"""Importing survey exports as they really arrive, written here as real files: a French Excel CSV (cp1252, « ; »,
decimal comma), UTF-8 with BOM and LimeSurvey codes, Google Forms with an option containing a comma, Microsoft
Forms .xlsx with metadata first and answers ending in « ; », a paper tab typed by hand. The raw tab is a copy,
`consolider` gives `Réponses` whose counts are recomputed here; bad exports are refused in French with the
workbook unchanged; formula-looking answers stay text; the questionnaire exports use the workbook's lists."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest

from demarche_xl.schema.lists import ALL_LISTS
from demarche_xl.store.file_store import FileStore
from demarche_xl.survey.questions import SURVEY
from demarche_xl.workbook.reader import WorkbookReader
from survey_files import fill_roster, write_csv

LISTS = {item.key: list(item.values) for item in ALL_LISTS}
LABEL = {q.code: q.label for q in SURVEY}
QUIZ = "Quiz, sondages interactifs"
TEACHERS = [("E001", "Château", "Frédéric", "frederic.chateau@ac-exemple.fr", "Mathématiques"),
            ("E002", "Le Gall", "Anne-Marie", "am.legall@ac-exemple.fr", "Français"),
            ("E003", "Noël", "Zoé", "", "Anglais"),
            ("E004", "Martin", "Ada", "ada.martin@ac-exemple.fr", "Technologie")]


@pytest.fixture
def book(new_workbook: Path) -> Path:
    return fill_roster(new_workbook, TEACHERS)


def french_excel_csv(folder: Path) -> Path:
    """Google Forms layout re-saved by a French Excel: cp1252, « ; », dd/mm/yyyy, comfort typed as « 3,0 »."""
    header = ["Horodateur", LABEL["NOM"], LABEL["PRENOM"], LABEL["DISC"], LABEL["PREO1"], LABEL["AISANCE"],
              LABEL["USAGES"], LABEL["COMM"]]
    rows = [header,
            ["05/10/2026 10:15:00", "CHATEAU", "frederic", "Mathématiques", "Évaluer autrement", "3,0",
             f"{QUIZ}, Classe inversée", "=SOMME(A1:A3)"],
            ["06/10/2026 11:00:00", "Le  Gall ", "anne-marie", "Français", "Différencier les apprentissages",
             "Très à l'aise", QUIZ, "@moi"],
            [None] * len(header)]
    return write_csv(folder / "export_excel.csv", rows, "cp1252", ";")


def limesurvey_bom_csv(folder: Path) -> Path:
    header = ["id", "submitdate", "lastpage", "startlanguage", "NOM", "PRENOM", "COURRIEL", "DISC", "PREO1",
              "AISANCE", *[f"USAGES[SQ{i:03d}]" for i in range(1, 10)], "CATA"]
    row1 = ["1", "2026-10-07 09:00:00", "4", "fr", "Noel", "Zoe", "", "Anglais", "Évaluer autrement",
            "Peu à l'aise", *["Y" if i in (4, 5) else "" for i in range(1, 10)], "Y"]
    row2 = ["2", "2026-10-08 09:00:00", "4", "fr", "", "", "", "Latin", "Évaluer autrement", "À l'aise",
            *["Y" if i == 1 else "" for i in range(1, 10)], "N"]
    return write_csv(folder / "results-survey123.csv", [header, row1, row2], "utf-8-sig", ",")


def ms_forms_xlsx(folder: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom",
               "Heure de la dernière modification", "Nom2", LABEL["PRENOM"], LABEL["COURRIEL"], LABEL["USAGES"],
               LABEL["ENVIE"]])
    ws.append([1, dt.datetime(2026, 10, 9, 8, 0), dt.datetime(2026, 10, 9, 8, 7), "anonymous", None, None,
               "Martin", "Ada", " ADA.MARTIN@ac-exemple.fr ", f"Classe inversée;{QUIZ};", "Peut-être"])
    ws.append([2, dt.datetime(2026, 10, 9, 9, 0), dt.datetime(2026, 10, 9, 9, 5), "anonymous", None, None,
               "Ferrand", "Ludovic", "ludovic.ferrand@ac-exemple.fr", "Tablettes en classe;", "Non"])
    path = folder / "Questionnaire(1-2).xlsx"
    wb.save(path)
    return path


def test_messy_exports_are_imported_unchanged_and_consolidated(book: Path, tmp_path: Path, cli):
    files = [french_excel_csv(tmp_path), limesurvey_bom_csv(tmp_path), ms_forms_xlsx(tmp_path)]
    for path in files:
        code, out = cli("importer", book, path)
        assert code == 0, out
    wb = openpyxl.load_workbook(book)
    assert {"Q - Google Forms", "Q - LimeSurvey", "Q - Microsoft Forms"} <= set(wb.sheetnames)
    google = [list(r) for r in wb["Q - Google Forms"].iter_rows(values_only=True)]
    assert google[1][5] == "3,0" and google[1][0] == "05/10/2026 10:15:00"  # copied as typed
    assert wb["Q - Google Forms"].cell(row=2, column=8).data_type == "s"  # « =SOMME… » is text, not a formula
    assert google[1][7] == "=SOMME(A1:A3)"
    # a paper tab typed by hand, with its own headings
    ws = wb.create_sheet("Q - Papier")
    ws.append(["Nom", "Prénom", "Discipline", "Première préoccupation", "Aisance", "Usages", "Visualiseur"])
    ws.append(["noël", "ZOÉ", "Anglais", "Motiver et engager les élèves", "2", "Exercices en ligne ; Quiz, "
               "sondages interactifs", "X"])
    wb.save(book)

    code, out = cli("consolider", book)
    assert code == 0, out
    answers = WorkbookReader(FileStore(book)).table("answers").set_index("answer_id")
    # recomputed from what was written: 2 + 2 + 2 + 1 answered rows, Zoé Noël answered twice (LimeSurvey, paper)
    assert len(answers) == 6
    noel = answers[answers["teacher_id"] == "E003"]
    assert len(noel) == 1 and noel.iloc[0]["tab"] == "Q - LimeSurvey"  # 08/10 beats the undated paper answer
    assert "doublon" in noel.iloc[0]["link_status"] and "Q - Papier" in out
    chateau = answers[answers["teacher_id"] == "E001"].iloc[0]
    assert (chateau["last_name"], chateau["first_name"], chateau["comfort_level"]) == ("Château", "Frédéric", 3)
    assert chateau["uses"] == f"{QUIZ}; Classe inversée" and chateau["submitted"] == dt.datetime(2026, 10, 5, 10, 15)
    assert chateau["comments"] == "'=SOMME(A1:A3)"  # neutralised, never a formula
    legall = answers[answers["teacher_id"] == "E002"].iloc[0]
    assert legall["comfort_level"] == 4 and legall["link_status"] == "Relié (nom)"
    ada = answers[answers["teacher_id"] == "E004"].iloc[0]
    assert ada["email"] == "ada.martin@ac-exemple.fr" and ada["link_status"] == "Relié (courriel)"
    assert ada["uses"] == f"{QUIZ}; Classe inversée" and ada["submitted"] == dt.datetime(2026, 10, 9, 8, 7)
    ferrand = answers[answers["last_name"] == "Ferrand"].iloc[0]
    assert ferrand["link_status"] == "À ajouter à Enseignants" and "Ludovic Ferrand" in out
    anonymous = answers[answers["link_status"] == "Anonyme"]
    assert len(anonymous) == 1 and anonymous.iloc[0]["discipline"] == "Latin"
    lime = answers[answers["tab"] == "Q - LimeSurvey"]
    assert sorted(lime["uses"].dropna()) == sorted(["Vidéoprojection de supports", f"{QUIZ}; Classe inversée"])
    all_uses = [u for cell in answers["uses"].dropna() for u in cell.split("; ")]  # Château, Le Gall, Noël, Ada
    assert all_uses.count(QUIZ) == 4 and set(all_uses) <= set(LISTS["uses"])
    mapping = WorkbookReader(FileStore(book)).table("mapping")
    assert len(mapping) == sum(len(next(wb[s].iter_rows(values_only=True))) for s in wb.sheetnames
                               if s.startswith("Q - "))
    assert set(mapping["status"]) <= {"Proposé", "Ignoré"}  # every column of these layouts recognised
    paper = mapping[mapping["tab"] == "Q - Papier"].set_index("source_column")["question"].to_dict()
    assert paper == {"Nom": "NOM", "Prénom": "PRENOM", "Discipline": "DISC", "Première préoccupation": "PREO1",
                     "Aisance": "AISANCE", "Usages": "USAGES", "Visualiseur": "EQUIP:Visualiseur"}
    wb = openpyxl.load_workbook(book)
    ws = wb["Réponses"]
    texts = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and "SOMME" in c.value]
    assert texts and all(c.data_type == "s" for c in texts)


def test_existing_tab_is_refused_unless_replaced_and_source_names_it(book: Path, tmp_path: Path, cli):
    path = french_excel_csv(tmp_path)
    assert cli("importer", book, path)[0] == 0
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    code, out = cli("importer", book, path)
    assert code == 1 and "existe déjà" in out and "--remplacer" in out
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before
    assert cli("importer", book, path, "--remplacer")[0] == 0
    assert cli("importer", book, path, "--source", "Salle des profs")[0] == 0
    assert cli("importer", book, path, "--satisfaction")[0] == 0
    names = openpyxl.load_workbook(book).sheetnames
    assert {"Q - Google Forms", "Q - Salle des profs", "S - Google Forms"} <= set(names)
    unknown = write_csv(tmp_path / "reponses.csv", [["Qui", "Quoi"], ["a", "b"]], "utf-8", ",")
    assert cli("importer", book, unknown)[0] == 0 and "Q - reponses" in openpyxl.load_workbook(book).sheetnames
    other = tmp_path / "autre"
    other.mkdir()
    code, out = cli("importer", book, path, french_excel_csv(other), "--source", "Vie scolaire")  # one save
    names = openpyxl.load_workbook(book).sheetnames
    assert code == 0 and {"Q - Vie scolaire", "Q - Vie scolaire 2"} <= set(names)


@pytest.mark.parametrize("name, content, expected", [
    ("vide.csv", b"", "est vide"),
    ("binaire.csv", bytes(range(256)) * 4, "pas lisible"),
    ("sans_titre.csv", b";;\r\nMartin;Ada;3\r\n", "pas de ligne de titres"),
    ("reponses.pdf", b"%PDF-1.4", "extension"),
    ("sans_entete.csv", "05/10/2026 10:00:00;Martin;Ada;ada.martin@ac-exemple.fr;Oui\r\n".encode(), "titres"),
])
def test_bad_exports_are_refused_in_french_and_nothing_is_written(book: Path, tmp_path: Path, cli, name, content,
                                                                   expected):
    path = tmp_path / name
    path.write_bytes(content)
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    code, out = cli("importer", book, path)
    assert code == 1 and expected in out and "Traceback" not in out
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before


def test_xlsx_export_whose_sheet_has_no_header_is_refused(book: Path, tmp_path: Path, cli):
    wb = openpyxl.Workbook()
    wb.active.cell(row=3, column=1, value="Martin")
    wb.active.cell(row=3, column=2, value="Ada")
    path = tmp_path / "export.xlsx"
    wb.save(path)
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    code, out = cli("importer", book, path)
    assert code == 1 and "titres" in out
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before


def test_questionnaire_formats_use_the_workbook_lists(book: Path, tmp_path: Path, cli):
    wb = openpyxl.load_workbook(book)
    ws = wb["Listes"]
    header = [c.value for c in ws[1]]
    column = header.index("Usages numériques") + 1
    last = max(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=column).value)
    ws.cell(row=last + 1, column=column, value="Baladodiffusion")
    wb.save(book)
    target = tmp_path / "structure.txt"
    assert cli("questionnaire", "--format", "limesurvey", "--classeur", book, "--sortie", target)[0] == 0
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter="\t"))
    assert rows[0][:5] == ["class", "type/scale", "name", "relevance", "text"]
    questions = [r[2] for r in rows if r[0] == "Q"]
    assert questions == [q.code for q in SURVEY]
    start = next(i for i, r in enumerate(rows) if r[:3] == ["Q", "M", "USAGES"])
    sub = [r[4] for r in rows[start + 1:start + 20] if r[0] == "SQ"][:len(LISTS["uses"]) + 1]
    assert sub == [*LISTS["uses"], "Baladodiffusion"]
    code, forms = cli("questionnaire", "--format", "forms", "--classeur", book)
    assert code == 0 and "Baladodiffusion" in forms and LABEL["PREO1"] in forms
    assert all(option in forms.splitlines() for option in LISTS["comfort"])
    code, paper = cli("questionnaire", "--format", "texte", "--satisfaction")
    assert code == 0 and "☐ Tout à fait d'accord" in paper
    assert cli("questionnaire", "--format", "word")[0] == 1
