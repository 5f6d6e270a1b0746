"""Installing the « Démarche » add-in once per computer: build it into Excel's XLSTART folder (add-ins there are
trusted and load with Excel) naming the Python that runs this command, after checking that no other add-in could
take its clicks (`conflicts.py`), and on macOS install xlwings' AppleScript (`xlwings runpython install`).
`--dossier` only builds it into a folder and says what a real installation would do (works on Linux).

On Windows the Python path is written in the add-in's own settings sheet (a Unicode cell: no code page involved in
reading it), but xlwings' VBA then checks it with `GetAttr`, a VBA file function that goes through the ANSI code
page (cp1252 on a French Windows): a path with a letter outside that code page is refused here, with the fix.
"""
from __future__ import annotations

import contextlib
import io
import locale
import os
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from demarche_xl.excel.addins import ADDIN_NAME, ADDIN_PATTERN, CUSTOM_UI_PART, build_addin, template_path
from demarche_xl.excel.conflicts import clashing
from demarche_xl.excel.ribbon import template_callback
from demarche_xl.french import count, plural
from demarche_xl.problems import Report, UserError

EXCEL_OPEN = "fermez Excel (sur Mac : Cmd-Q) puis relancez la commande"
RESTART = ("Quittez complètement Excel puis rouvrez-le : l'onglet « Démarche » apparaît dans le ruban, avec le "
           "bouton « Lancer l'étape ».")


@dataclass(frozen=True)
class Target:
    """Where things go on this computer."""

    addins: Path  # Excel's XLSTART folder
    other_addins: Path  # Excel's add-ins folder (add-ins ticked in Excel's « Compléments » dialog)
    interpreter_key: str  # row of the add-in's settings sheet: Interpreter_Win or Interpreter_Mac
    runpython: bool  # macOS needs xlwings' AppleScript
    code_page: str | None = None  # Windows: the ANSI code page of xlwings' VBA file functions


def target_for(platform: str, home: Path, environ: dict[str, str], code_page: str = "cp1252") -> Target | None:
    """Excel's folders for a user of `platform` (`sys.platform` values); None where Excel does not exist."""
    if platform.startswith("win"):
        appdata = Path(environ.get("APPDATA") or home / "AppData" / "Roaming")
        return Target(appdata / "Microsoft" / "Excel" / "XLSTART", appdata / "Microsoft" / "AddIns",
                      "Interpreter_Win", False, code_page)
    if platform == "darwin":
        office = home / "Library" / "Group Containers" / "UBF8T346G9.Office" / "User Content.localized"
        return Target(office / "Startup.localized" / "Excel", office / "Add-Ins.localized", "Interpreter_Mac", True)
    return None


def current_target() -> Target | None:
    return target_for(sys.platform, Path.home(), dict(os.environ), locale.getencoding())


def checked_interpreter(target: Target, executable: str) -> str:
    """The Python path to write, refused when xlwings' VBA could not open it."""
    if target.code_page:
        try:
            executable.encode(target.code_page)
        except UnicodeEncodeError as error:
            letter = executable[error.start:error.end]
            raise UserError(f"le chemin de Python « {executable} » contient « {letter} », une lettre que les "
                            f"boutons d'Excel ne savent pas lire (page de code {target.code_page})",
                            "installez Python pour tous les utilisateurs (dans C:\\Program Files) ou dans un "
                            "dossier sans cette lettre, installez-y demarche-xl, puis relancez « python -m "
                            "demarche_xl excel installer » avec ce Python") from error
    return executable


def install(folder: Path | None = None) -> Report:
    report = Report("Complément Excel « Démarche »")
    if folder is not None:
        built = build_addin(folder)
        report.info(f"complément écrit dans « {folder} » (essai : rien n'est installé) : {built.name}")
        describe_installation(report)
        return report
    target = required_target()
    interpreter = checked_interpreter(target, sys.executable)
    refuse_clashes(target)
    try:
        removed = remove_addins(target.addins, keep={ADDIN_NAME})
        built = build_addin(target.addins, interpreter, target.interpreter_key)
    except PermissionError as error:
        raise UserError(f"un complément est en cours d'utilisation ({error.filename})", EXCEL_OPEN) from error
    report.info(f"complément « {built.name} » copié dans le dossier de démarrage d'Excel « {target.addins} »")
    if removed:
        report.info(f"{count(len(removed), 'ancien complément retiré', 'anciens compléments retirés')} (versions "
                    "précédentes, un bouton par étape) : " + ", ".join(p.name for p in removed))
    report.info(f"Python utilisé par le bouton : « {interpreter} » (écrit dans le complément)")
    if target.runpython:
        with contextlib.redirect_stdout(io.StringIO()):
            from xlwings import cli

            cli.runpython_install(None)
        report.info("Lien entre Excel et Python installé pour macOS (xlwings runpython install)")
    report.info(RESTART)
    return report


def refuse_clashes(target: Target) -> None:
    """Refuse when another add-in could answer our button's callback instead of ours."""
    with zipfile.ZipFile(template_path()) as template:
        callback = template_callback(template.read(CUSTOM_UI_PART))
    found = clashing([target.addins, target.other_addins], callback, ADDIN_PATTERN)
    if found:
        raise UserError(f"{count(len(found), 'autre complément')} d'Excel {plural(len(found), 'utilise', 'utilisent')} "
                        "le même nom de macro que le "
                        f"bouton « Démarche » ({callback}) : " + ", ".join(f"« {p} »" for p in found)
                        + " ; Excel pourrait lancer l'un à la place de l'autre",
                        "retirez ce complément de son dossier (ou dans Excel : Fichier › Options › Compléments), "
                        "puis relancez la commande ; rien n'a été installé")


def uninstall(folder: Path | None = None) -> Report:
    report = Report("Complément Excel « Démarche »")
    target = None if folder is not None else required_target()
    where = folder if folder is not None else target.addins
    try:
        removed = remove_addins(where)
    except PermissionError as error:
        raise UserError(f"un complément est en cours d'utilisation ({error.filename})", EXCEL_OPEN) from error
    report.info(f"{count(len(removed), 'complément retiré', 'compléments retirés')} de « {where} »")
    if target is not None:
        report.info("Quittez complètement Excel puis rouvrez-le : l'onglet « Démarche » aura disparu.")
    return report


def required_target() -> Target:
    target = current_target()
    if target is None:
        raise UserError("Excel n'existe pas sous Linux : le bouton « Démarche » ne peut pas y être installé",
                        "lancez les étapes en ligne de commande (python -m demarche_xl --aide), par exemple "
                        "« python -m demarche_xl groupes classeur.xlsx » ; « python -m demarche_xl excel installer "
                        "--dossier sortie/ » construit seulement le complément")
    return target


def describe_installation(report: Report) -> None:
    home = Path("~")
    for system, platform in (("Windows", "win32"), ("macOS", "darwin")):
        target = target_for(platform, home, {"APPDATA": "%APPDATA%"})
        slash = "\\" if system == "Windows" else "/"
        line = (f"Sous {system}, « python -m demarche_xl excel installer » le copierait dans "
                f"« {str(target.addins).replace('/', slash)} » en y écrivant le chemin de ce Python "
                f"({target.interpreter_key})")
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
