"""Button « Construire les parcours » of the « Démarche » tab: its add-in `demarche_xl.excel.parcours.xlam` calls
`main()` here."""
from demarche_xl.excel.button import run


def main() -> None:
    run("parcours")
