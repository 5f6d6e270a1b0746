"""The scripts of the workbook's xlwings Lite task pane, in method order: their French name as the team says it,
the CLI step each one runs, the short French text a curious teacher reads in `main.py`, and the choices the task
pane offers (script arguments). Pure data: `main_py` writes the scripts from it, `run` executes them."""
from __future__ import annotations

from dataclasses import dataclass

VERIFY, DOCUMENTS, MERGE, UPGRADE = "verifier", "documents", "fusionner", "mettre-a-jour"


@dataclass(frozen=True)
class Choice:
    """A yes/no choice the task pane shows above the script's button (a script argument)."""

    argument: str  # French, as in main.py
    option: str  # the step option it sets (as the CLI flag does)


@dataclass(frozen=True)
class LiteScript:
    function: str  # the script's name in main.py
    label: str  # the name the task pane shows
    step: str  # the CLI command it runs
    doc: str  # French, a line or two
    choices: tuple[Choice, ...] = ()


SCRIPTS: tuple[LiteScript, ...] = (
    LiteScript("verifier_le_classeur", "Vérifier le classeur", VERIFY,
               "Vérifie toutes les feuilles (valeurs, listes, cellules obligatoires, identifiants) sans rien "
               "modifier ; le compte rendu s'affiche dans la fenêtre « Output »."),
    LiteScript("proposer_la_feuille_de_route", "Feuille de route", "pilotage",
               "Propose la feuille de route et les parties prenantes si elles sont vides, sinon signale les tâches "
               "en retard ou bloquées (colonne Alerte)."),
    LiteScript("consolider_les_questionnaires", "Consolider les questionnaires", "consolider",
               "Rassemble les réponses des onglets « Q - … » dans Réponses, classe les préoccupations et remplit "
               "la cartographie."),
    LiteScript("former_les_groupes", "Former les groupes", "groupes",
               "Forme les groupes d'enseignants (au plus 6, un catalyseur chacun, une préoccupation partagée) ; si "
               "la feuille Groupes est déjà remplie, change le moins possible.",
               (Choice("tout_refaire", "restart"), Choice("sans_catalyseur", "without_catalyst"))),
    LiteScript("verifier_les_groupes", "Vérifier les groupes", "verifier-groupes",
               "Vérifie la feuille Groupes, même modifiée à la main, avec les règles du calcul."),
    LiteScript("construire_les_parcours", "Construire les parcours", "parcours",
               "Construit le parcours de chaque groupe dans les ateliers et répartit la séance en libre choix "
               "selon les vœux."),
    LiteScript("proposer_les_referents", "Proposer les référents", "referents",
               "Propose les enseignants référents du temps 3 à partir de la feuille Impressions."),
    LiteScript("faire_le_bilan", "Faire le bilan", "bilan",
               "Consolide la satisfaction (onglets « S - … ») et les mises en pratique, et propose les prochaines "
               "étapes."),
    LiteScript("verifier_le_kit", "Vérifier le kit d'ateliers", "kit",
               "Vérifie que chaque irritant mène à un besoin, un axe, une action et un indicateur, et calcule "
               "l'avancement des indicateurs."),
    LiteScript("produire_les_documents", "Documents Word", DOCUMENTS,
               "Explique comment obtenir les documents Word (convocations, fiches, bilan) : ils ne peuvent pas être "
               "écrits depuis le navigateur."),
    LiteScript("fusionner_une_copie", "Fusionner une copie", MERGE,
               "Explique comment reporter dans ce classeur les saisies faites par un collègue dans une copie."),
    LiteScript("mettre_a_niveau_le_classeur", "Mettre à niveau le classeur", UPGRADE,
               "Met à niveau un classeur créé par une version plus ancienne de l'outil (feuilles et colonnes "
               "ajoutées, rien n'est retiré)."),
)


def script(function: str) -> LiteScript:
    for candidate in SCRIPTS:
        if candidate.function == function:
            return candidate
    raise KeyError(function)
