"""Benchmark: what the safeguards of a save cost on a large workbook — the 10 exports × 1,000 answers of
`consolidation.py`, imported and consolidated — each timed alone, against reading every sheet with python-calamine
in the same run (the baseline). Prints a table; not run by the tests.

    python benchmarks/garde_fous.py [--onglets 10] [--reponses 1000]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from python_calamine import CalamineWorkbook

sys.path.insert(0, str(Path(__file__).parent))
from consolidation import event, tab_names  # noqa: E402

from demarche_xl.lifecycle import lock  # noqa: E402
from demarche_xl.runner import plan_for, run_step  # noqa: E402
from demarche_xl.steps.base import StepOutput, StepSpec  # noqa: E402
from demarche_xl.steps.temps1 import CONSOLIDATE, IMPORT  # noqa: E402
from demarche_xl.store import carry, guard, limits, loss_guard, readable, safety  # noqa: E402
from demarche_xl.store.base import WritePlan  # noqa: E402
from demarche_xl.store.file_store import FileStore  # noqa: E402
from demarche_xl.survey.read_export import read_export  # noqa: E402
from demarche_xl.workbook.reader import WorkbookReader  # noqa: E402


def timed(action, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - began)
    return best


def read_all(book: Path) -> None:
    workbook = CalamineWorkbook.from_path(str(book))
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python()


def check_every_sheet(book: Path) -> None:
    with zipfile.ZipFile(book) as package:
        parts = guard.sheet_parts(package)
    for name, part in parts.items():
        readable.check_sheet(book, part, name)


def unzip_sheets(book: Path) -> None:
    with zipfile.ZipFile(book) as package:
        for part in guard.sheet_parts(package).values():
            package.read(part)


def old_census(book: Path) -> None:
    """The census as the file store took it before this session (drawings, comments, names, sheet elements outside
    the cells): the baseline of the loss guard's cost."""
    with zipfile.ZipFile(book) as package:
        for name in package.namelist():
            if name.startswith("xl/drawings/drawing") or name.startswith("xl/comments"):
                package.read(name)
        for part in guard.sheet_parts(package).values():
            whole = package.read(part)
            span = guard.cell_data_span(whole)
            data = whole if span is None else whole[:span[0]] + whole[span[1]:]
            for element, _ in guard.SHEET_ELEMENTS:
                guard._count(data, element)


def lock_once(book: Path) -> None:
    with lock.hold(book, "mesure"):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--onglets", type=int, default=10)
    parser.add_argument("--reponses", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _, files, book = event(folder, args.onglets, args.reponses)
        tabs = tab_names(files, [read_export(p) for p in files])
        run_step(FileStore(book), IMPORT, {"tabs": tabs})
        run_step(FileStore(book), CONSOLIDATE)
        copy = folder / "copie.xlsx"
        shutil.copy(book, copy)
        reader = WorkbookReader(FileStore(book))
        plan = plan_for(reader, StepSpec("x", "x", (), ("answers",), lambda s: None),
                        StepOutput(tables={"answers": reader.table("answers")}))
        stages = [
            ("lecture de toutes les feuilles par calamine (référence)", lambda: read_all(book)),
            ("paquet lisible (readable.check_package)", lambda: readable.check_package(book)),
            ("relevé du paquet, empreintes et dégâts compris (guard.survey)", lambda: guard.survey(book)),
            ("étendue de chaque feuille (readable.check_sheet)", lambda: check_every_sheet(book)),
            ("parties à recopier (carry.collect)", lambda: carry.collect(book)),
            ("lecture brute de chaque feuille du paquet (zip, plancher)", lambda: unzip_sheets(book)),
            ("recensement d'avant cette session, avant + après", lambda: (old_census(book), old_census(copy))),
            ("garde-fou complet, avant + après (loss_guard.losses)",
             lambda: loss_guard.losses(book, copy, WritePlan(), set())),
            (f"limites d'Excel sur Réponses ({len(reader.table('answers'))} lignes, limits.fit)",
             lambda: limits.fit(plan)),
            ("verrou pris et rendu (lock.hold)", lambda: lock_once(book)),
            ("restes d'étapes interrompues (safety.leftovers)", lambda: safety.leftovers(book, everyone=True)),
        ]
        results = [(label, timed(action)) for label, action in stages]
        size = book.stat().st_size / 2**20
    base = results[0][1]
    print(f"Garde-fous d'un enregistrement : classeur de {size:.1f} Mo ({args.onglets} onglets × {args.reponses} "
          "réponses, consolidé), meilleur de 3 essais")
    print(f"{'étape':70} {'temps (s)':>10} {'× lecture':>10}")
    for label, seconds in results:
        print(f"{label:70} {seconds:10.3f} {seconds / base:10.2f}")


if __name__ == "__main__":
    main()
