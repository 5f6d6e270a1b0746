"""The module the « Démarche » add-in runs: its file is `demarche_xl.excel.lancer.xlam`, and the template's VBA
callback runs `import demarche_xl.excel.lancer; demarche_xl.excel.lancer.main()` on every click."""
from demarche_xl.excel.button import run


def main() -> None:
    run()
