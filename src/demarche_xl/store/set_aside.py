"""Cells a step does not touch stay as they are, byte for byte, and cost nothing to save.

Before openpyxl opens a workbook, the cell data (`<sheetData>`) of every worksheet the write plan does not write is
set aside: openpyxl sees those sheets with their layout, tables, validations, conditional formats, merged cells,
comments and links, but without cells. After openpyxl has saved, the original cell data is put back in place of the
empty one. openpyxl therefore parses and writes only the sheets a step writes, which is what makes a step fast on a
workbook holding thousands of answers, and the untouched cells keep exactly what Excel wrote.

Why the original cell data stays valid in the saved package:
- styles: openpyxl keeps the workbook's cell formats (`cellXfs`) in their original order and only appends new
  ones, so a cell's style number `s="…"` still names the same format;
- strings: openpyxl 3.1 writes every string inline and no shared-string table, so when set-aside cells refer to the
  original shared strings (`t="s"`), the original table is put back with its relationship and content type.
Anything unexpected (a shared-string table already present, a sheet that went missing) raises `CannotSetAside`, and
the file store then does the ordinary full load instead. A sheet whose cells refer to cell metadata (Excel's dynamic
arrays) is not set aside: openpyxl drops that part, so only its rewrite of the cells stays consistent.
"""
from __future__ import annotations

import re
import zipfile
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from demarche_xl.store import deflate_ahead
from demarche_xl.store.carry import Carried
from demarche_xl.store.guard import cell_data_span, sheet_parts, uses_shared_strings
from demarche_xl.store.package import Package, can_copy_into, copy_compressed
from demarche_xl.store.trim import header_and_formats

SHARED_STRINGS, METADATA = "xl/sharedStrings.xml", "xl/metadata.xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
STRINGS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
EMPTY_CELLS = b"<sheetData/>"
_DIMENSION = re.compile(rb"<dimension\b[^>]*/>")
_ROOT = re.compile(rb"<worksheet\b[^>]*>")
_DECLARATION = re.compile(rb"""\sxmlns:([\w.-]+)=(["'])(.*?)\2""")
_IGNORABLE = re.compile(rb"""\s[\w.-]+:Ignorable=(["']).*?\1""")
# cells pointing into xl/metadata.xml (dynamic arrays, data types): set aside when that part is there (`carry` takes
# it over), else left to openpyxl, which writes them without the dangling reference
_METADATA = re.compile(rb"""<c\b[^>]*\s[cv]m=["']""")


class CannotSetAside(Exception):
    """The package does not look as expected: write it the ordinary way."""


@dataclass
class SetAside:
    cells: dict[str, bytes] = field(default_factory=dict)  # sheet name -> its original <sheetData> element
    dimensions: dict[str, bytes] = field(default_factory=dict)  # sheet name -> its original <dimension/> or b""
    shared_strings: bytes | None = None  # the original shared-string table, when set-aside cells use it
    generated: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # sheet -> data rows, dimension (bulk_rows)
    deflating: dict[str, deflate_ahead.Deflating] = field(default_factory=dict)  # sheet -> its rows being deflated
    roots: dict[str, bytes] = field(default_factory=dict)  # sheet name -> its original <worksheet …> start tag
    sources: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # sheet name -> its original part, bytes
    formats: dict[str, dict[tuple[int, int], int]] = field(default_factory=dict)  # sheet opened with its header only
    # -> (row, column) -> style number of the old cells below (see `trim`)


