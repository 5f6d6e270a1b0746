"""Nothing lost silently: count what a workbook package holds before and after a rewrite, and name what went.

openpyxl keeps cells, styles, tables, charts, images, legacy comments, pivot tables and defined names, but drops
shapes, text boxes, slicers, threaded comments, sparklines, form controls and some Excel extensions. Rather than
trusting a list, we take a census of both packages and refuse the write when any count went down.
"""
from __future__ import annotations

import hashlib
import re
import zipfile
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

THREADS = "commentaire (fil de discussion)"
# part path pattern → French name of what it holds
PART_KINDS: tuple[tuple[str, str], ...] = (
    (r"^xl/charts/chart\d+\.xml$", "graphique"),
    (r"^xl/chartsheets/.*\.xml$", "feuille graphique"),
    (r"^xl/media/", "image"),
    (r"^xl/pivotTables/pivotTable\d+\.xml$", "tableau croisé dynamique"),
    (r"^xl/slicers/", "segment (slicer)"),
    (r"^xl/timelines/", "chronologie"),
    (r"^xl/vbaProject\.bin$", "projet de macros VBA"),
    (r"^xl/externalLinks/externalLink\d+\.xml$", "liaison vers un autre classeur"),
    (r"^xl/threadedComments/", THREADS),  # counted comment by comment (see `survey`)
    (r"^xl/persons/", "auteurs des commentaires"),
    (r"^xl/ctrlProps/", "contrôle de formulaire"),
    (r"^xl/connections\.xml$", "connexion de données (Power Query)"),
    (r"^xl/queryTables/", "table de requête"),
    (r"^xl/model/", "modèle de données"),
    (r"^customXml/item\d+\.xml$", "données XML personnalisées"),
    (r"^xl/activeX/", "contrôle ActiveX"),
    (r"^xl/embeddings/", "objet incorporé"),
)
# element local name in a sheet part → French name
SHEET_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("conditionalFormatting", "mise en forme conditionnelle"),
    ("dataValidation", "liste déroulante ou validation"),
    ("hyperlink", "lien hypertexte"),
    ("mergeCell", "cellules fusionnées"),
    ("sparklineGroup", "graphique sparkline"),
    ("tablePart", "tableau Excel"),
    ("sheetProtection", "protection de feuille"),
    ("picture", "image d'arrière-plan"),
    ("control", "contrôle de formulaire"),
    ("oleObject", "objet incorporé"),
)
CELL_METADATA: tuple[tuple[bytes, str], ...] = (
    (b' cm="', "formule matricielle dynamique"),
    (b' vm="', "cellule à type de données lié"),
)
DRAWING_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("sp", "forme ou zone de texte"),
    ("cxnSp", "connecteur ou flèche"),
    ("grpSp", "groupe de formes"),
    ("pic", "image"),
    ("graphicFrame", "graphique ou SmartArt"),
)
# may name people: the purge of personal data drops them
FORGOTTEN = ("commentaire de cellule", THREADS, "auteurs des commentaires", "lien hypertexte")
_AFTER_NAME = (b" ", b"\t", b"\r", b"\n", b"/", b">")  # what may follow an element's name in its tag
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass
class Survey:
    """One reading of a package: the census, and per sheet a digest of its cell data (`<sheetData>`)."""

    counts: Counter = field(default_factory=Counter)
    cells: dict[str, bytes] = field(default_factory=dict)  # sheet -> digest of its cell data (b"" if none found)
    shared: dict[str, bool] = field(default_factory=dict)  # sheet -> whether its cells use the shared strings
    spans: dict[str, tuple[int, int] | None] = field(default_factory=dict)  # sheet -> its cell data's place
    strings: bytes = b""  # digest of xl/sharedStrings.xml
    damaged: list[tuple[str, str]] = field(default_factory=list)  # (sheet, what is wrong) — see `readable`


def census(path: Path) -> Counter:
    """Counts keyed by (where, what): where is a sheet name or '' for the whole workbook."""
    return survey(path).counts


