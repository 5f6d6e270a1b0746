"""The method's steps in order, as the user sees them: phase, what to do, which sheets, which command and button.

One list feeds the `Accueil` sheet, the CLI help, the README and the Excel ribbon.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StepInfo:
    phase: str
    label: str  # what the user does, in French
    fill: str = ""  # sheets the team fills before
    command: str = ""  # `demarche-xl <command>`; empty for a manual step
    button: str = ""  # label of the ribbon button
    produces: str = ""  # sheets the command writes


STEPS: tuple[StepInfo, ...] = (
    StepInfo("Préparation", "Créer le classeur de la démarche", "", "nouveau", "", "toutes les feuilles"),
    StepInfo("Préparation", "Renseigner l'établissement, les enseignants et les listes",
             "Paramètres, Enseignants, Listes", "verifier", "Vérifier", ""),
    StepInfo("Pilotage", "Proposer la feuille de route et les parties prenantes", "Paramètres", "pilotage",
             "Feuille de route", "Feuille de route, Parties prenantes"),
    StepInfo("Temps 1 - État des lieux", "Diffuser le questionnaire enseignants", "Listes", "questionnaire", "", ""),
    StepInfo("Temps 1 - État des lieux", "Importer les réponses (LimeSurvey, Google Forms, Microsoft Forms, papier)",
             "", "importer", "", "Q - <source>"),
    StepInfo("Temps 1 - État des lieux", "Consolider les questionnaires", "Q - …, Correspondances", "consolider",
             "Consolider les questionnaires", "Correspondances, Réponses, Préoccupations, Cartographie"),
    StepInfo("Temps 1 - État des lieux", "Valider les préoccupations retenues (3 à 4)", "Préoccupations (Retenue)",
             "documents --quoi synthese", "Générer les documents", "Synthèse de l'état des lieux (Word)"),
    StepInfo("Temps 2 - Ateliers", "Décrire ateliers, animateurs, créneaux et contraintes",
             "Animateurs, Ateliers, Créneaux, Contraintes", "verifier", "Vérifier", ""),
    StepInfo("Temps 2 - Ateliers", "Former les groupes", "Enseignants, Réponses, Contraintes", "groupes",
             "Former les groupes", "Groupes"),
    StepInfo("Temps 2 - Ateliers", "Vérifier les groupes modifiés à la main", "Groupes", "verifier-groupes",
             "Vérifier", ""),
    StepInfo("Temps 2 - Ateliers", "Construire les parcours", "Choix libres", "parcours", "Construire les parcours",
             "Parcours, Planning individuel"),
    StepInfo("Temps 2 - Ateliers", "Convocations, fiches animateurs, journaux de bord", "", "documents",
             "Générer les documents", "documents Word"),
    StepInfo("Temps 2 - Ateliers", "Recueillir les impressions et proposer les référents", "Impressions",
             "referents", "Proposer les référents", "Référents"),
    StepInfo("Temps 3 - Mise en pratique", "Suivre les fiches de mise en pratique", "Mises en pratique",
             "verifier", "Vérifier", ""),
    StepInfo("Bilan", "Consolider la satisfaction et faire le bilan", "S - …, Mises en pratique", "bilan",
             "Faire le bilan", "Satisfaction, Bilan, Prochaines étapes"),
    StepInfo("Bilan", "Éditer la fiche de bilan pour le conseil pédagogique", "Prochaines étapes",
             "documents --quoi bilan", "Générer les documents", "Fiche de bilan (Word)"),
    StepInfo("Kit d'ateliers", "RETEX, diagnostic, besoins et axes, plan d'action, indicateurs",
             "RETEX, Diagnostic, Besoins et axes, Plan d'action, Indicateurs", "kit", "Vérifier le kit", "Indicateurs"),
    StepInfo("Partage", "Fusionner la copie d'un collègue", "", "fusionner", "Fusionner une copie", "Conflits"),
    StepInfo("Partage", "Copie anonymisée pour l'académie", "", "anonymiser", "", "copie anonymisée"),
    StepInfo("Partage", "Fin d'année : purger les données personnelles", "", "purger", "",
             "toutes les feuilles nommant des personnes"),
)
