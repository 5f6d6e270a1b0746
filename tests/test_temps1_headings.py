"""Headings read right the first time (pure, no workbook): what `demarche-xl questionnaire` writes in each format,
used as column titles the way each tool exports them, comes back mapped; so do the rewordings a teacher makes while
building the form; the metadata columns of LimeSurvey (codes or texts, French or English), Google Forms and
Microsoft Forms are recognised and their tool detected; headings that are not questions stay unrecognised."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from demarche_xl.schema.lists import ALL_LISTS
from demarche_xl.survey.mapping import suggest
from demarche_xl.survey.questions import SATISFACTION, SURVEY, readable
from demarche_xl.survey.read_export import detect_tool, read_export
from demarche_xl.survey.tools import metadata_roles, submission_column, tool_of

LISTS = {item.key: list(item.values) for item in ALL_LISTS}
BANK = readable(SURVEY)
CODES = [q.code for q in SURVEY]


def mapped(headers: list[str], bank=BANK) -> dict[str, str | None]:
    return {h: suggest(h, bank, LISTS, role) for h, role in zip(headers, metadata_roles(headers))}


def questionnaire(cli, tmp_path: Path, fmt: str, *extra: str) -> str:
    target = tmp_path / f"questionnaire-{fmt}.txt"
    code, out = cli("questionnaire", "--format", fmt, "--sortie", target, *extra)
    assert code == 0, out
    return target.read_text(encoding="utf-8-sig")


def limesurvey_structure(text: str) -> list[tuple[str, str, list[str]]]:
    """(code, question text, sub-question texts) read back from the tab-separated structure LimeSurvey imports."""
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    out: list[tuple[str, str, list[str]]] = []
    for row in rows:
        if row["class"] == "Q":
            out.append((row["name"], row["text"], []))
        elif row["class"] == "SQ":
            out[-1][2].append(row["text"])
    return out


def numbered_titles(text: str) -> list[str]:
    """The « N. question » lines of the forms and paper versions, as written."""
    return [line for line in text.splitlines() if re.match(r"^\d+\. \S", line)]


@pytest.mark.parametrize("bank_option,bank", [((), SURVEY), (("--satisfaction",), SATISFACTION)])
def test_limesurvey_structure_comes_back_in_every_heading_mode(cli, tmp_path: Path, bank_option, bank):
    structure = limesurvey_structure(questionnaire(cli, tmp_path, "limesurvey", *bank_option))
    assert [code for code, _, _ in structure] == [q.code for q in bank]
    expected: dict[str, str] = {}
    for code, text, subs in structure:
        if subs:
            for number, sub in enumerate(subs, start=1):
                reference = f"{code}:{sub}"
                expected[f"{code}[SQ{number:03d}]"] = reference  # « question code »
                expected[f"{text} [{sub}]"] = reference  # « full question text »
                expected[f"{code}[SQ{number:03d}]. {text} [{sub}]"] = reference  # « code & question text »
                expected[f"{text[:15]}.. [{sub[:15]}..]" if len(sub) > 15 else f"{text[:15]}.. [{sub}]"] = reference
            expected[f"{code}[other]"] = expected[f"{text} [Autre]"] = code
        else:
            expected[code] = expected[text] = expected[f"{code}. {text}"] = code
            expected[text.replace(" ", "_")] = code  # « convert spaces in question text to underscores »
    assert mapped(list(expected), readable(bank)) == expected


@pytest.mark.parametrize("fmt", ["forms", "texte"])
def test_forms_and_paper_titles_come_back_numbered_or_not(cli, tmp_path: Path, fmt):
    titles = numbered_titles(questionnaire(cli, tmp_path, fmt))
    assert len(titles) == len(SURVEY)
    expected = {}
    for code, title in zip(CODES, titles):
        expected[title] = code  # pasted with its number, star and « (plusieurs réponses possibles) »
        expected[re.sub(r"^\d+\. ", "", title)] = code
        expected[re.sub(r"^(\d+)\. ", r"Q\1 - ", title)] = code
    assert mapped(list(expected)) == expected
    assert "(plusieurs réponses possibles)" in " ".join(titles) or fmt == "forms"


REWORDINGS = {
    # ranked concerns, ordinals written any way
    "Quelle est votre 1re préoccupation pédagogique ?": "PREO1",
    "1ère préoccupation": "PREO1", "Préoccupation principale": "PREO1", "Préoccupation n°1": "PREO1",
    "Préoccupation 1 (la plus importante)": "PREO1", "Votre préoccupation la plus importante": "PREO1",
    "Quelle est votre 2e préoccupation pédagogique ?": "PREO2", "2ème préoccupation": "PREO2",
    "2nde préoccupation": "PREO2", "Seconde préoccupation pédagogique": "PREO2", "Préoccupation n° 2": "PREO2",
    "Préoccupation pédagogique 2": "PREO2", "Q7 - Votre troisième préoccupation": "PREO3",
    "3e préoccupation": "PREO3", "3ème préoccupation pédagogique": "PREO3", "Préoccupation #3": "PREO3",
    "Vos préoccupations pédagogiques (plusieurs réponses possibles)": "PREO1",
    # prefixes, numbering
    "Merci d'indiquer votre nom": "NOM", "Indiquez votre prénom": "PRENOM", "Pouvez-vous indiquer votre nom ?": "NOM",
    "Merci de préciser votre discipline": "DISC", "Indiquez votre adresse électronique académique": "COURRIEL",
    "Votre adresse mail": "COURRIEL", "3. Quelle matière enseignez-vous ?": "DISC", "Question 4 : Discipline": "DISC",
    # digital comfort as a rating scale
    "Sur une échelle de 1 à 4, comment évaluez-vous votre aisance avec le numérique ?": "AISANCE",
    "Aisance numérique (1 = pas à l'aise, 4 = très à l'aise)": "AISANCE", "Vos compétences numériques": "AISANCE",
    "Niveau d'aisance avec le numérique en classe": "AISANCE",
    # shorter titles
    "Usages numériques": "USAGES", "Vos usages du numérique en classe": "USAGES",
    "Usages numériques en classe (plusieurs réponses possibles)": "USAGES",
    "Quels outils numériques utilisez-vous ?": "USAGES", "Équipements": "EQUIP", "Équipements disponibles": "EQUIP",
    "Matériel disponible dans vos salles": "EQUIP", "Votre salle est-elle équipée ?": "EQUIP",
    "Participer aux ateliers ?": "ENVIE", "Souhaitez-vous participer à la démarche ?": "ENVIE",
    "Volontaire pour être catalyseur ?": "CATA", "Équipe projet": "EQUIPE", "Rejoindre l'équipe projet ?": "EQUIPE",
    "Seriez-vous volontaire pour participer à l'équipe projet ?": "EQUIPE", "Remarques": "COMM",
    "Avez-vous des remarques ou suggestions ?": "COMM", "Autre chose à ajouter ?": "COMM",
    # one field for the whole name
    "Nom et prénom": "NOMPRENOM", "NOM Prénom": "NOMPRENOM", "Prénom NOM": "NOMPRENOM", "Nom, prénom": "NOMPRENOM",
    "Nom complet": "NOMPRENOM", "Vos nom et prénom": "NOMPRENOM", "Nom (en majuscules) et prénom": "NOMPRENOM",
    "Identité": "NOMPRENOM", "Full name": "NOMPRENOM",
    "Nom de famille": "NOM", "Last name": "NOM", "First name": "PRENOM",
    "Quelle(s) discipline(s) enseignez-vous ?": "DISC", "Discipline principale": "DISC",
    "Classez vos préoccupations par ordre d'importance [1er choix]": "PREO1",
    "Classez vos préoccupations par ordre d'importance [2e choix]": "PREO2",
    "Quel équipement numérique avez-vous dans votre salle ?": "EQUIP", "E-mail": "COURRIEL",
    "Accepteriez-vous d'être catalyseur (animer un petit groupe) ?": "CATA", "Prénom et nom": "NOMPRENOM",
    "Souhaiteriez-vous faire partie de l'équipe projet ?": "EQUIPE", "NOM - Prénom": "NOMPRENOM",
    "Niveau d'aisance avec le numérique (de 1 = débutant à 4 = expert)": "AISANCE",
    # LimeSurvey ranking and « other »
    "PREO[2]": "PREO2", "Classez vos préoccupations [Rang 3]": "PREO3", "DISC[other]": "DISC",
    "USAGES[SQ002comment]": "ignorer", "NOMTime": "ignorer",
    # not questions of the bank: left to the team
    "Établissement": None, "Classe principale": None, "Niveaux enseignés": None, "Date de naissance": None,
    "Ancienneté dans l'établissement": None, "M. Dupont": None,
}


def test_rewordings_a_teacher_makes_are_recognised():
    found = mapped(list(REWORDINGS))
    assert {h: c for h, c in found.items() if c != REWORDINGS[h]} == {}


TOOLS = {
    "LimeSurvey": [
        ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl",
         "NOM", "interviewtime", "groupTime125", "NOMTime"],
        ["ID de la réponse", "Date de soumission", "Dernière page", "Langue de départ", "Tête de série",
         "Date de début", "Date de la dernière action", "Adresse IP", "URL de référence", "Nom", "Temps total",
         "Temps pour le groupe : Questionnaire", "Temps pour la question : NOM"],
        ["Response ID", "Date submitted", "Last page", "Start language", "Seed", "Date started", "Date last action",
         "IP address", "Referrer URL", "Nom", "Total time", "Group time: Questionnaire", "Question time: NOM"],
        ["id. ID de la réponse", "submitdate. Date de soumission", "lastpage. Dernière page",
         "startlanguage. Langue de départ", "seed. Tête de série", "NOM. Nom"],
    ],
    "Google Forms": [["Horodateur", "Adresse e-mail", "Score", "Nom"], ["Timestamp", "Email address", "Score", "Nom"],
                     ["Timestamp", "Email Address", "Nom"]],
    "Microsoft Forms": [
        ["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom", "Heure de la dernière modification",
         "Nom2", "Total des points", "Commentaires sur le questionnaire", "Points - Nom2", "Commentaires - Nom2"],
        ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "Nom", "Total points",
         "Quiz feedback", "Points - Nom", "Feedback - Nom"],
    ],
}


@pytest.mark.parametrize("tool,headers", [(t, h) for t, variants in TOOLS.items() for h in variants])
def test_each_tool_variant_is_detected_and_its_columns_marked(tool, headers):
    assert tool_of(headers) == tool
    found = mapped(headers)
    answers = {h: c for h, c in found.items() if c not in ("ignorer", "horodatage")}
    assert list(answers.values()) == ["COURRIEL"] * (len(answers) - 1) + ["NOM"], found
    assert list(found.values()).count("horodatage") == 1
    if tool == "LimeSurvey":
        assert submission_column(headers) == 1


def test_export_files_with_or_without_bom_are_detected(tmp_path: Path):
    header = ["ID de la réponse", "Date de soumission", "Dernière page", "Langue de départ", "Tête de série",
              SURVEY[0].label]
    for encoding in ("utf-8-sig", "utf-8", "cp1252"):
        path = tmp_path / f"results-survey-{encoding}.csv"
        with path.open("w", encoding=encoding, newline="") as handle:
            csv.writer(handle, delimiter=";" if encoding == "cp1252" else ",").writerows(
                [header, ["1", "", "1", "fr", "12345", "Martin"]])
        rows = read_export(path)
        assert rows[0] == header and detect_tool(rows[0], path) == "LimeSurvey"
    assert detect_tool(["Nom", "Prénom"], tmp_path / "papier.csv") == "papier"


def test_a_rating_scale_named_in_the_heading_and_ranked_concerns_in_one_cell():
    from demarche_xl.survey.consolidate import consolidate

    concerns = LISTS["concerns"]
    raw = {"Q - Papier": [["Nom", "Prénom", "Aisance numérique (de 1 à 5)", "Vos 3 préoccupations principales"],
                          *[[f"Nom{i}", "Ada", str(i), None] for i in range(1, 6)],
                          ["Roy", "Léo", "4", f"{concerns[3]}, {concerns[0]}; {concerns[4]}"]]}
    done = consolidate(raw, SURVEY, None, None, LISTS, "Q - ")
    assert [r["comfort_level"] for r in done.records] == [1, 2, 3, 3, 4, 3]  # 1-5 brought to the 1-4 scale
    assert [r["comfort"] for r in done.records[:2]] == LISTS["comfort"][:2]
    roy = done.records[-1]
    assert (roy["concern_1"], roy["concern_2"], roy["concern_3"]) == (concerns[3], concerns[0], concerns[4])
