"""Tables after the workshops: impressions, lead teachers, practice sheets, satisfaction, review, next steps."""
from __future__ import annotations

from demarche_xl.schema.model import USER, Column as C, Kind, Table

PHASE2 = "Temps 2 - Ateliers"
PHASE3 = "Temps 3 - Mise en pratique"
PHASE_REVIEW = "Bilan"
SCALE_1_5 = "Note de 1 (pas du tout) à 5 (tout à fait)."
STATUS = ("Prévue", "En cours", "Réalisée", "Abandonnée")

IMPRESSIONS = Table("impressions", "Impressions", (
    C("teacher_id", "ID enseignant", required=True, width=12),
    C("moment", "Moment", choices=("À chaud", "Quelques jours après"), width=16),
    C("pleasure", "Plaisir à participer (1-5)", Kind.INTEGER, width=12, help=SCALE_1_5),
    C("motivation", "Motivation pour la suite (1-5)", Kind.INTEGER, width=12, help=SCALE_1_5),
    C("interesting_practices", "Pratiques intéressantes", width=34),
    C("group_feedback", "Retour sur le groupe", width=30),
    C("practice_ideas", "Idées de mise en pratique", width=34),
    C("difficulties", "Difficultés, pistes d'amélioration", width=30),
    C("wants_to_help", "Souhaite aider ses collègues", Kind.BOOLEAN, width=12),
    C("observation", "Observation de l'équipe projet", width=34,
      help="Bienveillance, capacité à entraîner, niveau d'échange observé pendant l'atelier."),
), USER, PHASE2, "Impressions des enseignants après les ateliers (à chaud, puis quelques jours après).")

LEAD_TEACHERS = Table("lead_teachers", "Référents", (
    C("teacher_id", "ID enseignant", required=True, unique=True, width=12),
    C("name", "Nom", width=24),
    C("concern", "Préoccupation", width=30),
    C("score", "Score", Kind.NUMBER, width=8),
    C("reasons", "Raisons", width=60),
    C("confirmed", "Confirmé", Kind.BOOLEAN, width=10, editable=True,
      help="L'équipe confirme le référent ; ce choix est gardé quand vous relancez."),
    C("accompanied", "Enseignants accompagnés", width=50),
), "referents", PHASE3, "Enseignants référents proposés pour le temps 3, avec leurs raisons.", ("teacher_id",))

PRACTICES = Table("practices", "Mises en pratique", (
    C("practice_id", "ID", required=True, unique=True, width=8),
    C("teachers", "Enseignant(s) (ID)", required=True, width=16, help="Identifiants séparés par « ; »."),
    C("lead_teacher_id", "Référent (ID)", width=12),
    C("discipline", "Discipline", choice_list="disciplines", width=20),
    C("level", "Niveau", choice_list="levels", width=10),
    C("sequence", "Séquence pédagogique", width=36),
    C("concern", "Préoccupation", choice_list="concerns", width=30),
    C("tools", "Outils et ressources numériques", width=30),
    C("date", "Date", Kind.DATE, width=12),
    C("status", "Statut", choices=STATUS, width=12),
    C("results", "Résultats observés", width=36),
    C("need_equipment", "Besoin : équipement", width=22),
    C("need_training", "Besoin : formation", width=22),
    C("need_resources", "Besoin : ressources", width=22),
    C("need_support", "Besoin : accompagnement", width=22),
), USER, PHASE3, "Une ligne par fiche de mise en pratique.", ("practice_id",))

SATISFACTION = Table("satisfaction", "Satisfaction", (
    C("answer_id", "ID réponse", required=True, unique=True, width=10),
    C("teacher_id", "ID enseignant", width=12),
    C("tab", "Onglet source", width=18),
    C("interest", "Intérêt du projet (1-5)", Kind.INTEGER, width=12),
    C("continue", "Souhaite continuer", Kind.BOOLEAN, width=12),
    C("keep", "À garder", width=36, multiline=True),
    C("improve", "À améliorer", width=36, multiline=True),
    C("need_kind", "Besoin principal", width=16),
    C("needs", "Besoins exprimés", width=36, multiline=True),
), "bilan", PHASE_REVIEW, "Questionnaire de satisfaction consolidé.", ("answer_id",))

REVIEW = Table("review", "Bilan", (
    C("section", "Rubrique", width=22),
    C("indicator", "Indicateur", width=44, multiline=True),  # quotes free answers (« À garder : … »)
    C("value", "Valeur", width=12),
    C("reference", "Collège pilote", width=16),
    C("comment", "Commentaire", width=60),
), "bilan", PHASE_REVIEW, "Indicateurs du bilan comparés au collège pilote, forces et limites.")

NEXT_STEPS = Table("next_steps", "Prochaines étapes", (
    C("step_id", "ID", required=True, unique=True, width=8),
    C("action", "Action", required=True, width=50),
    C("source", "Origine", width=26),
    C("owner", "Porteur", width=20, editable=True),
    C("due", "Échéance", Kind.DATE, width=12, editable=True),
    C("kept", "Retenue", Kind.BOOLEAN, width=10, editable=True),
), "bilan", PHASE_REVIEW, "Prochaines étapes proposées ; l'équipe les modifie (gardées quand vous relancez).",
    ("step_id",))

TABLES = (IMPRESSIONS, LEAD_TEACHERS, PRACTICES, SATISFACTION, REVIEW, NEXT_STEPS)
