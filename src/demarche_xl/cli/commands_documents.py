"""Command `documents`: produce the Word documents of the method from the workbook (optionally as PDF), or check
a team's own templates with `--verifier-modele`."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from demarche_xl.cli.commands_base import WORKBOOK

WHAT_HELP = ("Documents à produire (option répétable) : synthese, convocations, animateurs, journaux, bilan, "
             "plan-action. Sans cette option : tous.")


def register(app: typer.Typer) -> None:
    app.command("documents", help="Produire les documents Word de la démarche (synthèse de l'état des lieux, "
                                  "convocations, fiches animateurs, journaux de bord, fiche de bilan, plan "
                                  "d'action) à partir du classeur. Un modèle de même nom placé dans un dossier "
                                  "« modeles » à côté du classeur remplace le modèle fourni.")(documents)


def documents(
    classeur: WORKBOOK,
    quoi: Annotated[Optional[list[str]], typer.Option("--quoi", help=WHAT_HELP, show_default=False)] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Convertir aussi chaque document en PDF (LibreOffice "
                                                    "nécessaire).")] = False,
    dossier: Annotated[Optional[Path], typer.Option("--dossier", help="Dossier où écrire les documents (sinon "
                                                    "le paramètre « Dossier des documents », sinon un dossier "
                                                    "« documents » à côté du classeur).", show_default=False)] = None,
    verifier_modele: Annotated[bool, typer.Option("--verifier-modele", help="Ne rien produire : lister les "
                                                  "variables que les modèles utilisent et qui n'existent pas.")]
    = False,
) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.documents.produce import check_templates, produce
    from demarche_xl.problems import UserError

    if not classeur.is_file():
        raise UserError(f"le classeur « {classeur} » est introuvable", "vérifiez le chemin du fichier .xlsx")
    if verifier_modele:
        report = check_templates(classeur, quoi)
        show_report(report)
        if report.errors:
            raise typer.Exit(1)
        return
    from demarche_xl.steps.needs import ready_documents
    from demarche_xl.store.file_store import FileStore
    from demarche_xl.workbook.reader import WorkbookReader

    ready, waiting = ready_documents(WorkbookReader(FileStore(classeur)), quoi)  # refuses what cannot be written
    report = produce(classeur, ready, dossier, pdf)
    report.problems.extend(waiting)
    if report.figures.get("Documents Word produits"):  # nothing written: nothing to note
        note_in_journal(classeur, report, ready)
    show_report(report)
    if report.errors:
        raise typer.Exit(1)


def note_in_journal(classeur: Path, report, kinds: list[str] = ()) -> None:
    """The documents are written: note it in `Journal` (and, for `Accueil`, what each kind was written from); a
    workbook open in Excel only loses that line (said)."""
    from demarche_xl.problems import UserError
    from demarche_xl.runner import log_run
    from demarche_xl.steps.needs import document_spec
    from demarche_xl.store.file_store import FileStore

    try:
        log_run(FileStore(classeur), "documents", "Générer les documents", report,
                tracked=tuple(document_spec(kind) for kind in kinds))
    except UserError as error:
        report.warn("les documents sont écrits, mais la ligne du Journal n'a pas pu être ajoutée : "
                    + "; ".join(p.message for p in error.problems),
                    "fermez le classeur dans Excel si vous voulez garder une trace de cette production")
