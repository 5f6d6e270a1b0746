"""The README's order walked on one workbook, as a team would: before each step, the next ones are run out of order
and refused (exit 1, the file's bytes, date and backups untouched, the step or sheet to fill named); `Accueil`'s
statuses are read after each step and after an input is edited; a deleted or renamed sheet a step reads is refused
by every such step, and `verifier --reparer` gives it its name back.

Cost: one example collège (55 teachers) taken through the whole method with short solver limits, plus about 60
refused runs that stop before reading the tables; about a minute on 2 cores."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest
from fixtures.after_workbooks import write_table

from demarche_xl.catalog import STEPS
from demarche_xl.example.decisions import accept_proposals
from demarche_xl.example.fill import build_example
from demarche_xl.problems import UserError
from demarche_xl.runner import run_step
from demarche_xl.schema.registry import table
from demarche_xl.steps import needs
from demarche_xl.store.base import RAW, SheetWrite, WritePlan
from demarche_xl.store.file_store import FileStore

LABELS = {step.run_name if step.kind == "commande" else step.label: step.label for step in STEPS}
TIME = ("--temps", "5")


def state(path: Path) -> tuple:
    """What « nothing written » means: the file's bytes and date, and the backups folder."""
    backups = path.parent / "sauvegardes"
    return (path.read_bytes(), path.stat().st_mtime_ns,
            sorted(p.name for p in backups.iterdir()) if backups.is_dir() else [])


def home(path: Path) -> dict[str, str]:
    """`Accueil`: each step's label → its status."""
    rows = FileStore(path).read_rows("Accueil")
    return {row[1]: row[4] for row in rows if len(row) > 4 and row[1] and row[4] and row[0] != "Phase"}


def status(path: Path, command_or_label: str) -> str:
    return home(path)[LABELS.get(command_or_label, command_or_label)]


def refused(cli, path: Path, *args: object, naming: tuple[str, ...]) -> str:
    before = state(path)
    code, out = cli(*args)
    flat = " ".join(out.split())
    assert code == 1, out
    assert "Traceback" not in out and "Erreur inattendue" not in out
    for words in naming:
        assert words in flat, (args, words, flat)
    assert state(path) == before, f"{args}: the workbook or its backups changed"
    return flat


def paste(path: Path, sheet: str, rows: list[list[object]]) -> None:
    """A raw export pasted in a tab, as the README allows."""
    FileStore(path).apply(WritePlan([SheetWrite(sheet, [str(v) for v in rows[0]], rows[1:], kind=RAW)]))


def as_csv(rows: list[list[object]], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["" if v is None else v for v in row] for row in rows])
    return path


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    """The whole walk; returns the finished workbook and the example's inputs, for the tests below."""
    folder = tmp_path_factory.mktemp("marche")
    return folder, build_example()


