"""`python -m demarche_xl` runs the CLI."""
from demarche_xl.cli.start import main

main()
