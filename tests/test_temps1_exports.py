"""The exports teams really send, read right the first time, end to end through the CLI. Each file is written here
in its tool's own layout, independently of the example generator: LimeSurvey with full question texts and full
answers (French metadata, BOM, timings, « [Autre] », an abandoned and an incomplete answer), LimeSurvey with codes
and answer codes re-saved by a French Excel (cp1252, « ; »), Google Forms with reworded titles, a 1–4 rating scale
and one « Nom et prénom » field, Microsoft Forms in English with the paper version's titles, and a paper tab typed
with rewordings. `consolider` must map every column by itself, and give the expected `Réponses`,
`Correspondances` and `Préoccupations`: line breaks kept, full names linked, namesakes left « À ajouter »."""
from __future__ import annotations

import datetime as dt
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
USES, EQUIPMENT, CONCERNS = LISTS["uses"], LISTS["equipment"], LISTS["concerns"]
ROSTER = [("E01", "Le Gall", "Anne-Marie", "am.legall@ac-exemple.fr", "Français"),
          ("E02", "de La Fontaine", "Jean", None, "Histoire-géographie"),
          ("E03", "D'Angelo", "Luc", None, "Mathématiques"),
          ("E04", "Château", "Frédéric", "frederic.chateau@ac-exemple.fr", "Technologie"),
          ("E05", "Martin", "Paul", None, "Anglais"),
          ("E06", "Martin", "Paul", None, "Espagnol"),
          ("E07", "Petit", "Léa", None, "Latin"),
          ("E08", "Petit", "Léa", None, "Latin"),
          ("E09", "N'Diaye", "Aïssata", None, "Physique-chimie"),
          ("E10", "Dupont-Moretti", "Éric", None, "Éducation physique et sportive"),
          ("E11", "Noël", "Zoé", "zoe.noel@ac-exemple.fr", "Documentation"),
          ("E12", "Bernard", "Hugo", "hugo.bernard@ac-exemple.fr", "Arts plastiques"),
          ("E13", "Roux", "Inès", None, "Latin"),
          ("E14", "Lefèvre", "Marc", None, "Allemand")]
C1, C2, C3, C4, C5 = CONCERNS[:5]


@pytest.fixture
def book(new_workbook: Path) -> Path:
    return fill_roster(new_workbook, ROSTER)


def limesurvey_full_texts(folder: Path) -> Path:
    """Headings « Full question text », answers « Full answers », French interface, UTF-8 with BOM."""
    header = ["ID de la réponse", "Date de soumission", "Dernière page", "Langue de départ", "Tête de série",
              "Date de début", "Date de la dernière action", *(LABEL[c] for c in ("NOM", "PRENOM", "COURRIEL", "DISC")),
              f"{LABEL['DISC']} [Autre]", *(LABEL[c] for c in ("PREO1", "PREO2", "PREO3", "AISANCE")),
              *(f"{LABEL['USAGES']} [{o}]" for o in USES), f"{LABEL['USAGES']} [Autre]",
              *(f"{LABEL['EQUIP']} [{o}]" for o in EQUIPMENT), LABEL["ENVIE"], LABEL["CATA"], LABEL["EQUIPE"],
              LABEL["COMM"], "Temps total"]

    def row(rid, submitted, page, names, disc, concerns, comfort, uses, other, equipment, willing, cata, team, comm):
        disc, typed = ("Autre", disc[6:]) if disc.startswith("Autre:") else (disc, "")
        return [rid, submitted, page, "fr", 7000 + rid, "2026-10-05 09:00:00", "2026-10-05 09:10:00", *names, disc,
                typed, *concerns, comfort, *("Oui" if o in uses else "Non" for o in USES), other,
                *("Oui" if o in equipment else "Non" for o in EQUIPMENT), willing, cata, team, comm, "312.5"]

    rows = [header,
            row(1, "2026-10-05 09:12:00", 3, ("Le Gall", "Anne-Marie", "am.legall@ac-exemple.fr"), "Français",
                (C1, C2, C3), "À l'aise", [USES[4]], "Padlet", [EQUIPMENT[0]], "Oui, certainement", "Oui", "Non",
                "Deux idées :\n- plus de temps\n- des tablettes chargées"),
            row(2, "2026-10-06 17:40:00", 3, ("de la fontaine", "jean", ""), "Histoire-géographie", (C2, C4, ""),
                "Peu à l'aise", [], "", [EQUIPMENT[0], EQUIPMENT[6]], "Peut-être", "Non", "Non", ""),
            row(3, "", 1, ("Noël", "Zoé", "zoe.noel@ac-exemple.fr"), "Documentation", (C5, "", ""), "", [], "",
                [], "", "Sans réponse", "Sans réponse", ""),
            row(5, "", 2, ("LEFEVRE", "Marc", ""), "Autre:Occitan", (C4, C3, ""), "Peu à l'aise", [USES[0]], "",
                [], "", "", "", ""),
            [4, "", 0, "fr", 7004, "2026-10-06 10:00:00", "2026-10-06 10:00:05", *[""] * (len(header) - 8), ""]]
    return write_csv(folder / "results-survey123456.csv", rows, "utf-8-sig", ",")


