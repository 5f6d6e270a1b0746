"""The command's entry point: it starts reading the workbook named on the command line (`store.read_ahead`) before
the toolkit's libraries load, then runs the command line (`cli.app`)."""
from __future__ import annotations

import sys


def main() -> None:
    from demarche_xl.store import read_ahead

    read_ahead.start_for(sys.argv[1:])
    from demarche_xl.cli.app import main as run

    run()
