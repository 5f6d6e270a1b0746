"""Button « Feuille de route » of the « Démarche » tab: its add-in `demarche_xl.excel.pilotage.xlam` calls `main()` here."""
from demarche_xl.excel.button import run


def main() -> None:
    run("pilotage")
