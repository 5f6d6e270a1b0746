"""Commands of sharing the workbook: merge colleagues' copies into the master, upgrade an older workbook."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from demarche_xl.cli.commands_base import WORKBOOK


def register(app: typer.Typer) -> None:
    app.command("fusionner", help="Reporter dans le classeur maître les saisies faites dans des copies envoyées par "
                                  "des collègues, ligne par ligne : une modification faite d'un seul côté est "
                                  "reprise, les désaccords gardent la valeur du maître et sont listés dans la "
                                  "feuille « Conflits ».")(merge)
    app.command("mettre-a-jour", help="Mettre à niveau un classeur créé par une version plus ancienne de "
                                      "demarche-xl (feuilles et colonnes ajoutées, rien n'est retiré ; l'ancienne "
                                      "version est gardée dans « sauvegardes »).")(upgrade)


def merge(
    classeur: WORKBOOK,
    copies: Annotated[list[Path], typer.Argument(help="La ou les copies à fusionner dans le classeur maître.",
                                                 show_default=False)],
    forcer: Annotated[bool, typer.Option("--forcer", help="Fusionner même une copie qui ne vient pas de ce classeur "
                                                          "(autre projet, classeur créé à part) : déconseillé, chaque "
                                                          "différence devient un conflit.")] = False,
) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.lifecycle.session import writing
    from demarche_xl.runner import run_step
    from demarche_xl.share.copies import merge_options
    from demarche_xl.share.merge import MERGE
    from demarche_xl.store.file_store import FileStore

    store = FileStore(classeur)
    with writing(store, MERGE.label):  # the master's history is read under the lock the merge then writes with
        show_report(run_step(store, MERGE, merge_options(store, copies, Path(classeur), forcer)))


def upgrade(classeur: WORKBOOK) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.problems import UserError
    from demarche_xl.lifecycle.session import writing
    from demarche_xl.lifecycle.upgrade import upgrade as upgrade_workbook, version_of
    from demarche_xl.store.file_store import FileStore

    store = FileStore(classeur)
    if version_of(store) is None:
        raise UserError(f"« {store.label} » n'est pas un classeur de la démarche",
                        "créez-le avec « demarche-xl nouveau » ou ajoutez les feuilles avec « nouveau --dans »")
    with writing(store, "Mettre à jour le classeur"):
        report = upgrade_workbook(store)
    if report is None:
        typer.echo(f"« {store.label} » est déjà à jour : rien n'a été modifié.")
        return
    show_report(report)
