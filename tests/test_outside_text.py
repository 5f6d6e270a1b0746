"""Text from outside is text everywhere, shown as typed: an export whose column title and answers start like a
formula (= + - @) is imported and consolidated into text cells marked quotePrefix — header rows included, in the
raw tab, Correspondances and Réponses, through openpyxl and through the generated rows of large tables — never a
formula, never with an apostrophe added; LibreOffice shows the text as typed."""
from __future__ import annotations

import csv
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from demarche_xl.store.file_store import FileStore
from demarche_xl.survey.questions import SURVEY
from demarche_xl.workbook.reader import WorkbookReader

from conftest import SOFFICE, soffice_convert

LABEL = {q.code: q.label for q in SURVEY}
TITLE = "=cmd|'/c calc'!A1"
ANSWER = "+ de temps d'échange entre collègues"


def hostile_export(folder: Path, answers: int) -> Path:
    header = ["Horodateur", LABEL["NOM"], LABEL["PRENOM"], LABEL["DISC"], LABEL["PREO1"], LABEL["COMM"], TITLE]
    rows = [header]
    for i in range(answers):
        rows.append([f"0{i % 9 + 1}/10/2026 10:15:00", f"Nom{i}", "Zoé", "Anglais", "Évaluer autrement",
                     ANSWER if i % 2 == 0 else f"@équipe {i}", "-3" if i % 3 else "=1+1"])
    path = folder / "export.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.mark.parametrize("answers", [4, 600])  # openpyxl's cells, and the generated rows of a large table
def test_formula_looking_text_is_text_shown_as_typed(new_workbook: Path, tmp_path: Path, cli, answers: int):
    roster = openpyxl.load_workbook(new_workbook)
    for row, values in enumerate((["E001", "Nom0", "Zoé", None, "Anglais"], ["E002", "Nom1", "Zoé", None, "Anglais"]),
                                 start=2):
        for column, value in enumerate(values, start=1):
            roster["Enseignants"].cell(row=row, column=column, value=value)
    roster.save(new_workbook)
    code, out = cli("importer", new_workbook, hostile_export(tmp_path, answers))
    assert code == 0, out
    code, out = cli("consolider", new_workbook)
    assert code == 0, out
    wb = openpyxl.load_workbook(new_workbook)
    raw = wb["Q - Google Forms"]
    header = raw.cell(row=1, column=7)
    assert (header.value, header.data_type, header.quotePrefix) == (TITLE, "s", True)
    cells = [raw.cell(row=2, column=6), raw.cell(row=3, column=6), raw.cell(row=2, column=7)]
    assert [c.value for c in cells] == [ANSWER, "@équipe 1", "=1+1"]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert not raw.cell(row=2, column=2).quotePrefix  # plain text is left plain
    mapping = [r for r in WorkbookReader(FileStore(new_workbook)).store.read_rows("Correspondances")]
    assert any(TITLE in row for row in mapping), "the column title is listed in Correspondances"
    answers_ws = wb["Réponses"]
    headers = [c.value for c in answers_ws[1]]
    comment = answers_ws.cell(row=2, column=headers.index("Commentaire") + 1) if "Commentaire" in headers else None
    texts = [c for row in answers_ws.iter_rows(min_row=2) for c in row if c.value in (ANSWER,)]
    assert texts and all(c.quotePrefix and c.data_type == "s" for c in texts), comment
    assert not any(isinstance(c.value, str) and c.value.startswith("'") for row in wb.worksheets for r in row.iter_rows()
                   for c in r)
    with zipfile.ZipFile(new_workbook) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in package.read(n) or b"<f " in package.read(n) for n in sheets)
    if answers == 4:  # LibreOffice shows the raw tab as typed: its CSV export holds the texts, no apostrophe
        tab = wb.sheetnames.index("Q - Google Forms") + 1
        shown = libreoffice_csv(new_workbook, tab)
        assert TITLE in shown and ANSWER in shown and "=1+1" in shown and "'+ de temps" not in shown


def libreoffice_csv(path: Path, tab: int) -> str:
    """The sheet number `tab` of `path` as LibreOffice displays it, exported to CSV."""
    soffice_convert(path, "pdf")  # fails (or skips) the test the usual way when LibreOffice is missing
    out = path.parent / "csv"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{out}/profil", "--headless", "--convert-to",
                    f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{tab}", "--outdir",
                    str(out), str(path)], capture_output=True, timeout=240, check=True)
    return "".join(p.read_text(encoding="utf-8") for p in out.glob("*.csv"))


def test_every_kind_of_write_keeps_text_as_typed(new_workbook: Path):
    """Headers of a table (a team's column title), a raw tab, computed cells in a team table, Accueil."""
    from demarche_xl.schema.registry import table
    from demarche_xl.store.base import CELLS, HOME, RAW, SheetWrite, WritePlan

    groups = table("groups")
    FileStore(new_workbook).apply(WritePlan([
        SheetWrite(groups.sheet, [*groups.headers, "=total"], [["G1", "E001", "-Zoé"] + [None] * 6 + ["+1"]],
                   table=groups),
        SheetWrite("Q - Papier", ["@nom", "Nom"], [["=2*3", "Ève"]], kind=RAW),
        SheetWrite("Enseignants", [], [[2, 1, "-E001"]], kind=CELLS),
        SheetWrite("Accueil", [], [["title", "=Accueil"], ["text", "-texte"], ["figure", "Chiffre", "+3"]], kind=HOME)]))
    wb = openpyxl.load_workbook(new_workbook)
    expected = [(groups.sheet, "J1", "=total"), (groups.sheet, "C2", "-Zoé"), (groups.sheet, "J2", "+1"),
                ("Q - Papier", "A1", "@nom"), ("Q - Papier", "A2", "=2*3"), ("Enseignants", "A2", "-E001"),
                ("Accueil", "A1", "=Accueil"), ("Accueil", "A2", "-texte"), ("Accueil", "B3", "+3")]
    for sheet, ref, value in expected:
        cell = wb[sheet][ref]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True), (sheet, ref)
    assert not wb["Q - Papier"]["B2"].quotePrefix
