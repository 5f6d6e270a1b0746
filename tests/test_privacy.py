"""Personal data (RGPD): the anonymised copy of the example collège holds no name, e-mail or phone of anyone the
master names — searched in every XML part of the package (every cell of every sheet, hidden ones included, shared
strings, comments, document properties) — pseudonyms agree across sheets, small counts by discipline are masked,
the master is untouched; the purge needs a confirmation, keeps the aggregates and removes names and backups."""
from __future__ import annotations

import hashlib
import io
import random
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment

from demarche_xl.share.anonymise import COPY, PURGE, anonymise_tables
from demarche_xl.share.scrub import Person, Scrubber
from demarche_xl.text import normalise
from tests.conftest import soffice_convert

SENTENCE = "Appelez Mme {last} au 06 12 34 56 78 ou nom@ac-x.fr"
PROFILE_ROWS = [("Disciplines", "Latin", 1, 0.02, "{full} est le seul latiniste"),
                ("Disciplines", "Français", 9, 0.18, "9 enseignants"),
                ("Aisance", "Très à l'aise", 7, 0.13, "")]
REVIEW_ROWS = [("Mises en pratique par discipline", "Latin", "2", "3", ""),
               ("Mises en pratique par discipline", "Français", "8", "6", ""),
               ("Participation", "Enseignants ayant participé", "54", "40", "")]
CONCERN_ROWS = [("Évaluer autrement", 21, 0.4, 40, 9, 1, "Oui"), ("Favoriser la participation orale", 15, 0.3, 31, 8, 2,
                                                                   "Oui")]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(ws) -> list[tuple]:
    return [r for r in ws.iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]


@pytest.fixture(scope="module")
def master(tmp_path_factory) -> Path:
    """The example collège after groupes and parcours, plus what a team adds: aggregates by discipline, a sentence
    naming a colleague, a cell comment, an author in the document properties, a hidden sheet with names."""
    from demarche_xl.cli import app as cli_app

    folder = tmp_path_factory.mktemp("rgpd")
    path = folder / "classeur.xlsx"
    from fixtures.decisions import retain_most_cited
    from test_groups import answers_for, write_table

    for args in (["exemple", path], ["groupes", path], ["parcours", path]):
        if args[0] == "groupes":  # what groups are formed from: answers (written here) and the team's decision
            write_table(path, "answers", answers_for(55, 1))
            retain_most_cited(path)
        try:
            cli_app.app(list(map(str, args)), standalone_mode=False)
        except SystemExit:
            pass
    wb = openpyxl.load_workbook(path)
    teacher = rows(wb["Enseignants"])[4]
    full = f"{teacher[2]} {teacher[1]}"
    practices = wb["Mises en pratique"]
    practices.cell(row=2, column=11, value=SENTENCE.format(last=teacher[1]))
    wb["Enseignants"]["B3"].comment = Comment(f"Voir avec {full}", "Principale")
    for sheet, data in (("Cartographie", PROFILE_ROWS), ("Bilan", REVIEW_ROWS), ("Préoccupations", CONCERN_ROWS)):
        for r, values in enumerate(data, start=2):
            for c, value in enumerate(values, start=1):
                wb[sheet].cell(row=r, column=c, value=value.format(full=full) if isinstance(value, str) else value)
    notes = wb.create_sheet("_notes_equipe")
    notes["A1"] = f"Entretien avec {full} ({teacher[3]})"
    notes.sheet_state = "hidden"
    wb.properties.creator = full
    wb.properties.lastModifiedBy = full
    wb.save(path)
    return path


def people(path: Path) -> list[tuple[str, str, str]]:
    """(first name, last name, e-mail) of every teacher, respondent and facilitator the master names."""
    wb = openpyxl.load_workbook(path, read_only=True)
    found = {(r[2], r[1], r[3]) for r in rows(wb["Enseignants"])}
    for r in rows(wb["Animateurs"]):
        first, last = r[1].split(" ", 1)
        found.add((first, last, r[3]))
    for tab in ("Q - Google Forms", "S - Google Forms"):
        found |= {(r[2], r[1], r[3]) for r in rows(wb[tab]) if r[1]}
    return sorted(found)


