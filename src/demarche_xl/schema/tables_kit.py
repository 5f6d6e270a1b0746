"""Tables of the workshop kit (5 themes) and of steering: RETEX, diagnosis, needs and axes, action plan,
indicators, roadmap and stakeholders."""
from __future__ import annotations

from demarche_xl.schema.model import USER, Column as C, Kind, Table

PHASE_KIT = "Kit d'ateliers"
PHASE_STEERING = "Pilotage"
WHEN = ("Court terme", "Moyen terme", "Long terme")
TASK_STATUS = ("À faire", "En cours", "Terminée", "Bloquée")
LATE, BLOCKED = "En retard", "Bloquée"  # values of the roadmap's computed « Alerte » column

EXPERIENCE_REPORTS = Table("experience_reports", "RETEX", (
    C("retex_id", "ID", required=True, unique=True, width=8),
    C("theme", "Thématique", required=True, choice_list="themes", width=34),
    C("level", "Niveau / public", width=20),
    C("text", "Retour d'expérience (2-3 lignes)", required=True, width=50),
    C("link", "Lien", width=26),
    C("strengths", "Points forts", width=40),
    C("pain_points", "Irritants", width=40),
), USER, PHASE_KIT, "Fiches RETEX présentées lors des ateliers.", ("retex_id",))

DIAGNOSIS = Table("diagnosis", "Diagnostic", (
    C("theme", "Thématique", required=True, choice_list="themes", width=34),
    C("retex_id", "RETEX (ID)", width=10),
    C("pain_point", "Irritant", width=40),
    C("strength", "Point fort", width=40),
), USER, PHASE_KIT, "Points forts et irritants par thématique et par RETEX (un par ligne).")

NEEDS_AXES = Table("needs_axes", "Besoins et axes", (
    C("theme", "Thématique", required=True, choice_list="themes", width=34),
    C("pain_point", "Irritant", required=True, width=36),
    C("need", "Besoin", width=36),
    C("axis", "Axe d'amélioration", width=40),
), USER, PHASE_KIT, "Chaque irritant conduit à un besoin, chaque besoin à un axe d'amélioration.")

ACTION_PLAN = Table("action_plan", "Plan d'action", (
    C("action_id", "ID", required=True, unique=True, width=8),
    C("theme", "Thématique", required=True, choice_list="themes", width=30),
    C("axis", "Axe d'amélioration (Quoi)", required=True, width=36),
    C("action", "Actions à mener (Comment)", required=True, width=40),
    C("who", "Acteurs mobilisés (Qui)", width=28),
    C("when", "Temporalité (Quand)", choices=WHEN, width=14),
    C("indicators", "Indicateurs et facteurs de réussite", width=40),
), USER, PHASE_KIT, "Plan d'action : quoi, comment, qui, quand, indicateurs.", ("action_id",))

INDICATORS = Table("indicators", "Indicateurs", (
    C("indicator", "Indicateur", required=True, width=40),
    C("action_id", "Action (ID)", width=10),
    C("target", "Cible", Kind.NUMBER, width=10),
    C("measured", "Valeur mesurée", Kind.NUMBER, width=12),
    C("date", "Date de mesure", Kind.DATE, width=12),
    C("progress", "Avancement", Kind.PERCENT, width=12, help="Calculé : valeur mesurée / cible.", computed_by="kit"),
), USER, PHASE_KIT, "Suivi des indicateurs du plan d'action.")

ROADMAP = Table("roadmap", "Feuille de route", (
    C("task_id", "ID", required=True, unique=True, width=8),
    C("phase", "Phase", required=True, choice_list="phases", width=26),
    C("task", "Tâche", required=True, width=50),
    C("owner", "Responsable", width=22),
    C("start", "Début", Kind.DATE, width=12),
    C("due", "Échéance", Kind.DATE, width=12),
    C("status", "Statut", choices=TASK_STATUS, width=12),
    C("flag", "Alerte", width=16, help="Calculée : « En retard » ou « Bloquée ».", computed_by="pilotage"),
), USER, PHASE_STEERING, "Feuille de route sur 2 à 3 trimestres.", ("task_id",))

STAKEHOLDERS = Table("stakeholders", "Parties prenantes", (
    C("phase", "Phase", required=True, choice_list="phases", width=26),
    C("stakeholder", "Partie prenante", required=True, width=34),
    C("role", "Rôle", choices=("À mobiliser", "À informer"), width=14),
    C("why", "Pourquoi", width=50),
    C("contact", "Contact", width=24),
), USER, PHASE_STEERING, "Qui mobiliser et qui informer à chaque phase.")

TABLES = (EXPERIENCE_REPORTS, DIAGNOSIS, NEEDS_AXES, ACTION_PLAN, INDICATORS, ROADMAP, STAKEHOLDERS)
