"""Documents on the example collège: every document produced from the CLI, opened with python-docx and checked
against the workbook (names, groups, routes, figures), converted to PDF by LibreOffice in one batch, the first page
of the fiche de bilan rendered to PNG; a teacher named « Ève & Zoé <Test> » gets a valid convocation."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from PIL import Image

from demarche_xl.french import plain

from conftest import SOFFICE
from test_documents_support import produced  # noqa: F401 - the example collège's documents, made once

TRICKY = "Ève & Zoé <Test>"


def text_of(path: Path) -> str:
    """Every paragraph and table cell of a document, headers and footers included (non-breaking spaces as plain
    ones: the figures are compared here, the typography in test_documents_pdf)."""
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return plain("\n".join(parts))


def table_rows(path: Path, first_header: str, second_header: str = "") -> list[list[str]]:
    for table in Document(str(path)).tables:
        headers = [c.text for c in table.rows[0].cells]
        if headers[0] == first_header and (not second_header or second_header in headers):
            return [[plain(c.text) for c in row.cells] for row in table.rows[1:]]
    raise AssertionError(f"pas de tableau « {first_header} » dans {path.name}")


def test_every_document_is_produced_and_names_college_year_date(produced):
    path, folder, reader = produced
    groups, teachers = reader.table("groups"), reader.table("teachers")
    assert len(list((folder / "convocations").glob("*.docx"))) == len(groups) == int(teachers["participates"].sum())
    assert len(list((folder / "journaux de bord").glob("*.docx"))) == groups["group_id"].nunique()
    assert len(list((folder / "fiches animateurs").glob("*.docx"))) == len(reader.table("facilitators"))
    singles = ["Synthèse de l'état des lieux", "Fiche de bilan", "Plan d'action", "Convocations - toutes"]
    school, year = reader.params()["school"], reader.params()["school_year"]
    for doc in [*(folder / f"{name}.docx" for name in singles), *folder.glob("*/*.docx")]:
        content = text_of(doc)
        assert school in content and year in content and "document établi le" in content, doc.name


def test_tricky_name_gets_a_valid_convocation_with_group_and_route(produced):
    _, folder, reader = produced
    files = [p for p in (folder / "convocations").glob("*.docx") if "Ève & Zoé Test" in p.name]
    assert len(files) == 1
    content = text_of(files[0])
    assert f"À l'attention d'{TRICKY}" in content
    teacher_id = reader.table("teachers").query("first_name == 'Ève & Zoé'")["teacher_id"].iloc[0]
    groups = reader.table("groups")
    group = groups.loc[groups["teacher_id"] == teacher_id, "group_id"].iloc[0]
    assert f"Groupe : {group}" in content
    mates = groups[(groups["group_id"] == group) & (groups["teacher_id"] != teacher_id)]
    assert sorted(r[0] for r in table_rows(files[0], "Nom")) == sorted(mates["name"])
    catalyst = groups[(groups["group_id"] == group) & (groups["catalyst"] == True)]["name"]  # noqa: E712
    assert f"Catalyseur du groupe : {', '.join(catalyst) or 'aucun'}" in content
    schedule = reader.table("schedules").query("teacher_id == @teacher_id")
    route = table_rows(files[0], "Créneau")
    assert [r[0] for r in route] == list(schedule["slot_id"])
    assert [r[2] for r in route] == list(schedule["title"])
    free = reader.table("slots").query("free_choice == True")["slot_id"].iloc[0]
    chosen = schedule.loc[schedule["slot_id"] == free, "title"].iloc[0]
    assert f"Créneau {free}" in content and chosen in content


def test_combined_convocations_hold_everyone_one_per_page(produced):
    _, folder, reader = produced
    combined = folder / "Convocations - toutes.docx"
    content = text_of(combined)
    names = reader.table("groups")["name"]
    assert content.count("À l'attention ") == len(names)
    assert TRICKY in content and all(name in content for name in names)
    assert Document(str(combined)).element.body.xml.count('w:type="page"') == len(names) - 1


def test_facilitator_sheets_give_groups_and_sizes_per_session(produced):
    _, folder, reader = produced
    workshops, schedules = reader.table("workshops"), reader.table("schedules")
    facilitator = reader.table("facilitators").iloc[0]
    sheet = next((folder / "fiches animateurs").glob(f"*({facilitator['facilitator_id']}).docx"))
    content = text_of(sheet)
    mine = workshops[workshops["facilitator_id"] == facilitator["facilitator_id"]].iloc[0]
    assert mine["title"] in content and mine["concern"] in content and mine["equipment"] in content
    sessions = {r[0]: r for r in table_rows(sheet, "Créneau")}
    for slot, count in schedules[schedules["workshop_id"] == mine["workshop_id"]].groupby("slot_id").size().items():
        assert sessions[slot][5] == str(count)
    assert "ce.0759999x@ac-exemple.fr" in content  # the project team's contact


def test_logbooks_list_members_and_route(produced):
    _, folder, reader = produced
    groups, routes = reader.table("groups"), reader.table("routes")
    for group, members in groups.groupby("group_id"):
        logbook = folder / "journaux de bord" / f"Journal de bord - {group}.docx"
        assert sorted(r[0] for r in table_rows(logbook, "Nom")) == sorted(members["name"])
        titles = [r[2] for r in table_rows(logbook, "Créneau")]
        assert all(t in titles for t in routes.loc[routes["group_id"] == group, "title"].dropna())
        assert "Idées de mise en pratique" in text_of(logbook)


def test_synthesis_figures_match_the_workbook(produced):
    _, folder, reader = produced
    path = folder / "Synthèse de l'état des lieux.docx"
    content = text_of(path)
    answers, teachers = reader.table("answers"), reader.table("teachers")
    rate = round(100 * len(answers) / len(teachers))
    assert f"{len(answers)} réponses au questionnaire pour {len(teachers)} enseignants ({rate} %)" in content
    assert content.index("Ce que disent les réponses") < content.index("Recommandations pour les ateliers") \
        < content.index("Préoccupations proposées à la validation") < content.index("Annexe")
    ranking = reader.table("concern_ranking").sort_values("rank")
    rows = table_rows(path, "Rang")
    assert [r[1] for r in rows] == list(ranking["concern"])
    assert [r[2] for r in rows] == [str(n) for n in ranking["teachers"]]
    assert [r[4] for r in rows] == [f"{s:g}" for s in ranking["score"]]  # « 69 », never « 69.0 »
    assert [r[5] for r in rows[:3]] == ["Oui"] * 3
    profile = reader.table("profile_map")
    advice = profile[profile["category"].str.contains("Recommandation")]
    assert len(advice) and all(label in content for label in advice["label"])
    cross = {tuple(r[:1]): r for r in table_rows(path, "Discipline", "Pas à l'aise")}
    french_row = cross[("Français",)]
    counts = profile[profile["label"].str.startswith("Français — ")]
    assert int(french_row[-1]) == counts["count"].sum()  # the cross table sums the Cartographie rows
    catalysts = profile[profile["category"] == "Catalyseurs par préoccupation"]
    names = {f"{t.first_name} {t.last_name}" for t in teachers.itertuples()}
    assert len(catalysts) and not [n for n in names if n in content]  # catalysts counted, not named
    assert len(Document(str(path)).inline_shapes) == 3  # comfort, willingness and concern charts


def test_fiche_de_bilan_figures_match_the_workbook(produced):
    _, folder, reader = produced
    path = folder / "Fiche de bilan.docx"
    content = text_of(path)
    teachers, groups, satisfaction = reader.table("teachers"), reader.table("groups"), reader.table("satisfaction")
    ids = lambda frame: {str(v) for v in frame["teacher_id"] if v}  # noqa: E731
    practices = reader.table("practices")
    engaged = {t.strip() for p in practices.to_dict("records") if p["status"] != "Abandonnée"
               for t in str(p["teachers"]).split(";") if t.strip()}
    mobilised = ids(reader.table("answers")) | ids(groups) | ids(satisfaction) | {
        t.strip() for p in practices["teachers"] for t in str(p).split(";") if t.strip()}
    mobilisation, engagement = table_rows(path, "Indicateur", "Collège pilote")[:2]
    assert mobilisation[1] == f"{len(mobilised & ids(teachers))} / {len(teachers)}"
    assert mobilisation[2] == f"{round(100 * len(mobilised & ids(teachers)) / len(teachers))} %"
    assert mobilisation[3] == "plus de 90 %" and engagement[3] == "près de la moitié"
    assert engagement[1] == f"{len(engaged & ids(teachers))} / {len(teachers)}"
    mean = satisfaction["interest"].mean()
    assert f"Intérêt moyen pour la démarche : {mean:.1f} / 5".replace(".", ",") in content
    assert f"Mise en pratique : {len(practices)} fiches" in content
    sessions = {(s, w) for s, w in zip(reader.table("schedules")["slot_id"], reader.table("schedules")["workshop_id"])
                if w in set(reader.table("workshops")["workshop_id"])}
    assert f"{len(reader.table('workshops'))} ateliers en {len(sessions)} séances" in content
    assert "(non renseigné)" not in content
    steps, proposed = table_rows(path, "Action"), reader.table("next_steps")
    assert [s[0] for s in steps] == list(proposed["action"])[:-1]  # the one the team set aside is left out
    assert "Tablettes supplémentaires" in content and "Prise en main de l'ENT" in content
    assert len(Document(str(path)).inline_shapes) == 1  # key indicators against the pilot collège
    internal = text_of(folder / "Fiche de bilan - équipe projet.docx")
    leads = reader.table("lead_teachers")
    assert "version interne" in internal and all(name in internal for name in leads["name"])
    assert "version publique" in content and not any(name in content for name in leads["name"])


def test_action_plan_lists_actions_by_theme_with_progress(produced):
    _, folder, reader = produced
    path = folder / "Plan d'action.docx"
    content = text_of(path)
    for action in reader.table("action_plan").to_dict("records"):
        assert action["theme"] in content and action["action"] in content and action["who"] in content
    assert "Nombre de certifications PIX : 8 / 20 (40 %)" in content


def test_documents_convert_to_pdf_in_one_batch_and_bilan_renders(produced, tmp_path):
    from demarche_xl.documents.pdf import to_pdf

    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) est introuvable")
    _, folder, _ = produced
    picks = [folder / "Synthèse de l'état des lieux.docx", folder / "Fiche de bilan.docx", folder / "Plan d'action.docx",
             folder / "Convocations - toutes.docx", next((folder / "convocations").glob("*Ève*.docx")),
             next((folder / "fiches animateurs").glob("*.docx")), next((folder / "journaux de bord").glob("*.docx"))]
    copies = [Path(shutil.copy(p, tmp_path / p.name)) for p in picks]
    pdfs, problems = to_pdf(copies)  # a single LibreOffice call: same folder
    assert not problems and len(pdfs) == len(copies)
    assert all(p.stat().st_size > 5000 for p in pdfs)
    bilan = tmp_path / "Fiche de bilan.pdf"
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(bilan), str(tmp_path / "page")],
                   check=True, timeout=60)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    assert page.width < page.height  # portrait A4
    dark = sum(page.histogram()[:128])
    assert dark > 2000  # text and tables, not a blank page


def context_paths(value: object, prefix: str = "") -> list[str]:
    """`convocations[].membres[].nom`-style paths of every variable a context offers."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in context_paths(v, f"{prefix}.{k}" if prefix else k)]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        fields = {k: v for item in value for k, v in item.items()}
        return [f"{prefix}[]", *context_paths(fields, f"{prefix}[]")]
    return [prefix]


