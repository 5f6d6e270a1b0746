"""Command of the « Bilan » phase: consolidate the satisfaction questionnaire and write the review and next
steps."""
from __future__ import annotations

import typer

from demarche_xl.cli.commands_base import WORKBOOK


def register(app: typer.Typer) -> None:
    app.command("bilan", help="Faire le bilan : consolider le questionnaire de satisfaction (onglets « S - … »), "
                              "calculer les indicateurs comparés au collège pilote, les forces, les limites et les "
                              "besoins, et proposer les prochaines étapes (vos colonnes Porteur, Échéance et Retenue "
                              "sont gardées quand vous relancez).")(review)


def review(classeur: WORKBOOK) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.runner import run_step
    from demarche_xl.steps.review import REVIEW
    from demarche_xl.store.file_store import FileStore

    show_report(run_step(FileStore(classeur), REVIEW))
    typer.echo(f"Bilan écrit dans « {classeur} » : feuilles Satisfaction, Bilan et Prochaines étapes.")
