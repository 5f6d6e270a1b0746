"""How the example collège's workbook reads on screen and on paper, once the steps have run: numbers shown as
computed (« 69 », never « 69.0 ») by LibreOffice, sheets people print set to landscape, one page wide, header row
repeated and a « page 2 sur 5 » footer, long explanations (« Pourquoi » of Groupes) wrapped."""
from __future__ import annotations

import re
import subprocess

import openpyxl
import pytest

from conftest import SOFFICE
from test_documents_support import produced  # noqa: F401 - the example collège after every step, made once

PRINTED = ("Groupes", "Parcours", "Planning individuel", "Préoccupations", "Cartographie", "Bilan",
           "Prochaines étapes", "Référents", "Feuille de route", "Plan d'action")


def test_sheets_people_print_fit_one_page_width_with_the_header_repeated(produced):  # noqa: F811
    path, _, _ = produced
    book = openpyxl.load_workbook(path)
    for name in PRINTED:
        ws = book[name]
        assert ws.page_setup.orientation == "landscape", name
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, name
        assert ws.page_setup.fitToHeight == 0, name  # as many pages down as needed
        assert ws.print_title_rows in ("1:1", "$1:$1"), name
        assert "page &P sur &N" in (ws.oddFooter.center.text or ""), name
    groups = book["Groupes"]
    why = [c.column_letter for c in groups[1] if c.value == "Pourquoi"][0]
    assert groups[f"{why}2"].value and groups[f"{why}2"].alignment.wrap_text
    assert groups.column_dimensions[why].width <= 50
    ranking = book["Préoccupations"]
    score = [c.column for c in ranking[1] if c.value == "Score pondéré"][0]
    assert ranking.cell(row=2, column=score).number_format == "General"


def test_libreoffice_shows_scores_as_computed(produced, tmp_path):  # noqa: F811
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) est introuvable")
    path, _, reader = produced
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profil'}", "--headless", "--norestore",
                    "--convert-to", "html", "--outdir", str(tmp_path), str(path)], capture_output=True, timeout=240,
                   check=True)
    page = (tmp_path / f"{path.stem}.html").read_text(encoding="utf-8", errors="replace")
    shown = " ".join(re.sub(r"<[^>]+>", " ", page[page.index("Score pondéré"):][:20000]).split())
    ranking = reader.table("concern_ranking").sort_values("rank")
    first = ranking.iloc[0]
    assert f"{first['concern']} {first['teachers']}" in shown
    assert f" {first['score']:g} " in shown
    assert f"{first['score']:g}.0" not in shown and f"{first['score']:g},0" not in shown
