"""Which step the single « Démarche » button runs: the one on the row the team selected on `Accueil`.

The add-in has one button because the xlwings template's VBA has one callback (`RibbonMyAddin.RunMain`, which
ignores the control clicked) and add-ins sharing that name call each other's (xlwings issue 973). So the team
chooses the step where the method is listed: click a step's row on `Accueil` (or any cell of it), then the button.
`Accueil` writes each step's button label as « … » and its command as `demarche-xl <commande>`: that text is what
is matched, so the choice follows the catalog without a second list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from demarche_xl.excel.actions import ACTIONS, Action, action
from demarche_xl.schema.registry import HOME_SHEET

ROW_WIDTH = 6  # Accueil's columns A:F are enough to hold a step row
COMMAND = re.compile(r"demarche-xl\s+([\w-]+)")


@dataclass(frozen=True)
class Choice:
    action: Action  # the button's action, or « Aide » when no step is chosen
    note: str = ""  # why no step was chosen, in French, said before the help


def action_for_row(values: list[object]) -> tuple[Action | None, str]:
    """The action of an `Accueil` row, or None with the command to type when the step has no button."""
    text = " ".join(str(v) for v in values if v is not None)
    for candidate in ACTIONS:
        if f"« {candidate.label} »" in text:
            return candidate, ""
    command = COMMAND.search(text)
    if command is None:
        return None, ""
    for candidate in ACTIONS:
        if candidate.name == command.group(1):
            return candidate, ""
    return None, f"demarche-xl {command.group(1)}"


def choose(sheet: str, row: int, values: list[object]) -> Choice:
    """The choice made by selecting row `row` (1-based) of `sheet`, whose first cells are `values`."""
    help_action = action("aide")
    if sheet != HOME_SHEET:
        return Choice(help_action, f"aucune étape choisie : la feuille active est « {sheet} », pas « {HOME_SHEET} ».")
    found, command = action_for_row(values)
    if found is not None:
        return Choice(found)
    if command:
        return Choice(help_action, f"l'étape de la ligne {row} de la feuille « {HOME_SHEET} » se lance en ligne de commande "
                                   f"(invite de commandes ou Terminal) : {command} …")
    return Choice(help_action, f"la ligne {row} de la feuille « {HOME_SHEET} » n'est pas une étape.")


def chosen(book) -> Choice:
    """The choice in an xlwings `Book` (desktop Excel, or the remote engine): its selection's sheet and row."""
    selection = book.selection
    if selection is None:
        return Choice(action("aide"), "aucune cellule n'est sélectionnée.")
    sheet = selection.sheet
    row = selection.row
    values = sheet.range((row, 1), (row, ROW_WIDTH)).value
    return choose(sheet.name, row, list(values) if isinstance(values, list) else [values])
