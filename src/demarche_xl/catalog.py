"""The method's steps in order, as the user sees them: phase, what to do, which sheets, which command and button, and
how `Accueil` tells whether it is done: a command's run (its needs are in its `StepSpec`), what the team fills, or a
decision the team takes (retained concerns, confirmed lead teachers), never the tool's proposal.

One list feeds the `Accueil` sheet, `verifier`'s next step, the CLI help, the README and the Excel ribbon.
"""
from __future__ import annotations

from dataclasses import dataclass

from demarche_xl.steps.needs import (
    CONFIRMED, RETAINED, SURVEY_ANSWERS, Filled)

CREATE, COMMAND, TEAM, DECISION, OCCASIONAL = "création", "commande", "équipe", "décision", "au besoin"


@dataclass(frozen=True)
class StepInfo:
    phase: str
    label: str  # what the user does, in French
    fill: str = ""  # sheets the team fills before
    command: str = ""  # `demarche-xl <command>`; empty for a manual step
    button: str = ""  # label of the ribbon button
    produces: str = ""  # sheets the command writes
    kind: str = COMMAND  # how its status is told (see `progress.status_of`)
    done_when: tuple = ()  # TEAM / DECISION: needs met once the team has done it
    after: tuple = ()  # TEAM / DECISION / documents: what must exist first (« Bloqué » otherwise)
    track: str = ""  # the run whose date and inputs the status follows (a step, or « documents:<clé> »)
    optional: bool = False  # never named as the next step (checks, sharing)
    when: str = ""  # OCCASIONAL: what the status says until it has run

    @property
    def run_name(self) -> str:
        return self.track or self.command.split(" ")[0]


STEPS: tuple[StepInfo, ...] = (
    StepInfo("Préparation", "Créer le classeur de la démarche", "", "nouveau", "", "toutes les feuilles", CREATE),
    StepInfo("Préparation", "Renseigner l'établissement, les enseignants et les listes",
             "Paramètres, Enseignants, Listes", "verifier", "Vérifier", "", TEAM, (Filled("teachers"),)),
    StepInfo("Pilotage", "Proposer la feuille de route et les parties prenantes", "Paramètres", "pilotage",
             "Feuille de route", "Feuille de route, Parties prenantes"),
    StepInfo("Temps 1 - État des lieux", "Diffuser le questionnaire enseignants", "Listes", "questionnaire", "", "",
             TEAM, (SURVEY_ANSWERS,)),
    StepInfo("Temps 1 - État des lieux", "Importer les réponses (LimeSurvey, Google Forms, Microsoft Forms, papier)",
             "", "importer", "", "Q - <source>", TEAM, (SURVEY_ANSWERS,)),
    StepInfo("Temps 1 - État des lieux", "Consolider les questionnaires", "Q - …, Correspondances", "consolider",
             "Consolider les questionnaires", "Correspondances, Réponses, Préoccupations, Cartographie"),
    StepInfo("Temps 1 - État des lieux", "Retenir les 3 à 4 préoccupations (l'équipe décide ; synthèse Word pour en "
             "discuter)", "Préoccupations (Retenue)", "documents --quoi synthese", "Générer les documents",
             "Synthèse de l'état des lieux (Word)", DECISION, (RETAINED,), (Filled("concern_ranking"),)),
    StepInfo("Temps 2 - Ateliers", "Décrire ateliers, animateurs, créneaux et contraintes",
             "Animateurs, Ateliers, Créneaux, Contraintes", "verifier", "Vérifier", "", TEAM,
             (Filled("workshops"), Filled("facilitators"), Filled("slots"))),
    StepInfo("Temps 2 - Ateliers", "Former les groupes", "Enseignants, Réponses, Contraintes", "groupes",
             "Former les groupes", "Groupes"),
    StepInfo("Temps 2 - Ateliers", "Vérifier les groupes modifiés à la main", "Groupes", "verifier-groupes",
             "Vérifier", "", optional=True),
    StepInfo("Temps 2 - Ateliers", "Construire les parcours", "Choix libres", "parcours", "Construire les parcours",
             "Parcours, Planning individuel"),
    StepInfo("Temps 2 - Ateliers", "Convocations, fiches animateurs, journaux de bord", "", "documents",
             "Générer les documents", "documents Word", track="documents:convocations"),
    StepInfo("Temps 2 - Ateliers", "Recueillir les impressions et proposer les référents", "Impressions",
             "referents", "Proposer les référents", "Référents"),
    StepInfo("Temps 2 - Ateliers", "Confirmer les référents (l'équipe décide)", "Référents (Confirmé)", "", "", "",
             DECISION, (CONFIRMED,), (Filled("lead_teachers"),)),
    StepInfo("Temps 3 - Mise en pratique", "Suivre les fiches de mise en pratique", "Mises en pratique",
             "verifier", "Vérifier", "", TEAM, (Filled("practices"),)),
    StepInfo("Bilan", "Consolider la satisfaction et faire le bilan", "S - …, Mises en pratique", "bilan",
             "Faire le bilan", "Satisfaction, Bilan, Prochaines étapes"),
    StepInfo("Bilan", "Éditer la fiche de bilan pour le conseil pédagogique", "Prochaines étapes",
             "documents --quoi bilan", "Générer les documents", "Fiche de bilan (Word)", track="documents:bilan"),
    StepInfo("Kit d'ateliers", "RETEX, diagnostic, besoins et axes, plan d'action, indicateurs",
             "RETEX, Diagnostic, Besoins et axes, Plan d'action, Indicateurs", "kit", "Vérifier le kit", "Indicateurs"),
    StepInfo("Partage", "Fusionner la copie d'un collègue", "", "fusionner", "Fusionner une copie", "Conflits",
             OCCASIONAL, optional=True, when="Au besoin"),
    StepInfo("Partage", "Copie anonymisée pour l'académie", "", "anonymiser", "", "copie anonymisée", OCCASIONAL,
             optional=True, when="Au besoin"),
    StepInfo("Partage", "Fin d'année : purger les données personnelles", "", "purger", "",
             "toutes les feuilles nommant des personnes", OCCASIONAL, optional=True, when="En fin d'année"),
)

# where each step of the runner is declared (its `StepSpec`, with its needs), looked up only when needed
SPECS = {"pilotage": "steering:STEERING", "importer": "temps1:IMPORT", "consolider": "temps1:CONSOLIDATE",
         "groupes": "groups:GROUPS", "verifier-groupes": "groups:VERIFY_GROUPS", "parcours": "routes:ROUTES",
         "referents": "lead_teachers:LEAD_TEACHERS", "bilan": "review:REVIEW", "kit": "kit:KIT"}


def spec_of(name: str):
    """The `StepSpec` of a step of the runner, or None (a manual step, or a module missing from this install)."""
    import importlib

    where = SPECS.get(name)
    if where is None:
        return None
    module, attribute = where.split(":")
    try:
        return getattr(importlib.import_module(f"demarche_xl.steps.{module}"), attribute)
    except ImportError:
        return None
