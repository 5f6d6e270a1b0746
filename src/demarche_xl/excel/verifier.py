"""Button « Vérifier » of the « Démarche » tab: its add-in `demarche_xl.excel.verifier.xlam` calls
`main()` here."""
from demarche_xl.excel.button import run


def main() -> None:
    run("verifier")
