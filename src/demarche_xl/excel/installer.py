"""Installing the add-ins once per computer: build them into Excel's XLSTART folder (add-ins there are trusted and
load with Excel), tell xlwings which Python to run, and on macOS install xlwings' AppleScript (`xlwings runpython
install`). `--dossier` only builds them into a folder and says what a real installation would do (works on Linux).
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from demarche_xl.excel.actions import ACTIONS
from demarche_xl.excel.addins import ADDIN_PATTERN, build_addins, template_path
from demarche_xl.problems import Report, UserError

EXCEL_OPEN = "fermez Excel (sur Mac : Cmd-Q) puis relancez la commande"
RESTART = "Quittez complètement Excel puis rouvrez-le : l'onglet « Démarche » apparaît dans le ruban."


@dataclass(frozen=True)
class Target:
    """Where things go on this computer."""

    addins: Path  # Excel's XLSTART folder
    config: Path  # the template's xlwings settings file, where the Python interpreter is named
    interpreter_key: str  # INTERPRETER_WIN or INTERPRETER_MAC
    runpython: bool  # macOS needs xlwings' AppleScript


def target_for(platform: str, home: Path, environ: dict[str, str], project: str) -> Target | None:
    """Excel's folders for a user of `platform` (`sys.platform` values); None where Excel does not exist."""
    if platform.startswith("win"):
        appdata = Path(environ.get("APPDATA") or home / "AppData" / "Roaming")
        profile = Path(environ.get("USERPROFILE") or home)
        return Target(appdata / "Microsoft" / "Excel" / "XLSTART", profile / f".{project}" / f"{project}.conf",
                      "INTERPRETER_WIN", False)
    if platform == "darwin":
        office = home / "Library" / "Group Containers" / "UBF8T346G9.Office"
        return Target(office / "User Content.localized" / "Startup.localized" / "Excel",
                      home / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / f"{project}.conf",
                      "INTERPRETER_MAC", True)
    return None


def project_name(template: Path) -> str:
    """The xlwings project name of the template (`myaddin`), from its settings sheet `_myaddin.conf`."""
    with zipfile.ZipFile(template) as package:
        names = re.findall(r'<sheet name="_?([^"]+)\.conf"', package.read("xl/workbook.xml").decode("utf-8"))
    if not names:
        raise UserError("le modèle de complément de xlwings n'a pas la forme attendue",
                        "réinstallez xlwings : pip install --force-reinstall xlwings")
    return names[0]


def current_target() -> Target | None:
    return target_for(sys.platform, Path.home(), dict(os.environ), project_name(template_path()))


def install(folder: Path | None = None) -> Report:
    report = Report("Compléments Excel « Démarche »")
    if folder is not None:
        built = build_addins(folder)
        report.info(f"{len(built)} compléments écrits dans « {folder} » (essai : rien n'est installé) :")
        report.lines += [f"  {path.name}" for path in built]
        describe_installation(report)
        return report
    target = required_target()
    try:
        remove_addins(target.addins, keep={a.addin_name for a in ACTIONS})
        built = build_addins(target.addins)
    except PermissionError as error:
        raise UserError(f"un complément est en cours d'utilisation ({error.filename})", EXCEL_OPEN) from error
    report.info(f"{len(built)} compléments copiés dans le dossier de démarrage d'Excel « {target.addins} »")
    set_interpreter(target.config, target.interpreter_key, sys.executable)
    report.info(f"Python utilisé par les boutons : « {sys.executable} » (réglage dans « {target.config} »)")
    if target.runpython:
        with contextlib.redirect_stdout(io.StringIO()):
            from xlwings import cli

            cli.runpython_install(None)
        report.info("Lien entre Excel et Python installé pour macOS (xlwings runpython install)")
    report.info(RESTART)
    return report


def uninstall(folder: Path | None = None) -> Report:
    report = Report("Compléments Excel « Démarche »")
    target = None if folder is not None else required_target()
    where = folder if folder is not None else target.addins
    try:
        removed = remove_addins(where)
    except PermissionError as error:
        raise UserError(f"un complément est en cours d'utilisation ({error.filename})", EXCEL_OPEN) from error
    report.info(f"{len(removed)} complément(s) retiré(s) de « {where} »")
    if target is not None:
        set_interpreter(target.config, target.interpreter_key, None)
        report.info("Quittez complètement Excel puis rouvrez-le : l'onglet « Démarche » aura disparu.")
    return report


def required_target() -> Target:
    target = current_target()
    if target is None:
        raise UserError("Excel n'existe pas sous Linux : les boutons du ruban « Démarche » ne peuvent pas y être "
                        "installés",
                        "lancez les étapes en ligne de commande (demarche-xl --aide), par exemple « demarche-xl "
                        "groupes classeur.xlsx » ; « demarche-xl excel installer --dossier sortie/ » construit "
                        "seulement les compléments")
    return target


def describe_installation(report: Report) -> None:
    project = project_name(template_path())
    home = Path("~")
    for system, platform in (("Windows", "win32"), ("macOS", "darwin")):
        target = target_for(platform, home, {"APPDATA": "%APPDATA%", "USERPROFILE": "%USERPROFILE%"}, project)
        slash = "\\" if system == "Windows" else "/"
        line = (f"Sous {system}, « demarche-xl excel installer » les copierait dans "
                f"« {str(target.addins).replace('/', slash)} » et nommerait Python dans "
                f"« {str(target.config).replace('/', slash)} »")
        if target.runpython:
            line += ", puis lancerait « xlwings runpython install »"
        report.info(line)


def remove_addins(folder: Path, keep: set[str] | frozenset[str] = frozenset()) -> list[Path]:
    removed = []
    for path in sorted(folder.glob(ADDIN_PATTERN)) if folder.is_dir() else []:
        if path.name not in keep:
            path.unlink()
            removed.append(path)
    return removed


def set_interpreter(config: Path, key: str, interpreter: str | None) -> None:
    """Write (or, with None, remove) the interpreter line of an xlwings settings file, keeping its other lines."""
    lines = config.read_text(encoding="utf-8").splitlines() if config.is_file() else []
    lines = [line for line in lines if not line.upper().startswith(f'"{key}"')]
    if interpreter:
        lines.append(f'"{key}","{interpreter}"')
    if lines:
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        config.unlink(missing_ok=True)
