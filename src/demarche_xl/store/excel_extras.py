"""What Excel writes inside a worksheet that openpyxl drops, put back after openpyxl has saved.

- Threaded comments (Excel 365: every comment a colleague types is one; `xl/threadedComments/*`, linked from the
  sheet, their authors in `xl/persons/person.xml`, linked from the workbook and carried by `carry`). Excel also
  writes each thread as a legacy comment at the same cell (author « tc={id} »), which openpyxl keeps on its cell.
  A thread is put back, with its relationship from the saved sheet and its content type, when its legacy comment
  is still at its cell (or at the cell it moved to with its row, see `comment_rows`); otherwise it is left out and
  the loss guard names it (`guard` counts the threads).
- The worksheet's extension list (`<extLst>` at the end of the sheet): Excel 2010+ data validations pointing to
  another sheet (`x14:dataValidations`), data bars and icon sets (`x14:conditionalFormattings`), sparklines
  (`x14:sparklineGroups`)… Each extension that refers to no other part (no `r:id`) is put back as Excel wrote it,
  with the namespace declarations of the original root it uses; an extension with a relationship (slicers,
  timelines) is not: the loss guard names what it held.
Nothing is done, and no package is copied again, when the workbook holds neither (`Extras` is then false).
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from demarche_xl.store.carry import CONTENT_TYPES, WORKBOOK_RELS, rels_of, resolve
from demarche_xl.store.guard import cell_data_span, sheet_parts

THREAD_REL = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
PERSON_REL = "http://schemas.microsoft.com/office/2017/10/relationships/person"
THREAD_TYPE = "application/vnd.ms-excel.threadedcomments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>")
_THREAD = re.compile(rb"<threadedComment\b[^>]*?(?:/>|>.*?</threadedComment>)", re.S)
_REF = re.compile(rb"""\sref=(["'])(.*?)\1""")
_EXT = re.compile(rb"<ext\b.*?</ext>", re.S)
_ROOT = re.compile(rb"<worksheet\b[^>]*>")
_DECLARATION = re.compile(rb"""\sxmlns:([\w.-]+)=(["'])(.*?)\2""")
_IGNORABLE = re.compile(rb"""\s[\w.-]+:Ignorable=(["']).*?\1""")
_PREFIX = re.compile(rb"[<\s/]([A-Za-z_][\w.-]*):[A-Za-z_]")


@dataclass
class Extras:
    threads: dict[str, list[bytes]] = field(default_factory=dict)  # sheet -> its threaded comment parts
    extensions: dict[str, bytes] = field(default_factory=dict)  # sheet -> the <ext> elements to put back
    roots: dict[str, bytes] = field(default_factory=dict)  # sheet -> its original <worksheet …> start tag
    moves: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet -> old cell -> new cell (`comment_rows`)

    def __bool__(self) -> bool:
        return bool(self.threads or self.extensions)

    def renamed(self, renames: dict[str, str]) -> None:
        for kept in (self.threads, self.extensions, self.roots):
            for old, new in renames.items():
                if old in kept:
                    kept[new] = kept.pop(old)


def collect(path: Path, package=None) -> Extras:
    """The threaded comments and worksheet extensions of the package at `path` (or `package`, the same already open,
    see `store.package`), sheet by sheet."""
    extras = Extras()
    with nullcontext(package) if package is not None else zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        for sheet, part in sheet_parts(package).items():
            if part not in names:
                continue
            xml = package.read(part)
            found = [package.read(p) for p in _targets(package, part, names, THREAD_REL)]
            if found:
                extras.threads[sheet] = found
            kept = _extensions(xml)
            if kept:
                extras.extensions[sheet] = kept
            if found or kept:
                root = _ROOT.search(xml)
                extras.roots[sheet] = root.group(0) if root else b""
    return extras


def restore(saved: Path, target: Path, extras: Extras, forget_people: bool = False) -> None:
    """Copy the package `saved` to `target` with the threads whose legacy comment is still at their cell and the
    worksheet extensions put back (threads are left out when the plan forgets people)."""
    with zipfile.ZipFile(saved) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        names = set(package.namelist())
        parts = sheet_parts(package)
        edited: dict[str, bytes] = {}
        added: dict[str, bytes] = {}
        overrides: list[str] = []
        for sheet, part in parts.items():
            if part not in names:
                continue
            if sheet in extras.extensions:
                edited[part] = _with_extensions(package.read(part), extras.extensions[sheet], extras.roots[sheet])
            if sheet in extras.threads and not forget_people:
                anchored = _legacy_refs(package, part, names)
                moves = extras.moves.get(sheet, {})
                for data in extras.threads[sheet]:
                    data = _anchored_threads(data, anchored, moves)
                    if data is None:
                        continue
                    name = _free_name(names | set(added))
                    added[name] = data
                    overrides.append(name)
                    rels = rels_of(part)
                    current = edited.get(rels) or (package.read(rels) if rels in names else _EMPTY_RELS)
                    target_name = posixpath.relpath(name, posixpath.dirname(part))
                    edited[rels] = _add_relationship(current, THREAD_REL, target_name)
        if forget_people:  # the purge: the authors of the threads go with them
            _forget_persons(package, names, edited)
        if overrides:
            types = edited.get(CONTENT_TYPES) or package.read(CONTENT_TYPES)
            edited[CONTENT_TYPES] = types.replace(b"</Types>", b"".join(
                b'<Override PartName="/' + n.encode() + b'" ContentType="' + THREAD_TYPE.encode() + b'"/>'
                for n in overrides) + b"</Types>")
        for info in package.infolist():
            if info.filename in edited and edited[info.filename] is None:
                continue
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(entry, edited.pop(info.filename, None) or package.read(info.filename))
        for name, data in {**edited, **added}.items():  # a sheet's relationship part openpyxl did not write
            if data is not None:
                out.writestr(name, data, zipfile.ZIP_DEFLATED)


_EMPTY_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
               b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')


def _targets(package: zipfile.ZipFile, part: str, names: set[str], rel_type: str) -> list[str]:
    rels = rels_of(part)
    if rels not in names:
        return []
    found = []
    for rel in _RELATIONSHIP.findall(package.read(rels)):
        kind, target = _attribute(rel, b"Type"), _attribute(rel, b"Target")
        if kind == rel_type.encode() and b'TargetMode="External"' not in rel:
            resolved = resolve(rels, target.decode())
            if resolved in names:
                found.append(resolved)
    return found


def _attribute(element: bytes, name: bytes) -> bytes:
    found = re.search(rb"\s" + name + rb"""=(["'])(.*?)\1""", element)
    return found.group(2) if found else b""


def _extensions(xml: bytes) -> bytes:
    """The <ext> elements of the worksheet's own extension list (its last child) that refer to no other part."""
    end = xml.rfind(b"</worksheet>")
    body = xml[:end].rstrip()
    if end < 0 or not body.endswith(b"</extLst>"):
        return b""
    span = cell_data_span(xml)
    depth, start = 0, -1
    for found in re.finditer(rb"<extLst>|</extLst>|<extLst\s[^>]*>", body[span[1] if span else 0:]):
        closing = found.group(0).startswith(b"</")
        if not closing and depth == 0:
            start = found.start() + (span[1] if span else 0)
        depth += -1 if closing else 1
    if start < 0:
        return b""
    whole = body[start:]
    return b"".join(ext for ext in _EXT.findall(whole) if b" r:id=" not in ext and b":id=\"rId" not in ext)


def _with_extensions(xml: bytes, extensions: bytes, original_root: bytes) -> bytes:
    """The saved sheet with the extensions appended in its own extension list, and the namespace declarations
    (and ignorable prefixes) of the original root they need."""
    end = xml.rfind(b"</worksheet>")
    if end < 0:
        return xml
    body = xml[:end]
    if body.rstrip().endswith(b"</extLst>"):
        at = body.rfind(b"</extLst>")
        xml = body[:at] + extensions + body[at:] + xml[end:]
    else:
        xml = body + b"<extLst>" + extensions + b"</extLst>" + xml[end:]
    root = _ROOT.search(xml)
    if root is None:
        return xml
    tag = root.group(0)
    declared = {m.group(1) for m in _DECLARATION.finditer(tag)}
    used = set(_PREFIX.findall(extensions)) - {b"xmlns"}
    ignorable = _IGNORABLE.search(original_root)
    add_ignorable = ignorable is not None and not _IGNORABLE.search(tag)
    if add_ignorable:  # every prefix it lists must be declared, and so must « mc »
        used |= {b"mc", *re.findall(rb"[\w.-]+", ignorable.group(0).split(b"=", 1)[1])}
    extra = b"".join(b" xmlns:" + m.group(1) + b'="' + m.group(3) + b'"' for m in _DECLARATION.finditer(original_root)
                     if m.group(1) in used and m.group(1) not in declared)
    if add_ignorable:
        extra += ignorable.group(0)
    cut = len(tag) - (2 if tag.endswith(b"/>") else 1)
    return xml[:root.start()] + tag[:cut] + extra + tag[cut:] + xml[root.end():]


def _legacy_refs(package: zipfile.ZipFile, part: str, names: set[str]) -> set[str]:
    """Cells holding a legacy comment in the saved sheet."""
    refs = set()
    for comments in _targets(package, part, names, COMMENTS_REL):
        refs |= {m.group(2).decode() for m in re.finditer(rb"<comment\b[^>]*?\sref=([\"'])(.*?)\1",
                                                            package.read(comments))}
    return refs


def _anchored_threads(data: bytes, anchored: set[str], moves: dict[str, str]) -> bytes | None:
    """The thread part with each thread at its (moved) cell, without the threads that lost their legacy comment;
    None when none is left."""
    kept = []

    def edit(found: re.Match) -> bytes:
        element = found.group(0)
        ref = _REF.search(element)
        cell = ref.group(2).decode() if ref else ""
        cell = moves.get(cell, cell)
        if cell not in anchored:
            return b""
        kept.append(cell)
        return element[:ref.start()] + b' ref="' + cell.encode() + b'"' + element[ref.end():]

    edited = _THREAD.sub(edit, data)
    return edited if kept else None


def _free_name(taken: set[str]) -> str:
    number = 1
    while f"xl/threadedComments/threadedComment{number}.xml" in taken:
        number += 1
    return f"xl/threadedComments/threadedComment{number}.xml"


def _add_relationship(rels: bytes, rel_type: str, target: str) -> bytes:
    number = 1
    while b'Id="rIdThread%d"' % number in rels:
        number += 1
    element = (b'<Relationship Id="rIdThread%d" Type="' % number + rel_type.encode() + b'" Target="'
               + target.encode() + b'"/>')
    return rels.replace(b"</Relationships>", element + b"</Relationships>")


def _forget_persons(package: zipfile.ZipFile, names: set[str], edited: dict) -> None:
    """Leave out the list of the threads' authors, its relationship from the workbook and its content type."""
    persons = _targets(package, "xl/workbook.xml", names, PERSON_REL)
    if not persons:
        return
    for name in persons:
        edited[name] = None
    rels = package.read(WORKBOOK_RELS)
    edited[WORKBOOK_RELS] = b"".join(part for part in re.split(rb"(<Relationship\b[^>]*>)", rels)
                                     if PERSON_REL.encode() not in part)
    types = package.read(CONTENT_TYPES)
    edited[CONTENT_TYPES] = re.sub(rb"<Override\b[^>]*PartName=\"/(?:" + b"|".join(
        re.escape(n.encode()) for n in persons) + rb")\"[^>]*/>", b"", types)
