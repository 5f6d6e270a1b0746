"""What the « Lancer l'étape » button does with the active workbook, whatever gives it the workbook (xlwings in
Excel, a stand-in in tests): check it is a démarche workbook, run the same step as the CLI through the runner on a
live store, show progress in the status bar, end with a French message box; errors become French dialogs, an
unexpected one also writes its traceback to a log file whose path the dialog gives.

Uses of the Excel application are limited to `app.status_bar` and `app.alert(prompt, title, buttons, mode)`.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

from demarche_xl.excel import messages
from demarche_xl.excel.actions import DOCUMENTS, HELP, MERGE, STEP, VERIFY, Action, action, find_step
from demarche_xl.problems import Report, UserError
from demarche_xl.store.live_store import LiveStore

LOG_NAME = "demarche-xl-excel.log"


def click(name: str, book, note: str = "") -> None:
    """Run the action `name` on `book` (an xlwings Book or a stand-in); never raises. `note` says why the help is
    shown instead of a step."""
    chosen = action(name)
    app = book.app
    try:
        app.status_bar = f"Démarche : {chosen.label} en cours…"
        if chosen.kind == HELP:
            app.alert(messages.help_text(note), messages.title(chosen), "ok", "info")
            return
        store = LiveStore(book)
        check_workbook(store)
        report = HANDLERS[chosen.kind](chosen, book, store)
        app.status_bar = f"Démarche : {chosen.label} terminé"
        app.alert(messages.summary(chosen, report), messages.title(chosen), "ok", "info")
        if chosen.kind == DOCUMENTS:
            offer_to_open(app, book, store)
    except UserError as error:
        app.alert(messages.failure(error.problems), messages.title(chosen, failed=True), "ok", "critical")
    except Exception as error:  # noqa: BLE001 - a dialog in French, never a Python traceback window
        app.alert(messages.crash(error, str(log_traceback(chosen))), messages.title(chosen, failed=True), "ok",
                  "critical")
    finally:
        app.status_bar = False  # give the status bar back to Excel


def check_workbook(store: LiveStore) -> None:
    from demarche_xl.validate import schema_version

    if schema_version(store) is None:
        raise UserError(f"le classeur actif « {store.label} » n'est pas un classeur de la démarche",
                        "activez la fenêtre du classeur de la démarche (créé par « demarche-xl nouveau ») puis "
                        "cliquez à nouveau sur le bouton")


def run_verify(chosen: Action, book, store: LiveStore) -> Report:
    from demarche_xl.validate import verify

    return verify(store)


def run_named_step(chosen: Action, book, store: LiveStore, options: dict | None = None) -> Report:
    from demarche_xl.runner import run_step

    spec = find_step(chosen.name, chosen.hint)
    if spec is None:
        raise UserError(messages.not_available(chosen), messages.REINSTALL)
    book.app.status_bar = f"Démarche : {chosen.label} — lecture, calcul et écriture des feuilles…"
    return run_step(store, spec, options or {})


def run_documents(chosen: Action, book, store: LiveStore) -> Report:
    try:
        from demarche_xl.documents.produce import produce
    except ImportError as error:
        raise UserError(messages.not_available(chosen), messages.REINSTALL) from error
    path = saved_path(book)
    book.save()  # the documents are built from the file: it must hold what is on screen
    book.app.status_bar = "Démarche : écriture des documents Word…"
    report = produce(path)
    from demarche_xl.runner import log_run

    log_run(store, chosen.name, chosen.label, report)
    return report


def run_merge(chosen: Action, book, store: LiveStore) -> Report:
    if find_step(chosen.name, chosen.hint) is None:
        raise UserError(messages.not_available(chosen),
                        "en attendant, recopiez les lignes de la copie dans ce classeur puis cliquez sur « Vérifier »")
    copy = book.app.alert("Choisissez la copie à fusionner dans la fenêtre qui va s'ouvrir.", messages.title(chosen),
                          "ok_cancel", "info")
    if copy != "ok":
        return Report(chosen.label, ["fusion annulée : rien n'a été modifié"])
    other = pick_workbook()
    if other is None:
        return Report(chosen.label, ["aucune copie choisie : rien n'a été modifié"])
    from demarche_xl.share.copies import merge_options  # the copy is read here, at the edge; the step stays pure

    return run_named_step(chosen, book, store, merge_options(store, [other], Path(str(book.fullname))))


HANDLERS = {VERIFY: run_verify, STEP: run_named_step, DOCUMENTS: run_documents, MERGE: run_merge}


def saved_path(book) -> Path:
    path = Path(str(book.fullname))
    if not path.is_file():
        raise UserError(f"le classeur « {book.name} » n'est pas encore enregistré sur cet ordinateur",
                        "enregistrez-le (Fichier › Enregistrer sous) dans un dossier de l'ordinateur puis recommencez")
    return path


def pick_workbook() -> Path | None:
    """A file chooser for the colleague's copy (tkinter, shipped with Python on Windows and macOS)."""
    from tkinter import Tk, filedialog

    root = Tk()
    root.withdraw()
    root.attributes("-topmost", True)
    chosen = filedialog.askopenfilename(title="Copie du classeur à fusionner",
                                        filetypes=[("Classeur Excel", "*.xlsx")])
    root.destroy()
    return Path(chosen) if chosen else None


def offer_to_open(app, book, store: LiveStore) -> None:
    from demarche_xl.documents.produce import output_folder
    from demarche_xl.workbook.reader import WorkbookReader

    folder = output_folder(saved_path(book), WorkbookReader(store).params(), None)
    if folder.is_dir() and app.alert(f"Ouvrir le dossier des documents ?\n{folder}", "Démarche — documents",
                                     "yes_no", "info") == "yes":
        open_folder(folder)


def open_folder(folder: Path) -> None:
    if sys.platform.startswith("win"):
        os.startfile(folder)  # type: ignore[attr-defined]  # noqa: S606 - opens Explorer on our own folder
    elif sys.platform == "darwin":
        subprocess.run(["open", str(folder)], check=False)


def log_traceback(chosen: Action) -> Path:
    path = Path(tempfile.gettempdir()) / LOG_NAME
    with path.open("a", encoding="utf-8") as log:
        log.write(f"\n=== {dt.datetime.now():%Y-%m-%d %H:%M:%S} — bouton « {chosen.label} » ===\n")
        log.write(traceback.format_exc())
    return path
