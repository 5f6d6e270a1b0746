"""The demo: the whole chain on a fresh example collège, printing what each step produced.

Steps are looked up by name; a step whose module is not installed yet is listed as « non disponible ».
"""
from __future__ import annotations

import importlib
from pathlib import Path

from rich.console import Console

from demarche_xl.problems import UserError

console = Console(highlight=False)

# (title, module, function): each function takes (workbook path, output folder) and returns a Report
CHAIN: tuple[tuple[str, str, str], ...] = (
    ("Créer et remplir le classeur d'exemple", "demarche_xl.example.fill", "demo_step"),
    ("Vérifier le classeur", "demarche_xl.validate", "demo_step"),
    ("Proposer la feuille de route", "demarche_xl.steps.steering", "demo_step"),
    ("Consolider les questionnaires", "demarche_xl.steps.temps1", "demo_step"),
    ("Former les groupes", "demarche_xl.steps.groups", "demo_step"),
    ("Construire les parcours", "demarche_xl.steps.routes", "demo_step"),
    ("Proposer les référents", "demarche_xl.steps.lead_teachers", "demo_step"),
    ("Faire le bilan", "demarche_xl.steps.review", "demo_step"),
    ("Vérifier le kit d'ateliers", "demarche_xl.steps.kit", "demo_step"),
    ("Générer les documents", "demarche_xl.documents", "demo_step"),
    ("Construire le complément Excel", "demarche_xl.excel", "demo_step"),
)


def run_demo(folder: Path, schools: int = 1) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    workbook = folder / "demarche-exemple.xlsx"
    for stale in (workbook,):
        stale.unlink(missing_ok=True)
    context = {"schools": schools}
    for title, module_name, function in CHAIN:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            console.print(f"[dim]• {title} : non disponible dans cette version[/dim]")
            continue
        step = getattr(module, function, None)
        if step is None:
            console.print(f"[dim]• {title} : non disponible dans cette version[/dim]")
            continue
        try:
            report = step(workbook, folder, context)
        except UserError as error:
            console.print(f"[red]• {title} : échec[/red]")
            for problem in error.problems:
                console.print(f"    {problem}")
            raise
        console.print(f"[green]• {title}[/green]")
        for line in report.lines:
            console.print(f"    {line}")
        for problem in report.problems[:5]:
            console.print(f"    [yellow]{problem}[/yellow]")
        if len(report.problems) > 5:
            console.print(f"    … et {len(report.problems) - 5} autre(s) remarque(s)")
    console.print(f"\nClasseur : {workbook}")
    produced = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file() and "sauvegardes" not in p.parts)
    console.print(f"Fichiers produits dans « {folder} » : {len(produced)}")
    for path in produced[:30]:
        console.print(f"  {path}")
