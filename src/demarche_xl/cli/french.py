"""French words for the parts of the help screens that typer and its bundled click write themselves."""
from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import sys

HELP_TEXT = "Afficher cette aide et quitter."


RICH_TEXTS = {  # typer.rich_utils: the help screens and error panels
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commandes",
    "ERRORS_PANEL_TITLE": "Erreur",
    "ABORTED_TEXT": "Interrompu.",
    "DEFAULT_STRING": "[par défaut : {}]",
    "REQUIRED_LONG_STRING": "[obligatoire]",
    "RICH_HELP": "Essayez [blue]« {command_path} {help_option} »[/] pour l'aide.",
}
RICH_UTILS = "typer.rich_utils"


def _french_rich_utils(module) -> None:
    for name, text in RICH_TEXTS.items():
        setattr(module, name, text)


class _WhenRichUtilsLoads(importlib.abc.MetaPathFinder):
    """Gives typer's rich_utils its French texts as it is imported (typer imports it for a help screen or an error
    panel only): a command that shows neither does not pay for rich's Markdown and syntax highlighting."""

    def find_spec(self, name, path, target=None):
        if name != RICH_UTILS:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        run = spec.loader.exec_module  # the loader made for this spec: changing it touches nothing else

        def exec_module(module):
            run(module)
            _french_rich_utils(module)

        spec.loader.exec_module = exec_module
        return spec


def install() -> None:
    """Replace typer's English fixed strings; safe to call more than once (tested by the CLI tests)."""
    from typer._click import decorators, formatting

    if RICH_UTILS in sys.modules:
        _french_rich_utils(sys.modules[RICH_UTILS])
    elif not any(isinstance(finder, _WhenRichUtilsLoads) for finder in sys.meta_path):
        sys.meta_path.insert(0, _WhenRichUtilsLoads())
    if not getattr(decorators.help_option, "_french", False):
        original = decorators.help_option

        @functools.wraps(original)
        def help_option(*param_decls, **kwargs):
            option = original(*param_decls, **kwargs)

            def apply(f):
                result = option(f)
                params = getattr(result, "params", None) or getattr(result, "__typer_params__", None) or []
                for param in params[-1:]:
                    if getattr(param, "help", None) == "Show this message and exit.":
                        param.help = HELP_TEXT
                return result
            return apply

        help_option._french = True
        decorators.help_option = help_option
    if not getattr(formatting.HelpFormatter.write_usage, "_french", False):
        original_usage = formatting.HelpFormatter.write_usage

        def write_usage(self, prog, args="", prefix=None):
            return original_usage(self, prog, args, "Utilisation : " if prefix is None else prefix)

        write_usage._french = True
        formatting.HelpFormatter.write_usage = write_usage
