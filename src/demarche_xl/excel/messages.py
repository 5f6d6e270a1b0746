"""What the « Lancer l'étape » button says, in French: the summary after a step, the failure dialog, the help.
Pure text functions."""
from __future__ import annotations

from demarche_xl.door_words import for_desktop
from demarche_xl.excel.actions import ACTIONS, HELP, STEP, Action
from demarche_xl.french import count
from demarche_xl.problems import Problem, Report, bullets, refusal_lines

REINSTALL = ("installez la dernière version de demarche-xl depuis son dossier ou son archive (python -m pip install "
             "--upgrade <dossier ou archive>), puis relancez « python -m demarche_xl excel installer »")

MAX_LINES = 10
MAX_PROBLEMS = 6
FULL_LIST = "lancez l'étape « Vérifier » ou « demarche-xl verifier » pour la liste complète"
MAX_CHARS = 1800  # a message box stays readable; the full list is one « Vérifier » or one command away


def title(action: Action, failed: bool = False) -> str:
    return f"Démarche — {action.label}" + (" : pas abouti" if failed else "")


def summary(action: Action, report: Report) -> str:
    """The message box at the end of a step: what it did, what to look at, where it is noted."""
    parts = [f"{report.title or action.label} : terminé."]
    parts += [f"• {line}" for line in report.lines[:MAX_LINES]]
    if len(report.lines) > MAX_LINES:
        parts.append(f"• … et {count(len(report.lines) - MAX_LINES, 'autre ligne')}")
    if report.problems:
        parts.append(f"\n{count(len(report.errors), 'erreur')}, {count(len(report.warnings), 'avertissement')} :")
        parts += bullets(report.problems, MAX_PROBLEMS, FULL_LIST)
    elif action.kind != STEP:
        parts.append("\nAucun problème.")
    if action.kind == STEP:
        parts.append("\nLes feuilles de l'étape sont à jour et le classeur est enregistré ; "
                     "l'opération est notée dans la feuille « Journal ».")
    return clip(for_desktop("\n".join(parts)))


def failure(problems: list[Problem]) -> str:
    """The dialog when a step refuses: the French problems, and the reassurance that nothing changed."""
    lines = refusal_lines(problems, MAX_PROBLEMS, FULL_LIST)
    if not lines[-1].startswith("•"):  # the reassurance stands apart in the dialog
        lines.insert(-1, "")
    return clip(for_desktop("\n".join(lines)))


def crash(error: BaseException, log: str) -> str:
    return clip(f"Erreur inattendue : {error.__class__.__name__} — {error}\n\n"
                "Le classeur n'a pas été modifié par l'étape interrompue. Le détail technique est dans le fichier :\n"
                f"{log}\nJoignez-le à votre signalement.")


def not_available(action: Action) -> str:
    return f"l'étape « {action.label} » n'est pas disponible dans cette version de demarche-xl"



def help_text(note: str = "") -> str:
    """How to choose and run a step, the steps in order, and what to do when the button does not answer."""
    steps = [a for a in ACTIONS if a.kind != HELP]
    lines = [f"Pas d'étape lancée : {note}", ""] if note else []
    lines += ["Pour lancer une étape : sur la feuille « Accueil », cliquez sur la ligne de l'étape, puis sur le bouton "
              "« Lancer l'étape » de l'onglet « Démarche ». Remplissez d'abord les feuilles à onglet bleu. Les étapes, "
              "dans l'ordre (la colonne « Statut » d'Accueil dit où vous en êtes) :"]
    lines += [f"{n}. {a.label} ({a.group})" for n, a in enumerate(steps, start=1)]
    lines += ["",
              "Chaque étape agit sur le classeur actif, écrit seulement ses propres feuilles, enregistre le "
              "classeur (une copie de la version précédente est gardée dans le dossier « sauvegardes ») et note "
              "l'opération dans « Journal ».",
              "Si le bouton ne répond pas : vérifiez que Python et demarche-xl sont installés, puis relancez "
              "« python -m demarche_xl excel installer » et redémarrez Excel. Toutes les étapes existent aussi en "
              "ligne de commande : python -m demarche_xl --aide."]
    return clip("\n".join(lines))


def clip(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1] + "…"
