"""Button « Aide » of the « Démarche » tab: its add-in `demarche_xl.excel.aide.xlam` calls
`main()` here."""
from demarche_xl.excel.button import run


def main() -> None:
    run("aide")
