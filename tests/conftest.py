"""Shared test helpers: make a real workbook, run the CLI in-process, convert with LibreOffice."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from demarche_xl.store.file_store import FileStore
from demarche_xl.workbook.create import create_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# xlwings' remote engine (xlwings Lite's) runs under CPython with the noncommercial key (PolyForm Noncommercial)
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")


def pytest_collection_modifyitems(config, items):
    """The slow stress tests first: with one worker per core, one worker runs them while the others share the rest,
    instead of everyone waiting for them at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: the rest keeps its order


@pytest.fixture
def new_workbook(tmp_path: Path) -> Path:
    """An empty master workbook on disk."""
    path = tmp_path / "demarche.xlsx"
    create_workbook(FileStore(path, must_exist=False), into_existing=False)
    return path


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run `demarche-xl ARGS…` in this process; returns (exit code, stdout + stderr)."""
    from demarche_xl.cli import app as cli_app

    def run(*args: object) -> tuple[int, str]:
        monkeypatch.setattr(sys, "argv", ["demarche-xl", *map(str, args)])
        try:
            cli_app.main()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 0
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    return run


def soffice_convert(path: Path, fmt: str, outdir: Path | None = None) -> Path:
    """Open a file with LibreOffice headless and convert it; fails the test when LibreOffice cannot."""
    if SOFFICE is None:
        message = ("LibreOffice (soffice) est introuvable : installez libreoffice-calc-nogui et "
                   "libreoffice-writer-nogui (.ci/run le fait)")
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI the check that Office opens our files is mandatory
        pytest.skip(message)
    outdir = outdir or path.parent / "converti"
    outdir.mkdir(exist_ok=True)
    profile = outdir / "profil-lo"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", fmt,
         "--outdir", str(outdir), str(path)], capture_output=True, text=True, timeout=240)
    target = outdir / (path.stem + "." + fmt.split(":")[0])
    assert result.returncode == 0 and target.exists() and target.stat().st_size > 0, result.stdout + result.stderr
    return target


# the method's steps in order, each with the xlwings Lite script that runs it (see tests/test_lite_scripts.py)
LITE_CHAIN = (("proposer_la_feuille_de_route", "pilotage"), ("consolider_les_questionnaires", "consolider"),
              ("former_les_groupes", "groupes"), ("verifier_les_groupes", "verifier-groupes"),
              ("construire_les_parcours", "parcours"), ("proposer_les_referents", "referents"),
              ("faire_le_bilan", "bilan"), ("verifier_le_kit", "kit"))


@pytest.fixture(scope="session")
def lite_chain(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """The example collège with its xlwings Lite door taken through the method by the CLI: step → (workbook before
    the step, workbook after the CLI step); "" → the workbook with the door, before any step."""
    from demarche_xl.example.fill import fill_example
    from demarche_xl.lite import door
    from demarche_xl.lite.run import step_spec
    from demarche_xl.runner import run_step

    folder = tmp_path_factory.mktemp("chaine")
    current = folder / "00.xlsx"
    fill_example(FileStore(current, must_exist=False))
    door.install(current)
    states = {"": (current, current)}
    for number, (_function, step) in enumerate(LITE_CHAIN, start=1):
        after = folder / f"{number:02d}-{step}.xlsx"
        shutil.copy(current, after)
        run_step(FileStore(after), step_spec(step))
        states[step] = (current, after)
        current = after
        if step == "consolider":  # then the team retains its concerns, as groups wait for that decision
            from fixtures.decisions import retain_most_cited

            current = folder / f"{number:02d}-decision.xlsx"
            shutil.copy(after, current)
            retain_most_cited(current)
    return states
