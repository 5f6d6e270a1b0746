"""The documents as a reader sees them, on the example collège: the public fiche de bilan, its internal version,
the synthèse and one convocation converted to PDF by LibreOffice in one call, read back with pdftotext.

- every word of the PDF text is a word of the document (a word cut across two lines shows up as two non-words);
- the public fiche has at most 2 pages before its annex (landscape), names no one from Enseignants and shows
  only figures the workbook holds, the key ones recomputed here from the input sheets;
- every produced document is free of elision faults (« de Amélie ») and « (s) » plurals.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from demarche_xl.french import NBSP, elision_faults, plain, plural_placeholders

from conftest import SOFFICE
from test_documents_support import produced  # noqa: F401 - the example collège's documents, made once

PUBLIC, INTERNAL, SYNTHESIS = "Fiche de bilan", "Fiche de bilan - équipe projet", "Synthèse de l'état des lieux"
WORD = re.compile(r"[^\W\d_]+")
TOKEN = re.compile(r"[^\W_]+")  # letters and digits together: « PA1 » cut as « PA » / « 1 » is caught
NUMBER = re.compile(r"\d+(?:,\d+)?")


def docx_text(path: Path) -> str:
    """Paragraphs, table cells, headers and footers of a Word document."""
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def pdfs(produced, tmp_path_factory):  # noqa: F811 - the fixture imported above
    """name → (Word document, PDF text split by page), converted in a single LibreOffice call."""
    from demarche_xl.documents.pdf import to_pdf

    if SOFFICE is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) ou pdftotext est introuvable")
    _, folder, _ = produced
    picks = {PUBLIC: folder / f"{PUBLIC}.docx", INTERNAL: folder / f"{INTERNAL}.docx",
             SYNTHESIS: folder / f"{SYNTHESIS}.docx",
             "convocation": next((folder / "convocations").glob("*Ève*.docx"))}
    target = tmp_path_factory.mktemp("pdf")
    copies = {name: Path(shutil.copy(path, target / path.name)) for name, path in picks.items()}
    written, problems = to_pdf(list(copies.values()))
    assert not problems and len(written) == len(copies), [str(p) for p in problems]
    out = {}
    for name, path in copies.items():
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path.with_suffix(".pdf")), "-"],
                              capture_output=True, text=True, check=True, timeout=60).stdout
        out[name] = (path, path.with_suffix(".pdf"), text.split("\f")[:-1] or [text])
    return out


@pytest.mark.parametrize("name", [PUBLIC, INTERNAL, SYNTHESIS, "convocation"])
def test_no_word_is_cut_across_two_lines(pdfs, name):
    document, _, pages = pdfs[name]
    text = docx_text(document)
    known = set(TOKEN.findall(text))
    known |= {w.replace("-", "") for w in re.findall(r"[^\W_]+(?:-[^\W_]+)+", text)}  # cut after a hyphen,
    # pdftotext joins the halves without it
    seen = TOKEN.findall("\n".join(pages))
    assert len(seen) > 100
    page_numbers = {str(n) for n in range(1, len(pages) + 1)}  # the footer's fields
    strangers = sorted({w for w in seen if w not in known and w not in page_numbers})
    assert not strangers, f"{name} : mots coupés ou inconnus dans le PDF : {strangers[:20]}"


def test_public_fiche_is_two_pages_then_a_landscape_annex(pdfs):
    _, pdf, pages = pdfs[PUBLIC]
    annex = next(i for i, page in enumerate(pages) if "Annexe" in page and "indicateurs détaillés" in page)
    assert annex <= 2, f"{annex} pages avant l'annexe"
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)",
                       subprocess.run(["pdfinfo", "-f", "1", "-l", str(len(pages)), str(pdf)], capture_output=True,
                                      text=True, check=True, timeout=60).stdout)
    assert len(sizes) == len(pages)
    assert all(float(w) < float(h) for w, h in sizes[:annex])  # portrait
    assert all(float(w) > float(h) for w, h in sizes[annex:])  # landscape annex
    body = "\n".join(pages[:annex])
    for heading in ("Objectifs", "Ce qui a été réalisé", "Indicateurs clés", "Satisfaction des enseignants",
                    "Besoins exprimés", "Prochaines étapes"):
        assert heading in body
    assert "version publique" in body and "(non renseigné)" not in "\n".join(pages)


def test_public_fiche_names_no_one(pdfs, produced):  # noqa: F811
    _, _, reader = produced
    text = " ".join(plain("\n".join(pdfs[PUBLIC][2])).split())  # a name wrapped in a table cell is found too
    words = set(WORD.findall(text))
    teachers = reader.table("teachers")
    school = str(reader.params()["school"])
    for teacher in teachers.itertuples():
        full = f"{teacher.first_name} {teacher.last_name}"
        assert full not in text and f"{teacher.last_name} {teacher.first_name}" not in text, full
        assert teacher.teacher_id not in text
        last = str(teacher.last_name)
        if last not in school:
            assert last not in words or not last[0].isupper(), last
    internal = " ".join(plain("\n".join(pdfs[INTERNAL][2])).split())
    assert any(name in internal for name in reader.table("lead_teachers")["name"])  # the internal one does


def test_every_figure_of_the_public_fiche_is_in_the_workbook(pdfs, produced):  # noqa: F811
    _, _, reader = produced
    pages = pdfs[PUBLIC][2]
    text = plain("\n".join(pages)).replace("\n", " ")
    teachers, answers, practices = reader.table("teachers"), reader.table("answers"), reader.table("practices")
    workshops, schedules = reader.table("workshops"), reader.table("schedules")
    sessions = {(s, w) for s, w in zip(schedules["slot_id"], schedules["workshop_id"])
                if w in set(workshops["workshop_id"])}
    rate = round(100 * len(answers) / len(teachers))
    statuses = practices["status"].value_counts()
    expected = [
        f"{len(answers)} réponses au questionnaire pour {len(teachers)} enseignants ({rate} %)",
        f"{len(workshops)} ateliers en {len(sessions)} séances, {len(reader.table('facilitators'))} animateurs, "
        f"{reader.table('groups')['group_id'].nunique()} groupes d'enseignants",
        f"Mise en pratique : {len(practices)} fiches ({statuses['Réalisée']} réalisées, {statuses['En cours']} en "
        f"cours, {statuses['Prévue']} prévues et {statuses['Abandonnée']} abandonnées)",
    ]
    for sentence in expected:
        assert sentence in text
    review = reader.table("review")
    in_sheet = " ".join(plain(str(v)) for column in ("indicator", "value", "reference", "comment")
                        for v in review[column].dropna())
    for value in review.loc[review["section"] == "Mobilisation", "value"]:
        assert plain(value) in text  # the annex shows the Bilan sheet's figures
    steps = " ".join(str(v) for v in reader.table("next_steps")[["action", "owner", "due"]].stack())
    params = reader.params()
    held = {str(n) for n in (len(teachers), len(answers), len(sessions), len(workshops), rate, *statuses)}
    roster = teachers["discipline"].value_counts()
    rare = practices["discipline"].isin(roster[roster < 5].index).sum()  # « Autres disciplines », grouped
    held |= {str(rare), str(round(100 * rare / len(practices)))}
    allowed = set(NUMBER.findall(in_sheet + steps + str(params["school_year"]) + str(params["contact"]))) | held
    allowed |= {str(n) for n in range(1, len(pages) + 1)} | {"4", "5", "90"}  # pages; « 4 ou 5 sur 5 », pilot
    allowed |= set(NUMBER.findall(pages[0].split("\n")[0] + pages[0][:400]))  # the date the fiche was made
    strangers = sorted(set(NUMBER.findall(text)) - allowed, key=lambda n: float(n.replace(",", ".")))
    assert not strangers, f"chiffres absents du classeur : {strangers}"


def test_numbers_and_percents_never_break_and_french_spacing_is_kept(pdfs):
    document, _, _ = pdfs[PUBLIC]
    raw = docx_text(document)
    assert f"{NBSP}%" in raw and f"{NBSP}:" in raw and f"{NBSP}/{NBSP}" in raw
    assert not re.search(r"\d %", raw) and not re.search(r"\w :", raw)


def test_no_elision_fault_or_plural_placeholder_in_any_document(produced):  # noqa: F811
    _, folder, _ = produced
    documents = sorted(folder.rglob("*.docx"))
    assert len(documents) > 60
    faults = {}
    for path in documents:
        text = docx_text(path)
        found = elision_faults(text) + plural_placeholders(text)
        if found:
            faults[path.name] = found
    assert not faults, faults
