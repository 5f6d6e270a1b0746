"""The life of a workbook while a step runs, on real files and real processes: one writer at a time (a second step
waits, then is refused naming the first; a dead run's lock is cleared), no leftovers of dead runs, the workbook's
mode and owner kept, read-only file or folder refused with the right advice, backups pruned by exact name."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from demarche_xl.lifecycle import lock
from demarche_xl.store import safety
from demarche_xl.store.file_store import FileStore
from demarche_xl.workbook.reader import WorkbookReader
from fixtures.fake_xlwings import FakeApp, FakeBook

HOLD = """
import sys, time
from pathlib import Path
from demarche_xl.lifecycle import lock
with lock.hold(Path(sys.argv[1]), sys.argv[2]):
    print("pris", flush=True)
    while not Path(sys.argv[3]).exists():
        time.sleep(0.05)
"""


@pytest.fixture
def example(cli, tmp_path: Path) -> Path:
    path = tmp_path / "college.xlsx"
    assert cli("exemple", path, "--enseignants", 20)[0] == 0
    return path


def hold_in_other_process(path: Path, label: str, release: Path) -> subprocess.Popen:
    """Another process takes the workbook's lock as a step would, until `release` exists."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path), label, str(release)], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout.readline().strip() == "pris"
    return holder


def dead_pid() -> int:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    return finished.pid


def steps_in_journal(path: Path) -> list[str]:
    return list(WorkbookReader(FileStore(path)).table("run_log")["step"])


def test_a_second_step_is_refused_naming_the_step_that_holds_the_workbook(cli, example: Path, monkeypatch):
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.5)
    release = example.parent / "fin"
    holder = hold_in_other_process(example, "Former les groupes", release)
    try:
        before = example.read_bytes()
        code, out = cli("pilotage", example)
        assert code == 1
        assert "est en cours de modification par l'étape « Former les groupes »" in out
        assert "rien n'a été modifié" in out and lock.lock_path(example).name in out
        assert example.read_bytes() == before
    finally:
        release.touch()
        holder.wait(timeout=30)
    assert not lock.lock_path(example).exists()
    assert cli("pilotage", example)[0] == 0
    assert steps_in_journal(example)[-1] == "pilotage"


def test_a_second_step_waits_for_the_first_then_runs_on_its_result(cli, example: Path):
    release = example.parent / "fin"
    holder = hold_in_other_process(example, "Former les groupes", release)
    subprocess.Popen([sys.executable, "-c", f"import time, pathlib; time.sleep(1); pathlib.Path({str(release)!r})"
                                            ".touch()"])
    code, out = cli("pilotage", example)
    holder.wait(timeout=30)
    assert code == 0, out
    assert steps_in_journal(example)[-1] == "pilotage"


@pytest.mark.parametrize("holder", [
    {"etape": "Former les groupes", "poste": "HOST", "pid": "DEAD", "debut": "2026-01-05T10:00:00"},
    {"etape": "Faire le bilan", "poste": "autre-poste", "pid": 1, "debut": "2026-01-05T10:00:00", "old": True},
    {},  # a run killed while creating its lock: empty, and old
])
def test_a_lock_left_by_a_dead_run_is_cleared(cli, example: Path, holder: dict):
    import json

    path = lock.lock_path(example)
    old = holder.pop("old", False) or not holder
    holder = {k: lock.host_name() if v == "HOST" else dead_pid() if v == "DEAD" else v for k, v in holder.items()}
    path.write_text(json.dumps(holder) if holder else "", encoding="utf-8")
    if old:
        stamp = time.time() - 3 * 3600
        os.utime(path, (stamp, stamp))
    code, out = cli("pilotage", example)
    assert code == 0, out
    assert not path.exists()


def test_a_fresh_lock_of_another_computer_is_respected(cli, example: Path, monkeypatch):
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)
    lock.lock_path(example).write_text('{"etape": "Faire le bilan", "utilisateur": "anne", "poste": "cdi-02", '
                                       f'"pid": 1, "debut": "{dt.datetime.now().isoformat()}"}}', encoding="utf-8")
    code, out = cli("bilan", example)
    assert code == 1 and "« Faire le bilan » (lancée par anne sur le poste cdi-02" in out


def test_the_excel_door_takes_the_same_lock(example: Path, monkeypatch):
    from demarche_xl.excel import session

    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)
    release = example.parent / "fin"
    holder = hold_in_other_process(example, "Consolider les questionnaires", release)
    try:
        app = FakeApp()
        session.click("pilotage", FakeBook(example, app))
        [(title, text, _)] = app.alerts
        assert "pas abouti" in title and "« Consolider les questionnaires »" in text
    finally:
        release.touch()
        holder.wait(timeout=30)


