"""Command of the no-install door: add or refresh in a workbook the xlwings Lite buttons (the add-in's settings,
one script per step and the demarche-xl package itself), so the workbook runs every step from Excel with nothing
installed."""
from __future__ import annotations

import typer

from demarche_xl.cli.commands_base import WORKBOOK


def register(app: typer.Typer) -> None:
    app.command("boutons", help="Ajouter au classeur (ou mettre à jour) les boutons des étapes pour Excel, sans rien "
                                "installer : le complément gratuit xlwings Lite les affiche dans son volet (Windows, "
                                "Mac et Excel sur le web). « nouveau » et « exemple » les ajoutent déjà ; relancez "
                                "« boutons » après une mise à jour de demarche-xl.")(buttons)


def buttons(classeur: WORKBOOK) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.lite.door import install

    show_report(install(classeur))