def test_templates_readme_lists_every_variable_and_templates_use_only_those(produced):
    from demarche_xl.documents.produce import KINDS, read_inputs
    from demarche_xl.documents.render import template_path
    from demarche_xl.documents.template_check import unknown_variables

    path, _, _ = produced
    readme = (Path(__file__).resolve().parents[1] / "templates" / "README.md").read_text(encoding="utf-8")
    tables, params, _ = read_inputs(path)
    for kind in KINDS:
        built = kind.build(tables, params, dt.date.today())
        samples = {built.templates.get(name, kind.template): context
                   for name, context in {**built.files, **built.combined}.items()}
        for template, context in samples.items():
            assert f"`{template}.docx`" in readme
            missing = [p for p in context_paths(context) if f"`{p}`" not in readme]
            assert not missing, (template, missing)
            assert unknown_variables(template_path(template, None), context) == [], template


def home_figure(path: Path, label: str) -> object:
    """The value shown beside `label` on the Accueil sheet."""
    import openpyxl

    for row in openpyxl.load_workbook(path, read_only=True)["Accueil"].iter_rows(values_only=True):
        cells = [c for c in row if c not in (None, "")]
        if label in cells:
            return cells[cells.index(label) + 1]
    raise AssertionError(f"« {label} » absent de l'Accueil")


