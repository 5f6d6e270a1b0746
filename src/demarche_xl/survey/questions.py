"""The reference question banks shipped with the toolkit: Temps 1 teacher questionnaire and satisfaction
questionnaire. Codes are what LimeSurvey exports as headings; labels are what Google Forms and Microsoft Forms
export; `target` is the column key of the consolidated table (`Réponses` or `Satisfaction`). `signs` describe the
words a reworded heading of the question holds (read by `survey.headings`): groups separated by spaces, each group
a choice of word starts separated by « | » (« = » for a whole word, « #1 » for an ordinal), « 2: » a weight,
« ! » when the heading may hold nothing else. The full-name question is never asked by our questionnaire but is
read from exports that have one « Nom et prénom » field."""
from __future__ import annotations

from dataclasses import dataclass

TEXT, EMAIL, SINGLE, MULTI, YESNO, SCALE, DATETIME = "texte", "courriel", "choix", "choix multiple", "oui/non", \
    "échelle", "date"
FULL_NAME_KIND = "nom et prénom"


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
    signs: tuple[str, ...] = ()  # how a reworded heading of this question reads (see the module's docstring)


NAME_SIGNS = ("!=nom", "!=nom =famille", "!=last =name", "!=lastname", "!=surname", "!=family =name")
FIRST_NAME_SIGNS = ("!=prenom", "!=first =name", "!=firstname", "!=given =name")
EMAIL_SIGNS = ("3:courriel|=mail|=email|=mel|=mels|messagerie|=e-mail", "3:adresse electroni")
CONCERN = "preoccup|problemat|=enjeu|=enjeux|=defi|=defis"
SURVEY: tuple[Question, ...] = (
    Question("NOM", "Nom", TEXT, "last_name", required=True, signs=NAME_SIGNS),
    Question("PRENOM", "Prénom", TEXT, "first_name", required=True, signs=FIRST_NAME_SIGNS),
    Question("COURRIEL", "Adresse électronique académique", EMAIL, "email",
             help="Sert seulement à relier votre réponse à la liste des enseignants.", signs=EMAIL_SIGNS),
    Question("DISC", "Quelle discipline enseignez-vous ?", SINGLE, "discipline", option_list="disciplines",
             required=True, signs=("2:disciplin|matiere|=enseignez|=enseignee|=enseignees",)),
    Question("PREO1", "Quelle est votre première préoccupation pédagogique ?", SINGLE, "concern_1",
             option_list="concerns", required=True, signs=(f"3:{CONCERN} #1", f"2:{CONCERN}", "=priorite #1")),
    Question("PREO2", "Quelle est votre deuxième préoccupation pédagogique ?", SINGLE, "concern_2",
             option_list="concerns", signs=(f"3:{CONCERN} #2", "=priorite #2")),
    Question("PREO3", "Quelle est votre troisième préoccupation pédagogique ?", SINGLE, "concern_3",
             option_list="concerns", signs=(f"3:{CONCERN} #3", "=priorite #3")),
    Question("AISANCE", "Comment qualifiez-vous votre aisance avec le numérique en classe ?", SCALE, "comfort",
             option_list="comfort", required=True,
             signs=("3:aise|aisance|confort|comfort|maitris|competen|familiar", "niveau numeri")),
    Question("USAGES", "Quels usages numériques avez-vous déjà en classe ?", MULTI, "uses", option_list="uses",
             signs=("2:usage|utilis|pratiques", "outil numeri")),
    Question("EQUIP", "De quels équipements disposez-vous dans vos salles ?", MULTI, "equipment",
             option_list="equipment", signs=("3:equipement|materiel|=disposez|=dispose|disposition|=equipee|"
                                             "=equipees",)),
    Question("ENVIE", "Souhaitez-vous participer aux ateliers d'échange ?", SINGLE, "willingness",
             option_list="willingness", required=True, signs=("particip|atelier|=envie|interesse|motive",)),
    Question("CATA", "Seriez-vous prêt(e) à animer la dynamique d'un petit groupe de collègues (catalyseur) ?",
             YESNO, "catalyst_volunteer", signs=("3:catalys|animer|animateur|=animation",)),
    Question("EQUIPE", "Souhaitez-vous rejoindre l'équipe projet ?", YESNO, "team_volunteer",
             signs=("=equipe projet|pilotage", "4:=equipe =projet", "comite pilotage")),
    Question("COMM", "Commentaires libres", TEXT, "comments",
             signs=("commentaire|remarque|observation|suggestion|=precisions|=libre|ajouter",)),
)
# read from exports only: one field holding the whole name (« Nom et prénom », « NOM Prénom », « Identité »)
FULL_NAME = Question("NOMPRENOM", "Nom et prénom", FULL_NAME_KIND, "full_name",
                     signs=("!=nom =prenom", "!=prenom =nom", "!=nom =complet", "!=identite", "!=name",
                            "!=full =name", "!=nom =prenoms"))

SATISFACTION: tuple[Question, ...] = (
    Question("NOM", "Nom", TEXT, "last_name", signs=NAME_SIGNS),
    Question("PRENOM", "Prénom", TEXT, "first_name", signs=FIRST_NAME_SIGNS),
    Question("COURRIEL", "Adresse électronique académique", EMAIL, "email", signs=EMAIL_SIGNS),
    Question("INTERET", "Avez-vous trouvé un intérêt à la démarche ?", SCALE, "interest",
             options=("Pas du tout d'accord", "Plutôt pas d'accord", "Ni d'accord ni pas d'accord",
                      "Plutôt d'accord", "Tout à fait d'accord"), required=True,
             signs=("2:interet|utile|utilite|satisf|apport",)),
    Question("CONTINUER", "Souhaitez-vous continuer dans la démarche ?", YESNO, "continue", required=True,
             signs=("continu|poursuiv|=suite",)),
    Question("GARDER", "Qu'est-ce qui mérite d'être gardé ?", TEXT, "keep",
             signs=("2:garder|garde|conserver|=retenir|apprecie|positif", "point|points fort|forts")),
    Question("AMELIORER", "Qu'est-ce qui pourrait être amélioré ?", TEXT, "improve",
             signs=("2:amelior|changer|=manque|regrett|negatif", "point|points faible|faibles")),
    Question("BESOIN", "De quoi auriez-vous le plus besoin pour poursuivre ?", SINGLE, "need_kind",
             option_list="need_kinds", signs=("2:besoin", "3:besoin principal|prioritaire")),
    Question("BESOINS", "Précisez vos besoins (équipement, formation, ressources, accompagnement)", TEXT, "needs",
             signs=("3:besoin precis|detail|explique|decrive",)),
)


def readable(bank: tuple[Question, ...]) -> tuple[Question, ...]:
    """The questions an export of `bank` may hold: the bank, plus one full-name field when it asks for names."""
    targets = {q.target for q in bank}
    return bank + (FULL_NAME,) if {"last_name", "first_name"} <= targets else bank
