"""French words for the parts of the help screens that typer and its bundled click write themselves."""
from __future__ import annotations

import functools

HELP_TEXT = "Afficher cette aide et quitter."


def install() -> None:
    """Replace typer's English fixed strings; safe to call more than once (tested by the CLI tests)."""
    from typer import rich_utils
    from typer._click import decorators, formatting

    rich_utils.ARGUMENTS_PANEL_TITLE = "Arguments"
    rich_utils.OPTIONS_PANEL_TITLE = "Options"
    rich_utils.COMMANDS_PANEL_TITLE = "Commandes"
    rich_utils.ERRORS_PANEL_TITLE = "Erreur"
    rich_utils.ABORTED_TEXT = "Interrompu."
    rich_utils.DEFAULT_STRING = "[par défaut : {}]"
    rich_utils.REQUIRED_LONG_STRING = "[obligatoire]"
    rich_utils.RICH_HELP = "Essayez [blue]« {command_path} {help_option} »[/] pour l'aide."
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