def leaks(path: Path, persons: list[tuple[str, str, str]]) -> list[str]:
    """Every name (whole word, any case or accent), e-mail or phone number found in any XML part of the package."""
    words = {normalise(w) for p in persons for w in p[:2] if w}
    emails = {p[2].lower() for p in persons if p[2]}
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)")
    found = []
    with zipfile.ZipFile(path) as package:
        for part in package.namelist():
            if not part.endswith(".xml"):
                continue
            text = package.read(part).decode("utf-8")
            values = " ".join(re.findall(r">([^<]+)<", text) + re.findall(r'(?:name|creator|ref)="([^"]*)"', text))
            folded = normalise(values.replace("&apos;", "'"))
            found += [f"{part}: {m.group(1)}" for m in pattern.finditer(folded)]
            found += [f"{part}: {e}" for e in emails if e in values.lower()]
            found += [f"{part}: @" for _ in re.findall(r"\w@\w", values)]
            found += [f"{part}: téléphone" for _ in re.findall(r"0[67](?: \d{2}){4}", values)]
    return found


@pytest.fixture(scope="module")
def copy(master: Path, tmp_path_factory) -> tuple[Path, str, str]:
    from demarche_xl.cli import app as cli_app

    before = digest(master)
    target = tmp_path_factory.mktemp("copie") / "copie.xlsx"
    cli_app.app(["anonymiser", str(master), str(target)], standalone_mode=False)
    return target, before, digest(master)


def test_the_copy_holds_no_name_email_or_phone_anywhere(master: Path, copy):
    target, _, _ = copy
    persons = people(master)
    assert len(persons) >= 55 + 6
    assert leaks(master, persons), "the search must find the names in the master"
    assert leaks(target, persons) == []
    wb = openpyxl.load_workbook(target)
    assert not any(s.startswith(("Q - ", "S - ")) for s in wb.sheetnames)
    assert "_notes_equipe" not in wb.sheetnames
    assert all(c.comment is None for ws in wb.worksheets for r in ws.iter_rows() for c in r)
    assert wb.properties.lastModifiedBy is None and wb.properties.creator == "openpyxl"
    assert rows(wb["Paramètres"])[6][1] is None  # Contact de l'équipe projet


def test_the_master_is_not_modified(copy):
    _, before, after = copy
    assert before == after


def test_same_teacher_same_pseudonym_in_every_sheet(master: Path, copy):
    old, new = openpyxl.load_workbook(master), openpyxl.load_workbook(copy[0])
    pseudonym = {o[0]: n[0] for o, n in zip(rows(old["Enseignants"]), rows(new["Enseignants"]))}
    assert len(set(pseudonym.values())) == len(pseudonym)
    assert all(re.fullmatch(r"Enseignant \d{3}", p) for p in pseudonym.values())
    for sheet in ("Groupes", "Planning individuel"):
        for o, n in zip(rows(old[sheet]), rows(new[sheet])):
            ident, new_id, name = (o[1], n[1], n[2]) if sheet == "Groupes" else (o[0], n[0], n[1])
            assert new_id == name == pseudonym[ident]
    for o, n in zip(rows(old["Mises en pratique"]), rows(new["Mises en pratique"])):
        assert n[1] == "; ".join(pseudonym[i.strip()] for i in o[1].split(";"))
    facilitators = {o[1]: n[1] for o, n in zip(rows(old["Animateurs"]), rows(new["Animateurs"]))}
    for o, n in zip(rows(old["Parcours"]), rows(new["Parcours"])):
        assert n[5] == facilitators.get(o[5])


def test_free_text_is_scrubbed(master: Path, copy):
    old, new = openpyxl.load_workbook(master), openpyxl.load_workbook(copy[0])
    teacher = rows(old["Enseignants"])[4]
    pseudonym = rows(new["Enseignants"])[4][0]
    assert rows(new["Mises en pratique"])[0][10] == (f"Appelez {pseudonym} au [téléphone retiré] ou "
                                                     "[courriel retiré]")
    assert teacher[1] not in str(rows(new["Mises en pratique"])[0])


def test_counts_below_the_threshold_are_masked(copy):
    wb = openpyxl.load_workbook(copy[0])
    profile = {r[1]: r for r in rows(wb["Cartographie"])}
    assert profile["Latin"][2] == "< 5" and profile["Latin"][3] is None
    assert "secret statistique" in profile["Latin"][4]
    assert profile["Français"][2] == 9 and profile["Très à l'aise"][2] == 7
    review = {r[1]: r for r in rows(wb["Bilan"])}
    assert review["Latin"][2] == "< 5" and review["Français"][2] == "8"
    assert review["Enseignants ayant participé"][2] == "54"
    teachers = rows(wb["Enseignants"])
    counts = {d: sum(1 for t in teachers if t[4] == d) for d in {t[4] for t in teachers}}
    assert all(n >= 5 for n in counts.values()), counts  # rare disciplines grouped in « Autres disciplines »


