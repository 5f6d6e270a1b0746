"""Workbooks that went through Excel 365: colleagues' comments (threaded comments, each with its legacy note),
dropdowns on another sheet, data bars and sparklines (x14 extensions) survive the steps of the method — on sheets a
step does not write, on team tables where it writes computed cells, and on tables it rewrites (a comment follows
its row; a comment whose row leaves the table is named in a refusal). The purge forgets them with their authors;
`nouveau --dans` keeps them on the team's own sheets. LibreOffice still opens the result."""
from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from demarche_xl.store import guard
from demarche_xl.store.file_store import FileStore
from fixtures.excel_made import add_extensions, add_thread, donor_extension_list, extension_list, threads_by_cell

from conftest import soffice_convert

DONORS = Path(os.environ.get("DEMARCHE_EXCEL_DONORS", Path(__file__).parent / "data" / "excel"))
X14 = {"x14:dataValidation ": 1, "x14:cfRule ": 1, "x14:sparklineGroup ": 1}


@pytest.fixture(scope="module")
def consolidated(tmp_path_factory) -> Path:
    """The example collège after `consolider`, its team having retained three concerns."""
    from demarche_xl.example.fill import fill_example
    from demarche_xl.runner import run_step
    from demarche_xl.catalog import spec_of
    from fixtures.decisions import retain_most_cited

    path = tmp_path_factory.mktemp("excel") / "college.xlsx"
    fill_example(FileStore(path, must_exist=False))
    run_step(FileStore(path), spec_of("consolider"))
    retain_most_cited(path)
    return path


def sheet_xml(path: Path, sheet: str) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read(guard.sheet_parts(package)[sheet])


def cells_of(path: Path, sheet: str) -> bytes:
    xml = sheet_xml(path, sheet)
    start, end = guard.cell_data_span(xml)
    return xml[start:end]


def legacy_comments(path: Path, sheet: str) -> dict[str, object]:
    ws = openpyxl.load_workbook(path)[sheet]
    return {cell.coordinate: ws.cell(row=cell.row, column=1).value for row in ws.iter_rows() for cell in row
            if cell.comment is not None}


def row_of(path: Path, sheet: str, value: str) -> int:
    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    return next(n for n, row in enumerate(ws.iter_rows(values_only=True), start=1) if row[0] == value)


