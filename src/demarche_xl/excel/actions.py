"""What the « Lancer l'étape » button can run, in method order, and how each finds the step it runs.

One `Action` per step the button runs (chosen on `Accueil`, see `choice.py`): its CLI name, French label and
description, and what it does (`kind`). Steps are found by their CLI command name at click time, among the
modules of `demarche_xl.steps` (and `demarche_xl.share`), so a step that is not installed yet gives a French message
instead of an ImportError.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

from demarche_xl.steps.base import StepSpec

STEP, VERIFY, DOCUMENTS, MERGE, HELP = "step", "verify", "documents", "merge", "help"


@dataclass(frozen=True)
class Action:
    name: str  # the CLI command of the step it runs
    label: str  # the step's button label in the catalog (French), shown on `Accueil`
    tooltip: str  # what the step does, in French
    group: str  # the phase of the method, shown in the help
    kind: str = STEP
    hint: str = ""  # module most likely to declare the step, tried first


ACTIONS: tuple[Action, ...] = (
    Action("verifier", "Vérifier", "Vérifier toutes les feuilles du classeur : valeurs, listes, cellules "
           "obligatoires, identifiants. Rien n'est modifié.", "Préparation", VERIFY),
    Action("pilotage", "Feuille de route", "Proposer la feuille de route et les parties prenantes de la démarche "
           "si elles sont vides, sinon signaler les tâches en retard ou bloquées (colonne Alerte).", "Pilotage",
           hint="demarche_xl.steps.steering"),
    Action("consolider", "Consolider les questionnaires", "Rassembler les réponses des onglets « Q - … » dans "
           "Réponses, classer les préoccupations et remplir la cartographie.", "Temps 1",
           hint="demarche_xl.steps.temps1"),
    Action("groupes", "Former les groupes", "Former les groupes d'enseignants (au plus 6, un catalyseur chacun, une "
           "préoccupation partagée). Si Groupes est déjà rempli, change le moins possible.", "Temps 2 - Groupes",
           hint="demarche_xl.steps.groups"),
    Action("parcours", "Construire les parcours", "Construire le parcours de chaque groupe dans les ateliers et "
           "répartir la séance en libre choix selon les vœux.", "Temps 2 - Parcours",
           hint="demarche_xl.steps.routes"),
    Action("referents", "Proposer les référents", "Proposer les enseignants référents à partir de la feuille "
           "Impressions.", "Temps 2 - Référents", hint="demarche_xl.steps.lead_teachers"),
    Action("bilan", "Faire le bilan", "Consolider la satisfaction (onglets « S - … ») et les mises en pratique, "
           "et proposer les prochaines étapes.", "Bilan", hint="demarche_xl.steps.review"),
    Action("kit", "Vérifier le kit", "Vérifier que chaque irritant du kit d'ateliers mène à un besoin, un axe, une "
           "action et un indicateur, et calculer l'avancement des indicateurs.", "Kit d'ateliers",
           hint="demarche_xl.steps.kit"),
    Action("documents", "Générer les documents", "Écrire les documents Word (synthèse, convocations, fiches "
           "animateurs, journaux de bord, fiche de bilan) à côté du classeur ou dans le dossier choisi dans "
           "Paramètres.", "Documents", DOCUMENTS),
    Action("fusionner", "Fusionner une copie", "Reporter dans ce classeur les saisies faites par un collègue dans "
           "une copie ; les désaccords vont dans la feuille Conflits.", "Partage", MERGE,
           hint="demarche_xl.share.merge"),
    Action("aide", "Aide", "Les étapes de la démarche dans l'ordre, et quoi faire si un bouton ne répond pas.",
           "Aide", HELP),
)


def action(name: str) -> Action:
    for candidate in ACTIONS:
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def find_step(command: str, hint: str = "") -> StepSpec | None:
    """The StepSpec whose CLI name is `command`, looked up now (not at import), or None when no module has it."""
    for module_name in dict.fromkeys([hint, *step_modules()]):
        if not module_name:
            continue
        try:
            module = importlib.import_module(module_name)
        except Exception:  # noqa: BLE001 - a step being written by someone else must not break the other buttons
            continue
        for value in vars(module).values():
            if isinstance(value, StepSpec) and value.name == command:
                return value
    return None


def step_modules() -> list[str]:
    names = []
    for package_name in ("demarche_xl.steps", "demarche_xl.share"):
        try:
            package = importlib.import_module(package_name)
        except Exception:  # noqa: BLE001 - optional package
            continue
        names += [f"{package_name}.{info.name}" for info in pkgutil.iter_modules(package.__path__)]
    return names
