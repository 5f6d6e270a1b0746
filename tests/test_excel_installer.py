"""`demarche-xl excel installer|desinstaller`: a dry run into a folder anywhere, a French refusal on Linux, and on a
simulated Windows or macOS: add-ins in XLSTART, Python named in xlwings' settings, AppleScript on macOS."""
from __future__ import annotations

from pathlib import Path, PureWindowsPath

import pytest

from demarche_xl.excel import installer
from demarche_xl.excel.actions import ACTIONS
from demarche_xl.excel.addins import template_path
from demarche_xl.problems import UserError


def test_dry_run_builds_the_add_ins_and_says_where_they_would_go(cli, tmp_path: Path):
    out = tmp_path / "out"
    code, output = cli("excel", "installer", "--dossier", out)
    assert code == 0, output
    assert sorted(p.name for p in out.iterdir()) == sorted(a.addin_name for a in ACTIONS)
    assert f"{len(ACTIONS)} compléments écrits" in output and "XLSTART" in output and "runpython" in output
    code, output = cli("excel", "desinstaller", "--dossier", out)
    assert code == 0 and f"{len(ACTIONS)} complément(s) retiré(s)" in output and not list(out.iterdir())


def test_on_linux_it_points_to_the_command_line(cli, monkeypatch):
    monkeypatch.setattr(installer.sys, "platform", "linux")
    code, output = cli("excel", "installer")
    assert code == 1 and "Excel n'existe pas sous Linux" in output and "demarche-xl --aide" in output


def test_excel_folders_per_system():
    home = Path("/Users/zoe")
    windows = installer.target_for("win32", home, {"APPDATA": r"C:\Users\zoe\AppData\Roaming",
                                                   "USERPROFILE": r"C:\Users\zoe"}, "myaddin")
    assert PureWindowsPath(windows.addins).parts[-3:] == ("Microsoft", "Excel", "XLSTART")
    assert windows.interpreter_key == "INTERPRETER_WIN" and not windows.runpython
    assert PureWindowsPath(windows.config).name == "myaddin.conf"
    mac = installer.target_for("darwin", home, {}, "myaddin")
    assert str(mac.addins).endswith("Startup.localized/Excel") and mac.runpython
    assert mac.config == home / "Library/Containers/com.microsoft.Excel/Data/myaddin.conf"
    assert installer.target_for("linux", home, {}, "myaddin") is None
    assert installer.project_name(template_path()) == "myaddin"


RUNPYTHON_CALLS: list[object] = []


@pytest.fixture
def fake_mac(tmp_path: Path, monkeypatch) -> installer.Target:
    target = installer.Target(tmp_path / "Startup" / "Excel", tmp_path / "Data" / "myaddin.conf", "INTERPRETER_MAC",
                              True)
    monkeypatch.setattr(installer, "current_target", lambda: target)
    from xlwings import cli as xlwings_cli

    RUNPYTHON_CALLS.clear()
    monkeypatch.setattr(xlwings_cli, "runpython_install", lambda args: RUNPYTHON_CALLS.append(args) or print("ok"))
    return target


def test_install_then_uninstall_on_a_simulated_mac(fake_mac: installer.Target):
    fake_mac.addins.mkdir(parents=True)
    (fake_mac.addins / "demarche_xl.excel.ancien.xlam").write_text("ancien")  # renamed button of an older version
    (fake_mac.addins / "autre.xlam").write_text("autre")
    fake_mac.config.parent.mkdir(parents=True)
    fake_mac.config.write_text('"PYTHONPATH","/srv"\n"INTERPRETER_MAC","/vieux/python"\n')
    report = installer.install()
    names = sorted(p.name for p in fake_mac.addins.iterdir())
    assert names == sorted([a.addin_name for a in ACTIONS] + ["autre.xlam"])
    config = fake_mac.config.read_text().splitlines()
    assert config[0] == '"PYTHONPATH","/srv"' and config[1].startswith('"INTERPRETER_MAC","') and len(config) == 2
    assert RUNPYTHON_CALLS == [None] and any("runpython" in line for line in report.lines)
    assert "Quittez complètement Excel" in report.lines[-1]
    installer.uninstall()
    assert [p.name for p in fake_mac.addins.iterdir()] == ["autre.xlam"]
    assert fake_mac.config.read_text() == '"PYTHONPATH","/srv"\n'


def test_a_locked_add_in_asks_to_close_excel(fake_mac: installer.Target, monkeypatch):
    def locked(folder, keep=frozenset()):
        raise PermissionError(13, "verrouillé", "demarche_xl.excel.verifier.xlam")

    monkeypatch.setattr(installer, "remove_addins", locked)
    with pytest.raises(UserError, match="fermez Excel"):
        installer.install()
