"""CPU and wall-clock seconds of each stage of `demarche-xl consolider BOOK`, in a fresh process (run as a script by
`command_timing.stages`, with PYTHONPATH naming the source tree to measure). Each stage is a function of the
toolkit wrapped with a timer where it is looked up; nested stages are counted in their parent too. A stage a
version does not have is left out. CPU time is the whole process's, second threads included (the read ahead and
the compression of `Réponses` run beside the main thread: their CPU counts, the clock shows what they save). The
workbook is read ahead from the start and cyclic garbage collected as seldom as the installed command does
(`cli.start`), when the version has it.
Writes one JSON object, stage → [CPU seconds, wall seconds], to the file named second.

    python command_stages.py BOOK OUT.json"""
from __future__ import annotations

import gc
import importlib
import json
import sys
import time

STAGES = (  # (label, module, function or Class.method)
    ("needs of the step (refuse_unmet: reads the sheets it looks at)", "demarche_xl.steps.needs", "refuse_unmet"),
    ("reading the workbook (build_input)", "demarche_xl.runner", "build_input"),
    ("consolidation (survey.consolidate)", "demarche_xl.survey.consolidate", "consolidate"),
    ("analysis (survey.analysis.analyse)", "demarche_xl.survey.analysis", "analyse"),
    ("write plan (plan_for)", "demarche_xl.runner", "plan_for"),
    ("  of which input fingerprints (progress.record)", "demarche_xl.progress", "record"),
    ("  of which Accueil (home_write: every step's status)", "demarche_xl.runner", "home_write"),
    ("write history (history.record)", "demarche_xl.share.history", "record"),
    ("writing the workbook (FileStore.apply)", "demarche_xl.store.file_store", "FileStore.apply"),
    ("  rows generated as XML (bulk_rows.take_rows)", "demarche_xl.store.bulk_rows", "take_rows"),
    ("  survey of the packages (guard.survey, before + after)", "demarche_xl.store.guard", "survey"),
    ("  cells put back (set_aside.put_back)", "demarche_xl.store.set_aside", "put_back"),
)
spent: dict[str, list[float]] = {}  # stage -> [CPU seconds, wall seconds]
STARTED = time.perf_counter()


def timed(label: str, function):
    def wrapper(*args, **kwargs):
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            total = spent.setdefault(label, [0.0, 0.0])
            total[0] += time.process_time() - cpu
            total[1] += time.perf_counter() - wall
    return wrapper


def install(label: str, module_name: str, name: str) -> None:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return
    if "." in name:
        owner_name, method = name.split(".")
        owner = getattr(module, owner_name)
        setattr(owner, method, timed(label, owner.__dict__[method]))
        return
    original = getattr(module, name, None)
    if original is None:
        return
    wrapper = timed(label, original)
    for loaded in list(sys.modules.values()):  # every module that imported the function under its name
        namespace = getattr(loaded, "__dict__", None)
        if isinstance(namespace, dict):
            for key, value in list(namespace.items()):
                if value is original:
                    namespace[key] = wrapper


def main() -> None:
    book, out = sys.argv[1], sys.argv[2]
    try:  # as the installed command does (`cli.start`), when the version has it
        from demarche_xl.cli.start import COLLECT_EVERY
        from demarche_xl.store import read_ahead
    except ImportError:  # an older version
        pass
    else:
        read_ahead.start_for(["consolider", book])
        gc.set_threshold(COLLECT_EVERY, 10, 10)
    from demarche_xl.cli import app

    for stage in STAGES:
        install(*stage)
    # the process so far: start and imports (wall: from this script's first line, the interpreter's own start aside)
    spent["start-up (Python + imports)"] = [time.process_time(), time.perf_counter() - STARTED]
    sys.argv = ["demarche-xl", "consolider", book]
    try:
        app.main()
    except SystemExit as done:
        if done.code:
            raise
    spent["whole command"] = [time.process_time(), time.perf_counter() - STARTED]
    order = ["start-up (Python + imports)", *(label for label, _, _ in STAGES), "whole command"]
    with open(out, "w", encoding="utf-8") as file:
        json.dump({label: spent[label] for label in order if label in spent}, file)


if __name__ == "__main__":
    main()
