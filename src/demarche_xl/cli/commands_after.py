"""Commands after the workshops and across the method: lead teachers (référents), steering (feuille de route,
parties prenantes) and the workshop kit check."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from demarche_xl import french
from demarche_xl.cli.commands_base import WORKBOOK
from demarche_xl.problems import UserError


def register(app: typer.Typer) -> None:
    app.command("referents", help="Proposer les enseignants référents du temps 3 à partir de la feuille Impressions "
                                  "(motivation, idées de mise en pratique, bienveillance, envie d'aider, "
                                  "catalyseur), avec leurs raisons et les enseignants que chacun accompagnerait. "
                                  "Vos choix de la colonne « Confirmé » sont gardés quand vous relancez.")(lead_teachers)
    app.command("pilotage", help="Proposer la feuille de route et les parties prenantes si elles sont vides ; sinon "
                                 "garder ce que l'équipe a tapé et signaler dans « Alerte » les tâches en retard ou "
                                 "bloquées.")(steering)
    app.command("kit", help="Vérifier le kit d'ateliers : chaque irritant a un besoin, chaque besoin un axe, chaque "
                            "axe une action, chaque action un indicateur ; calculer l'avancement des indicateurs. "
                            "Code de sortie 0 seulement si rien ne manque.")(kit)


def lead_teachers(classeur: WORKBOOK) -> None:
    from demarche_xl.steps.lead_teachers import LEAD_TEACHERS

    run(classeur, LEAD_TEACHERS)


def steering(
    classeur: WORKBOOK,
    date: Annotated[Optional[str], typer.Option("--date", help="Date du jour pour calculer les retards, au format "
                                                               "jj/mm/aaaa (par défaut : aujourd'hui).")] = None,
) -> None:
    from demarche_xl.steps.steering import STEERING

    run(classeur, STEERING, today=parse_day(date) if date else None)


def kit(classeur: WORKBOOK) -> None:
    from demarche_xl.steps.kit import KIT

    report = run(classeur, KIT)
    if report.warnings:
        typer.echo(f"{french.count(len(report.warnings), 'manque')} dans le kit d'ateliers.")
        raise typer.Exit(1)
    typer.echo("Kit d'ateliers complet : chaque irritant mène à un indicateur.")


def run(classeur, spec, today=None):
    from demarche_xl.cli.app import show_report
    from demarche_xl.runner import run_step
    from demarche_xl.store.file_store import FileStore

    report = run_step(FileStore(classeur), spec, {}, today)
    show_report(report)
    return report


def parse_day(text: str):
    from demarche_xl.tableio import parse_date_text

    parsed = parse_date_text(text)
    if parsed is None:
        raise UserError(f"« {text} » n'est pas une date", "tapez la date au format jj/mm/aaaa, par exemple 15/01/2027")
    return parsed.date()
