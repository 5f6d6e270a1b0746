"""How a message tells the team to run a step, in the words of the door it is using.

Steps, checks and `Accueil` are written once, door-neutral: a step to run is named by its command,
« demarche-xl <commande> classeur.xlsx » (`steps.needs.run_first`), sometimes without the workbook. Each door
rewrites those mentions as its users act, just before it shows a message:
- the command line: the same command with the workbook as the user typed it;
- xlwings Lite: the script of the task pane that runs the step (a command without a button, such as `purger`,
  stays a command, and so do `documents` and `fusionner`, whose scripts only explain how to run them from a
  computer where demarche-xl is installed);
- the desktop add-in: the step's row to click on `Accueil`, then the « Lancer l'étape » button.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

# a command, with the workbook or not, and the step's name in brackets that the command line adds after it
# (any space: messages may already hold the non-breaking spaces of French typography)
COMMAND = re.compile(r"«\s?demarche-xl (?P<step>[a-z][\w-]*)(?P<book> classeur\.xlsx)?\s?»(?P<named>\s\([^()«»]*\))?")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def for_command_line(text: str, argv: list[str]) -> str:
    """`text` with « classeur.xlsx » replaced by the workbook of the command line `argv` (its first .xlsx argument,
    as typed, quoted when it holds a space)."""
    typed = next((arg for arg in argv[1:] if arg.lower().endswith(WORKBOOK_SUFFIXES)), None)
    if typed is None:
        return text
    shown = f'"{typed}"' if " " in typed else typed
    return COMMAND.sub(lambda m: f"« demarche-xl {m['step']} {shown} »{m['named'] or ''}" if m["book"] else m[0],
                       text)


def for_buttons(text: str, labels: Mapping[str, str], where: str) -> str:
    """`text` with each command that has a button replaced by that button: `labels` maps a command to its button,
    `where` says where the button is, with « {label} » standing for its name (which replaces the step's name in
    brackets after the command)."""
    def button(match: re.Match) -> str:
        label = labels.get(match["step"])
        return where.format(label=label) if label else match[0]

    return COMMAND.sub(button, text)


def for_lite(text: str) -> str:
    from demarche_xl.lite.catalogue import DOCUMENTS, MERGE, SCRIPTS

    ran = {s.step: s.label for s in SCRIPTS if s.step not in (DOCUMENTS, MERGE)}  # those two only explain the CLI
    return for_buttons(text, ran, "« {label} » dans le volet xlwings Lite")


def for_desktop(text: str) -> str:
    from demarche_xl.excel.actions import ACTIONS

    return for_buttons(text, {a.name: a.label for a in ACTIONS},
                       "l'étape « {label} » (cliquez sa ligne sur « Accueil », puis « Lancer l'étape »)")