def test_the_threshold_comes_from_parameters():
    import pandas as pd

    frame = pd.DataFrame([{"category": "Disciplines", "label": "Français", "count": 9, "share": 0.2, "detail": None,
                           "_row": 2}])
    for threshold, shown in ((5, 9), (10, "< 10")):
        out = anonymise_tables({"profile_map": frame.copy()}, {"anonymity_threshold": threshold},
                               {"disciplines": ["Français"]}, COPY, random.Random(1)).tables
        assert out["profile_map"].at[0, "count"] == shown


def test_the_copy_refuses_to_overwrite(master: Path, copy, cli):
    target = copy[0]
    code, out = cli("anonymiser", master, target)
    assert code == 1 and "--remplacer" in out
    code, out = cli("anonymiser", master, master)
    assert code == 1 and "maître" in out


def test_the_copy_opens_in_libreoffice_and_verifies(copy, cli):
    code, out = cli("verifier", copy[0])
    errors = [line for line in out.splitlines() if "Erreur" in line]
    assert code == 1 and len(errors) == 1 and "« Cartographie », ligne 2, colonne « Effectif » : « < 5 »" in errors[0]
    assert soffice_convert(copy[0], "csv").stat().st_size > 0


def test_purge_without_confirmation_changes_nothing(master: Path, tmp_path: Path, cli, monkeypatch):
    path = tmp_path / "classeur.xlsx"
    shutil.copy2(master, path)
    before = digest(path)
    monkeypatch.setattr("sys.stdin", io.StringIO("oui\n"))
    code, out = cli("purger", path)
    assert code == 1 and "Rien n'a été modifié" in out
    assert digest(path) == before


def test_purge_keeps_the_aggregates_and_removes_names_and_backups(master: Path, tmp_path: Path, cli, monkeypatch):
    path = tmp_path / "classeur.xlsx"
    shutil.copy2(master, path)
    (tmp_path / "sauvegardes").mkdir()
    old_backup = tmp_path / "sauvegardes" / "classeur_20270101-101010-000000.xlsx"
    shutil.copy2(master, old_backup)
    wb = openpyxl.load_workbook(path)
    kept = {s: rows(wb[s]) for s in ("Préoccupations", "Bilan", "Ateliers")}
    wb["Enseignants"]["D2"].hyperlink = f"mailto:{wb['Enseignants']['D2'].value}"
    wb["Contraintes"]["Z5"] = f"Rappeler {wb['Enseignants']['C2'].value} {wb['Enseignants']['B2'].value}"
    wb.save(path)
    monkeypatch.setattr("sys.stdin", io.StringIO("PURGER\n"))
    code, out = cli("purger", path)
    assert code == 0, out
    assert "Contraintes (colonne Z)" in out  # notes outside the tables are the team's: said, not touched
    wb = openpyxl.load_workbook(path)
    assert not [c for ws in wb.worksheets for r in ws.iter_rows() for c in r if c.hyperlink is not None]
    wb["Contraintes"]["Z5"] = None
    wb.save(path)
    assert not old_backup.exists() and not list((tmp_path / "sauvegardes").glob("*.xlsx"))
    assert "classeur_20270101-101010-000000.xlsx" in out
    wb = openpyxl.load_workbook(path)
    assert {s: rows(wb[s]) for s in kept} == kept
    assert len(rows(wb["Cartographie"])) == 3 and rows(wb["Cartographie"])[0][2] == 1  # no masking in the master
    assert not any(s.startswith(("Q - ", "S - ")) for s in wb.sheetnames) and "_notes_equipe" not in wb.sheetnames
    assert rows(wb["Impressions"]) == [] and rows(wb["Planning individuel"]) == []
    assert len(rows(wb["Enseignants"])) == 55 and len(rows(wb["Groupes"])) == 54
    assert rows(wb["Journal"])[-1][2:] == ("purger", "purge des données personnelles")
    assert leaks(path, people(master)) == []
    code, out = cli("verifier", path)
    assert code == 0, out


def test_purge_refuses_an_open_workbook(master: Path, tmp_path: Path, cli):
    path = tmp_path / "classeur.xlsx"
    shutil.copy2(master, path)
    (tmp_path / "~$classeur.xlsx").write_text("verrou")
    before = digest(path)
    code, out = cli("purger", path, "--confirmer")
    assert code == 1 and "ouvert" in out and digest(path) == before


