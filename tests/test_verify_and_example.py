"""`exemple` fills a realistic collège; `verifier` is clean on it and precise on deliberate errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from demarche_xl.example.fill import build_example
from demarche_xl.store.file_store import FileStore
from demarche_xl.workbook.reader import WorkbookReader

from conftest import soffice_convert


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    from demarche_xl.example.fill import fill_example

    path = tmp_path_factory.mktemp("exemple") / "exemple.xlsx"
    fill_example(FileStore(path, must_exist=False))
    return path


def test_example_is_a_realistic_college(example: Path):
    reader = WorkbookReader(FileStore(example))
    teachers = reader.table("teachers")
    assert len(teachers) == 55
    share = teachers["catalyst"].sum() / len(teachers)
    assert 0.15 <= share <= 0.20
    assert teachers["discipline"].nunique() >= 10
    raw = reader.raw_tabs("Q - ")
    assert set(raw) == {"Q - LimeSurvey", "Q - Google Forms", "Q - Microsoft Forms"}
    assert raw["Q - LimeSurvey"][0][:2] == ["id", "submitdate"]
    assert any(h.startswith("USAGES[SQ") for h in raw["Q - LimeSurvey"][0])
    assert raw["Q - Google Forms"][0][0] == "Horodateur"
    assert raw["Q - Microsoft Forms"][0][:4] == ["ID", "Heure de début", "Heure de fin", "Adresse de messagerie"]
    blank_rows = [r for r in raw["Q - Google Forms"][1:] if all(v is None for v in r)]
    assert blank_rows, "a blank row left by a hand edit"
    multi = [v for r in raw["Q - Microsoft Forms"][1:] for v in r if isinstance(v, str) and v.endswith(";")]
    assert multi, "Microsoft Forms multi-select answers end with ';'"
    for key in ("workshops", "facilitators", "slots", "impressions", "practices", "experience_reports",
                "action_plan"):
        assert len(reader.table(key)) > 0, key
    assert not [p for p in reader.problems if p.is_error]


def test_example_is_deterministic_and_pooled():
    one, _ = build_example(seed=3)
    again, _ = build_example(seed=3)
    assert one["teachers"].equals(again["teachers"])
    pooled, _ = build_example(teachers=40, schools=3, seed=2)
    assert pooled["teachers"]["school"].nunique() == 3 and len(pooled["teachers"]) == 120
    assert pooled["teachers"]["teacher_id"].is_unique


def test_verify_is_clean_on_the_example(cli, example: Path):
    code, output = cli("verifier", example)
    assert code == 0, output
    assert "Aucune erreur de saisie." in output
    assert "étape suivante : Proposer la feuille de route" in " ".join(output.split())


def test_verify_names_sheet_row_column_and_fix(cli, tmp_path: Path):
    path = tmp_path / "erreurs.xlsx"
    assert cli("exemple", path, "--avec-erreurs")[0] == 0
    code, output = cli("verifier", path)
    text = " ".join(output.split())
    assert code == 1
    expected = [
        "feuille « Enseignants », ligne 4, colonne « Discipline » : « Maths » ne fait pas partie de la liste",
        "feuille « Enseignants », ligne 6, colonne « Nom » : cellule obligatoire vide",
        "feuille « Enseignants », ligne 8, colonne « ID »",
        "feuille « Enseignants », ligne 10, colonne « Courriel »",
        "feuille « Enseignants », ligne 12, colonne « Catalyseur » : « Peut-être » n'est pas Oui ou Non",
        "feuille « Créneaux », ligne 3, colonne « Date » : date « 09/12/2026 » tapée comme du texte",
        "feuille « Ateliers », ligne 2, colonne « Animateur (ID) » : « A99 » ne correspond à aucune ligne",
    ]
    for line in expected:
        assert line in text, line
    assert "→" in text  # every problem says how to fix it


def test_example_workbook_opens_in_libreoffice(example: Path, tmp_path: Path):
    soffice_convert(example, "pdf", tmp_path)


def test_example_never_overwrites_a_filled_workbook(cli, example: Path):
    original = example.read_bytes()
    code, output = cli("exemple", example)
    assert code == 1 and "contient déjà des données" in output
    assert example.read_bytes() == original


def test_example_sizes_out_of_reach_are_refused_in_french(cli, tmp_path: Path):
    code, out = cli("exemple", tmp_path / "x.xlsx", "--enseignants", "1500", "--etablissements", "4")
    assert code == 1 and "choisissez moins d'enseignants" in out and not (tmp_path / "x.xlsx").exists()


def test_a_workbook_saved_by_libreoffice_is_still_written_by_every_step(example: Path, tmp_path: Path, cli):
    """The team may save the workbook in LibreOffice (or Excel): what they save must not make steps refuse."""
    saved = soffice_convert(example, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    for step in ("pilotage", "consolider", "groupes", "referents", "bilan"):
        if step == "groupes":  # the team retains the proposed concerns, as it would in Excel
            from demarche_xl.example.decisions import accept_proposals

            accept_proposals(FileStore(saved), "concern_ranking", "retained")
        code, out = cli(step, saved)
        assert code == 0 and "ne sait pas conserver" not in out, (step, out)
    code, out = cli("kit", saved)
    assert "ne sait pas conserver" not in out and "irritant sans besoin" in out, out  # the example's one real gap
    assert list(WorkbookReader(FileStore(saved)).table("run_log")["step"]) == [
        "pilotage", "consolider", "groupes", "referents", "bilan", "kit"]
    home = [row for row in FileStore(saved).read_rows("Accueil") if any(v is not None for v in row)]
    labels = [str(row[0]) for row in home[[r[0] for r in home].index("Chiffres clés") + 1:]]
    assert "Groupes formés" in labels and "Enseignants mobilisés (démarche entière)" in labels
    assert all(label[0].isupper() and "_" not in label for label in labels), labels  # French labels for the team
