"""The Excel desktop side: a « Démarche » ribbon tab whose one button, « Lancer l'étape », runs the step chosen on
`Accueil` on the open workbook, through xlwings.

`actions` lists what the button can run, `choice` reads the step chosen on Accueil, `ribbon` writes the add-in's
customUI.xml, `addins` builds the add-in from xlwings' template, `conflicts` finds other add-ins that could take
its clicks, `installer` puts it in Excel's startup folder, `session` is what a click does, `button` is the only code
touching xlwings, and `lancer` holds the `main()` the add-in calls.
"""
from __future__ import annotations

from pathlib import Path

from demarche_xl.problems import Report


def demo_step(workbook: Path, folder: Path, context: dict) -> Report:
    """Demo chain: build the add-in into `folder/excel/` (what `demarche-xl excel installer --dossier` does)."""
    from demarche_xl.excel.installer import install

    return install(folder / "excel")
