"""The typer application: shared options, French error display, and the list of command modules.

Each area registers its commands in its own module (`commands_*.py` exposing `register(app)`), so areas stay
independent. A `UserError` is printed as French problems (exit 1); any other exception is logged to a file whose
path is shown, never dumped as a traceback.

Messages are built with `demarche_xl.french`, which puts non-breaking spaces before « : ; ! ? », inside « » and
in « 53 % » (right in documents and sheets). The terminal shows them as ordinary spaces (`plain`): a path or a sheet
name copied from the terminal into a command must paste as typed, and a terminal does not justify text anyway.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import tempfile
import traceback
from pathlib import Path

import typer
from rich.console import Console

from demarche_xl.cli import french
from demarche_xl.door_words import for_command_line
from demarche_xl.french import plain
from demarche_xl.problems import Problem, Report, UserError

COMMAND_MODULES = ("commands_base", "commands_temps1", "commands_temps2", "commands_documents", "commands_after",
                   "commands_review", "commands_excel", "commands_share", "commands_privacy", "commands_lite")
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

french.install()
app = typer.Typer(
    name="demarche-xl",
    help="Outiller la démarche « Impulser de nouveaux usages numériques pédagogiques dans mon collège » depuis un "
         "seul classeur Excel. Lancez les étapes dans l'ordre de la feuille « Accueil ».",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help", "--aide"]},
    rich_markup_mode="rich",
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
)

for _name in COMMAND_MODULES:
    if importlib.util.find_spec(f"demarche_xl.cli.{_name}") is not None:
        importlib.import_module(f"demarche_xl.cli.{_name}").register(app)


def show_report(report: Report) -> None:
    if report.title:
        console.print(f"[bold]{report.title}[/bold]")
    for line in report.lines:
        console.print(f"  {shown(line)}")
    show_problems(report.problems)


def shown(text: str) -> str:
    """A line as the terminal shows it: the commands it names run on the workbook typed (`door_words`), plain
    spaces."""
    return plain(for_command_line(text, sys.argv))


def show_problems(problems: list[Problem]) -> None:
    for problem in problems:
        colour = "red" if problem.is_error else "yellow"
        word = "Erreur" if problem.is_error else "Attention"
        console.print(f"  [{colour}]{word}[/{colour}] — {shown(str(problem))}", soft_wrap=True)


def log_crash() -> Path:
    path = Path(tempfile.gettempdir()) / "demarche-xl-erreur.log"
    path.write_text(traceback.format_exc(), encoding="utf-8")
    return path


def main() -> None:
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except UserError as error:
        err_console.print("[bold red]L'étape n'a pas pu aboutir.[/bold red]")
        for problem in error.problems:
            err_console.print(f"  • {shown(str(problem))}", soft_wrap=True)
        sys.exit(1)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        err_console.print("Interrompu.")
        sys.exit(1)
    except Exception as error:  # noqa: BLE001 - last resort: a French message, the traceback in a file
        from typer._click.exceptions import ClickException

        if isinstance(error, ClickException):
            error.show()
            sys.exit(error.exit_code)
        path = log_crash()
        err_console.print(f"[bold red]Erreur inattendue[/bold red] : {error.__class__.__name__} — {error}")
        err_console.print(f"Le détail technique est dans « {path} » : joignez-le à votre signalement.")
        sys.exit(2)
