"""Tables every phase relies on: the teacher roster, the settings, the lists, the constraints and the run log."""
from __future__ import annotations

from demarche_xl.schema.lists import ALL_LISTS
from demarche_xl.schema.model import USER, Column as C, Kind, Table

PHASE_SETUP = "Préparation"

TEACHERS = Table("teachers", "Enseignants", (
    C("teacher_id", "ID", required=True, unique=True, width=8,
      help="Identifiant unique de l'enseignant (par exemple E001). Ne le changez plus une fois les groupes formés."),
    C("last_name", "Nom", required=True, width=16),
    C("first_name", "Prénom", required=True, width=14),
    C("email", "Courriel", Kind.EMAIL, width=28, help="Sert à relier les réponses au questionnaire."),
    C("discipline", "Discipline", required=True, choice_list="disciplines", width=22),
    C("school", "Établissement", width=22, help="Collège d'exercice : utile pour un événement mutualisé."),
    C("catalyst", "Catalyseur", Kind.BOOLEAN, width=11,
      help="Oui si l'enseignant est un catalyseur : moteur, à l'aise, capable d'entraîner un groupe."),
    C("project_team", "Équipe projet", Kind.BOOLEAN, width=12),
    C("participates", "Participe aux ateliers", Kind.BOOLEAN, width=12,
      help="Oui si l'enseignant participe aux ateliers du temps 2 (il sera placé dans un groupe)."),
    C("comfort", "Aisance numérique", choice_list="comfort", width=16,
      help="Utilisée pour les enseignants qui n'ont pas répondu au questionnaire (sinon sa réponse compte)."),
    C("comment", "Commentaire", width=30),
), USER, PHASE_SETUP, "Liste des enseignants du collège (ou des collèges d'un événement mutualisé).", ("teacher_id",))

PARAMETERS = Table("parameters", "Paramètres", (
    C("label", "Paramètre", required=True, unique=True, width=40),
    C("value", "Valeur", Kind.ANY, width=30),
    C("help", "Aide", width=70),
), USER, PHASE_SETUP, "Réglages de la démarche : modifiez seulement la colonne Valeur.", ("label",))

CONSTRAINTS = Table("constraints", "Contraintes", (
    C("kind", "Type", required=True, choices=("Ensemble", "Séparés", "Indisponible"), width=14,
      help="Ensemble : mêmes groupe. Séparés : groupes différents. Indisponible : l'enseignant ne peut pas venir "
           "au créneau indiqué."),
    C("teacher_a", "Enseignant 1 (ID)", required=True, width=14),
    C("teacher_b", "Enseignant 2 (ID)", width=14, help="Pour Ensemble et Séparés."),
    C("slot", "Créneau", width=14, help="Pour Indisponible : identifiant du créneau."),
    C("reason", "Motif", width=40),
), USER, "Temps 2 - Ateliers", "Règles à respecter en formant les groupes et les parcours.")

LISTS = Table("lists", "Listes", tuple(
    C(item.key, item.header, help=item.help, width=max(18, min(40, max(len(v) for v in item.values))))
    for item in ALL_LISTS
), USER, PHASE_SETUP, "Listes de valeurs des menus déroulants ; ajoutez ou retirez des valeurs dans chaque colonne.",
    row_ids=False)

RUN_LOG = Table("run_log", "Journal", (
    C("when", "Date", Kind.DATE, width=18),
    C("user", "Utilisateur", width=16),
    C("step", "Étape", width=24),
    C("summary", "Résumé", width=90),
), "journal", PHASE_SETUP, "Une ligne par étape lancée : date, utilisateur, étape, ce qui a changé.")

TABLES = (PARAMETERS, TEACHERS, LISTS, CONSTRAINTS, RUN_LOG)
