"""Benchmark: producing the Word documents of a large event — 300+ convocations (one file each and one combined
file for printing) and the fiche de bilan with its charts — stage by stage, against a baseline measured in the same
run (a fresh Jinja environment per convocation, so docxtpl compiles every part of the template again, which is
what a plain docxtpl loop does). Prints a table; not run by the tests.

    python benchmarks/documents.py [--etablissements 6] [--enseignants 55] [--pdf]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from docxtpl import DocxTemplate  # noqa: E402

from demarche_xl.documents import charts  # noqa: E402
from demarche_xl.documents.context_common import Chart  # noqa: E402
from demarche_xl.documents.context_convocation import convocation_contexts  # noqa: E402
from demarche_xl.documents.context_review import review_contexts  # noqa: E402
from demarche_xl.documents.pdf import to_pdf  # noqa: E402
from demarche_xl.documents.produce import produce, read_inputs, safe_name  # noqa: E402
from demarche_xl.documents.render import environment, render, template_path  # noqa: E402
from test_documents_support import example_with_upstream  # noqa: E402

TODAY = dt.date(2027, 6, 1)


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def render_all(template: Path, contexts: dict[str, dict], folder: Path) -> None:
    for name, context in contexts.items():
        render(template, context, folder / safe_name(name))


def naive_render_all(template: Path, contexts: dict[str, dict], folder: Path) -> None:
    """Baseline: a plain docxtpl loop, with a fresh Jinja environment (so a fresh compilation) per document."""
    for name, context in contexts.items():
        document = DocxTemplate(str(template))
        document.render(context, environment(), autoescape=True)
        target = folder / "naif" / safe_name(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        document.save(str(target))


def chart_count(context: dict) -> int:
    return sum(1 for v in context.values() if isinstance(v, Chart))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--etablissements", type=int, default=6)
    parser.add_argument("--enseignants", type=int, default=55)
    parser.add_argument("--pdf", action="store_true", help="mesurer aussi la conversion PDF (LibreOffice)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-documents-"))
    path = example_with_upstream(folder, args.enseignants, 20, args.etablissements)
    rows = []
    seconds, (tables, params, _) = timed(read_inputs, path)
    rows.append(("lecture du classeur (toutes les tables)", seconds, ""))
    seconds, built = timed(convocation_contexts, tables, params, TODAY)
    rows.append(("contextes des convocations", seconds, f"{len(built.files)} enseignants"))
    template = template_path("convocation", path)
    seconds, _ = timed(render_all, template, built.files, folder / "out")
    rows.append(("convocations, un fichier par enseignant", seconds, f"{len(built.files)} fichiers"))
    naive, _ = timed(naive_render_all, template, built.files, folder / "out")
    rows.append(("  référence : boucle docxtpl simple (recompile le modèle)", naive, f"× {naive / seconds:.2f}"))
    seconds, _ = timed(render_all, template, built.combined, folder / "out")
    rows.append(("convocations regroupées (impression)", seconds, "1 fichier"))
    review = review_contexts(tables, params, TODAY).files["Fiche de bilan"]
    drawn = [v for v in review.values() if isinstance(v, Chart)]
    seconds, _ = timed(lambda: [charts.png(c) for c in drawn])
    rows.append(("graphiques de la fiche de bilan", seconds, f"{chart_count(review)} graphiques"))
    seconds, _ = timed(render, template_path("fiche_de_bilan", path), review, folder / "out" / "bilan.docx")
    rows.append(("fiche de bilan avec graphiques", seconds, ""))
    seconds, report = timed(produce, path, None, folder / "tout", False, TODAY)
    rows.append(("« demarche-xl documents » : tous les documents", seconds, f"{report.figures['documents']} fichiers"))
    if args.pdf:
        picks = [folder / "tout" / "Convocations - toutes.docx", folder / "tout" / "Fiche de bilan.docx"]
        seconds, (pdfs, _) = timed(to_pdf, picks)
        rows.append(("PDF : convocations regroupées + bilan (LibreOffice)", seconds, f"{len(pdfs)} PDF"))
    print(f"| étape | temps (s) | détail |\n|---|---:|---|")
    for label, value, detail in rows:
        print(f"| {label} | {value:.2f} | {detail} |")
    print(f"\n(mesuré le {dt.date.today():%Y-%m-%d} ; dossier {folder})")


if __name__ == "__main__":
    main()
