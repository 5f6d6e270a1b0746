"""`python -m demarche_xl` runs the CLI."""
from demarche_xl.cli.app import main

main()
