"""The Excel side: a « Démarche » ribbon tab whose buttons run each step on the open workbook, through xlwings.

`actions` lists the buttons, `ribbon` writes each add-in's customUI.xml, `addins` builds the add-ins from xlwings'
template, `installer` puts them in Excel's startup folder, `session` is what a click does, `button` is the only code
touching xlwings, and one module per button (`verifier`, `consolider`, …) holds the `main()` its add-in calls.
"""
from __future__ import annotations

from pathlib import Path

from demarche_xl.problems import Report


def demo_step(workbook: Path, folder: Path, context: dict) -> Report:
    """Demo chain: build the add-ins into `folder/excel/` (what `demarche-xl excel installer --dossier` does)."""
    from demarche_xl.excel.installer import install

    return install(folder / "excel")
