"""Word documents of the method, built with docxtpl from templates a team can restyle: synthesis of the baseline
survey, convocations, facilitator briefings, logbooks, fiche de bilan and action plan.

`context_*` build rendering contexts from tables (pure), `render` fills a template, `produce` ties them together;
`demo_step` is the demo's « Générer les documents » step.
"""
from __future__ import annotations

from pathlib import Path

from demarche_xl.problems import Report


def demo_step(workbook: Path, folder: Path, context: dict) -> Report:
    from demarche_xl.documents.produce import produce
    from demarche_xl.runner import log_run
    from demarche_xl.store.file_store import FileStore

    from demarche_xl.steps.needs import DOCUMENT_NEEDS, document_spec

    report = produce(workbook, folder=folder / "documents")
    log_run(FileStore(workbook), "documents", "Générer les documents", report,
            tracked=tuple(document_spec(kind) for kind in DOCUMENT_NEEDS))
    return report
