"""Button « Former les groupes » of the « Démarche » tab: its add-in `demarche_xl.excel.groupes.xlam` calls
`main()` here."""
from demarche_xl.excel.button import run


def main() -> None:
    run("groupes")
