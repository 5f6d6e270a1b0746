"""Tables of Temps 1 (état des lieux): column mapping, consolidated answers, concerns, profile map."""
from __future__ import annotations

from demarche_xl.schema.model import Chart, Column as C, Kind, Table

PHASE = "Temps 1 - État des lieux"
STEP = "consolider"
# `Vue` values of the `Cartographie` sheet that get a chart (the analysis writes them, the charts select them)
VIEW_COMFORT, VIEW_WILLINGNESS, VIEW_PROFILE = "Aisance numérique", "Envie de participer", "Profil"

MAPPING = Table("mapping", "Correspondances", (
    C("tab", "Onglet", required=True, width=22),
    C("source_column", "Colonne source", required=True, width=50),
    C("question", "Question de référence", width=34, editable=True,
      help="Code de la question de référence, ou « ignorer ». Corrigez ici puis relancez la consolidation."),
    C("status", "Statut", choices=("Proposé", "Confirmé", "Ignoré", "Non reconnu"), width=14, editable=True),
    C("note", "Remarque", width=40),
), STEP, PHASE, "Chaque colonne des onglets bruts « Q - … » et « S - … », reliée à une question de référence.",
    ("tab", "source_column"), row_owners=((STEP, "tab", "Q - "), ("bilan", "tab", "S - ")))

ANSWERS = Table("answers", "Réponses", (
    C("answer_id", "ID réponse", required=True, unique=True, width=10),
    C("teacher_id", "ID enseignant", width=12),
    C("tab", "Onglet source", width=18),
    C("submitted", "Horodatage", Kind.DATE, width=18),
    C("last_name", "Nom", width=16),
    C("first_name", "Prénom", width=14),
    C("email", "Courriel", Kind.EMAIL, width=26),
    C("discipline", "Discipline", width=20),
    C("concern_1", "Préoccupation 1", width=30),
    C("concern_2", "Préoccupation 2", width=30),
    C("concern_3", "Préoccupation 3", width=30),
    C("comfort", "Aisance numérique", width=14),
    C("comfort_level", "Aisance (1-4)", Kind.INTEGER, width=10),
    C("uses", "Usages actuels", width=40),
    C("equipment", "Équipements disponibles", width=40),
    C("willingness", "Envie de participer", width=16),
    C("catalyst_volunteer", "Volontaire catalyseur", Kind.BOOLEAN, width=12),
    C("team_volunteer", "Volontaire équipe projet", Kind.BOOLEAN, width=12),
    C("comments", "Commentaires", width=40, multiline=True),
    C("link_status", "Rapprochement", width=22),
    C("complete", "Réponse complète", Kind.BOOLEAN, width=12,
      help="Non : questionnaire abandonné avant la fin (export LimeSurvey de toutes les réponses). La réponse est "
           "gardée et compte dans l'analyse ; une réponse complète de la même personne passe avant."),
), STEP, PHASE, "Une ligne par répondant, colonnes de référence ; produite par la consolidation.", ("answer_id",))

CONCERN_RANKING = Table("concern_ranking", "Préoccupations", (
    C("concern", "Préoccupation", required=True, width=40),
    C("teachers", "Enseignants", Kind.INTEGER, width=12),
    C("share", "Part des répondants", Kind.PERCENT, width=12),
    C("score", "Score pondéré", Kind.NUMBER, width=12, help="3 points en 1er choix, 2 en 2e, 1 en 3e."),
    C("disciplines", "Disciplines", Kind.INTEGER, width=11),
    C("rank", "Rang", Kind.INTEGER, width=7),
    C("retained", "Retenue", Kind.BOOLEAN, width=10, editable=True,
      help="Proposé par l'outil ; l'équipe confirme ou change. Votre choix est gardé quand vous relancez."),
), STEP, PHASE, "Classement des préoccupations pédagogiques ; l'équipe confirme celles retenues.", ("concern",),
    charts=(Chart("Préoccupations : score pondéré (3/2/1)", "concern", "score", "I2"),))

PROFILE_MAP = Table("profile_map", "Cartographie", (
    C("category", "Vue", width=22),
    C("label", "Libellé", width=40),
    C("count", "Effectif", Kind.INTEGER, width=10),
    C("share", "Part", Kind.PERCENT, width=10),
    C("detail", "Détail", width=70),
), STEP, PHASE, "Profils des enseignants, catalyseurs par préoccupation et recommandations pour les ateliers.",
    charts=(Chart("Aisance numérique des répondants", "label", "count", "G2", "col", ("category", VIEW_COMFORT)),
            Chart("Envie de participer aux ateliers", "label", "count", "G18", "col", ("category", VIEW_WILLINGNESS)),
            Chart("Profils des enseignants", "label", "count", "G34", "col", ("category", VIEW_PROFILE))))

TABLES = (MAPPING, ANSWERS, CONCERN_RANKING, PROFILE_MAP)
