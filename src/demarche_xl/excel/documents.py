"""Button « Générer les documents » of the « Démarche » tab: its add-in `demarche_xl.excel.documents.xlam` calls
`main()` here."""
from demarche_xl.excel.button import run


def main() -> None:
    run("documents")