def test_the_readme_order_walked_with_refusals_and_accueil(walked, cli):
    folder, (tables, raw) = walked
    path = folder / "classeur.xlsx"
    assert cli("nouveau", path)[0] == 0
    # a brand-new workbook: every step refuses and names what comes first
    refused(cli, path, "consolider", path, naming=("feuille « Enseignants »", "remplissez"))
    refused(cli, path, "groupes", path, *TIME, naming=("feuille « Enseignants »",))
    refused(cli, path, "verifier-groupes", path, naming=("demarche-xl groupes",))
    refused(cli, path, "parcours", path, *TIME, naming=("demarche-xl groupes",))
    refused(cli, path, "referents", path, naming=("demarche-xl groupes", "Impressions"))
    refused(cli, path, "bilan", path, naming=("Enseignants", "Mises en pratique", "satisfaction"))
    refused(cli, path, "kit", path, naming=("RETEX",))
    refused(cli, path, "documents", path, "--quoi", "synthese", naming=("demarche-xl consolider",))
    code, out = cli("verifier", path)
    assert code == 0 and "étape suivante : Renseigner l'établissement" in " ".join(out.split())

    # Préparation: the team fills its settings and roster, then the roadmap
    write_table(path, "parameters", tables["parameters"])
    write_table(path, "teachers", tables["teachers"])
    assert cli("pilotage", path)[0] == 0
    assert status(path, "Créer le classeur de la démarche").startswith("Fait le ")
    assert status(path, "Renseigner l'établissement, les enseignants et les listes") == "Fait : 55 enseignants"
    assert status(path, "pilotage").startswith("Fait le ")
    assert status(path, "consolider") == "Bloqué : importez les réponses au questionnaire (onglet « Q - … »)"
    assert status(path, "groupes") == "Bloqué : lancez d'abord « Consolider les questionnaires »"
    refused(cli, path, "consolider", path, naming=("aucune réponse à consolider", "demarche-xl importer"))

    # Temps 1: import one export, paste the others, consolidate
    exports = sorted(name for name in raw if name.startswith("Q - "))
    assert cli("importer", path, as_csv(raw[exports[0]], folder / "export.csv"))[0] == 0
    for name in exports[1:]:
        paste(path, name, raw[name])
    assert status(path, "consolider") == "Prêt à lancer"
    refused(cli, path, "groupes", path, *TIME, naming=("feuille « Réponses »", "demarche-xl consolider"))
    assert cli("consolider", path)[0] == 0
    retain = "Retenir les 3 à 4 préoccupations (l'équipe décide ; synthèse Word pour en discuter)"
    assert status(path, "consolider").startswith("Fait le ")
    assert status(path, retain).startswith("À faire : l'équipe n'a pas encore retenu de préoccupation")
    assert status(path, "groupes").startswith("Bloqué : l'équipe n'a pas encore retenu de préoccupation")
    refused(cli, path, "groupes", path, *TIME, naming=("colonne « Retenue »", "Proposition de l'outil"))
    assert cli("documents", path, "--quoi", "synthese")[0] == 0  # the Word synthesis for the decision

    # the team decides, describes the event; groups, then routes (parcours refused before groupes)
    chosen = accept_proposals(FileStore(path), "concern_ranking", "retained")
    for key in ("facilitators", "workshops", "slots", "constraints", "free_choices"):
        write_table(path, key, tables[key])
    refused(cli, path, "parcours", path, *TIME, naming=("feuille « Groupes »", "demarche-xl groupes"))
    assert cli("groupes", path, *TIME)[0] == 0
    assert status(path, retain).startswith(f"Fait : {chosen[0]}")
    assert status(path, "consolider").startswith("Fait le ")  # retaining what was proposed changes nothing
    assert status(path, "groupes").startswith("Fait le ")
    assert status(path, "Décrire ateliers, animateurs, créneaux et contraintes") == \
        "Fait : 6 ateliers, 6 animateurs, 3 créneaux"
    assert status(path, "parcours") == "Prêt à lancer"
    assert cli("verifier-groupes", path)[0] == 0
    assert cli("parcours", path, *TIME)[0] == 0
    assert status(path, "documents:convocations") == "Prêt à lancer"
    assert cli("documents", path, "--quoi", "convocations")[0] == 0
    assert status(path, "Convocations, fiches animateurs, journaux de bord").startswith("Fait le ")

    # an input edited by hand: the steps that read it are to be rerun, the others stay done
    wb = openpyxl.load_workbook(path)
    wb["Enseignants"]["K2"] = "arrivé en novembre"  # a comment on a teacher
    wb.save(path)
    refused(cli, path, "referents", path, naming=("feuille « Impressions »", "remplissez"))
    assert cli("kit", path)[0] == 1  # refused too: the kit is still empty
    write_table(path, "impressions", tables["impressions"])
    assert cli("referents", path)[0] == 0
    assert status(path, "groupes").startswith("À relancer : Enseignants a changé depuis le ")
    assert status(path, "consolider").startswith("À relancer : Enseignants a changé depuis le ")
    assert status(path, "parcours").startswith("Fait le ")  # it does not read Enseignants
    assert status(path, "referents").startswith("Fait le ")
    assert status(path, "Confirmer les référents (l'équipe décide)") == \
        "À faire : l'équipe n'a pas encore confirmé de référent (Référents, colonne « Confirmé »)"
    assert cli("groupes", path, *TIME)[0] == 0
    assert status(path, "groupes").startswith("Fait le ")
    assert status(path, "parcours").startswith("À relancer : Groupes a changé depuis le ") or \
        status(path, "parcours").startswith("Fait le ")  # the same groups may come back

    # Temps 3 and Bilan: bilan refused before practice sheets and satisfaction answers
    accept_proposals(FileStore(path), "lead_teachers")
    refused(cli, path, "bilan", path, naming=("feuille « Mises en pratique »", "questionnaire de satisfaction"))
    refused(cli, path, "documents", path, "--quoi", "bilan", naming=("demarche-xl bilan",))
    write_table(path, "practices", tables["practices"])
    paste(path, "S - Google Forms", raw["S - Google Forms"])
    assert cli("bilan", path)[0] == 0
    assert status(path, "Confirmer les référents (l'équipe décide)").startswith("Fait : ")
    assert status(path, "Suivre les fiches de mise en pratique").startswith("Fait : ")
    assert status(path, "bilan").startswith("Fait le ")
    assert cli("documents", path, "--quoi", "bilan")[0] == 0
    for key in ("experience_reports", "diagnosis", "needs_axes", "action_plan", "indicators"):
        write_table(path, key, tables[key])
    cli("kit", path)  # the example's kit has one real gap: exit 1, but it ran
    assert status(path, "kit").startswith("Fait le ")
    code, out = cli("verifier", path)
    assert "étape suivante" in out
    shutil.copy(path, folder / "fini.xlsx")


