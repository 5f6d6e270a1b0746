"""Commands for personal data (RGPD): an anonymised copy for the académie, and the end-of-year purge."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from demarche_xl.cli.commands_base import WORKBOOK


def register(app: typer.Typer) -> None:
    app.command("anonymiser", help="Écrire une copie anonymisée du classeur pour l'académie : enseignants remplacés "
                                   "par des pseudonymes, courriels et téléphones retirés (même dans les textes "
                                   "libres), petits effectifs par discipline masqués. Le classeur maître n'est pas "
                                   "modifié.")(anonymise)
    app.command("purger", help="Fin d'année : retirer les données personnelles du classeur lui-même (les chiffres "
                               "et le bilan sont gardés) puis supprimer ses sauvegardes. Demande une confirmation "
                               "explicite.")(purge)


def anonymise(
    classeur: WORKBOOK,
    copie: Annotated[Path, typer.Argument(help="La copie anonymisée à écrire (.xlsx).", show_default=False)],
    remplacer: Annotated[bool, typer.Option("--remplacer", help="Écraser la copie si elle existe déjà.")] = False,
) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.share.anonymous_copy import make_copy

    show_report(make_copy(classeur, copie, remplacer))


def purge(
    classeur: WORKBOOK,
    confirmer: Annotated[bool, typer.Option("--confirmer", help="Confirmer la purge sans question (définitif).")]
    = False,
) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.share.purge import CONFIRM_WORD, confirmation_text, purge_workbook
    from demarche_xl.store.file_store import FileStore

    FileStore(classeur)  # a missing or misnamed file is said before asking anything
    typer.echo(confirmation_text(classeur))
    if not confirmer:
        answer = typer.prompt(f"Tapez {CONFIRM_WORD} pour confirmer", default="", show_default=False)
        if answer.strip() != CONFIRM_WORD:
            typer.echo(f"Purge annulée : vous n'avez pas tapé {CONFIRM_WORD}. Rien n'a été modifié.", err=True)
            raise typer.Exit(1)
    show_report(purge_workbook(classeur))