def set_aside(source: Path, target: Path, keep: set[str], rewritten: dict[str, set[int] | None],
              package: Package | None = None, surveyed=None) -> SetAside:
    """Copy the package `source` (or `package`, the same already open) to `target`, emptying the cell data of every
    worksheet whose name is not in `keep`, and keeping only the header row of the sheets in `rewritten` (name →
    columns the step clears, None for all) when `trim` finds nothing to lose below it; return what was set aside.
    `target` is a scratch file only openpyxl reads: its parts are compressed as fast as zlib can. `surveyed`: the
    loss guard's survey of that same package (`guard.Survey`), whose cell data places it reuses."""
    spans, shared = (surveyed.spans, surveyed.shared) if surveyed is not None else ({}, {})
    aside = SetAside()
    opened = nullcontext(package) if package is not None else zipfile.ZipFile(source)
    with opened as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        parts = {part: name for name, part in sheet_parts(package).items()
                 if name not in keep or name in rewritten}
        uses_shared, has_metadata = False, METADATA in package.namelist()
        for info in package.infolist():
            data = package.read(info.filename)
            name = parts.get(info.filename)
            span = None
            if name is not None and info.filename.startswith("xl/worksheets/"):
                span = spans[name] if name in spans else cell_data_span(data)
            if span is not None and name in rewritten:
                trimmed = header_and_formats(data[span[0]:span[1]], rewritten[name])
                if trimmed is not None:
                    aside.formats[name] = trimmed[1]
                    data = data[:span[0]] + trimmed[0] + data[span[1]:]
            elif span is not None and (has_metadata or not _points_to_metadata(data, *span)):
                start, end = span
                aside.sources[name] = (info.filename, data)
                aside.cells[name] = data[start:end]
                root = _ROOT.search(data, 0, start)
                aside.roots[name] = root.group(0) if root else b""
                dimension = _DIMENSION.search(data, 0, start)
                aside.dimensions[name] = dimension.group(0) if dimension else b""
                uses_shared = uses_shared or (shared[name] if name in shared else uses_shared_strings(data, start, end))
                data = data[:start] + EMPTY_CELLS + data[end:]
            out.writestr(_fresh(info), data, compresslevel=1)
        if uses_shared and SHARED_STRINGS in package.namelist():
            aside.shared_strings = package.read(SHARED_STRINGS)
    return aside


def _points_to_metadata(xml: bytes, start: int, end: int) -> bool:
    """Whether a cell between `start` and `end` points into xl/metadata.xml (plain searches first: the regular
    expression alone would try every cell of a large sheet)."""
    return ((xml.find(b"cm=", start, end) >= 0 or xml.find(b"vm=", start, end) >= 0)
            and _METADATA.search(xml, start, end) is not None)


def put_back(saved: Path, target: Path, aside: SetAside, carried: Carried | None = None,
             original: Package | None = None) -> None:
    """Copy the package openpyxl `saved` to `target` with the set-aside cell data back in place, and the parts
    openpyxl does not write (`carried`, see `carry`). A sheet that comes out byte for byte as it was in the
    `original` package keeps the original's compressed bytes (see `package`)."""
    carried = carried or Carried()
    with zipfile.ZipFile(saved) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        names = set(package.namelist())
        carried.fit(package)
        wanted = {*aside.cells, *aside.generated}
        parts = {part: name for name, part in sheet_parts(package).items() if name in wanted}
        if len(parts) != len(wanted) or not all(part in names for part in parts):
            raise CannotSetAside("une feuille mise de côté n'est plus dans le classeur enregistré")
        strings = aside.shared_strings
        if strings is not None and SHARED_STRINGS in names:
            raise CannotSetAside("openpyxl a écrit une table de chaînes partagées")
        for info in package.infolist():
            data = package.read(info.filename)
            if info.filename in parts:
                before, rows, after = _restore(data, aside, parts[info.filename])
                data = before + rows + after
                deflating = aside.deflating.get(parts[info.filename])
                if deflating is not None and deflating.data is rows and carried.patch(info.filename, data) is data \
                        and deflate_ahead.write(out, _fresh(info), before, deflating, after):
                    continue  # its rows were deflated while openpyxl saved
            elif strings is not None and info.filename == "[Content_Types].xml":
                data = _insert_before(data, b"</Types>", b'<Override PartName="/' + SHARED_STRINGS.encode()
                                      + b'" ContentType="' + STRINGS_TYPE.encode() + b'"/>')
            elif strings is not None and info.filename == "xl/_rels/workbook.xml.rels":
                data = _insert_before(data, b"</Relationships>", b'<Relationship Id="' + _free_id(data)
                                      + b'" Type="' + STRINGS_REL.encode() + b'" Target="sharedStrings.xml"/>')
            data = carried.patch(info.filename, data)
            if not (info.filename in parts and _copied(out, info, data, aside.sources.get(parts[info.filename]),
                                                       original)):
                out.writestr(_fresh(info), data)
        if strings is not None:
            out.writestr(SHARED_STRINGS, strings)
        carried.write_missing(out)


