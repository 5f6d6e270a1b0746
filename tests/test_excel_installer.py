"""`demarche-xl excel installer|desinstaller`: a dry run into a folder anywhere, a French refusal on Linux, and on
a simulated Windows or macOS: one add-in in XLSTART naming this Python (an accented user folder included), the
add-ins of earlier versions removed, no two add-ins left that answer the same callback, a foreign add-in with
the template's callback refused, a path the VBA cannot open refused, AppleScript on macOS."""
from __future__ import annotations

import shutil
from pathlib import Path, PureWindowsPath

import pytest

from demarche_xl.excel import installer
from demarche_xl.excel.addins import ADDIN_NAME, setting, template_path
from demarche_xl.excel.conflicts import has_vba_module, ribbon_callbacks
from demarche_xl.problems import UserError

PYTHON_ACCENTS = r"C:\Users\Élodie Bénard\AppData\Local\Programs\Python\Python312\python.exe"


def test_dry_run_builds_the_add_in_and_says_where_it_would_go(cli, tmp_path: Path):
    out = tmp_path / "out"
    code, output = cli("excel", "installer", "--dossier", out)
    assert code == 0, output
    assert [p.name for p in out.iterdir()] == [ADDIN_NAME]
    assert "XLSTART" in output and "runpython" in output and "Interpreter_Win" in output
    code, output = cli("excel", "desinstaller", "--dossier", out)
    assert code == 0 and "1 complément retiré" in " ".join(output.split()) and not list(out.iterdir())


def test_on_linux_it_points_to_the_command_line(cli, monkeypatch):
    monkeypatch.setattr(installer.sys, "platform", "linux")
    code, output = cli("excel", "installer")
    assert code == 1 and "Excel n'existe pas sous Linux" in output and "python -m demarche_xl --aide" in output


def test_excel_folders_per_system():
    home = Path("/Users/zoe")
    windows = installer.target_for("win32", home, {"APPDATA": r"C:\Users\zoe\AppData\Roaming"}, "cp1252")
    assert PureWindowsPath(windows.addins).parts[-3:] == ("Microsoft", "Excel", "XLSTART")
    assert PureWindowsPath(windows.other_addins).parts[-2:] == ("Microsoft", "AddIns")
    assert windows.interpreter_key == "Interpreter_Win" and not windows.runpython and windows.code_page == "cp1252"
    mac = installer.target_for("darwin", home, {})
    assert str(mac.addins).endswith("Startup.localized/Excel") and mac.runpython and mac.code_page is None
    assert installer.target_for("linux", home, {}) is None


def older_addins(folder: Path) -> None:
    """What earlier versions installed: one copy of the template per button, all with the same callback."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("verifier", "groupes", "parcours"):
        shutil.copy(template_path(), folder / f"demarche_xl.excel.{name}.xlam")


@pytest.fixture
def windows(tmp_path: Path, monkeypatch) -> installer.Target:
    target = installer.Target(tmp_path / "XLSTART", tmp_path / "AddIns", "Interpreter_Win", False, "cp1252")
    monkeypatch.setattr(installer, "current_target", lambda: target)
    monkeypatch.setattr(installer.sys, "executable", PYTHON_ACCENTS)
    return target


def test_windows_install_with_an_accented_user_folder(windows: installer.Target):
    older_addins(windows.addins)
    (windows.addins / "budget.xlsx").write_bytes(b"pas un complement")
    report = installer.install()
    names = sorted(p.name for p in windows.addins.iterdir())
    assert names == sorted([ADDIN_NAME, "budget.xlsx"])
    assert setting(windows.addins / ADDIN_NAME, "Interpreter_Win") == PYTHON_ACCENTS
    text = "\n".join(report.lines)
    assert "3 anciens compléments retirés" in text and PYTHON_ACCENTS in text and "Lancer l'étape" in text
    installer.uninstall()
    assert [p.name for p in windows.addins.iterdir()] == ["budget.xlsx"]


def test_no_two_installed_add_ins_answer_the_same_callback(windows: installer.Target):
    older_addins(windows.addins)  # before: three add-ins answering RibbonMyAddin.RunMain
    before = [p for p in windows.addins.iterdir() if "RibbonMyAddin.RunMain" in ribbon_callbacks(p)]
    assert len(before) == 3
    installer.install()
    owners: dict[str, list[str]] = {}
    for path in windows.addins.iterdir():
        for callback in ribbon_callbacks(path):
            owners.setdefault(callback, []).append(path.name)
        if has_vba_module(path, "RibbonMyAddin"):
            owners.setdefault("module RibbonMyAddin", []).append(path.name)
    assert owners == {"RibbonMyAddin.RunMain": [ADDIN_NAME], "module RibbonMyAddin": [ADDIN_NAME]}


@pytest.mark.parametrize("folder", ["addins", "other_addins"])
def test_a_foreign_add_in_with_the_same_callback_is_refused(windows: installer.Target, folder: str):
    where = getattr(windows, folder)
    where.mkdir(parents=True)
    shutil.copy(template_path(), where / "outil-maison.xlam")  # a colleague's own xlwings quickstart add-in
    with pytest.raises(UserError) as refused:
        installer.install()
    message = str(refused.value)
    assert "outil-maison.xlam" in message and "RibbonMyAddin.RunMain" in message and "rien n'a été installé" in message
    assert not (windows.addins / ADDIN_NAME).exists()


def test_a_python_path_outside_the_windows_code_page_is_refused(windows: installer.Target, monkeypatch):
    monkeypatch.setattr(installer.sys, "executable", r"C:\Users\Łukasz\AppData\Local\Python312\python.exe")
    with pytest.raises(UserError) as refused:
        installer.install()
    assert "« Ł »" in str(refused.value) and "C:\\Program Files" in str(refused.value)
    assert not windows.addins.exists()


RUNPYTHON_CALLS: list[object] = []


def test_install_then_uninstall_on_a_simulated_mac(tmp_path: Path, monkeypatch):
    target = installer.Target(tmp_path / "Startup" / "Excel", tmp_path / "Add-Ins", "Interpreter_Mac", True)
    monkeypatch.setattr(installer, "current_target", lambda: target)
    from xlwings import cli as xlwings_cli

    RUNPYTHON_CALLS.clear()
    monkeypatch.setattr(xlwings_cli, "runpython_install", lambda args: RUNPYTHON_CALLS.append(args) or print("ok"))
    report = installer.install()
    addin = target.addins / ADDIN_NAME
    assert setting(addin, "Interpreter_Mac") == installer.sys.executable and setting(addin, "Interpreter_Win") is None
    assert RUNPYTHON_CALLS == [None] and any("runpython" in line for line in report.lines)
    assert "Quittez complètement Excel" in report.lines[-1]
    installer.uninstall()
    assert not list(target.addins.iterdir())


def test_a_locked_add_in_asks_to_close_excel(windows: installer.Target, monkeypatch):
    def locked(folder, keep=frozenset()):
        raise PermissionError(13, "verrouillé", "demarche_xl.excel.lancer.xlam")

    monkeypatch.setattr(installer, "remove_addins", locked)
    with pytest.raises(UserError, match="fermez Excel"):
        installer.install()