def survey(path: Path, only: set[str] | None = None, package=None,
           known: dict[str, tuple[bytes, Counter]] | None = None) -> Survey:
    """The census of the package at `path`, with each sheet's cell-data digest and damage, in one reading; with
    `only`, digests of those sheets only and no damage check (the package the tool has just written). `package`:
    the same package already open (`store.package.Package`), whose parts are then inflated once for every pass.
    `known`: sheet → (digest, counts) of sheets whose part is stored with the very bytes of a part already
    surveyed (see `loss_guard`): the same content, not inflated again."""
    from demarche_xl.store.readable import damage

    found = Survey()
    counts = found.counts
    with nullcontext(package) if package is not None else zipfile.ZipFile(path) as package:
        names = package.namelist()
        for name in names:
            for pattern, label in PART_KINDS:
                if re.search(pattern, name):
                    counts[("", label)] += _count(package.read(name), "threadedComment") if label == THREADS else 1
            if re.match(r"^xl/drawings/drawing\d+\.xml$", name):
                data = package.read(name)
                for element, label in DRAWING_ELEMENTS:
                    counts[("", label)] += _count(data, element)
            if re.match(r"^xl/comments\d*\.xml$", name) or re.match(r"^xl/comments/.*\.xml$", name):
                counts[("", "commentaire de cellule")] += _count(package.read(name), "comment")
        workbook = package.read("xl/workbook.xml") if "xl/workbook.xml" in names else b""
        counts[("", "nom défini")] += _count(workbook, "definedName")
        if "xl/sharedStrings.xml" in names:
            found.strings = _digest(package.read("xl/sharedStrings.xml"))
        for sheet, part in sheet_parts(package).items():
            if part in names and only is not None and sheet in (known or {}):
                digest, sheet_counts = known[sheet]
                found.cells[sheet] = digest
                counts.update(sheet_counts)
            elif part in names:
                whole = package.read(part)
                wrong = damage(whole) if only is None else ""
                if wrong:
                    found.damaged.append((sheet, wrong))
                for attribute, label in CELL_METADATA if "xl/metadata.xml" in names else ():  # (else dangling)
                    counts[(sheet, label)] += whole.count(attribute)  # cells pointing to it: openpyxl drops that
                span = cell_data_span(whole)
                if only is None or sheet in only:
                    found.cells[sheet] = _digest(whole[span[0]:span[1]]) if span else b""
                if only is None:  # asked of the original only (see `loss_guard`; `set_aside` reuses both)
                    found.shared[sheet] = span is not None and uses_shared_strings(whole, *span)
                    found.spans[sheet] = span
                data = whole if span is None else whole[:span[0]] + whole[span[1]:]
                for element, label in SHEET_ELEMENTS:
                    counts[(sheet, label)] += _count(data, element)
    found.counts = +counts
    return found


def uses_shared_strings(xml: bytes, start: int, end: int) -> bool:
    """Whether cells between `start` and `end` point into the shared strings (plain searches: a regular expression
    without a literal start would walk the whole sheet slowly)."""
    return any(xml.find(b" t=" + quote + b"s" + quote, start, end) >= 0 for quote in (b'"', b"'"))


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _count(data: bytes, element: str) -> int:
    pattern = rb"<(?:\w+:)?" + element.encode() + rb"[\s>/]"
    return len(re.findall(pattern, data))


def cell_data_span(xml: bytes) -> tuple[int, int] | None:
    """Start and end of the one `<sheetData>` element of a worksheet part (unprefixed), or None (none, or two)."""
    start = _opening(xml, 0)
    if start < 0:
        return None
    tag_end = xml.find(b">", start)
    if tag_end < 0:
        return None
    if xml[tag_end - 1:tag_end] == b"/":
        end = tag_end + 1
    else:
        close = xml.find(b"</sheetData>", tag_end)
        if close < 0:
            return None
        end = close + len(b"</sheetData>")
    if _opening(xml, end) >= 0:  # a second element
        return None
    return start, end


def _opening(xml: bytes, start: int) -> int:
    """Where the next `<sheetData` element starts from `start` (plain searches: a regular expression without a
    literal start would walk the whole sheet slowly), or -1."""
    while True:
        found = xml.find(b"<sheetData", start)
        if found < 0 or xml[found + 10:found + 11] in _AFTER_NAME:
            return found
        start = found + 1


def sheet_parts_at(path: Path) -> dict[str, str]:
    """`sheet_parts` of the package at `path`; empty when it cannot be read (the readers say what is wrong)."""
    try:
        with zipfile.ZipFile(path) as package:
            return sheet_parts(package)
    except Exception:  # noqa: BLE001 - a damaged package: calamine has already said so, or will
        return {}


def sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → part path, from workbook.xml and its relationships."""
    try:
        workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = {}
    for sheet in workbook.iter():
        if sheet.tag.endswith("}sheet"):
            target = targets.get(sheet.get(REL_NS + "id"), "")
            target = target.lstrip("/")
            parts[sheet.get("name", "")] = target if target.startswith("xl/") else "xl/" + target
    return parts


def losses(before: Counter, after: Counter, dropped_sheets: set[str] = frozenset(), forgotten: bool = False
           ) -> list[str]:
    """French lines naming what `after` lacks compared with `before` (apart from deliberately dropped sheets and,
    when `forgotten`, comments and e-mail links removed with personal data)."""
    lines = []
    for (where, label), count in sorted(before.items()):
        if where in dropped_sheets or (forgotten and label in FORGOTTEN):
            continue
        missing = count - after.get((where, label), 0)
        if missing > 0:
            place = f"feuille « {where} »" if where else "classeur"
            lines.append(f"{place} : {missing} × {label}")
    return lines
