"""The lists of the `Listes` sheet: values that feed dropdowns, pre-filled and editable by the project team."""
from __future__ import annotations

from demarche_xl.schema.model import ListDef

DISCIPLINES = ListDef("disciplines", "Disciplines", (
    "Français", "Mathématiques", "Histoire-géographie", "Anglais", "Espagnol", "Allemand", "Sciences de la vie et de la Terre",
    "Physique-chimie", "Technologie", "Éducation physique et sportive", "Arts plastiques", "Éducation musicale",
    "Documentation", "Latin", "Enseignement adapté (SEGPA/ULIS)",
), "Disciplines enseignées au collège.")

CONCERNS = ListDef("concerns", "Préoccupations proposées", (
    "Différencier les apprentissages",
    "Favoriser la participation orale",
    "Développer l'autonomie des élèves",
    "Évaluer autrement",
    "Motiver et engager les élèves",
    "Faire travailler les élèves en groupe",
    "Accompagner les élèves à besoins particuliers",
    "Développer l'esprit critique face à l'information",
    "Assurer la continuité pédagogique à distance",
    "Faire produire les élèves (écrit, oral, multimédia)",
), "Préoccupations pédagogiques proposées dans le questionnaire enseignants (temps 1).")

THEMES = ListDef("themes", "Thématiques", (
    "Garantir un égal accès au numérique pour tous",
    "Enseigner et apprendre avec le numérique",
    "Travailler ensemble autrement",
    "Favoriser le développement d'un numérique responsable et souverain",
    "Mettre en place de nouvelles formes de gouvernance et de nouveaux outils d'anticipation",
), "Les 5 thématiques du kit d'ateliers (RETEX, diagnostic, plan d'action).")

COMFORT = ListDef("comfort", "Aisance numérique", (
    "Pas à l'aise", "Peu à l'aise", "À l'aise", "Très à l'aise",
), "Échelle à 4 niveaux de l'aisance avec le numérique (1 à 4).")

WILLINGNESS = ListDef("willingness", "Envie de participer", (
    "Oui, certainement", "Oui, probablement", "Peut-être", "Non",
), "Réponses possibles à « Souhaitez-vous participer aux ateliers ? ».")

USES = ListDef("uses", "Usages numériques", (
    "Vidéoprojection de supports", "ENT et vie scolaire en ligne", "Exercices en ligne", "Quiz, sondages interactifs",
    "Classe inversée", "Production multimédia par les élèves", "Outils d'écriture collaborative",
    "Tablettes en classe", "Aucun usage régulier",
), "Usages numériques actuels proposés dans le questionnaire.")

EQUIPMENT = ListDef("equipment", "Équipements", (
    "Vidéoprojecteur", "Tableau numérique interactif", "Visualiseur", "Classe mobile (tablettes)",
    "Ordinateurs portables", "Salle informatique", "Casques audio", "Aucun",
), "Équipements disponibles dans les salles.")

LEVELS = ListDef("levels", "Niveaux", ("6e", "5e", "4e", "3e", "Plusieurs niveaux"), "Niveaux de classe.")

NEED_KINDS = ListDef("need_kinds", "Types de besoin", ("Équipement", "Formation", "Ressources", "Accompagnement"),
                     "Nature des besoins exprimés (bilan, mises en pratique).")

PHASES = ListDef("phases", "Phases", ("Temps 1 - État des lieux", "Temps 2 - Ateliers", "Temps 3 - Mise en pratique",
                                      "Bilan", "Pilotage"), "Phases de la démarche.")

ALL_LISTS: tuple[ListDef, ...] = (DISCIPLINES, CONCERNS, THEMES, COMFORT, WILLINGNESS, USES, EQUIPMENT, LEVELS,
                                  NEED_KINDS, PHASES)


def list_def(key: str) -> ListDef:
    for item in ALL_LISTS:
        if item.key == key:
            return item
    raise KeyError(key)