def test_leftovers_of_dead_runs_go_at_the_next_run_and_with_purger(cli, example: Path):
    folder = example.parent
    pid = dead_pid()
    host = lock.host_name()
    (folder / "sauvegardes").mkdir(exist_ok=True)
    ours = [folder / f"~demarche.{host}.{pid}.0a1b2c3d.{example.name}",
            folder / "sauvegardes" / f"~demarche.{host}.{pid}.0a1b2c3e.{example.stem}_20260105-100000-000000.xlsx",
            folder / f"{lock.lock_path(example).name}.{host}.{pid}.tmp"]
    others = [folder / f"~demarche.{host}.{pid}.0a1b2c3f.autre.xlsx", folder / "~demarche.notes.txt"]
    legacy = folder / ".demarche-abcd1234.xlsx"
    for leftover in [*ours, *others, legacy]:
        shutil.copy(example, leftover)
    assert cli("pilotage", example)[0] == 0
    assert not any(p.exists() for p in ours)
    assert all(p.exists() for p in [*others, legacy])  # another workbook's, or not tied to this one
    code, out = cli("purger", example, "--confirmer")
    assert code == 0, out
    assert not legacy.exists() and "fichier temporaire" in out


def test_mode_and_owner_of_the_workbook_are_kept(cli, example: Path):
    os.chmod(example, 0o664)
    if os.geteuid() == 0:
        os.chown(example, 1234, 1234)
    assert cli("pilotage", example)[0] == 0
    found = example.stat()
    assert found.st_mode & 0o777 == 0o664
    if os.geteuid() == 0:
        assert (found.st_uid, found.st_gid) == (1234, 1234)


def test_a_read_only_workbook_is_refused_and_left_as_it_is(cli, example: Path):
    os.chmod(example, 0o444)
    before = example.read_bytes()
    code, out = cli("pilotage", example)
    assert code == 1 and "est en lecture seule" in out and "décochez « Lecture seule »" in out
    assert example.read_bytes() == before and (example.stat().st_mode & 0o777) == 0o444


def test_a_read_only_folder_is_refused_with_the_right_advice(cli, example: Path):
    folder = example.parent
    before = example.read_bytes()
    listing = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    os.chmod(folder, 0o555)
    try:
        code, out = cli("consolider", example)
    finally:
        os.chmod(folder, 0o755)
    assert code == 1 and "n'accepte pas l'écriture" in out and "dossier où vous pouvez écrire" in out
    assert "Classeur Excel (.xlsx)" not in out
    assert example.read_bytes() == before
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == listing  # nothing written, nothing left


def test_backups_are_pruned_by_exact_name_per_workbook(cli, example: Path):
    folder = example.parent / safety.BACKUP_DIR
    folder.mkdir(exist_ok=True)
    colleague = example.with_name(example.stem + "_copie.xlsx")
    shutil.copy(example, colleague)
    theirs = [folder / f"{colleague.stem}_2026010{i}-100000-000000.xlsx" for i in range(1, 6)]
    mine = [folder / f"{example.stem}_202512{d:02d}-100000-000000.xlsx" for d in range(1, 26)]
    for backup in [*theirs, *mine]:
        shutil.copy(example, backup)
    assert cli("pilotage", example)[0] == 0
    assert all(p.exists() for p in theirs)
    assert len(safety.backups_of(example)) == safety.BACKUPS_KEPT
    assert safety.backups_of(colleague) == theirs
    assert cli("purger", example, "--confirmer")[0] == 0
    assert safety.backups_of(example) == [] and all(p.exists() for p in theirs)


def test_documents_in_a_read_only_folder_exit_non_zero_saying_nothing_was_written(cli, example: Path, tmp_path):
    assert cli("consolider", example)[0] == 0  # the synthesis is written from the consolidated answers
    target = tmp_path / "docs"
    target.mkdir()
    os.chmod(target, 0o555)
    try:
        code, out = cli("documents", example, "--quoi", "synthese", "--dossier", target)
    finally:
        os.chmod(target, 0o755)
    assert code != 0, out
    assert "0 document" in out and "sont écrits" not in out
    assert list(target.iterdir()) == []


def test_a_new_workbook_gets_the_usual_mode_of_a_new_file(cli, tmp_path: Path):
    mask = os.umask(0o002)  # a shared folder's usual mask: the group may write
    try:
        assert cli("nouveau", tmp_path / "neuf.xlsx")[0] == 0
    finally:
        os.umask(mask)
    assert ((tmp_path / "neuf.xlsx").stat().st_mode & 0o777) == 0o664
