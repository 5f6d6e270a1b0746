"""`--pdf`: converting Word documents to PDF with LibreOffice headless (one call per folder, many files at once),
or a clear French message when LibreOffice is not installed or fails."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

from demarche_xl import french
from demarche_xl.problems import WARNING, Problem

NOT_INSTALLED = Problem(
    "LibreOffice est introuvable : les documents Word sont produits, mais pas leur version PDF",
    "installez LibreOffice (https://fr.libreoffice.org) puis relancez avec --pdf, ou enregistrez les documents en "
    "PDF depuis Word (Fichier > Enregistrer sous > PDF)", severity=WARNING)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Convert each file to a PDF beside it; returns the PDFs written and the problems met."""
    program = soffice()
    if program is None:
        return [], [NOT_INSTALLED]
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for path in paths:
        by_folder[path.parent].append(path)
    written: list[Path] = []
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="demarche-xl-lo-") as profile:
        for folder, files in by_folder.items():
            done, problem = convert_folder(program, Path(profile), folder, files)
            written.extend(done)
            if problem:
                problems.append(problem)
    return written, problems


def convert_folder(program: str, profile: Path, folder: Path, files: list[Path]) -> tuple[list[Path], Problem | None]:
    command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)]
    for path in files:
        path.with_suffix(".pdf").unlink(missing_ok=True)  # a stale PDF must not pass for a fresh one
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120 + 3 * len(files))
    except subprocess.TimeoutExpired:
        return [], Problem(f"LibreOffice n'a pas fini la conversion en PDF dans « {folder} »",
                           "fermez LibreOffice s'il est ouvert puis relancez avec --pdf", severity=WARNING)
    done = [p.with_suffix(".pdf") for p in files if p.with_suffix(".pdf").is_file()]
    if len(done) < len(files):
        missing = [p.name for p in files if p.with_suffix(".pdf") not in done]
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or [""]
        return done, Problem(f"{french.count(len(missing), 'document non converti', 'documents non convertis')} en "
                             f"PDF (par exemple « {missing[0]} ») "
                             f"{detail[0]}".strip(), "fermez LibreOffice s'il est ouvert puis relancez avec --pdf",
                             severity=WARNING)
    return done, None
