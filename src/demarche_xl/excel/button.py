"""The only code that talks to xlwings when a ribbon button is clicked: find the workbook the click came from and
hand it to `session.click`. xlwings' `RunPython` passes the active workbook's name to `Book.caller()`."""
from __future__ import annotations


def run(name: str) -> None:
    import xlwings as xw

    try:
        book = xw.Book.caller()
    except Exception:  # noqa: BLE001 - no workbook open or Excel refused: say it in French
        xw.apps.active.alert("Ouvrez d'abord le classeur de la démarche, puis cliquez à nouveau sur le bouton.",
                             "Démarche", "ok", "info")
        return
    from demarche_xl.excel.session import click

    click(name, book)