def _copied(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes, source: tuple[str, bytes] | None,
            original: Package | None) -> bool:
    """Whether the part `data` is the original part `source` (name, bytes) and was written into `out` as the
    original's compressed bytes."""
    if original is None or source is None or data != source[1] or not can_copy_into(out):
        return False
    found = original.compressed(source[0])
    if found is None:
        return False
    copy_compressed(out, _fresh(info), *found)
    return True


def _fresh(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A new entry for a part: the name and date of the original, none of its header details (LibreOffice's data
    descriptors and extra fields would not match what this writer puts down)."""
    entry = zipfile.ZipInfo(info.filename, info.date_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def _restore(xml: bytes, aside: SetAside, name: str) -> tuple[bytes, bytes, bytes]:
    """The saved sheet with its set-aside cell data back, or with the generated rows after openpyxl's header: in
    three pieces, the generated rows (or b"") in the middle."""
    span = cell_data_span(xml)
    if span is None:
        raise CannotSetAside(f"la feuille « {name} » enregistrée n'a pas de données de cellules")
    start, end = span
    head, tail = xml[:start], xml[end:]
    rows = b""
    if name in aside.generated:
        rows, ref = aside.generated[name]
        cells = xml[start:end]
        cells = b"<sheetData>" if cells.endswith(b"/>") else cells[:-len(b"</sheetData>")]
        tail = b"</sheetData>" + tail
        dimension = b'<dimension ref="' + ref.encode() + b'"/>'
    else:
        cells, dimension = aside.cells[name], aside.dimensions[name]
        head = _with_namespaces(head, aside.roots[name], name)
    found = _DIMENSION.search(head)
    if found:
        head = head[:found.start()] + dimension + head[found.end():]
    return head + cells, rows, tail


def _with_namespaces(head: bytes, original_root: bytes, name: str) -> bytes:
    """openpyxl's root element of the saved sheet, also declaring every prefix the original root declared (Excel's
    rows carry `x14ac:dyDescent`), and the original list of ignorable prefixes: the cells put back stay well-formed."""
    root = _ROOT.search(head)
    if root is None:
        raise CannotSetAside(f"la feuille « {name} » enregistrée n'a pas d'élément racine")
    tag = root.group(0)
    declared = {m.group(1): m.group(3) for m in _DECLARATION.finditer(tag)}
    extra = b""
    for found in _DECLARATION.finditer(original_root):
        prefix, uri = found.group(1), found.group(3)
        if prefix not in declared:
            extra += b" xmlns:" + prefix + b'="' + uri + b'"'
            declared[prefix] = uri
        elif declared[prefix] != uri:
            raise CannotSetAside(f"préfixe XML « {prefix.decode()} » lié à deux espaces de noms")
    ignorable = _IGNORABLE.search(original_root)
    if ignorable and not _IGNORABLE.search(tag):
        extra += ignorable.group(0)
    end = len(tag) - (2 if tag.endswith(b"/>") else 1)
    return head[:root.start()] + tag[:end] + extra + tag[end:] + head[root.end():]


def _insert_before(xml: bytes, closing: bytes, element: bytes) -> bytes:
    at = xml.rfind(closing)
    if at < 0:
        raise CannotSetAside(f"élément {closing.decode()} introuvable")
    return xml[:at] + element + xml[at:]


def _free_id(rels: bytes) -> bytes:
    number = 1
    while b'Id="rIdStrings%d"' % number in rels:
        number += 1
    return b"rIdStrings%d" % number
