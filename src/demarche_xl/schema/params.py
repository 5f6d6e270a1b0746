"""The settings of the `Paramètres` sheet: one row per setting, with its type, default and help."""
from __future__ import annotations

import datetime as dt

from demarche_xl.schema.model import Kind, Param

PARAMS: tuple[Param, ...] = (
    Param("school", "Établissement", Kind.TEXT, "Collège", "Nom du collège (ou de l'événement mutualisé)."),
    Param("uai", "UAI", Kind.TEXT, "", "Code UAI (RNE) de l'établissement, 7 chiffres et une lettre."),
    Param("academy", "Académie", Kind.TEXT, "", "Académie de rattachement."),
    Param("school_year", "Année scolaire", Kind.TEXT, "2026-2027", "Par exemple 2026-2027."),
    Param("start_date", "Date de début de la démarche", Kind.DATE, dt.date(2026, 9, 14),
          "Sert à dater la feuille de route proposée."),
    Param("terms", "Nombre de trimestres", Kind.INTEGER, 3, "Durée de la démarche : 2 ou 3 trimestres."),
    Param("contact", "Contact de l'équipe projet", Kind.TEXT, "", "Nom et courriel à indiquer dans les documents."),
    Param("retained_concerns", "Nombre de préoccupations retenues", Kind.INTEGER, 3,
          "La méthode conseille 3 à 4 préoccupations largement partagées."),
    Param("group_max", "Taille maximale des groupes", Kind.INTEGER, 6, "La méthode limite les groupes à 6 enseignants."),
    Param("group_min", "Taille minimale des groupes", Kind.INTEGER, 3, "En dessous, un groupe ne fait pas dynamique."),
    Param("sessions_per_group", "Nombre de séances par groupe", Kind.INTEGER, 3,
          "Nombre de séances d'atelier dans le parcours de chaque groupe (dont la séance en libre choix)."),
    Param("weight_concern", "Pondération : préoccupation partagée", Kind.NUMBER, 10.0,
          "Poids d'un enseignant placé sur sa 1re préoccupation plutôt que sa 2e ou 3e."),
    Param("weight_discipline", "Pondération : disciplines variées", Kind.NUMBER, 3.0,
          "Pénalité pour deux enseignants de la même discipline dans un groupe."),
    Param("weight_comfort", "Pondération : aisance numérique variée", Kind.NUMBER, 2.0,
          "Pénalité pour des aisances numériques identiques dans un groupe."),
    Param("weight_other", "Pondération : autres colonnes à diversifier", Kind.NUMBER, 1.0,
          "Pénalité pour les colonnes listées ci-dessous."),
    Param("weight_balance", "Pondération : tailles équilibrées", Kind.NUMBER, 3.0,
          "Pénalité par enseignant d'écart entre la taille d'un groupe et les tailles les plus égales possible "
          "(une préférence : un groupe moins nombreux reste permis s'il respecte la taille minimale)."),
    Param("diversify_columns", "Colonnes à diversifier", Kind.TEXT, "",
          "En-têtes de colonnes de la feuille Enseignants à diversifier en plus, séparés par « ; »."),
    Param("pooled_mode", "Groupes d'un événement mutualisé", Kind.TEXT, "Par établissement",
          "Par établissement : chaque groupe reste dans un collège. Mélangés : les collèges se mélangent.",
          ("Par établissement", "Mélangés")),
    Param("solver_time_limit", "Temps de calcul maximal (s)", Kind.INTEGER, 60, "Limite de temps de l'optimisation."),
    Param("solver", "Solveur", Kind.TEXT, "Automatique",
          "Automatique : HiGHS si installé, sinon SciPy (le solveur d'Excel avec xlwings Lite), sinon CBC. "
          "Un solveur choisi mais absent est remplacé par celui d'Automatique.",
          ("Automatique", "HiGHS", "SciPy", "CBC")),
    Param("anonymity_threshold", "Seuil de secret statistique", Kind.INTEGER, 5,
          "Dans la copie anonymisée, les effectifs inférieurs à ce seuil sont masqués."),
    Param("documents_folder", "Dossier des documents", Kind.TEXT, "",
          "Dossier où écrire les documents Word (vide : à côté du classeur)."),
)


def param(key: str) -> Param:
    for item in PARAMS:
        if item.key == key:
            return item
    raise KeyError(key)
