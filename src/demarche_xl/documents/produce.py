"""Producing the documents of a workbook: read the tables once, build each kind's contexts, render them with the
right template into the documents folder, optionally convert to PDF, and say in French what was written.

Also `--verifier-modele`: list the variables the templates in use ask for that the contexts do not provide.
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from docx.opc.exceptions import PackageNotFoundError
from jinja2 import TemplateError, TemplateSyntaxError

from demarche_xl import french
from demarche_xl.documents import context_action_plan, context_convocation, context_facilitator
from demarche_xl.documents import context_logbook, context_review, context_synthesis, templates_build as names
from demarche_xl.documents.context_common import Contexts
from demarche_xl.documents.pdf import to_pdf
from demarche_xl.documents.render import CUSTOM_FOLDER, render, template_path
from demarche_xl.problems import WARNING, Problem, Report, UserError

TABLES = ("teachers", "answers", "concern_ranking", "profile_map", "facilitators", "workshops", "slots", "groups",
          "routes", "schedules", "logbook", "impressions", "lead_teachers", "practices", "satisfaction", "review",
          "next_steps", "action_plan", "needs_axes", "diagnosis", "indicators")
BROKEN_TEMPLATE = (TemplateError, zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError)
UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


@dataclass(frozen=True)
class DocumentKind:
    key: str  # value of --quoi
    label: str
    template: str
    build: Callable[[dict, dict, dt.date], Contexts]


KINDS = (
    DocumentKind("synthese", "Synthèse de l'état des lieux", names.SYNTHESIS, context_synthesis.synthesis_contexts),
    DocumentKind("convocations", "Convocations", names.CONVOCATION, context_convocation.convocation_contexts),
    DocumentKind("animateurs", "Fiches animateurs", names.FACILITATOR, context_facilitator.facilitator_contexts),
    DocumentKind("journaux", "Journaux de bord", names.LOGBOOK, context_logbook.logbook_contexts),
    DocumentKind("bilan", "Fiche de bilan", names.REVIEW, context_review.review_contexts),
    DocumentKind("plan-action", "Plan d'action", names.ACTION_PLAN, context_action_plan.action_plan_contexts),
)
KEYS = tuple(k.key for k in KINDS)


def chosen(which: list[str] | None) -> list[DocumentKind]:
    wanted = [w.strip().lower() for w in which or [] if w.strip()]
    unknown = [w for w in wanted if w not in KEYS]
    if unknown:
        raise UserError(f"document inconnu : « {unknown[0]} »", f"choisissez parmi : {', '.join(KEYS)}")
    return [k for k in KINDS if not wanted or k.key in wanted]


def read_inputs(workbook: Path) -> tuple[dict, dict, list[Problem]]:
    """Tables and settings through the reader; input errors become warnings (the documents show placeholders)."""
    from demarche_xl.store.file_store import FileStore
    from demarche_xl.workbook.reader import WorkbookReader

    reader = WorkbookReader(FileStore(workbook))
    tables = {key: reader.table(key) for key in TABLES}
    params = reader.params()
    problems = [Problem(p.message, p.fix, p.sheet, p.row, p.column, WARNING) for p in reader.problems]
    return tables, params, problems


def output_folder(workbook: Path, params: dict, folder: Path | None) -> Path:
    if folder is not None:
        return folder
    configured = str(params.get("documents_folder") or "").strip()
    base = workbook.resolve().parent
    if configured:
        path = Path(configured).expanduser()
        return path if path.is_absolute() else base / path
    return base / "documents"


def safe_name(relative: str) -> str:
    """A file path every system accepts, from names that may contain « & < > » or slashes."""
    parts = [UNSAFE.sub("", part).strip(" .") or "document" for part in relative.split("/")]
    return "/".join(parts) + ".docx"


def produce(workbook: Path, which: list[str] | None = None, folder: Path | None = None, pdf: bool = False,
            today: dt.date | None = None) -> Report:
    kinds = chosen(which)
    tables, params, problems = read_inputs(workbook)
    target = output_folder(workbook, params, folder)
    report = Report("Documents", problems=problems)
    written: list[Path] = []
    if writable_folder(target, report):
        for kind in kinds:
            written.extend(produce_kind(kind, tables, params, today or dt.date.today(), workbook, target, report))
    if pdf and written:
        pdfs, pdf_problems = to_pdf(written)
        report.problems.extend(pdf_problems)
        if pdfs:
            report.info(f"{french.count(len(pdfs), 'PDF écrit', 'PDF écrits')} à côté des documents Word")
    report.lines.insert(0, f"{french.count(len(written), 'document Word', 'documents Word')} dans « {target} »")
    report.figures["Documents Word produits"] = len(written)
    return report


def produce_kind(kind: DocumentKind, tables: dict, params: dict, today: dt.date, workbook: Path, target: Path,
                 report: Report) -> list[Path]:
    contexts = kind.build(tables, params, today)
    report.problems.extend(contexts.problems)
    templates = {name: template_path(contexts.templates.get(name, kind.template), workbook)
                 for name in [*contexts.files, *contexts.combined]}
    for template, name in {t: n for n, t in templates.items()}.items():
        if template.parent.name == CUSTOM_FOLDER:
            report.info(f"{kind.label} : modèle personnalisé « {template} »")
            warn_unknown(template, contexts.files.get(name) or contexts.combined.get(name), report)
    every = {**contexts.files, **contexts.combined}
    for sub in {name.split("/")[0] for name in contexts.files if "/" in name}:
        clear_previous(target / sub)
    written = []
    for name, context in every.items():
        path = target / safe_name(name)
        try:
            render(templates[name], context, path)
        except PermissionError:
            report.warn(f"impossible d'écrire « {path} »", "fermez ce document dans Word puis relancez")
            continue
        except BROKEN_TEMPLATE as error:
            report.error(broken_template_message(templates[name], error), "corrigez le modèle dans Word, ou "
                         f"retirez-le du dossier « {CUSTOM_FOLDER} » pour reprendre le modèle fourni")
            break
        written.append(path)
    if every and not written and not report.errors:
        report.error(f"{kind.label} : aucun document écrit (sur {french.count(len(every), 'document')} à produire)",
                     "fermez ces documents dans Word, ou choisissez un autre dossier avec --dossier, puis relancez")
    extra = (f" (dont {french.count(len(contexts.combined), 'fichier regroupant', 'fichiers regroupant')} tout "
             "pour l'impression)") if contexts.combined else ""
    report.info(f"{kind.label} : {french.count(len(written), 'document')}{extra}")
    return written


def writable_folder(target: Path, report: Report) -> bool:
    """Whether the documents folder exists or can be made, and accepts files; else an error in the report."""
    from demarche_xl.store.safety import read_only

    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        report.error(f"le dossier des documents « {target} » ne peut pas être créé ({error.strerror})",
                     "choisissez un dossier où vous pouvez écrire (--dossier ou paramètre « Dossier des documents »)")
        return False
    if read_only(target):
        report.error(f"le dossier des documents « {target} » n'accepte pas l'écriture : aucun document écrit",
                     "choisissez un dossier où vous pouvez écrire (--dossier ou paramètre « Dossier des documents »)")
        return False
    return True


def broken_template_message(template: Path, error: Exception) -> str:
    if isinstance(error, TemplateSyntaxError):
        return f"le modèle « {template} » contient une balise mal écrite ({error.message})"
    return f"le modèle « {template} » n'est pas un document Word lisible ({error.__class__.__name__})"


def clear_previous(folder: Path) -> None:
    """Documents of a previous run in a folder we fill (a teacher who left must not keep a convocation)."""
    if folder.is_dir():
        for old in [*folder.glob("* - *.docx"), *folder.glob("* - *.pdf")]:
            old.unlink(missing_ok=True)


def warn_unknown(template: Path, context: dict | None, report: Report) -> None:
    from demarche_xl.documents.template_check import unknown_variables

    if context is None:
        return
    try:
        unknown = unknown_variables(template, context)
    except BROKEN_TEMPLATE:
        return  # said when rendering
    for name in unknown:
        report.warn(f"le modèle « {template.name} » utilise « {name} », qui n'existe pas : le document affiche "
                    f"« [{name.split('.')[-1]} : non renseigné] »", "voir la liste des variables dans "
                    "templates/README.md")


def check_templates(workbook: Path, which: list[str] | None = None, today: dt.date | None = None) -> Report:
    """`--verifier-modele`: for each template in use, the variables it asks for that do not exist."""
    from demarche_xl.documents.template_check import unknown_variables

    tables, params, _ = read_inputs(workbook)
    report = Report("Vérification des modèles")
    for kind in chosen(which):
        contexts = kind.build(tables, params, today or dt.date.today())
        samples = {contexts.templates.get(name, kind.template): context for name, context in contexts.files.items()}
        for name in samples or {kind.template: None}:
            template = template_path(name, workbook)
            origin = "personnalisé" if template.parent.name == CUSTOM_FOLDER else "fourni"
            label = f"{kind.label} ({template.stem}, modèle {origin})" if len(samples) > 1 else \
                f"{kind.label} (modèle {origin})"
            if samples.get(name) is None:
                report.info(f"{label} : pas de données pour vérifier le modèle")
                continue
            try:
                unknown = unknown_variables(template, samples[name])
            except BROKEN_TEMPLATE as error:
                report.error(broken_template_message(template, error), "corrigez le modèle dans Word")
                continue
            if unknown:
                said = french.plural(len(unknown), "variable inconnue", "variables inconnues")
                report.error(f"modèle {origin} « {template} » : {said} : {', '.join(unknown)}",
                             "corrigez le nom des variables (voir templates/README.md)")
            else:
                report.info(f"{label} : toutes les variables existent")
    return report
