"""Documents without the example collège: pure context builders on small frames (figures, placeholders,
warnings), escaping of « & < > " », the template check, a team's own template in `modeles/`, the command's French
messages (empty workbook, unknown document, no LibreOffice)."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
from docx import Document

from demarche_xl.documents.context_common import MISSING, french_date
from demarche_xl.french import plain
from demarche_xl.documents.context_convocation import convocation_contexts
from demarche_xl.documents.context_review import review_contexts
from demarche_xl.documents.produce import safe_name
from demarche_xl.documents.render import render, template_path
from demarche_xl.documents.template_check import unknown_variables
from demarche_xl.example.fill import fill_example
from demarche_xl.store.file_store import FileStore
from demarche_xl.workbook.reader import WorkbookReader

PARAMS = {"school": "Collège « Les Tilleuls » & Cie", "school_year": "2026-2027", "contact": "M. <Chef>"}
TODAY = dt.date(2027, 6, 1)


def small_event() -> dict[str, pd.DataFrame]:
    return {
        "teachers": pd.DataFrame([
            {"teacher_id": "E1", "first_name": "Ève & Zoé", "last_name": "<Test>", "discipline": "Français",
             "participates": True, "catalyst": True},
            {"teacher_id": "E2", "first_name": 'Jean "Jo"', "last_name": "D'Artagnan", "discipline": "Latin",
             "participates": True, "catalyst": False},
            {"teacher_id": "E3", "first_name": "Paul", "last_name": "Absent", "discipline": "Anglais",
             "participates": False, "catalyst": False}]),
        "groups": pd.DataFrame([
            {"group_id": "G01", "teacher_id": "E1", "name": "Ève & Zoé <Test>", "catalyst": True,
             "discipline": "Français", "concern": "Évaluer autrement"},
            {"group_id": "G01", "teacher_id": "E2", "name": 'Jean "Jo" D\'Artagnan', "catalyst": False,
             "discipline": "Latin", "concern": "Évaluer autrement"}]),
        "slots": pd.DataFrame([
            {"slot_id": "C1", "date": dt.datetime(2026, 12, 1), "start": "09:00", "end": "10:15",
             "free_choice": False},
            {"slot_id": "C2", "date": dt.datetime(2026, 12, 1), "start": "13:30", "end": "14:45",
             "free_choice": True}]),
        "workshops": pd.DataFrame([{"workshop_id": "W1", "title": "Quiz & <sondages>", "facilitator_id": "A1",
                                    "room": "S1", "concern": "Évaluer autrement", "capacity": 12}]),
        "facilitators": pd.DataFrame([{"facilitator_id": "A1", "name": "Anne Animatrice"}]),
        "routes": pd.DataFrame([{"group_id": "G01", "slot_id": "C1", "workshop_id": "W1", "title": None,
                                 "room": None, "facilitator": None}]),
    }


def test_convocation_context_and_escaped_rendering(tmp_path):
    built = convocation_contexts(small_event(), PARAMS, TODAY)
    assert not built.problems and len(built.files) == 2  # the non-participant gets none
    eve = built.files["convocations/Convocation - Ève & Zoé <Test> (E1)"]["convocations"][0]
    assert eve["groupe"] == "G01" and eve["catalyseur"] == "Ève & Zoé <Test>"
    assert [m["nom"] for m in eve["membres"]] == ['Jean "Jo" D\'Artagnan']
    assert [(s["creneau"], s["atelier"], s["salle"], s["animateur"]) for s in eve["parcours"]] == [
        ("C1", "Quiz & <sondages>", "S1", "Anne Animatrice"), ("C2", "Libre choix : atelier à choisir", MISSING,
                                                                 MISSING)]
    assert eve["libre_choix"]["voeu"] == "à choisir sur place"
    target = tmp_path / safe_name("convocations/Convocation - Ève & Zoé <Test> (E1)")
    render(template_path("convocation", None), built.combined["Convocations - toutes"], target)
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "À l'attention d'Ève & Zoé <Test> (Français)" in text and "M. <Chef>" in text
    assert target.name == "Convocation - Ève & Zoé Test (E1).docx"


def test_missing_groups_give_placeholders_and_warnings():
    tables = small_event()
    tables["groups"] = tables["groups"].iloc[0:0]
    built = convocation_contexts(tables, PARAMS, TODAY)
    assert len(built.files) == 2
    assert any("« Groupes » est vide" in p.message and "demarche-xl groupes" in p.fix for p in built.problems)
    entry = next(iter(built.files.values()))["convocations"][0]
    assert entry["groupe"] == MISSING and entry["membres"][0]["nom"] == MISSING


def test_review_indicators_count_participants_engaged_teachers_and_active_groups():
    tables = small_event()
    tables["practices"] = pd.DataFrame([
        {"practice_id": "P1", "teachers": "E1; E2", "status": "Réalisée", "need_equipment": "Tablettes"},
        {"practice_id": "P2", "teachers": "E2", "status": "Abandonnée", "need_equipment": "tablettes"}])
    tables["satisfaction"] = pd.DataFrame([{"answer_id": "S1", "interest": 4, "continue": True},
                                           {"answer_id": "S2", "interest": 5, "continue": False}])
    context = review_contexts(tables, PARAMS, TODAY).files["Fiche de bilan"]
    values = [(plain(i["valeur"]), plain(i["taux"])) for i in context["indicateurs"]]
    assert values == [("2 / 3", "67 %"), ("2 / 3", "67 %"), ("1 / 1", "100 %"),  # mobilised, engaged (of staff)
                      ("2 / 2", "100 %"), ("1 / 2", "50 %")]  # interest of 4 or 5, wish to continue
    assert plain(context["satisfaction"]["interet_moyen"]) == "4,5 / 5"
    assert plain(context["satisfaction"]["continuer"]) == "50 %"
    equipment = next(b for b in context["besoins"] if b["type"] == "Équipement")
    assert equipment["detail"] == "Tablettes (2)"  # same need up to case, counted once with its count
    assert context["date"] == "1er juin 2027" == french_date(TODAY)


def test_template_check_finds_unknown_names_and_attributes(tmp_path):
    shipped = template_path("convocation", None)
    context = convocation_contexts(small_event(), PARAMS, TODAY).combined["Convocations - toutes"]
    assert unknown_variables(shipped, context) == []
    custom = custom_template(shipped, tmp_path / "modeles" / "convocation.docx")
    assert unknown_variables(custom, context) == ["c.salle_accueil", "nom_du_principal"]


def custom_template(shipped: Path, target: Path) -> Path:
    """The shipped convocation with two variables that do not exist, one inside the loop and one outside."""
    target.parent.mkdir(parents=True, exist_ok=True)
    doc = Document(str(shipped))
    anchor = next(p for p in doc.paragraphs if p.text == "Votre groupe")
    anchor.insert_paragraph_before("Accueil en salle {{ c.salle_accueil }}")
    doc.add_paragraph("Signé : {{ nom_du_principal }}")
    doc.save(str(target))
    return target


def test_team_template_overrides_ours_and_check_reports_it(tmp_path, cli):
    from fixtures.after_workbooks import example_after_workshops, write_table

    path = example_after_workshops(tmp_path)
    groups = WorkbookReader(FileStore(path)).table("groups")
    write_table(path, "routes", pd.DataFrame([{"group_id": g, "slot_id": "C1", "workshop_id": "A1"}
                                              for g in sorted(set(groups["group_id"]))]))
    custom_template(template_path("convocation", None), tmp_path / "modeles" / "convocation.docx")
    code, out = cli("documents", path, "--verifier-modele", "--quoi", "convocations")
    assert code == 1 and "c.salle_accueil" in out and "nom_du_principal" in out, out
    code, out = cli("documents", path, "--quoi", "convocations", "--dossier", tmp_path / "sortie")
    assert code == 0 and "modèle personnalisé" in out, out
    combined = Document(str(tmp_path / "sortie" / "Convocations - toutes.docx"))
    text = "\n".join(p.text for p in combined.paragraphs)
    assert "Accueil en salle [salle_accueil : non renseigné]" in text
    assert "Signé : [nom_du_principal : non renseigné]" in text
    journal = WorkbookReader(FileStore(path)).table("run_log")
    assert list(journal["step"]) == ["documents"] and "Convocations" in journal["summary"].iloc[0]


def test_documents_wait_for_what_they_are_written_from(new_workbook, cli):
    """A convocation without groups, a fiche de bilan without bilan: refused by name, nothing written."""
    code, out = cli("documents", new_workbook, "--quoi", "convocations")
    flat = " ".join(out.split())
    assert code == 1 and "convocations : pas encore possible" in flat and "demarche-xl groupes" in flat, out
    assert not (new_workbook.parent / "documents").exists()
    code, out = cli("documents", new_workbook, "--quoi", "bilan")
    assert code == 1 and "demarche-xl bilan" in " ".join(out.split())


def test_documents_of_a_workbook_open_in_excel_are_written_and_the_missing_journal_line_said(tmp_path, cli):
    path = tmp_path / "c.xlsx"
    fill_example(FileStore(path, must_exist=False), teachers=12)
    (tmp_path / "~$c.xlsx").write_bytes(b"lock")
    before = path.read_bytes()
    code, out = cli("documents", path, "--quoi", "plan-action")
    assert code == 0 and (tmp_path / "documents" / "Plan d'action.docx").is_file(), out
    assert "la ligne du Journal n'a pas pu être ajoutée" in " ".join(out.split()) and path.read_bytes() == before


def test_empty_workbook_gives_only_the_blank_action_plan_and_says_what_the_others_wait_for(new_workbook, cli):
    code, out = cli("documents", new_workbook)
    assert code == 0, out
    folder = new_workbook.parent / "documents"
    assert {p.name for p in folder.glob("*.docx")} == {"Plan d'action.docx"}
    flat = " ".join(out.split())
    assert "synthese : pas encore possible" in flat and "demarche-xl consolider" in flat
    assert "convocations : pas encore possible" in flat and "bilan : pas encore possible" in flat
    text = "\n".join(p.text for p in Document(str(folder / "Plan d'action.docx")).paragraphs)
    assert MISSING in text or "non renseign" in text


def test_unknown_document_and_missing_libreoffice_are_said_in_french(new_workbook, cli, monkeypatch):
    code, out = cli("documents", new_workbook, "--quoi", "affiches")
    assert code == 1 and "document inconnu : « affiches »" in out and "plan-action" in out
    code, out = cli("documents", new_workbook.parent / "absent.xlsx")
    assert code == 1 and "introuvable" in out
    monkeypatch.setattr(shutil, "which", lambda name: None)
    code, out = cli("documents", new_workbook, "--quoi", "plan-action", "--pdf")
    assert code == 0 and "LibreOffice est introuvable" in out, out
    assert (new_workbook.parent / "documents" / "Plan d'action.docx").is_file()


def test_broken_team_template_is_explained_not_a_traceback(tmp_path, cli):
    path = tmp_path / "c.xlsx"
    fill_example(FileStore(path, must_exist=False), teachers=12)
    (tmp_path / "modeles").mkdir()
    doc = Document(str(template_path("fiche_de_bilan", None)))
    doc.add_paragraph("{{ college ")
    doc.save(str(tmp_path / "modeles" / "fiche_de_bilan.docx"))
    (tmp_path / "modeles" / "plan_action.docx").write_text("pas un document Word", encoding="utf-8")
    assert cli("bilan", path)[0] == 0  # the fiche de bilan is written from the bilan
    code, out = cli("documents", path, "--quoi", "bilan", "--quoi", "plan-action")
    assert code == 1 and "balise mal écrite" in out and "n'est pas un document Word lisible" in out, out
    assert "Traceback" not in out and "Erreur inattendue" not in out
    code, out = cli("documents", path, "--quoi", "plan-action", "--verifier-modele")
    assert code == 1 and "n'est pas un document Word lisible" in out, out


def test_documents_folder_setting_is_used_relative_to_the_workbook(new_workbook, cli):
    from demarche_xl.store.base import SheetWrite, WritePlan
    from demarche_xl.schema.registry import table
    from demarche_xl.tableio import rows_from_frame
    from demarche_xl.workbook.reader import WorkbookReader

    params = WorkbookReader(FileStore(new_workbook)).table("parameters").drop(columns="_row")
    params.loc[params["label"] == "Dossier des documents", "value"] = "sorties/documents du collège"
    declared = table("parameters")
    FileStore(new_workbook).apply(WritePlan([SheetWrite(declared.sheet, declared.headers,
                                                        rows_from_frame(declared, params), table=declared)]))
    code, out = cli("documents", new_workbook, "--quoi", "plan-action")
    assert code == 0, out
    assert (new_workbook.parent / "sorties" / "documents du collège" / "Plan d'action.docx").is_file()


def test_public_fiche_keeps_names_out_and_shows_the_steps_the_team_retained():
    tables = small_event()
    tables["practices"] = pd.DataFrame([
        {"practice_id": "P1", "teachers": "E1; E2", "status": "Réalisée", "discipline": "Latin",
         "need_support": "Un échange avec Jean D'Artagnan"}])
    tables["satisfaction"] = pd.DataFrame([{"answer_id": "S1", "interest": 4, "continue": True,
                                           "keep": "Le groupe de Paul Absent"}])
    tables["next_steps"] = pd.DataFrame([
        {"step_id": "N01", "action": "Refaire les ateliers", "owner": "Paul Absent", "kept": True},
        {"step_id": "N02", "action": "Acheter des tablettes", "owner": None, "kept": None},
        {"step_id": "N03", "action": "Écarter ceci", "owner": None, "kept": False}])
    tables["review"] = pd.DataFrame([
        {"section": "Dynamiques collectives", "indicator": "Mises en pratique à plusieurs", "value": "1",
         "comment": "Des enseignants expérimentent ensemble : P1"},
        {"section": "Pratiques par discipline", "indicator": "Latin", "value": "1 / 1 (100 %)"}])
    built = review_contexts(tables, PARAMS, TODAY)
    public, internal = built.files["Fiche de bilan"], built.files["Fiche de bilan - équipe projet"]
    assert built.templates == {"Fiche de bilan - équipe projet": "fiche_de_bilan_equipe"}
    assert [(s["action"], s["porteur"]) for s in public["prochaines_etapes"]] == [("Refaire les ateliers", "[nom]")]
    assert [s["action"] for s in internal["prochaines_etapes"]] == ["Refaire les ateliers", "Acheter des tablettes"]
    shown = repr(public)
    assert "Artagnan" not in shown and "Absent" not in shown and "P1" not in shown and "E1" not in shown
    assert "Paul Absent" in repr(internal["prochaines_etapes"]) and "referents" in internal
    rubrics = {r["rubrique"]: r["lignes"] for r in public["annexe"]}
    assert rubrics["Dynamiques collectives"][0]["commentaire"] == "Des enseignants expérimentent ensemble."
    assert rubrics["Pratiques par discipline"][0]["indicateur"].startswith("Autres disciplines")  # 1 Latin teacher
