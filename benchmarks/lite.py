"""Benchmark: what each xlwings Lite script costs the add-in, for the example collège and a pooled event of 300
teachers: the size of the book payload Excel sends to Python (with the sheets the script asks for, against every
sheet — what a script without `include`/`exclude` would get), the number and size of the actions it sends back, and
the script's time in CPython against the CLI step on the same workbook in the same run. Not run by the tests.

    python benchmarks/lite.py

The scripts run with xlwings' remote engine from the payload the add-in would send (tests/fixtures); in Excel the
time is Pyodide's (WebAssembly, slower than CPython) plus Office.js applying the actions.
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "tests"))

from conftest import LITE_CHAIN  # noqa: E402
from demarche_xl.example.fill import fill_example  # noqa: E402
from demarche_xl.lite import door  # noqa: E402
from demarche_xl.lite.run import step_spec  # noqa: E402
from demarche_xl.runner import run_step  # noqa: E402
from demarche_xl.store.file_store import FileStore  # noqa: E402
from fixtures.decisions import retain_most_cited  # noqa: E402
from fixtures.lite_payload import payload  # noqa: E402
from fixtures.lite_run import click, main_module, script_meta, sheets_arg  # noqa: E402

EVENTS = (("collège d'exemple (55)", 55, 1), ("événement mutualisé (5 × 60)", 60, 5))


def kib(size: int) -> str:
    return f"{size / 1024:,.0f}".replace(",", " ")


def measure(title: str, teachers: int, schools: int, folder: Path) -> list[str]:
    current = folder / "00.xlsx"
    fill_example(FileStore(current, must_exist=False), teachers, schools)
    door.install(current)
    main = main_module(current)
    lines = []
    for function, step in LITE_CHAIN:
        meta = script_meta(main, function)
        sent = len(json.dumps(payload(current, sheets_arg(meta.get("include")), sheets_arg(meta.get("exclude"))),
                              default=str))
        everything = len(json.dumps(payload(current), default=str))
        cli = folder / f"{step}-cli.xlsx"
        lite = folder / f"{step}-lite.xlsx"
        shutil.copy(current, cli)
        shutil.copy(current, lite)
        started = time.perf_counter()
        run_step(FileStore(cli), step_spec(step))
        cli_seconds = time.perf_counter() - started
        started = time.perf_counter()
        result = click(lite, function, apply=False)
        lite_seconds = time.perf_counter() - started
        lines.append(f"| {title} | {step} | {kib(sent)} | {kib(everything)} | {sent / everything:.2f} | "
                     f"{len(result.actions)} | {kib(result.actions_bytes)} | {lite_seconds:.2f} | {cli_seconds:.2f} | "
                     f"{lite_seconds / cli_seconds:.2f} |")
        current = cli
        if step == "consolider":  # the team retains its concerns before the groups are formed
            retain_most_cited(current)
    return lines


def main() -> None:
    print("| event | script (step) | payload sent (KiB) | all sheets (KiB) | × all | actions | actions (KiB) | "
          "script (s) | CLI step (s) | × CLI |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for title, teachers, schools in EVENTS:
        with tempfile.TemporaryDirectory() as folder:
            for line in measure(title, teachers, schools, Path(folder)):
                print(line, flush=True)


if __name__ == "__main__":
    main()
