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
