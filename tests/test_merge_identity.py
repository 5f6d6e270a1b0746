"""`fusionner` refuses, before writing anything, a workbook that is not a copy of the master: another project's copy
or a blank workbook; `--forcer` merges it anyway with a warning. A copy of the master is merged as before, and a
workbook made before project identities existed is recognised by the states it shares with the master."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from demarche_xl.schema.registry import META_SHEET, PROJECT_KEY
from demarche_xl.share.copies import project_of
from demarche_xl.store.base import WritePlan
from demarche_xl.store.file_store import FileStore
from demarche_xl.workbook.reader import WorkbookReader


@pytest.fixture
def master(tmp_path: Path, cli) -> Path:
    path = tmp_path / "maitre.xlsx"
    assert cli("exemple", path, "--enseignants", 20)[0] == 0
    return path


@pytest.mark.parametrize("make", ["autre-projet", "vierge"])
def test_a_workbook_of_another_project_is_refused_before_anything_is_written(master: Path, tmp_path: Path, cli,
                                                                            make: str):
    other = tmp_path / f"{make}.xlsx"
    if make == "vierge":
        assert cli("nouveau", other)[0] == 0
    else:
        assert cli("exemple", other, "--enseignants", 20, "--graine", 7)[0] == 0
    before = master.read_bytes()
    backups = sorted((master.parent / "sauvegardes").glob("maitre_*"))
    code, out = cli("fusionner", master, other)
    assert code == 1, out
    assert f"« {other.name} » n'est pas une copie de « {master.name} »" in out and "--forcer" in out
    assert master.read_bytes() == before
    assert sorted((master.parent / "sauvegardes").glob("maitre_*")) == backups  # not even a backup was made


def test_forcer_merges_another_project_with_a_warning(master: Path, tmp_path: Path, cli):
    other = tmp_path / "autre.xlsx"
    assert cli("exemple", other, "--enseignants", 20, "--graine", 7)[0] == 0
    code, out = cli("fusionner", master, other, "--forcer")
    assert code == 0, out
    assert "fusionnée quand même à votre demande (--forcer)" in out
    reader = WorkbookReader(FileStore(master))
    assert list(reader.table("run_log")["step"])[-1] == "fusionner"
    assert len(reader.table("conflicts")) > 0  # every difference of an unrelated workbook is a conflict


def test_a_copy_of_the_master_carries_its_identity_and_merges(master: Path, tmp_path: Path, cli):
    copy = tmp_path / "copie.xlsx"
    shutil.copy(master, copy)
    assert project_of(FileStore(copy)) == project_of(FileStore(master)) != ""
    assert cli("pilotage", master)[0] == 0  # the master moves on; the copy still descends from it
    code, out = cli("fusionner", master, copy)
    assert code == 0 and "n'est pas une copie" not in out, out


def test_a_workbook_without_identity_is_recognised_by_its_shared_history(master: Path, tmp_path: Path, cli):
    """Workbooks made before the identity existed: the copy shares the master's write history."""
    rows = FileStore(master).read_rows(META_SHEET)
    FileStore(master).apply(WritePlan(hidden_sheets={META_SHEET: [r for r in rows if r[0] != PROJECT_KEY]}))
    assert project_of(FileStore(master)) == ""
    copy = tmp_path / "copie.xlsx"
    shutil.copy(master, copy)
    code, out = cli("fusionner", master, copy)
    assert code == 0, out
    stranger = tmp_path / "autre.xlsx"
    assert cli("nouveau", stranger)[0] == 0
    assert cli("fusionner", master, stranger)[0] == 1


def test_adding_the_sheets_to_a_démarche_workbook_keeps_its_identity(master: Path, cli):
    import openpyxl

    identity = project_of(FileStore(master))
    assert identity
    wb = openpyxl.load_workbook(master)
    wb.remove(wb["Conflits"])  # a sheet gone missing: « nouveau --dans » adds it back
    wb.save(master)
    code, out = cli("nouveau", "--dans", master)
    assert code == 0, out
    assert "Conflits" in FileStore(master).sheet_names()
    assert project_of(FileStore(master)) == identity


def test_schools_starting_from_the_emailed_master_get_their_own_identity(tmp_path: Path, cli):
    from demarche_xl.lite import master as emailed

    first, second = tmp_path / "college-a.xlsx", tmp_path / "college-b.xlsx"
    emailed.build(first)
    assert project_of(FileStore(first)) == ""  # every school downloads the same file: it cannot hold one identity
    shutil.copy(first, second)
    for school in (first, second):
        assert cli("pilotage", school)[0] == 0  # the first step draws the school's identity
    assert "" != project_of(FileStore(first)) != project_of(FileStore(second)) != ""
    before = first.read_bytes()
    code, out = cli("fusionner", first, second)
    assert code == 1 and f"« {second.name} » n'est pas une copie de « {first.name} »" in out, out
    assert first.read_bytes() == before
