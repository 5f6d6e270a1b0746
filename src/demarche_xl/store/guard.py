"""Nothing lost silently: count what a workbook package holds before and after a rewrite, and name what went.

openpyxl keeps cells, styles, tables, charts, images, legacy comments, pivot tables and defined names, but drops
shapes, text boxes, slicers, threaded comments, sparklines, form controls and some Excel extensions. Rather than
trusting a list, we take a census of both packages and refuse the write when any count went down.
"""
from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

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
    (r"^xl/threadedComments/", "fil de commentaires"),
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
FORGOTTEN = ("commentaire de cellule", "fil de commentaires", "lien hypertexte")
_CELL_DATA = re.compile(rb"<sheetData(?=[\s/>])")
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def census(path: Path) -> Counter:
    """Counts keyed by (where, what): where is a sheet name or '' for the whole workbook."""
    counts: Counter = Counter()
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        for name in names:
            for pattern, label in PART_KINDS:
                if re.search(pattern, name):
                    counts[("", label)] += 1
            if re.match(r"^xl/drawings/drawing\d+\.xml$", name):
                data = package.read(name)
                for element, label in DRAWING_ELEMENTS:
                    counts[("", label)] += _count(data, element)
            if re.match(r"^xl/comments\d*\.xml$", name) or re.match(r"^xl/comments/.*\.xml$", name):
                counts[("", "commentaire de cellule")] += _count(package.read(name), "comment")
        workbook = package.read("xl/workbook.xml") if "xl/workbook.xml" in names else b""
        counts[("", "nom défini")] += _count(workbook, "definedName")
        for sheet, part in sheet_parts(package).items():
            if part in names:
                whole = package.read(part)
                for attribute, label in CELL_METADATA if "xl/metadata.xml" in names else ():  # (else dangling)
                    counts[(sheet, label)] += whole.count(attribute)  # cells pointing to it: openpyxl drops that
                data = _outside_cells(whole)
                for element, label in SHEET_ELEMENTS:
                    counts[(sheet, label)] += _count(data, element)
    return +counts


def _count(data: bytes, element: str) -> int:
    pattern = rb"<(?:\w+:)?" + element.encode() + rb"[\s>/]"
    return len(re.findall(pattern, data))


def _outside_cells(xml: bytes) -> bytes:
    """A sheet part without its cell data: every element counted above lives outside `<sheetData>`, and skipping
    the cells makes the census of a sheet of 10,000 rows instant."""
    span = cell_data_span(xml)
    return xml if span is None else xml[:span[0]] + xml[span[1]:]


def cell_data_span(xml: bytes) -> tuple[int, int] | None:
    """Start and end of the one `<sheetData>` element of a worksheet part (unprefixed), or None."""
    opening = [m.start() for m in _CELL_DATA.finditer(xml)]
    if len(opening) != 1:
        return None
    start = opening[0]
    tag_end = xml.find(b">", start)
    if tag_end < 0:
        return None
    if xml[tag_end - 1:tag_end] == b"/":
        return start, tag_end + 1
    close = xml.find(b"</sheetData>", tag_end)
    if close < 0:
        return None
    return start, close + len(b"</sheetData>")


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
