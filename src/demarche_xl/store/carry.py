"""Package parts openpyxl does not know, carried over byte for byte when the file store saves a workbook.

openpyxl writes only what it models: sheets, styles, theme, strings, charts, images, comments, tables, pivot
tables, external links and the document properties. Every other part a workbook holds — the xlwings Lite task pane
(`xl/webextensions/*`, linked from the package root), the cell metadata of dynamic arrays (`xl/metadata.xml`), linked
data types (`xl/richData/*`), custom XML parts (`customXml/*`), connections, the thumbnail… — would vanish.

`collect` reads those parts from the original package: the targets of the root's and the workbook's relationships
whose type openpyxl does not write, with everything they point to in turn (their own `_rels`). `Carried.fit` then
looks at the package openpyxl saved: a part already written there identically is left alone, a part whose name
openpyxl gave to another content (it numbers images anew) gets a free name, the relationships that lead to it
following, and the rest is added back with its relationship (from the package root or the workbook) and its content
type. Only the two relationship lists and `[Content_Types].xml` are edited; every carried part keeps its bytes
(a renamed part's relationships aside). Parts reached only from a sheet or a drawing openpyxl rewrites (a slicer, a
threaded comment) cannot be carried this way: the loss guard names them and the step refuses (`guard`).
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from demarche_xl.xml_text import quoteattr

ROOT_RELS, WORKBOOK_RELS, CONTENT_TYPES = "_rels/.rels", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# last segment of the relationship types openpyxl writes itself (or must never be carried: calcChain is rebuilt by
# Excel; a macro project cannot live in an .xlsx and the loss guard names it)
OPENPYXL_TYPES = {"officeDocument", "core-properties", "extended-properties", "custom-properties", "worksheet",
                  "chartsheet", "styles", "theme", "sharedStrings", "externalLink", "pivotCacheDefinition",
                  "calcChain", "vbaProject", "thumbnail"}  # a thumbnail would show the sheet before the step


@dataclass
class Link:
    """One relationship of the root or the workbook to a carried part."""

    owner: str  # the relationship part holding it (ROOT_RELS or WORKBOOK_RELS)
    rel_id: str
    rel_type: str
    target: str  # as written in the original (relative to the owner's folder, or absolute)
    part: str  # the part it points to, as a package path without leading slash


@dataclass
class Carried:
    """What the original package holds that openpyxl will not write."""

    links: list[Link] = field(default_factory=list)
    parts: dict[str, bytes] = field(default_factory=dict)  # part name -> original bytes (their _rels included)
    content_types: dict[str, str] = field(default_factory=dict)  # part name -> its content type
    defaults: dict[str, str] = field(default_factory=dict)  # extension -> content type, for parts typed by extension
    # after `fit`: what is still to add to the saved package
    missing: dict[str, bytes] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.parts)

    def fit(self, saved: zipfile.ZipFile) -> None:
        """Compare with the package openpyxl saved: what must be added back. A name openpyxl used for another content
        (it numbers images anew) is freed by giving the carried part a new name, its relationships following it."""
        names = set(saved.namelist())
        for name in [n for n in self.parts if "/_rels/" not in n and n in names and saved.read(n) != self.parts[n]]:
            self._rename(name, _free_name(name, names | set(self.parts)))
        self.missing = {name: data for name, data in self.parts.items() if name not in names}

    def _rename(self, old: str, new: str) -> None:
        self.parts[new] = self.parts.pop(old)
        if rels_of(old) in self.parts:  # its own relationships: targets relative to the same folder, unchanged
            self.parts[rels_of(new)] = self.parts.pop(rels_of(old))
        if old in self.content_types:
            self.content_types[new] = self.content_types.pop(old)
        for rels_part, data in list(self.parts.items()):
            if rels_part.endswith(".rels"):
                self.parts[rels_part] = _retarget(rels_part, data, old, new)
        for link in self.links:
            if link.part == old:
                link.part, link.target = new, posixpath.join(posixpath.dirname(link.target), posixpath.basename(new))

    def patch(self, name: str, data: bytes) -> bytes:
        """The saved package's part `name` with what the carried parts need: their relationships, their types."""
        if not self.missing:
            return data
        if name in (ROOT_RELS, WORKBOOK_RELS):
            return _add_relationships(data, [link for link in self.links
                                             if link.owner == name and link.part in self.missing])
        if name == CONTENT_TYPES:
            return _add_content_types(data, self)
        return data

    def write_missing(self, out: zipfile.ZipFile) -> None:
        for name, data in self.missing.items():
            out.writestr(name, data, zipfile.ZIP_DEFLATED)


def collect(path: Path) -> Carried:
    """The parts of the package at `path` openpyxl does not write, with the relationships leading to them."""
    carried = Carried()
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        for owner in (ROOT_RELS, WORKBOOK_RELS):
            for rel in _relationships(package, owner, names):
                rel_type = rel.get("Type", "")
                if rel.get("TargetMode") == "External" or rel_type.rsplit("/", 1)[-1] in OPENPYXL_TYPES:
                    continue
                part = resolve(owner, rel.get("Target", ""))
                if part not in names:
                    continue
                carried.links.append(Link(owner, rel.get("Id", ""), rel_type, rel.get("Target", ""), part))
                _take(package, part, names, carried)
        if carried.parts:
            _read_types(package, carried, names)
    return carried


