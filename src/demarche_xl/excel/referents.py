"""Button « Proposer les référents » of the « Démarche » tab: its add-in `demarche_xl.excel.referents.xlam` calls
`main()` here."""
from demarche_xl.excel.button import run


def main() -> None:
    run("referents")
