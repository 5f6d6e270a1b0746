"""Commands of Temps 2: form the groups, check a `Groupes` sheet (even edited by hand), build the routes."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from demarche_xl.cli.commands_base import WORKBOOK

TIME = Annotated[Optional[int], typer.Option("--temps", help="Temps de calcul maximal en secondes (sinon celui de "
                                                             "Paramètres).")]


def register(app: typer.Typer) -> None:
    app.command("groupes", help="Former les groupes d'enseignants (au plus 6, un catalyseur chacun, une "
                                "préoccupation partagée, des profils variés). Si la feuille Groupes est déjà remplie, "
                                "change le moins possible et liste qui a bougé.")(groups)
    app.command("verifier-groupes", help="Vérifier la feuille Groupes, même modifiée à la main, avec les mêmes "
                                         "règles que le calcul. Code de sortie 0 seulement si tout est respecté.")(
        verify_groups)
    app.command("parcours", help="Construire le parcours de chaque groupe dans les ateliers et répartir la séance "
                                 "en libre choix selon les vœux.")(routes)


def run(classeur, spec, options: dict) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.runner import run_step
    from demarche_xl.store.file_store import FileStore

    show_report(run_step(FileStore(classeur), spec, options))


def groups(
    classeur: WORKBOOK,
    tout_refaire: Annotated[bool, typer.Option("--tout-refaire", help="Ignorer les groupes existants et tout "
                                                                       "recalculer.")] = False,
    sans_catalyseur: Annotated[bool, typer.Option("--sans-catalyseur", help="S'il manque des catalyseurs, former "
                                                  "quand même les groupes (certains sans catalyseur).")] = False,
    temps: TIME = None,
) -> None:
    import time

    from demarche_xl.steps.groups import GROUPS

    run(classeur, GROUPS, {"restart": tout_refaire, "without_catalyst": sans_catalyseur, "time_limit": temps,
                           "started": time.monotonic()})


def verify_groups(classeur: WORKBOOK) -> None:
    from demarche_xl.steps.groups import VERIFY_GROUPS

    run(classeur, VERIFY_GROUPS, {})
    typer.echo("Les groupes respectent toutes les règles obligatoires.")


def routes(classeur: WORKBOOK, temps: TIME = None) -> None:
    from demarche_xl.steps.routes import ROUTES

    run(classeur, ROUTES, {"time_limit": temps})