def limesurvey_codes_excel(folder: Path) -> Path:
    """Headings « Question code », answers « Answer codes », re-saved by a French Excel (cp1252, « ; »)."""
    code = {key: {o: f"A{i}" for i, o in enumerate(LISTS[key], start=1)} for key in
            ("disciplines", "concerns", "comfort", "willingness")}
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "NOM", "PRENOM", "COURRIEL", "DISC", "PREO1",
              "PREO2", "PREO3", "AISANCE", *(f"USAGES[SQ{i:03d}]" for i in range(1, len(USES) + 1)), "USAGES[other]",
              *(f"EQUIP[SQ{i:03d}]" for i in range(1, len(EQUIPMENT) + 1)), "ENVIE", "CATA", "EQUIPE", "COMM",
              "interviewtime", "NOMTime"]

    def row(rid, when, last, first, disc, concerns, comfort, uses, equipment, willing, cata, team, comm):
        return [rid, when, 3, "fr", 9000 + rid, last, first, "", code["disciplines"][disc],
                *(code["concerns"][c] for c in concerns), code["comfort"][comfort],
                *("Y" if o in uses else "" for o in USES), "", *("Y" if o in equipment else "" for o in EQUIPMENT),
                code["willingness"][willing], cata, team, comm, "201", "12"]

    rows = [header,
            row(1, "07/10/2026 08:30", "DANGELO", "Luc", "Mathématiques", (C3, C1, C4), "Très à l'aise",
                [USES[0], USES[3]], [EQUIPMENT[1]], "Oui, probablement", "Y", "Y", "Je peux aider ;-)"),
            row(2, "07/10/2026 11:05", "Martin", "Paul", "Espagnol", (C1, C3, C2), "Pas à l'aise", [USES[-1]],
                [EQUIPMENT[-1]], "Non", "N", "N", "")]
    return write_csv(folder / "results-survey654321.csv", rows, "cp1252", ";")


GOOGLE_TITLES = ["Horodateur", "Adresse e-mail", "Score", "Nom et prénom", "Quelle matière enseignez-vous ?",
                 "1re préoccupation", "2e préoccupation", "3e préoccupation",
                 "Sur une échelle de 1 à 4, comment évaluez-vous votre aisance avec le numérique ?",
                 "Usages numériques", "Équipements", "Participer aux ateliers ?", "Volontaire pour être catalyseur ?",
                 "Équipe projet", "Remarques"]


def google_forms(folder: Path) -> Path:
    """Reworded titles, one full-name field, comfort as a 1–4 linear scale, checkboxes joined by « , »."""
    rows = [GOOGLE_TITLES,
            ["05/10/2026 10:15:00", "", "", "N'DIAYE Aissata", "Physique-chimie", C4, C1, "", "2", USES[3],
             f"{EQUIPMENT[0]}, {EQUIPMENT[1]}", "Oui, probablement", "Non", "Non", ""],
            ["05/10/2026 10:20:00", "", "", "Éric DUPONT-MORETTI", "Éducation physique et sportive", C2, "", "",
             "4", f"{USES[3]}, {USES[4]}", EQUIPMENT[3], "Oui, certainement", "Oui", "Oui", ""],
            ["05/10/2026 11:00:00", "", "", "PETIT Léa", "Latin", C1, C2, C3, "3", "", "", "Non", "Non", "Non", ""],
            ["04/10/2026 18:00:00", "", "", "Zoé Noël", "Documentation", C2, C5, "", "1", USES[1], "", "Peut-être",
             "Non", "Non", ""],
            ["06/10/2026 08:00:00", "Hugo.Bernard@ac-exemple.fr", "", "bernard hugo", "Arts plastiques", C5, C4, C2,
             "3", USES[5], EQUIPMENT[2], "Oui, certainement", "Non", "Non", "Ligne 1\r\nLigne 2"],
            ["06/10/2026 09:00:00", "", "", "INCONNU Jean-Baptiste", "Anglais", C1, "", "", "2", "", "", "Non", "Non",
             "Non", ""]]
    return write_csv(folder / "Questionnaire (réponses) - Réponses au formulaire 1.csv", rows, "utf-8", ",")


