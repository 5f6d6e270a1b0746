"""Rendering a context into a Word file with docxtpl: which template to use (a team's own template in `modeles/`
next to the workbook overrides the shipped one of the same name), autoescaping, charts turned into images, and a
readable placeholder instead of an exception when a template asks for a variable the context does not have,
and table columns sized to their content (`table_fit`)."""
from __future__ import annotations

import functools
import io
import tempfile
from pathlib import Path

from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import ChainableUndefined, Environment

from demarche_xl.documents import charts
from demarche_xl.documents.table_fit import fit_tables
from demarche_xl.french import typography
from demarche_xl.documents.context_common import Chart

CUSTOM_FOLDER = "modeles"
SHIPPED = Path(__file__).resolve().parents[3] / "templates"


class Placeholder(ChainableUndefined):
    """A variable the context lacks: rendered as « [nom : non renseigné] », iterated as an empty list."""

    def __str__(self) -> str:
        return f"[{self._undefined_name or 'valeur'} : non renseigné]"


class CompilingOnceEnvironment(Environment):
    """docxtpl compiles every part of the template (body, headers, footers…) for each document: with hundreds of
    convocations from one template, compiling each distinct source once saves about a third of the time."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.compiled: dict[str, object] = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - jinja's own signature
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self.compiled:
            if len(self.compiled) > 200:
                self.compiled.clear()
            self.compiled[source] = super().from_string(source)
        return self.compiled[source]


@functools.cache
def shared_environment() -> Environment:
    return CompilingOnceEnvironment(autoescape=True, undefined=Placeholder)


def environment() -> Environment:
    """A fresh environment (autoescape, placeholders for unknown variables), e.g. for checking a template."""
    return Environment(autoescape=True, undefined=Placeholder)


def template_path(name: str, workbook: Path | None) -> Path:
    """The team's `modeles/<name>.docx` next to the workbook if present, else the shipped template."""
    if workbook is not None:
        custom = workbook.resolve().parent / CUSTOM_FOLDER / f"{name}.docx"
        if custom.is_file():
            return custom
    shipped = SHIPPED / f"{name}.docx"
    return shipped if shipped.is_file() else built_template(name)


@functools.cache
def built_template(name: str) -> Path:
    """When the package runs without the repository's `templates/` folder: build the shipped template once."""
    from demarche_xl.documents.templates_build import BUILDERS

    folder = Path(tempfile.gettempdir()) / "demarche-xl-modeles"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.docx"
    BUILDERS[name]().save(str(path))
    return path


def render(template: Path, context: dict, target: Path) -> None:
    """Render `context` with the template into `target` (folders created)."""
    document = DocxTemplate(str(template))
    images: dict[int, bytes] = {}
    ready = with_images(document, context, images)
    document.render(ready, shared_environment(), autoescape=True)
    fit_tables(document.docx)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))


def with_images(document: DocxTemplate, value: object, cache: dict[int, bytes]) -> object:
    """The context with every `Chart` replaced by an image of the document (each chart drawn once) and French
    typography on every text (non-breaking spaces before « : ; ! ? », inside « », in « 53 % »)."""
    if isinstance(value, str):
        return typography(value)
    if isinstance(value, Chart):
        if id(value) not in cache:
            cache[id(value)] = charts.png(value)
        return InlineImage(document, io.BytesIO(cache[id(value)]), width=Cm(value.width_cm))
    if isinstance(value, dict):
        return {k: with_images(document, v, cache) for k, v in value.items()}
    if isinstance(value, list):
        return [with_images(document, v, cache) for v in value]
    return value