def test_scrubber_names_phones_and_emails():
    scrub = Scrubber([Person("Enseignant 001", "Hélène", "Dupont", ("E001",)),
                      Person("Enseignant 002", "Mathieu", "Le Gall", ("E002",)),
                      Person("Enseignant 003", "Claire", "Mathieu", ("E003",)),
                      Person("Enseignant 004", "Louis", "Dupont")])
    assert scrub.text("HÉLÈNE DUPONT, dupont helene, H. Dupont") == ("Enseignant 001, Enseignant 001, "
                                                                     "Enseignant 001")
    assert scrub.text("Mme Dupont") == "Mme [nom]"  # two Dupont: the title stays, the name goes
    assert scrub.text("L. Dupont, Louis D.") == "Enseignant 004, Enseignant 004."
    assert scrub.text("M. le gall et E002 (pas E0021)") == "Enseignant 002 et Enseignant 002 (pas E0021)"
    assert scrub.text("Mathieu a vu Mme Mathieu") == "[nom] a vu Mme [nom]"  # a first name of someone else too
    assert scrub.text("+33 6 12 34 56 78, 01.23.45.67.89, 0612345678") == ", ".join(["[téléphone retiré]"] * 3)
    assert scrub.text("écrire à h.dupont+rgpd@ac-exemple.fr.") == "écrire à [courriel retiré]."
    assert scrub.text("Collège Dupontel, 2 classes de 28") == "Collège Dupontel, 2 classes de 28"
    assert scrub.names("Dupont Hélène") == "Enseignant 001" and scrub.names("Dupont") is None


def test_purge_mode_keeps_counts_and_empties_impressions():
    import pandas as pd

    tables = {"impressions": pd.DataFrame([{"teacher_id": "E1", "_row": 2}]),
              "profile_map": pd.DataFrame([{"category": "Disciplines", "label": "Latin", "count": 1, "share": 0.1,
                                            "detail": None, "_row": 2}])}
    out = anonymise_tables(tables, {}, {"disciplines": ["Latin"]}, PURGE, random.Random(1)).tables
    assert len(out["impressions"]) == 0 and out["profile_map"].at[0, "count"] == 1


def test_pooled_event_copy_names_nobody(tmp_path: Path, cli):
    """Five collèges: the only roster words left are inside school names (« Collège Victor Hugo »), kept as such."""
    master, target = tmp_path / "mutualise.xlsx", tmp_path / "copie.xlsx"
    assert cli("exemple", master, "--etablissements", 5)[0] == 0
    code, out = cli("anonymiser", master, target)
    assert code == 0, out
    schools = {normalise(w) for r in rows(openpyxl.load_workbook(master)["Enseignants"]) for w in r[5].split()}
    found = leaks(target, people(master))
    assert len(people(master)) > 250
    assert {f.split(": ")[1] for f in found} <= schools, found


def test_respondents_found_by_email_or_name_and_strangers_get_their_own_pseudonym():
    import pandas as pd

    teachers = pd.DataFrame([{"teacher_id": "E1", "last_name": "Dupont", "first_name": "Hélène",
                              "email": "h.dupont@ac-x.fr", "discipline": "Latin", "_row": 2}])
    answers = pd.DataFrame([
        {"answer_id": "R1", "teacher_id": None, "last_name": "DUPONT", "first_name": "helene", "email": None,
         "comments": "vu avec Dupont", "_row": 2},
        {"answer_id": "R2", "teacher_id": None, "last_name": None, "first_name": None, "email": "h.dupont@ac-x.fr",
         "comments": None, "_row": 3},
        {"answer_id": "R3", "teacher_id": None, "last_name": "Inconnu", "first_name": "Jeanne", "email": "j@x.fr",
         "comments": "Jeanne Inconnu, remplaçante", "_row": 4}])
    out = anonymise_tables({"teachers": teachers, "answers": answers}, {}, {}, COPY, random.Random(3)).tables
    pseudonym = out["teachers"].at[0, "teacher_id"]
    assert list(out["answers"]["last_name"])[:1] == [pseudonym] and out["answers"].at[0, "first_name"] == "Anonyme"
    assert out["answers"].at[0, "comments"] == f"vu avec {pseudonym}"
    stranger = out["answers"].at[2, "last_name"]
    assert re.fullmatch(r"Répondant \d{3}", stranger) and out["answers"]["email"].isna().all()
    assert out["answers"].at[2, "comments"] == f"{stranger}, remplaçante"
    assert out["teachers"].at[0, "discipline"] == "Autres disciplines (effectif < 5)"


def test_the_live_store_refuses_a_purge_plan(new_workbook: Path):
    """Excel cannot delete sheets or comments through our live store: the purge is said to need the command line."""
    from fixtures.lite_run import RemoteFileStore

    from demarche_xl.problems import UserError
    from demarche_xl.store.base import WritePlan

    store = RemoteFileStore(new_workbook)
    with pytest.raises(UserError, match="demarche-xl purger"):
        store.apply(WritePlan(drop_sheets=["Q - LimeSurvey"], forget_people=True))
    assert store.book.json()["actions"] == [] and not (new_workbook.parent / "sauvegardes").exists()