def ms_forms(folder: Path) -> Path:
    """English metadata, the paper version's titles (stars, « (plusieurs réponses possibles) »), .xlsx."""
    paper = {c: LABEL[c] + (" (plusieurs réponses possibles)" if c in ("USAGES", "EQUIP") else "") +
             (" *" if q.required else "") for c, q in ((q.code, q) for q in SURVEY)}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
               *(paper[c] for c in ("NOM", "PRENOM", "DISC", "PREO1", "PREO2", "AISANCE", "USAGES", "ENVIE", "COMM"))])
    ws.append([1, dt.datetime(2026, 10, 8, 8, 0), dt.datetime(2026, 10, 8, 8, 6), "anonymous", None, None,
               "CHATEAU", "frederic", "Technologie", C3, C5, "Très à l'aise", f"{USES[4]};{USES[3]};",
               "Oui, certainement", "Premier paragraphe.\n\nSecond paragraphe."])
    ws.append([2, dt.datetime(2026, 10, 8, 9, 0), dt.datetime(2026, 10, 8, 9, 4), "anonymous", None, None,
               "martin", "paul", "Anglais", C1, C2, "À l'aise", f"{USES[0]};", "Peut-être", None])
    path = folder / "Questionnaire enseignants(1-2).xlsx"
    wb.save(path)
    return path