def reverse_concerns(path: Path) -> None:
    """The team sorted « Préoccupations » Z to A with Excel's filter button."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Préoccupations"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2) if row[0].value]
    for number, values in enumerate(sorted(rows, key=lambda r: r[0], reverse=True), start=2):
        for column, value in enumerate(values, start=1):
            ws.cell(row=number, column=column).value = value
    wb.save(path)


def test_comments_and_extensions_survive_the_method(consolidated: Path, tmp_path: Path, cli):
    path = tmp_path / "college.xlsx"
    shutil.copy(consolidated, path)
    reverse_concerns(path)
    concern = openpyxl.load_workbook(path)["Préoccupations"]["A2"].value
    add_thread(path, "Animateurs", "B2", "Disponible seulement le mercredi")
    add_thread(path, "Enseignants", "K3", "À relancer pour le questionnaire")
    add_thread(path, "Feuille de route", "B2", "Date à confirmer en conseil pédagogique")
    add_thread(path, "Préoccupations", "H2", "Validée en conseil pédagogique du 12 novembre")
    add_extensions(path, "Animateurs", extension_list("D2:D20", "C2:C20", "F2", "Animateurs!C2:E2"))
    add_extensions(path, "Préoccupations", extension_list("H2:H30", "D2:D30", "J2", "Préoccupations!B2:D2"))
    untouched, persons = cells_of(path, "Animateurs"), zipfile.ZipFile(path).read("xl/persons/person.xml")
    for step in ("verifier", "consolider", "pilotage", "groupes", "bilan", "referents"):
        code, out = cli(step, path)
        assert "Traceback" not in out and code in (0, 1), out
        if step != "verifier":
            assert code == 0, out
    assert threads_by_cell(path, "Animateurs") == {"B2": "Disponible seulement le mercredi"}
    assert threads_by_cell(path, "Enseignants") == {"K3": "À relancer pour le questionnaire"}
    assert threads_by_cell(path, "Feuille de route") == {"B2": "Date à confirmer en conseil pédagogique"}
    moved = f"H{row_of(path, 'Préoccupations', concern)}"
    assert moved != "H2"  # consolider ranked the concerns again: the comment followed its row
    assert threads_by_cell(path, "Préoccupations") == {moved: "Validée en conseil pédagogique du 12 novembre"}
    assert legacy_comments(path, "Préoccupations") == {moved: concern}
    assert cells_of(path, "Animateurs") == untouched
    assert zipfile.ZipFile(path).read("xl/persons/person.xml") == persons
    for sheet in ("Animateurs", "Préoccupations"):
        xml = sheet_xml(path, sheet)
        assert {marker: xml.count(marker.encode()) for marker in X14} == X14, sheet
        assert b'mc:Ignorable="x14ac xr xr2 xr3"' in xml and b"xmlns:xr3=" in xml
    soffice_convert(path, "csv")


def test_a_comment_whose_row_leaves_the_table_is_named(consolidated: Path, tmp_path: Path, cli):
    path = tmp_path / "college.xlsx"
    shutil.copy(consolidated, path)
    wb = openpyxl.load_workbook(path)
    last = max(c.row for c in wb["Préoccupations"]["A"] if c.value)
    wb["Préoccupations"].cell(row=last, column=1).value = "Préoccupation tapée à la main"
    wb.save(path)
    add_thread(path, "Préoccupations", f"H{last}", "À discuter")
    before = path.read_bytes()
    code, out = cli("consolider", path)
    assert code == 1 and "Traceback" not in out
    assert f"feuille « Préoccupations », ligne {last}, colonne « Retenue »" in out
    assert f"le commentaire de la cellule H{last} (« À discuter »)" in out
    assert "Préoccupation tapée à la main" in out
    assert path.read_bytes() == before


def test_the_purge_forgets_threads_and_their_authors(consolidated: Path, tmp_path: Path, cli):
    path = tmp_path / "college.xlsx"
    shutil.copy(consolidated, path)
    add_thread(path, "Animateurs", "B2", "Disponible seulement le mercredi")
    code, out = cli("purger", path, "--confirmer")
    assert code == 0, out
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        assert not [n for n in names if "threadedComments" in n or "persons" in n or "comments" in n]
        assert b"person" not in package.read("xl/_rels/workbook.xml.rels")
        assert b"person" not in package.read("[Content_Types].xml")


def test_nouveau_dans_keeps_an_excel_workbook(tmp_path: Path, cli):
    path = tmp_path / "suivi.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Suivi des projets"
    for row in (["Projet", "Avancement", "Janvier", "Février", "Mars"], ["ENT", 0.4, 2, 5, 7],
                ["Tablettes", 0.7, 4, 4, 9]):
        wb.active.append(row)
    wb.save(path)
    add_thread(path, "Suivi des projets", "A2", "Point à faire avec la DANE")
    add_extensions(path, "Suivi des projets", extension_list("A2:A3", "B2:B3", "F2", "'Suivi des projets'!C2:E2"))
    cells = cells_of(path, "Suivi des projets")
    code, out = cli("nouveau", "--dans", path)
    assert code == 0, out
    assert threads_by_cell(path, "Suivi des projets") == {"A2": "Point à faire avec la DANE"}
    assert cells_of(path, "Suivi des projets") == cells
    xml = sheet_xml(path, "Suivi des projets")
    assert {marker: xml.count(marker.encode()) for marker in X14} == X14
    assert "Enseignants" in openpyxl.load_workbook(path, read_only=True).sheetnames


DONOR_FILES = sorted(DONORS.glob("*.xlsx")) if DONORS.is_dir() else []


@pytest.mark.skipif(not DONOR_FILES, reason="aucun classeur enregistré par Excel (DEMARCHE_EXCEL_DONORS)")
@pytest.mark.parametrize("donor", DONOR_FILES, ids=lambda p: p.name)
def test_excel_saved_donors(donor: Path, consolidated: Path, tmp_path: Path, cli):
    """A workbook saved by Excel gets the method's sheets and keeps everything, or is refused unchanged with what
    would be lost named; its threads and extensions, transplanted into our workbook, survive `consolider`."""
    path = tmp_path / donor.name
    shutil.copy(donor, path)
    before = path.read_bytes()
    threads = {name: threads_by_cell(donor, name) for name in openpyxl.load_workbook(donor).sheetnames}
    code, out = cli("nouveau", "--dans", path)
    assert "Traceback" not in out
    if code == 0:
        assert {name: threads_by_cell(path, name) for name in threads} == threads
    else:
        assert "ferait disparaître" in out and path.read_bytes() == before
    ours = tmp_path / "college.xlsx"
    shutil.copy(consolidated, ours)
    transplanted = False
    if any(threads.values()):
        add_thread(ours, "Animateurs", "C3", "", donor=donor)
        transplanted = True
    try:
        add_extensions(ours, "Animateurs", donor_extension_list(donor))
        transplanted = True
    except LookupError:
        pass
    if transplanted:
        expected = threads_by_cell(ours, "Animateurs")
        markers = {m: sheet_xml(ours, "Animateurs").count(m.encode()) for m in X14}
        code, out = cli("consolider", ours)
        assert code == 0, out
        assert threads_by_cell(ours, "Animateurs") == expected
        assert {m: sheet_xml(ours, "Animateurs").count(m.encode()) for m in X14} == markers
