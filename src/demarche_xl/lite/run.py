"""What a click on a script of the workbook's xlwings Lite task pane does: check it is a démarche workbook, run the
same step as the CLI through the runner on the live store (xlwings' remote engine), and say the outcome in French in
the task pane's « Output » window. A refusal or a crash leaves the workbook untouched: the changes a script queues
reach Excel only when it returns, and they are dropped on failure. `main.py` calls `run` and nothing else."""
from __future__ import annotations

import contextlib
import os
import traceback

from demarche_xl.door_words import for_lite
from demarche_xl.french import count, typography
from demarche_xl.lite.catalogue import DOCUMENTS, MERGE, UPGRADE, VERIFY, SCRIPTS
from demarche_xl.problems import Problem, Report, UserError, bullets, refusal_lines
from demarche_xl.store.live_store import LiveStore

USER = "Excel (xlwings Lite)"  # how the Journal names who ran a step from the task pane
MAX_PROBLEMS = 20
FULL_LIST = "lancez « Vérifier le classeur » pour la liste complète"
DOCUMENTS_TEXT = (
    "Les documents Word (synthèse, convocations, fiches animateurs, journaux de bord, fiche de bilan, plan d'action) "
    "ne sont pas produits depuis le volet xlwings Lite : Python y tourne dans le navigateur, sans accès au dossier "
    "du classeur ni à vos modèles Word (dossier « modeles »).",
    "Pour les obtenir : enregistrez ce classeur, puis, sur un ordinateur où demarche-xl est installé, lancez "
    "« demarche-xl documents classeur.xlsx » (ou le bouton « Générer les documents » de l'onglet « Démarche ») ; "
    "ils sont écrits dans le dossier « documents » à côté du classeur.",
    "Toutes les données des documents (groupes, parcours, plannings, bilan) sont déjà dans ce classeur.")
MERGE_TEXT = (
    "La fusion lit la copie d'un collègue, un autre fichier : xlwings Lite n'a pas accès aux fichiers de "
    "l'ordinateur.",
    "Pour fusionner : enregistrez ce classeur, puis, sur un ordinateur où demarche-xl est installé, lancez "
    "« demarche-xl fusionner maitre.xlsx copie.xlsx » (ou le bouton « Fusionner une copie » de l'onglet "
    "« Démarche ») ; les désaccords vont dans la feuille « Conflits ».",
    "En attendant, vous pouvez recopier à la main les lignes de la copie, puis lancer « Vérifier le classeur ».")


def run(book, step: str, **choices: bool) -> Report | None:
    """Run step `step` (its CLI name) on `book`, with the task pane's choices (French argument names); print what
    happened. Returns the report, or None when the step did not run (the workbook is then unchanged)."""
    store = LiveStore(book)
    try:
        with user_name(USER):
            report = perform(store, step, options(step, choices))
    except UserError as error:
        book.json()["actions"].clear()
        print(typography(for_lite(failure_text(error.problems))))
        return None
    except Exception as error:  # noqa: BLE001 - a French message, the detail below it for a bug report
        book.json()["actions"].clear()
        print(f"Erreur inattendue : {error.__class__.__name__} — {error}\n"
              "Le classeur n'a pas été modifié. Copiez le détail ci-dessous dans votre signalement :\n")
        traceback.print_exc()
        return None
    print(typography(for_lite(summary_text(report))))
    return report


def perform(store: LiveStore, step: str, step_options: dict) -> Report:
    from demarche_xl.schema.registry import SCHEMA_VERSION
    from demarche_xl.validate import schema_version, verify

    if step == DOCUMENTS:
        return Report("Documents Word", list(DOCUMENTS_TEXT))
    if step == MERGE:
        return Report("Fusionner une copie", list(MERGE_TEXT))
    version = schema_version(store)
    if version is None:
        raise UserError(f"« {store.label} » n'est pas un classeur de la démarche",
                        "ouvrez le classeur de la démarche (workbooks/demarche.xlsx, ou un classeur créé par "
                        "« demarche-xl nouveau ») ; rien n'a été modifié")
    if version > SCHEMA_VERSION:
        raise UserError(f"ce classeur a été mis à niveau par une version plus récente de demarche-xl (modèle "
                        f"{version}) que celle que ses boutons contiennent (modèle {SCHEMA_VERSION})",
                        "demandez à la personne qui l'a mis à niveau d'y remettre les boutons (« demarche-xl boutons "
                        "classeur.xlsx ») ; rien n'a été modifié")
    if step == VERIFY:
        return verify(store)
    from demarche_xl.lifecycle.upgrade import upgrade

    if step == UPGRADE:
        return upgrade(store) or Report("Mise à niveau", ["le classeur est déjà à jour : rien n'a été modifié"])
    if version < SCHEMA_VERSION:
        raise UserError("ce classeur a été créé par une version plus ancienne de l'outil",
                        "lancez d'abord « Mettre à niveau le classeur » (rien n'est retiré), puis recommencez ; "
                        "rien n'a été modifié")
    from demarche_xl.runner import run_step

    return run_step(store, step_spec(step), step_options)


def step_spec(step: str):
    """The StepSpec of a CLI command (imported here, so a script loads only what it runs)."""
    from demarche_xl.steps import groups, kit, lead_teachers, review, routes, steering, temps1

    for spec in (steering.STEERING, temps1.CONSOLIDATE, groups.GROUPS, groups.VERIFY_GROUPS, routes.ROUTES,
                 lead_teachers.LEAD_TEACHERS, review.REVIEW, kit.KIT):
        if spec.name == step:
            return spec
    raise KeyError(step)


def options(step: str, choices: dict[str, bool]) -> dict:
    """The step options of the task pane's choices (French argument names), as the CLI flags set them."""
    known = {c.argument: c.option for s in SCRIPTS if s.step == step for c in s.choices}
    unknown = set(choices) - set(known)
    if unknown:
        raise UserError(f"choix inconnu pour cette étape : {', '.join(sorted(unknown))}",
                        "remettez les boutons à jour (« demarche-xl boutons classeur.xlsx »)")
    return {known[name]: bool(value) for name, value in choices.items()}


@contextlib.contextmanager
def user_name(name: str):
    """The name `getpass.getuser()` gives while a step runs (the browser has no user account to ask)."""
    previous = os.environ.get("LOGNAME")
    os.environ["LOGNAME"] = name
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("LOGNAME", None)
        else:
            os.environ["LOGNAME"] = previous


def summary_text(report: Report) -> str:
    parts = [f"{report.title or 'Étape'} : terminé.", *[f"• {line}" for line in report.lines]]
    if report.problems:
        parts.append(f"{count(len(report.errors), 'erreur')}, {count(len(report.warnings), 'avertissement')} :")
        parts += bullets(report.problems, MAX_PROBLEMS, FULL_LIST)
    return "\n".join(parts)


def failure_text(problems: list[Problem]) -> str:
    return "\n".join(refusal_lines(problems, MAX_PROBLEMS, FULL_LIST))