def paper_tab(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb.create_sheet("Q - Papier")
    ws.append(["Q1 - Nom", "Q2 - Prénom", "Merci d'indiquer votre discipline", "Préoccupation n°1",
               "Préoccupation n°2", "Préoccupation n°3", "Aisance (de 1 à 4)", "Usages (plusieurs réponses possibles)",
               "Équipement de vos salles", "Envie de participer", "Catalyseur ?", "Rejoindre l'équipe projet ?",
               "Commentaires"])
    ws.append(["ROUX", "ines", "Latin", C2, C1, C5, "1", "Aucun usage régulier", "Aucun", "Peut-être", "non", "non",
               None])
    wb.save(book)


# expected `Réponses`, written by hand from the rows above (None: empty cell)
EXPECTED = {
    "E01": dict(tab="Q - LimeSurvey", first_name="Anne-Marie", last_name="Le Gall", discipline="Français",
                concern_1=C1, concern_2=C2, concern_3=C3, comfort="À l'aise", comfort_level=3,
                uses=f"{USES[4]}; Padlet", equipment=EQUIPMENT[0], willingness="Oui, certainement",
                catalyst_volunteer=True, team_volunteer=False, link_status="Relié (courriel)", complete=True,
                comments="Deux idées :\n- plus de temps\n- des tablettes chargées"),
    "E02": dict(tab="Q - LimeSurvey", last_name="de La Fontaine", first_name="Jean", concern_1=C2, concern_2=C4,
                concern_3=None, comfort_level=2, uses=None, equipment=f"{EQUIPMENT[0]}; {EQUIPMENT[6]}",
                link_status="Relié (nom)", complete=True),
    "E14": dict(tab="Q - LimeSurvey", last_name="Lefèvre", discipline="Occitan", concern_1=C4, concern_2=C3,
                comfort_level=2, uses=USES[0], willingness=None, catalyst_volunteer=None, link_status="Relié (nom)", complete=False),
    "E03": dict(tab="Q - LimeSurvey (2)", last_name="D'Angelo", discipline="Mathématiques", concern_1=C3, concern_2=C1,
                concern_3=C4, comfort="Très à l'aise", comfort_level=4, uses=f"{USES[0]}; {USES[3]}",
                equipment=EQUIPMENT[1], willingness="Oui, probablement", catalyst_volunteer=True,
                team_volunteer=True, comments="Je peux aider ;-)", link_status="Relié (nom)", complete=True),
    "E06": dict(tab="Q - LimeSurvey (2)", discipline="Espagnol", concern_1=C1, concern_2=C3, concern_3=C2,
                comfort_level=1, uses=USES[-1], willingness="Non", catalyst_volunteer=False,
                link_status="Relié (nom)"),
    "E09": dict(tab="Q - Google Forms", last_name="N'Diaye", first_name="Aïssata", concern_1=C4, concern_2=C1,
                comfort="Peu à l'aise", comfort_level=2, uses=USES[3], equipment=f"{EQUIPMENT[0]}; {EQUIPMENT[1]}",
                link_status="Relié (nom)"),
    "E10": dict(tab="Q - Google Forms", last_name="Dupont-Moretti", first_name="Éric", concern_1=C2, comfort_level=4,
                uses=f"{USES[3]}; {USES[4]}", catalyst_volunteer=True, team_volunteer=True, link_status="Relié (nom)"),
    "E11": dict(tab="Q - Google Forms", concern_1=C2, concern_2=C5, comfort_level=1, uses=USES[1],
                link_status="Relié (nom) ; doublon : réponse complète gardée", complete=True),
    "E12": dict(tab="Q - Google Forms", email="hugo.bernard@ac-exemple.fr", concern_1=C5, concern_2=C4, concern_3=C2,
                comments="Ligne 1\nLigne 2", link_status="Relié (courriel)"),
    "E04": dict(tab="Q - Microsoft Forms", last_name="Château", first_name="Frédéric", concern_1=C3, concern_2=C5,
                comfort_level=4, uses=f"{USES[3]}; {USES[4]}", comments="Premier paragraphe.\n\nSecond paragraphe.",
                link_status="Relié (nom)"),
    "E05": dict(tab="Q - Microsoft Forms", discipline="Anglais", concern_1=C1, concern_2=C2, comfort_level=3,
                uses=USES[0], link_status="Relié (nom)"),
    "E13": dict(tab="Q - Papier", last_name="Roux", first_name="Inès", concern_1=C2, concern_2=C1, concern_3=C5,
                comfort="Pas à l'aise", comfort_level=1, uses=USES[-1], equipment=EQUIPMENT[-1],
                catalyst_volunteer=False, link_status="Relié (nom)"),
}
UNLINKED = {
    "Petit": dict(tab="Q - Google Forms", first_name="Léa", discipline="Latin", concern_1=C1, concern_2=C2,
                  concern_3=C3, link_status="À ajouter à Enseignants (homonymes : E07, E08)"),
    "Inconnu": dict(tab="Q - Google Forms", first_name="Jean-Baptiste", concern_1=C1,
                    link_status="À ajouter à Enseignants"),
}


def test_every_layout_is_mapped_by_itself_and_consolidated_as_expected(book: Path, tmp_path: Path, cli):
    files = [limesurvey_full_texts(tmp_path), limesurvey_codes_excel(tmp_path), google_forms(tmp_path),
             ms_forms(tmp_path)]
    for path, source in zip(files, ("LimeSurvey", "LimeSurvey (2)", "Google Forms", "Microsoft Forms")):
        code, out = cli("importer", book, path, "--source", source)
        assert code == 0, out
    paper_tab(book)
    code, out = cli("consolider", book)
    assert code == 0, out
    reader = WorkbookReader(FileStore(book))

    mapping = reader.table("mapping").set_index(["tab", "source_column"])
    assert sorted(set(t for t, _ in mapping.index)) == ["Q - Google Forms", "Q - LimeSurvey", "Q - LimeSurvey (2)",
                                                        "Q - Microsoft Forms", "Q - Papier"]
    assert (mapping["status"] == "Non reconnu").sum() == 0, mapping[mapping["status"] == "Non reconnu"]
    for tab, column, question, status in (
            ("Q - LimeSurvey", "Tête de série", "ignorer", "Ignoré"),
            ("Q - LimeSurvey", "Date de soumission", "horodatage", "Proposé"),
            ("Q - LimeSurvey", "Temps total", "ignorer", "Ignoré"),
            ("Q - LimeSurvey", f"{LABEL['USAGES']} [Autre]", "USAGES", "Proposé"),
            ("Q - LimeSurvey", f"{LABEL['DISC']} [Autre]", "DISC", "Proposé"),
            ("Q - LimeSurvey (2)", "USAGES[SQ005]", f"USAGES:{USES[4]}", "Proposé"),
            ("Q - LimeSurvey (2)", "NOMTime", "ignorer", "Ignoré"),
            ("Q - Google Forms", "Score", "ignorer", "Ignoré"),
            ("Q - Google Forms", "Adresse e-mail", "COURRIEL", "Proposé"),
            ("Q - Google Forms", "Nom et prénom", "NOMPRENOM", "Proposé"),
            ("Q - Google Forms", "2e préoccupation", "PREO2", "Proposé"),
            ("Q - Microsoft Forms", "Name", "ignorer", "Ignoré"),
            ("Q - Microsoft Forms", "Nom *", "NOM", "Proposé"),
            ("Q - Microsoft Forms", "Completion time", "horodatage", "Proposé"),
            ("Q - Papier", "Préoccupation n°3", "PREO3", "Proposé")):
        assert mapping.loc[(tab, column), ["question", "status"]].tolist() == [question, status], (tab, column)

    answers = reader.table("answers")
    assert len(answers) == len(EXPECTED) + len(UNLINKED)
    for teacher, values in EXPECTED.items():
        row = answers[answers["teacher_id"] == teacher]
        assert len(row) == 1, teacher
        got = {k: row.iloc[0][k] for k in values}
        assert got == values, teacher
    for last_name, values in UNLINKED.items():
        row = answers[answers["last_name"] == last_name]
        assert len(row) == 1 and row.iloc[0]["teacher_id"] is None, last_name
        assert {k: row.iloc[0][k] for k in values} == values, last_name
    # Zoé's complete Google answer (4 October) beats her later, abandoned LimeSurvey one; the empty one is left out
    flat = " ".join(out.split())
    assert "1 réponse incomplète gardée" in flat and "« Réponse complète »" in flat
    assert "1 questionnaire abandonné sans aucune réponse, écarté" in flat
    assert "Zoé Noël a répondu plusieurs fois : cette réponse (incomplète) est écartée" in flat
    assert "(E07 et E08) : la réponse n'est reliée à aucun" in flat and "« Jean-Baptiste Inconnu » a répondu" in flat

    ranking = reader.table("concern_ranking").set_index("concern")
    cited: dict[str, tuple[int, int]] = {}
    for values in [*EXPECTED.values(), *UNLINKED.values()]:
        for rank, column in enumerate(("concern_1", "concern_2", "concern_3")):
            concern = values.get(column)
            if concern:
                teachers, score = cited.get(concern, (0, 0))
                cited[concern] = (teachers + 1, score + 3 - rank)
    assert {c: (int(ranking.loc[c, "teachers"]), int(ranking.loc[c, "score"])) for c in cited} == cited


def test_line_breaks_survive_a_rerun_and_a_libreoffice_round_trip(book: Path, tmp_path: Path, cli):
    from conftest import soffice_convert

    assert cli("importer", book, limesurvey_full_texts(tmp_path))[0] == 0
    assert cli("consolider", book)[0] == 0
    assert cli("consolider", book)[0] == 0  # the rerun rewrites `Réponses`
    typed = "Deux idées :\n- plus de temps\n- des tablettes chargées"
    wb = openpyxl.load_workbook(book)
    header = [c.value for c in wb["Réponses"][1]]
    assert typed in [r[header.index("Commentaires")] for r in wb["Réponses"].iter_rows(min_row=2, values_only=True)]
    # what the other steps and the documents read back keeps the lines too
    assert typed in WorkbookReader(FileStore(book)).table("answers")["comments"].tolist()
    converted = soffice_convert(book, "xlsx", tmp_path / "lo")
    back = openpyxl.load_workbook(converted)["Réponses"]
    assert typed in [v for row in back.iter_rows(values_only=True) for v in row]


def test_line_breaks_of_satisfaction_answers_reach_the_bilan_and_its_word_document(tmp_path: Path, cli):
    import zipfile

    from test_review import example

    path = example(tmp_path, cli)
    typed = "Les échanges entre collègues\n- en petits groupes\n- sur un temps banalisé"
    wb = openpyxl.load_workbook(path)
    ws = wb["S - Google Forms"]
    column = [c.value for c in ws[1]].index("Qu'est-ce qui mérite d'être gardé ?") + 1
    for row in range(2, ws.max_row + 1):  # everyone says it, so the bilan quotes it
        ws.cell(row=row, column=column, value=typed.replace("\n", "\r\n"))
    wb.save(path)
    code, out = cli("bilan", path)
    assert code == 0, out
    reader = WorkbookReader(FileStore(path))
    assert typed in reader.table("satisfaction")["keep"].tolist()
    assert f"À garder : {typed}" in reader.table("review")["indicator"].tolist()
    code, out = cli("documents", path, "--quoi", "bilan", "--dossier", tmp_path / "docs")
    assert code == 0, out
    document = next((tmp_path / "docs").rglob("*.docx"))
    xml = zipfile.ZipFile(document).read("word/document.xml").decode("utf-8")
    assert "Les échanges entre collègues</w:t><w:br/>" in xml and "- en petits groupes</w:t><w:br/>" in xml
