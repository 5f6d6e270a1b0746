"""The only code that talks to xlwings when the « Lancer l'étape » button is clicked: find the workbook the click
came from (xlwings' `RunPython` passes the active workbook's name to `Book.caller()`), read which step is chosen
on it (`choice.chosen`) and hand both to `session.click`."""
from __future__ import annotations

NO_WORKBOOK = "Ouvrez d'abord le classeur de la démarche, puis cliquez à nouveau sur le bouton « Lancer l'étape »."


def run() -> None:
    import xlwings as xw

    try:
        book = xw.Book.caller()
    except Exception:  # noqa: BLE001 - no workbook open or Excel refused: say it in French
        xw.apps.active.alert(NO_WORKBOOK, "Démarche", "ok", "info")
        return
    from demarche_xl.excel.choice import Choice, chosen
    from demarche_xl.excel.actions import action
    from demarche_xl.excel.session import click

    try:
        choice = chosen(book)
    except Exception:  # noqa: BLE001 - a chart or shape selected, a protected sheet: show the help
        choice = Choice(action("aide"), "aucune ligne d'étape n'est sélectionnée.")
    click(choice.action.name, book, choice.note)
