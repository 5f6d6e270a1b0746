"""Commands `demarche-xl excel installer|desinstaller`: the « Démarche » ribbon tab in Excel (Windows, macOS), one
add-in whose button « Lancer l'étape » runs the step chosen on Accueil."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

FOLDER = Annotated[Optional[Path], typer.Option(
    "--dossier", help="Seulement construire (ou retirer) le complément dans ce dossier, sans toucher à Excel ; "
                      "utilisable partout, même sous Linux.")]

excel_app = typer.Typer(help="Installer ou retirer l'onglet « Démarche » du ruban d'Excel (une fois par "
                             "ordinateur).", no_args_is_help=True,
                        subcommand_metavar="COMMANDE [ARGUMENTS]...")


def register(app: typer.Typer) -> None:
    app.add_typer(excel_app, name="excel")


@excel_app.command("installer", help="Construire le complément « Démarche » à partir du modèle de xlwings et le "
                                     "copier dans le dossier de démarrage d'Excel. Fermez Excel avant.")
def install(dossier: FOLDER = None) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.excel.installer import install as run_install

    show_report(run_install(dossier))


@excel_app.command("desinstaller", help="Retirer le complément « Démarche » du dossier de démarrage d'Excel.")
def uninstall(dossier: FOLDER = None) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.excel.installer import uninstall as run_uninstall

    show_report(run_uninstall(dossier))
