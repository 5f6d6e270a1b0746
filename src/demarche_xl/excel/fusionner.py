"""Button « Fusionner une copie » of the « Démarche » tab: its add-in `demarche_xl.excel.fusionner.xlam` calls
`main()` here."""
from demarche_xl.excel.button import run


def main() -> None:
    run("fusionner")