REQUIRED_SHEETS = ("parameters", "lists", "teachers", "concern_ranking", "groups", "impressions")
RUNNER_STEPS = ("consolider", "groupes", "verifier-groupes", "parcours", "referents", "bilan", "kit", "pilotage")


def test_a_deleted_or_renamed_sheet_is_refused_by_every_step_that_reads_it(walked, tmp_path):
    from demarche_xl.catalog import spec_of

    finished = walked[0] / "fini.xlsx"
    assert finished.exists(), "the walk above prepares this workbook"
    for key in REQUIRED_SHEETS:
        sheet = table(key).sheet
        readers = [spec_of(name) for name in RUNNER_STEPS if key in needs.required_tables(spec_of(name))]
        assert readers, key
        for how in ("supprimée", "renommée"):
            path = tmp_path / f"{key}-{how}.xlsx"
            shutil.copy(finished, path)
            wb = openpyxl.load_workbook(path)
            if how == "supprimée":
                del wb[sheet]
            else:
                wb[sheet].title = "Ma copie"
            wb.save(path)
            for spec in readers:
                before = state(path)
                with pytest.raises(UserError) as refusal:
                    run_step(FileStore(path), spec, {"time_limit": 5})
                text = str(refusal.value)
                assert f"la feuille « {sheet} » est absente" in text, (spec.name, text)
                if how == "renommée":
                    assert "« Ma copie » a ses colonnes" in text and "--reparer" in text, text
                assert state(path) == before, (spec.name, how)


def test_verifier_names_a_renamed_sheet_and_repairs_it(walked, tmp_path, cli):
    path = tmp_path / "renommee.xlsx"
    shutil.copy(walked[0] / "fini.xlsx", path)
    wb = openpyxl.load_workbook(path)
    wb["Enseignants"].title = "Profs"
    del wb["Contraintes"]
    wb.save(path)
    code, out = cli("verifier", path)
    flat = " ".join(out.split())
    assert code == 1 and "la feuille « Enseignants » est absente, mais la feuille « Profs » a ses colonnes" in flat
    assert "la feuille « Contraintes » est absente du classeur" in flat
    code, out = cli("verifier", path, "--reparer")
    flat = " ".join(out.split())
    assert "« Profs » renommée « Enseignants »" in flat and "« Contraintes »" in flat, out
    names = openpyxl.load_workbook(path).sheetnames
    assert "Enseignants" in names and "Profs" not in names and "Contraintes" in names
    assert len(FileStore(path).read_rows("Enseignants")) == 56  # the teachers came back with their sheet
    assert "absente" not in " ".join(cli("verifier", path)[1].split())
