"""The loss guard compares the saved package with the original before it replaces the workbook: untouched sheets
keep their cells byte for byte, cached values of formulas included (checked with python-calamine when the bytes
differ); a sheet or a part openpyxl would drop is named and the step refuses, the workbook unchanged."""
from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from demarche_xl.problems import UserError
from demarche_xl.store import guard, loss_guard, set_aside
from demarche_xl.store.base import WritePlan
from demarche_xl.store.file_store import FileStore
from fixtures.rich_content import _add_override, _add_rel, _rewrite
from test_file_store import write_groups

TEAM = "Calculs"
FORMULA_CELL = b'<c r="B2"><f>SUM(A2:A4)</f><v>6</v></c>'


@pytest.fixture
def with_formulas(new_workbook: Path) -> Path:
    """A team sheet whose B2 is a formula with its cached value, as Excel saves it."""
    wb = openpyxl.load_workbook(new_workbook)
    ws = wb.create_sheet(TEAM)
    for row, value in enumerate((1, 2, 3), start=2):
        ws.cell(row=row, column=1, value=value)
    wb.save(new_workbook)

    def edit(parts):
        name = next(part for sheet, part in _sheet_parts(parts).items() if sheet == TEAM)
        parts[name] = parts[name].replace(b'<c r="A2" t="n"><v>1</v></c>', b'<c r="A2" t="n"><v>1</v></c>'
                                          + FORMULA_CELL, 1)
        assert FORMULA_CELL in parts[name]

    _rewrite(new_workbook, edit)
    return new_workbook


def _sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
            package.writestr(name, parts[name])
    with zipfile.ZipFile(buffer) as package:
        return guard.sheet_parts(package)


def sheet_xml(path: Path, sheet: str) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read(guard.sheet_parts(package)[sheet])


def test_an_untouched_sheet_keeps_its_formulas_and_cached_values(with_formulas: Path):
    before = sheet_xml(with_formulas, TEAM)
    write_groups(FileStore(with_formulas))
    assert sheet_xml(with_formulas, TEAM) == before
    values = CalamineWorkbook.from_path(str(with_formulas)).get_sheet_by_name(TEAM).to_python(skip_empty_area=False)
    assert values[1][:2] == [1.0, 6.0]


def test_a_rewrite_that_would_lose_cached_values_is_refused(with_formulas: Path, monkeypatch):
    """When the cells cannot be set aside, openpyxl rewrites every sheet and drops the formulas' cached values:
    calamine sees the difference, the step refuses naming the cell."""
    def cannot(*args, **kwargs):
        raise set_aside.CannotSetAside("pour le test")

    monkeypatch.setattr(set_aside, "set_aside", cannot)
    before = with_formulas.read_bytes()
    with pytest.raises(UserError) as refused:
        write_groups(FileStore(with_formulas))
    said = str(refused.value)
    assert f"feuille « {TEAM} » : 1 cellule changerait (B2 : « 6.0 » → « " in said
    assert with_formulas.read_bytes() == before


def test_a_part_openpyxl_would_drop_is_named(new_workbook: Path):
    """A part an add-in hung on a sheet, of a kind openpyxl does not know: it would vanish with the rewrite."""
    write_groups(FileStore(new_workbook))

    def edit(parts):
        sheet = next(part for name, part in _sheet_parts(parts).items() if name == "Groupes")
        folder, name = sheet.rsplit("/", 1)
        parts["xl/complement/donnees1.xml"] = b'<?xml version="1.0"?><donnees xmlns="urn:complement">1</donnees>'
        _add_rel(parts, f"{folder}/_rels/{name}.rels", "rIdAddin", "complement", "../complement/donnees1.xml")
        _add_override(parts, "xl/complement/donnees1.xml", "application/xml")

    _rewrite(new_workbook, edit)
    before = new_workbook.read_bytes()
    with pytest.raises(UserError) as refused:
        write_groups(FileStore(new_workbook))
    assert "classeur : partie « xl/complement/donnees1.xml »" in str(refused.value)
    assert new_workbook.read_bytes() == before


def test_a_sheet_that_would_disappear_is_named(new_workbook: Path, tmp_path: Path):
    wb = openpyxl.load_workbook(new_workbook)
    wb.create_sheet("Notes de l'équipe")
    wb.save(new_workbook)
    without = tmp_path / "sans.xlsx"
    wb.remove(wb["Notes de l'équipe"])
    wb.save(without)
    lines = loss_guard.losses(new_workbook, without, WritePlan(), set())
    assert "feuille « Notes de l'équipe » (elle disparaîtrait)" in lines
    assert loss_guard.losses(new_workbook, without, WritePlan(), {"Notes de l'équipe"}) == []


def test_sheets_stored_alike_are_not_read_again_and_a_changed_one_still_is(with_formulas: Path, monkeypatch):
    """The guard takes a sheet put back with the original's compressed bytes as surveyed already; a sheet whose
    bytes differ (here one cached value, changed on the way) is read again and the step refuses naming the cell."""
    real_restore, real_survey, noted = set_aside._restore, guard.survey, []

    def altering_restore(xml, aside, name):
        start, rows, end = real_restore(xml, aside, name)  # a set-aside sheet's cells end the first piece
        return (start.replace(b"<v>6</v>", b"<v>7</v>") if name == TEAM else start), rows, end

    def noting_survey(path, only=None, package=None, known=None):
        noted.append(set(known or {}))
        return real_survey(path, only, package, known)

    monkeypatch.setattr(set_aside, "_restore", altering_restore)
    monkeypatch.setattr(guard, "survey", noting_survey)
    before = with_formulas.read_bytes()
    with pytest.raises(UserError) as refused:
        write_groups(FileStore(with_formulas))
    assert f"feuille « {TEAM} » : 1 cellule changerait (B2 : « 6.0 » → « 7.0 »)" in str(refused.value)
    assert with_formulas.read_bytes() == before
    assert "Enseignants" in noted[-1] and TEAM not in noted[-1]  # the survey of the new package
