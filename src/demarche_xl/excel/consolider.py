"""Button « Consolider les questionnaires » of the « Démarche » tab:
its add-in `demarche_xl.excel.consolider.xlam` calls
`main()` here."""
from demarche_xl.excel.button import run


def main() -> None:
    run("consolider")
