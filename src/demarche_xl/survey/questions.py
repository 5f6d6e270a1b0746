"""The reference question banks shipped with the toolkit: Temps 1 teacher questionnaire and satisfaction
questionnaire. Codes are what LimeSurvey exports as headings; labels are what Google Forms and Microsoft Forms
export; `target` is the column key of the consolidated table (`Réponses` or `Satisfaction`)."""
from __future__ import annotations

from dataclasses import dataclass

TEXT, EMAIL, SINGLE, MULTI, YESNO, SCALE, DATETIME = "texte", "courriel", "choix", "choix multiple", "oui/non", \
    "échelle", "date"


@dataclass(frozen=True)
class Question:
    code: str  # LimeSurvey question code (letters and digits)
    label: str  # the question as the teacher reads it
    kind: str
    target: str  # column key in the consolidated table
    options: tuple[str, ...] = ()  # fixed options
    option_list: str = ""  # or: options from a list of the `Listes` sheet
    required: bool = False
    help: str = ""


SURVEY: tuple[Question, ...] = (
    Question("NOM", "Nom", TEXT, "last_name", required=True),
    Question("PRENOM", "Prénom", TEXT, "first_name", required=True),
    Question("COURRIEL", "Adresse électronique académique", EMAIL, "email",
             help="Sert seulement à relier votre réponse à la liste des enseignants."),
    Question("DISC", "Quelle discipline enseignez-vous ?", SINGLE, "discipline", option_list="disciplines",
             required=True),
    Question("PREO1", "Quelle est votre première préoccupation pédagogique ?", SINGLE, "concern_1",
             option_list="concerns", required=True),
    Question("PREO2", "Quelle est votre deuxième préoccupation pédagogique ?", SINGLE, "concern_2",
             option_list="concerns"),
    Question("PREO3", "Quelle est votre troisième préoccupation pédagogique ?", SINGLE, "concern_3",
             option_list="concerns"),
    Question("AISANCE", "Comment qualifiez-vous votre aisance avec le numérique en classe ?", SCALE, "comfort",
             option_list="comfort", required=True),
    Question("USAGES", "Quels usages numériques avez-vous déjà en classe ?", MULTI, "uses", option_list="uses"),
    Question("EQUIP", "De quels équipements disposez-vous dans vos salles ?", MULTI, "equipment",
             option_list="equipment"),
    Question("ENVIE", "Souhaitez-vous participer aux ateliers d'échange ?", SINGLE, "willingness",
             option_list="willingness", required=True),
    Question("CATA", "Seriez-vous prêt(e) à animer la dynamique d'un petit groupe de collègues (catalyseur) ?",
             YESNO, "catalyst_volunteer"),
    Question("EQUIPE", "Souhaitez-vous rejoindre l'équipe projet ?", YESNO, "team_volunteer"),
    Question("COMM", "Commentaires libres", TEXT, "comments"),
)

SATISFACTION: tuple[Question, ...] = (
    Question("NOM", "Nom", TEXT, "last_name"),
    Question("PRENOM", "Prénom", TEXT, "first_name"),
    Question("COURRIEL", "Adresse électronique académique", EMAIL, "email"),
    Question("INTERET", "Avez-vous trouvé un intérêt à la démarche ?", SCALE, "interest",
             options=("Pas du tout d'accord", "Plutôt pas d'accord", "Ni d'accord ni pas d'accord",
                      "Plutôt d'accord", "Tout à fait d'accord"), required=True),
    Question("CONTINUER", "Souhaitez-vous continuer dans la démarche ?", YESNO, "continue", required=True),
    Question("GARDER", "Qu'est-ce qui mérite d'être gardé ?", TEXT, "keep"),
    Question("AMELIORER", "Qu'est-ce qui pourrait être amélioré ?", TEXT, "improve"),
    Question("BESOIN", "De quoi auriez-vous le plus besoin pour poursuivre ?", SINGLE, "need_kind",
             option_list="need_kinds"),
    Question("BESOINS", "Précisez vos besoins (équipement, formation, ressources, accompagnement)", TEXT, "needs"),
)
