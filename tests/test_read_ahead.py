"""The workbook read while the toolkit loads (`store.read_ahead`): the step reads exactly what the file holds when
it reads it, sheets parsed ahead or not; a file replaced meanwhile, or a damaged sheet, is read again by the store."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from demarche_xl.example.fill import fill_example
from demarche_xl.problems import UserError
from demarche_xl.store import guard, read_ahead
from demarche_xl.store.file_store import FileStore


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("avance") / "exemple.xlsx"
    fill_example(FileStore(path, must_exist=False))
    return path


@pytest.fixture
def counted(monkeypatch) -> list[tuple[str, bool]]:
    """(sheet, whether it came parsed ahead) for each sheet the store takes."""
    taken = []
    original = read_ahead.take

    def take(path, sheet):
        found = original(path, sheet)
        taken.append((sheet, found is not None))
        return found

    monkeypatch.setattr(read_ahead, "take", take)
    yield taken
    read_ahead.forget()


def every_sheet(path: Path) -> dict[str, list[list[object]]]:
    store = FileStore(path)
    return {name: store.read_rows(name) for name in store.sheet_names()}


def wait_until_read(path: Path) -> None:
    """Read ahead `path` and wait until every sheet is parsed."""
    read_ahead.start(path)
    with read_ahead._lock:
        while read_ahead._state and not read_ahead._state.get("done"):
            read_ahead._lock.wait()


@pytest.fixture
def handed(monkeypatch) -> list[int]:
    """For each save of an original package: how many parts it was given inflated ahead."""
    counts = []
    real = read_ahead.hand_inflated

    def hand(path, package):
        before = len(package._parts)
        real(path, package)
        counts.append(len(package._parts) - before)

    monkeypatch.setattr(read_ahead, "hand_inflated", hand)
    return counts


def test_sheets_parsed_ahead_are_those_the_store_would_read(example: Path, tmp_path: Path, counted):
    book = tmp_path / "a.xlsx"
    shutil.copy(example, book)
    expected = every_sheet(example)
    read_ahead.forget()
    counted.clear()
    wait_until_read(book)
    assert every_sheet(book) == expected
    assert all(ahead for _, ahead in counted) and len(counted) == len(expected)
    counted.clear()
    assert every_sheet(book) == expected  # each handed out once: read again from the file
    assert not any(ahead for _, ahead in counted)


def test_a_file_replaced_after_the_read_ahead_is_read_again(example: Path, tmp_path: Path, counted):
    book, other = tmp_path / "b.xlsx", tmp_path / "autre.xlsx"
    shutil.copy(example, book)
    fill_example(FileStore(other, must_exist=False), teachers=12)
    wait_until_read(book)
    shutil.copy(other, tmp_path / "copie.xlsx")
    (tmp_path / "copie.xlsx").replace(book)  # another program saved the workbook meanwhile
    counted.clear()
    assert every_sheet(book) == every_sheet(other)
    assert not any(ahead for _, ahead in counted)
    assert read_ahead._state == {}  # nothing read ahead is kept for a file that changed


def test_a_damaged_sheet_read_ahead_is_still_named_by_the_store(example: Path, tmp_path: Path, counted):
    book = tmp_path / "abime.xlsx"
    part = guard.sheet_parts(zipfile.ZipFile(example))["Enseignants"]
    with zipfile.ZipFile(example) as source, zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, data[:len(data) // 2] if info.filename == part else data)
    wait_until_read(book)
    assert "Ateliers" in read_ahead._state["sheets"]
    store = FileStore(book)
    assert store.read_rows("Ateliers")
    for _ in range(2):  # checked when the store takes it, then read again from the file
        with pytest.raises(UserError) as refused:
            store.read_rows("Enseignants")
        assert "« Enseignants »" in str(refused.value) and "coupé" in str(refused.value)


def test_only_a_workbook_named_after_the_command_is_read_ahead(example: Path, monkeypatch):
    started = []
    monkeypatch.setattr(read_ahead, "start", started.append)
    monkeypatch.setattr(read_ahead.os, "cpu_count", lambda: 2)
    for arguments in (["--help"], ["consolider"], ["exemple", "--enseignants", "40"], ["documents", "notes.docx"]):
        read_ahead.start_for(arguments)
    assert started == []
    read_ahead.start_for(["consolider", str(example), "--remplacer"])
    assert started == [example]
    monkeypatch.setattr(read_ahead.os, "cpu_count", lambda: 1)  # no second core to read on: nothing gained
    read_ahead.start_for(["consolider", str(example)])
    assert started == [example]


def test_the_installed_command_gives_the_same_workbook_as_the_step_run_in_process(example: Path, tmp_path: Path):
    from demarche_xl.runner import run_step
    from demarche_xl.steps.temps1 import CONSOLIDATE

    by_command, in_process = tmp_path / "commande.xlsx", tmp_path / "processus.xlsx"
    shutil.copy(example, by_command)
    shutil.copy(example, in_process)
    done = subprocess.run([sys.executable, "-m", "demarche_xl", "consolider", str(by_command)], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    run_step(FileStore(in_process), CONSOLIDATE)
    dated = {"Journal", "Accueil", "_demarche", "_empreintes"}
    command_sheets, process_sheets = every_sheet(by_command), every_sheet(in_process)
    assert command_sheets.keys() == process_sheets.keys()
    assert {k: v for k, v in command_sheets.items() if k not in dated} == \
        {k: v for k, v in process_sheets.items() if k not in dated}
    assert len(command_sheets["Réponses"]) > 10


def test_the_save_surveys_the_parts_inflated_ahead_and_still_refuses_a_loss(new_workbook: Path, handed):
    from fixtures.rich_content import add_shape, add_user_content
    from test_file_store import write_groups

    add_user_content(new_workbook)
    add_shape(new_workbook)
    original = new_workbook.read_bytes()
    wait_until_read(new_workbook)
    with pytest.raises(UserError) as refused:
        write_groups(FileStore(new_workbook))
    assert handed and handed[0] > 10  # the sheets' XML came inflated from the read ahead
    assert "forme ou zone de texte" in str(refused.value) and "rien n'a été modifié" in str(refused.value)
    assert new_workbook.read_bytes() == original


def test_parts_inflated_ahead_of_a_file_saved_since_are_not_used(example: Path, tmp_path: Path, handed):
    from test_file_store import write_groups

    book = tmp_path / "c.xlsx"
    shutil.copy(example, book)
    wait_until_read(book)
    write_groups(FileStore(book))
    wait_until_read(book)
    shutil.copy(book, tmp_path / "copie.xlsx")
    (tmp_path / "copie.xlsx").replace(book)  # another program saved the workbook after it was read ahead
    write_groups(FileStore(book))
    assert handed[0] > 10 and handed[1] == 0
    assert len(every_sheet(book)["Groupes"]) == 3


def test_the_installed_command_exits_with_the_step_s_code_and_its_whole_output(example: Path, tmp_path: Path):
    book = tmp_path / "sortie.xlsx"
    shutil.copy(example, book)
    refused = subprocess.run([sys.executable, "-m", "demarche_xl", "groupes", str(book)], capture_output=True,
                             text=True)
    assert refused.returncode == 1 and "L'étape n'a pas pu aboutir" in refused.stderr
    missing = subprocess.run([sys.executable, "-m", "demarche_xl", "verifier", str(tmp_path / "absent.xlsx")],
                             capture_output=True, text=True)
    assert missing.returncode == 1 and "n'existe pas" in missing.stderr
    helped = subprocess.run([sys.executable, "-m", "demarche_xl", "--aide"], capture_output=True, text=True)
    assert helped.returncode == 0 and "consolider" in helped.stdout
    done = subprocess.run([sys.executable, "-m", "demarche_xl", "pilotage", str(book)], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    logged = every_sheet(book)["Journal"][-1][3]  # the step's report as `Journal` keeps it
    warnings = int(re.search(r"\((\d+) avertissements\)", logged).group(1))
    assert warnings > 1 and done.stdout.count("Attention —") == warnings  # all of it flushed before the end


def test_a_sheet_reaching_too_far_is_never_parsed_ahead_and_the_store_refuses_it(example: Path, tmp_path: Path):
    book = tmp_path / "loin.xlsx"
    part = guard.sheet_parts(zipfile.ZipFile(example))["Journal"]
    far = (b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    with zipfile.ZipFile(example) as source, zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, data.replace(b"</sheetData>", far) if info.filename == part else data)
    wait_until_read(book)
    assert "Journal" not in read_ahead._state["sheets"] and "Ateliers" in read_ahead._state["sheets"]
    with pytest.raises(UserError) as refused:
        FileStore(book).read_rows("Journal")
    assert "« Journal »" in str(refused.value) and "XFD1048576" in str(refused.value)