def test_accueil_the_bilan_sheet_and_the_documents_give_the_same_figures(produced):
    from demarche_xl.review.overview import SESSIONS_LABEL

    path, folder, reader = produced
    fiche, synthesis = text_of(folder / "Fiche de bilan.docx"), text_of(folder / "Synthèse de l'état des lieux.docx")
    answers, teachers = len(reader.table("answers")), len(reader.table("teachers"))
    rate = f"{round(100 * answers / teachers)} %"
    assert plain(str(home_figure(path, "Taux de réponse au questionnaire"))) == rate
    assert home_figure(path, "Répondants au questionnaire") == answers
    review = reader.table("review")
    sheet = review.loc[review["indicator"].str.startswith("Répondants au questionnaire enseignants"), "value"]
    assert plain(sheet.iloc[0]) == f"{answers} / {teachers} ({rate})"  # the Bilan sheet: same definition
    said = f"{answers} réponses au questionnaire pour {teachers} enseignants ({rate})"
    assert said in fiche and said in synthesis
    sessions = home_figure(path, SESSIONS_LABEL)  # the same count from the parcours and the bilan steps
    assert f"ateliers en {sessions} séances" in fiche
    mobilised = plain(str(home_figure(path, "Enseignants mobilisés (démarche entière)")))
    assert mobilised.split(" (")[0] == table_rows(folder / "Fiche de bilan.docx", "Indicateur", "Collège pilote")[0][1]
