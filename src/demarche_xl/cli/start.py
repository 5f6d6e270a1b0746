"""The installed command's entry point, which runs the command line (`cli.app`) as a short-lived process:

- it starts reading the workbook named on the command line (`store.read_ahead`) before the toolkit's libraries
  load;
- Python looks for cyclic garbage less often (a collection of the oldest objects walks every object alive: with
  10,000 answers in memory, a few tenths of a second spent for nothing in a process that ends seconds later);
- once the command is done and its output flushed, the process ends without Python taking its objects apart one
  by one (another few tenths of a second): every file the toolkit writes is closed (or replaced) by then.
The command line run inside another program (tests, `python -c`) goes through `cli.app.main`, without these.
"""
from __future__ import annotations

import gc
import os
import sys

COLLECT_EVERY = 50_000  # new container objects between two collections of the youngest ones (Python: 700)


def main() -> None:
    from demarche_xl.store import read_ahead

    read_ahead.start_for(sys.argv[1:])
    gc.set_threshold(COLLECT_EVERY, 10, 10)
    from demarche_xl.cli.app import main as run

    try:
        run()
        code = 0
    except SystemExit as done:
        code = exit_code(done.code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`demarche-xl … | head`): nothing more can be said there
            pass
    os._exit(code)


def exit_code(code: object) -> int:
    """The process's exit code for `sys.exit(code)`, as Python gives it (a message is printed, with code 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