def copy_with(saved: Path, target: Path, carried: Carried) -> None:
    """Copy the package openpyxl `saved` to `target` with the carried parts added back (see `Carried.fit`)."""
    with zipfile.ZipFile(saved) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        carried.fit(package)
        for info in package.infolist():
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(entry, carried.patch(info.filename, package.read(info.filename)))
        carried.write_missing(out)


def resolve(owner: str, target: str) -> str:
    """The package path a relationship target of the relationship part `owner` names."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    source_folder = posixpath.dirname(posixpath.dirname(owner))  # "xl/_rels/workbook.xml.rels" -> "xl"
    return posixpath.normpath(posixpath.join(source_folder, target))


def rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _take(package: zipfile.ZipFile, part: str, names: set[str], carried: Carried) -> None:
    """Add `part`, its relationship part and, through it, every part it points to inside the package."""
    if part in carried.parts:
        return
    carried.parts[part] = package.read(part)
    own = rels_of(part)
    if own not in names:
        return
    carried.parts[own] = package.read(own)
    for rel in _relationships(package, own, names):
        if rel.get("TargetMode") != "External":
            inner = resolve(own, rel.get("Target", ""))
            if inner in names:
                _take(package, inner, names, carried)


def _free_name(name: str, taken: set[str]) -> str:
    stem, extension = posixpath.splitext(name)
    number = 1
    while f"{stem}_{number}{extension}" in taken:
        number += 1
    return f"{stem}_{number}{extension}"


def _retarget(rels_part: str, data: bytes, old: str, new: str) -> bytes:
    """The relationship part with every target naming the part `old` pointing to `new` (same folder)."""
    def swap(found: re.Match) -> bytes:
        target = found.group(2).decode()
        if resolve(rels_part, target) != old:
            return found.group(0)
        moved = posixpath.join(posixpath.dirname(target), posixpath.basename(new))
        return found.group(1) + moved.encode() + found.group(3)

    return re.sub(rb'(\sTarget=")([^"]*)(")', swap, data)


def _relationships(package: zipfile.ZipFile, rels_part: str, names: set[str]) -> list[ElementTree.Element]:
    if rels_part not in names:
        return []
    try:
        root = ElementTree.fromstring(package.read(rels_part))
    except ElementTree.ParseError:
        return []
    return [rel for rel in root if rel.tag == PKG_REL_NS + "Relationship"]


def _read_types(package: zipfile.ZipFile, carried: Carried, names: set[str]) -> None:
    if CONTENT_TYPES not in names:
        return
    try:
        root = ElementTree.fromstring(package.read(CONTENT_TYPES))
    except ElementTree.ParseError:
        return
    overrides = {e.get("PartName", "").lstrip("/"): e.get("ContentType", "") for e in root
                 if e.tag == TYPES_NS + "Override"}
    defaults = {e.get("Extension", "").lower(): e.get("ContentType", "") for e in root
                if e.tag == TYPES_NS + "Default"}
    for name in carried.parts:
        if name in overrides:
            carried.content_types[name] = overrides[name]
        else:
            extension = posixpath.splitext(name)[1].lstrip(".").lower()
            if extension in defaults:
                carried.defaults[extension] = defaults[extension]


def _add_relationships(data: bytes, links: list[Link]) -> bytes:
    taken = set(re.findall(rb'\sId="([^"]*)"', data))
    known = set(re.findall(rb'\sTarget="([^"]*)"', data))
    added = b""
    for link in links:
        if link.target.encode() in known:
            continue
        rel_id, number = link.rel_id, 1
        while not rel_id or rel_id.encode() in taken:
            rel_id, number = f"rIdCarried{number}", number + 1
        taken.add(rel_id.encode())
        added += (f"<Relationship Id={quoteattr(rel_id)} Type={quoteattr(link.rel_type)} "
                  f"Target={quoteattr(link.target)}/>").encode()
    return _insert_before(data, b"</Relationships>", added)


def _add_content_types(data: bytes, carried: Carried) -> bytes:
    present = {m.lower() for m in re.findall(rb'\sExtension="([^"]*)"', data)}
    overridden = set(re.findall(rb'\sPartName="([^"]*)"', data))
    added = b""
    for extension, content_type in carried.defaults.items():
        if extension.encode() not in present:
            added += f"<Default Extension={quoteattr(extension)} ContentType={quoteattr(content_type)}/>".encode()
    for name, content_type in carried.content_types.items():
        if name in carried.missing and ("/" + name).encode() not in overridden:
            added += f"<Override PartName={quoteattr('/' + name)} ContentType={quoteattr(content_type)}/>".encode()
    return _insert_before(data, b"</Types>", added)


def _insert_before(xml: bytes, closing: bytes, element: bytes) -> bytes:
    if not element:
        return xml
    at = xml.rfind(closing)
    if at < 0:
        return xml
    return xml[:at] + element + xml[at:]
