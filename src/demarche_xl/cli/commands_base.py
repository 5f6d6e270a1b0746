"""Commands of the foundation: create a workbook, fill it with the example collège, check it, run the demo."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from demarche_xl import french
from demarche_xl.problems import UserError

WORKBOOK = Annotated[Path, typer.Argument(help="Le classeur de la démarche (.xlsx).", show_default=False)]


def register(app: typer.Typer) -> None:
    app.command("nouveau", help="Créer le classeur de la démarche avec toutes ses feuilles.")(new_workbook)
    app.command("exemple", help="Remplir un classeur avec un collège fictif réaliste (pour essayer ou tester).")(
        example)
    app.command("verifier", help="Vérifier toutes les feuilles : valeurs, listes, cellules obligatoires, "
                                 "identifiants, feuilles de la démarche absentes ou renommées ; dire ce qui manque "
                                 "pour l'étape suivante. Code de sortie 0 seulement si aucune erreur de saisie.")(verify)
    app.command("demo", help="Dérouler toute la démarche sur le collège d'exemple et écrire le classeur et les "
                             "documents dans un dossier.")(demo)


def new_workbook(
    classeur: Annotated[Optional[Path], typer.Argument(help="Fichier à créer (.xlsx).", show_default=False)] = None,
    dans: Annotated[Optional[Path], typer.Option("--dans", help="Ajouter les feuilles de la démarche à ce classeur "
                                                 "existant, sans toucher au reste.")] = None,
) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.store.file_store import FileStore
    from demarche_xl.workbook.create import create_workbook

    target = dans or classeur
    if target is None:
        raise UserError("indiquez le classeur à créer", "par exemple : demarche-xl nouveau workbooks/demarche.xlsx")
    if dans is None and target.exists():
        raise UserError(f"« {target} » existe déjà", "choisissez un autre nom, ou utilisez --dans pour compléter ce "
                                                     "classeur sans rien effacer")
    from demarche_xl.lite.door import install

    report = create_workbook(FileStore(target, must_exist=dans is not None), into_existing=dans is not None)
    report.extend(install(target))  # the xlwings Lite buttons: nothing to install to run the steps from Excel
    show_report(report)
    typer.echo(f"Classeur prêt : {target}")


def example(
    classeur: WORKBOOK,
    enseignants: Annotated[int, typer.Option("--enseignants", help="Nombre d'enseignants par collège.")] = 55,
    etablissements: Annotated[int, typer.Option("--etablissements", help="Nombre de collèges (événement "
                                                                          "mutualisé si plus de 1).")] = 1,
    graine: Annotated[int, typer.Option("--graine", help="Graine du hasard : même graine, même collège.")] = 1,
    avec_erreurs: Annotated[bool, typer.Option("--avec-erreurs", help="Glisser quelques erreurs de saisie "
                                                                      "volontaires (pour essayer « verifier »).")]
    = False,
) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.example.fill import fill_example
    from demarche_xl.store.file_store import FileStore

    from demarche_xl.lite.door import install

    report = fill_example(FileStore(classeur, must_exist=False), enseignants, etablissements, graine, avec_erreurs)
    report.extend(install(classeur))
    show_report(report)


def verify(
    classeur: WORKBOOK,
    reparer: Annotated[bool, typer.Option("--reparer", help="Redonner leur nom aux feuilles de la démarche "
                                          "renommées (reconnues à leurs colonnes) et recréer vides celles qui ont "
                                          "été supprimées, puis vérifier.")] = False,
) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.french import count
    from demarche_xl.store.file_store import FileStore
    from demarche_xl.validate import verify as run_verify

    if reparer:
        from demarche_xl.workbook.repair import repair

        show_report(repair(FileStore(classeur)))
    report = run_verify(FileStore(classeur))
    show_report(report)
    if report.problems:
        typer.echo(f"{count(len(report.errors), 'erreur')}, {count(len(report.warnings), 'avertissement')}.")
        raise typer.Exit(1)
    typer.echo("Aucune erreur de saisie.")


def demo(
    dossier: Annotated[Path, typer.Argument(help="Dossier où écrire le classeur et les documents.")] = Path("demo"),
    etablissements: Annotated[int, typer.Option("--etablissements", help="Nombre de collèges.")] = 1,
) -> None:
    from demarche_xl.demo import run_demo

    run_demo(dossier, etablissements)
