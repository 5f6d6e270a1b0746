"""Button « Faire le bilan » of the « Démarche » tab: its add-in `demarche_xl.excel.bilan.xlam` calls
`main()` here."""
from demarche_xl.excel.button import run


def main() -> None:
    run("bilan")
