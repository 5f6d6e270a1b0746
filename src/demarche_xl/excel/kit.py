"""Button « Vérifier le kit » of the « Démarche » tab: its add-in `demarche_xl.excel.kit.xlam` calls `main()` here."""
from demarche_xl.excel.button import run


def main() -> None:
    run("kit")
