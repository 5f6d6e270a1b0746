"""Commands of Temps 1 (état des lieux): write the reference questionnaire for the team's survey tool, import an
export into a raw tab, consolidate the answers into `Correspondances`, `Réponses` and the analysis sheets."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from demarche_xl.cli.commands_base import WORKBOOK
from demarche_xl.problems import UserError


def register(app: typer.Typer) -> None:
    app.command("questionnaire", help="Écrire le questionnaire de référence pour votre outil d'enquête : "
                                      "« limesurvey » (structure .txt à importer dans LimeSurvey, avec les codes des "
                                      "questions), « forms » (questions et options une par ligne à coller dans "
                                      "Google Forms ou Microsoft Forms) ou « texte » (version papier à imprimer).")(
        questionnaire)
    app.command("importer", help="Copier tel quel un ou plusieurs exports de questionnaire (.csv ou .xlsx de "
                                 "LimeSurvey, Google Forms, Microsoft Forms) dans de nouveaux onglets « Q - <source> » "
                                 "du classeur (« S - <source> » avec --satisfaction), en un seul enregistrement.")(
        import_export)
    app.command("consolider", help="Consolider les onglets « Q - … » : correspondances des colonnes (vos "
                                   "corrections sont gardées), réponses normalisées et reliées à la liste des "
                                   "enseignants dans « Réponses », puis préoccupations et cartographie.")(consolidate)


def questionnaire(
    format: Annotated[str, typer.Option("--format", help="limesurvey, forms ou texte.")] = "texte",
    satisfaction: Annotated[bool, typer.Option("--satisfaction", help="Le questionnaire de satisfaction (bilan) "
                                               "au lieu du questionnaire enseignants du temps 1.")] = False,
    sortie: Annotated[Optional[Path], typer.Option("--sortie", help="Fichier à écrire (sinon affiché).")] = None,
    classeur: Annotated[Optional[Path], typer.Option("--classeur", help="Prendre les options dans la feuille "
                                                     "« Listes » de ce classeur (sinon les listes par défaut).")]
    = None,
) -> None:
    from demarche_xl.survey.questionnaire import FORMATS, render
    from demarche_xl.survey.questions import SATISFACTION, SURVEY

    if format not in FORMATS:
        raise UserError(f"format « {format} » inconnu", f"choisissez parmi : {', '.join(FORMATS)}")
    lists: dict[str, list[str]] = {}
    if classeur is not None:
        from demarche_xl.store.file_store import FileStore
        from demarche_xl.workbook.reader import WorkbookReader

        lists = WorkbookReader(FileStore(classeur)).lists()
    title = "Questionnaire de satisfaction" if satisfaction else "Questionnaire enseignants — état des lieux"
    text = render(SATISFACTION if satisfaction else SURVEY, lists, format, title)
    if sortie is None:
        typer.echo(text)
        return
    sortie.write_text(text, encoding="utf-8-sig" if format == "limesurvey" else "utf-8")
    typer.echo(f"Questionnaire écrit dans « {sortie} ».")


def import_export(
    classeur: WORKBOOK,
    exports: Annotated[list[Path], typer.Argument(help="Un ou plusieurs exports des réponses (.csv, .txt ou .xlsx), "
                                                  "chacun dans son onglet.", show_default=False)],
    source: Annotated[Optional[str], typer.Option("--source", help="Nom de l'onglet après « Q - » (par défaut "
                                                  "l'outil reconnu : LimeSurvey, Google Forms, Microsoft Forms).")]
    = None,
    satisfaction: Annotated[bool, typer.Option("--satisfaction", help="Un export du questionnaire de satisfaction "
                                               "(onglet « S - … », pour le bilan).")] = False,
    remplacer: Annotated[bool, typer.Option("--remplacer", help="Remplacer le contenu de l'onglet s'il existe "
                                            "déjà.")] = False,
) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.runner import run_step
    from demarche_xl.schema.registry import RAW_SATISFACTION_PREFIX, RAW_SURVEY_PREFIX
    from demarche_xl.steps.temps1 import IMPORT
    from demarche_xl.store.file_store import FileStore
    from demarche_xl.survey.read_export import detect_tool, read_export, sheet_name

    prefix = RAW_SATISFACTION_PREFIX if satisfaction else RAW_SURVEY_PREFIX
    tabs: dict[str, list[list]] = {}
    for export in exports:
        rows = read_export(export)  # refuses bad exports before the workbook is opened for writing
        base = sheet_name(prefix, source or detect_tool(rows[0], export))
        sheet, number = base, 1
        while sheet in tabs:  # two exports of the same tool in one import
            number += 1
            sheet = sheet_name(prefix, f"{base[len(prefix):][:24]} {number}")
        tabs[sheet] = rows
    show_report(run_step(FileStore(classeur), IMPORT, {"tabs": tabs, "replace": remplacer,
                                                       "files": [e.name for e in exports]}))


def consolidate(classeur: WORKBOOK) -> None:
    from demarche_xl.cli.app import show_report
    from demarche_xl.runner import run_step
    from demarche_xl.steps.temps1 import CONSOLIDATE
    from demarche_xl.store.file_store import FileStore

    show_report(run_step(FileStore(classeur), CONSOLIDATE))
    typer.echo(f"Réponses consolidées dans « {classeur} » : vérifiez la feuille « Correspondances » (colonnes non "
               "reconnues) puis « Réponses ».")
