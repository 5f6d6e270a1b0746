"""The parts of an .xlsx package that make Excel load xlwings Lite with the workbook (see the team's notes on
xlwings Lite): `xl/webextensions/webextension<n>.xml` names the add-in from Microsoft's store (`wa200008175`) and
holds its settings (each value JSON-encoded: `main.py`, `requirements.txt`, `pyodideVersion`, `addinVersion`, and
`Office.AutoShowTaskpaneWithDocument`, which asks Office to open the add-in's task pane with the workbook, offering
the add-in to a colleague who lacks it); `xl/webextensions/taskpanes.xml` docks that pane, visible, on the right; a
relationship from the package root and two content types declare them.

`write` adds these parts, or refreshes the settings of an existing xlwings Lite extension (keeping its id, the other
settings the add-in wrote, and any other add-in's parts); `read` returns the settings. Only the package's
relationships, content types and the webextension parts are rewritten; every other part keeps its bytes."""
from __future__ import annotations

import json
import posixpath
import re
import uuid
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from demarche_xl.xml_text import quoteattr

ADDIN_ID = "wa200008175"
WE = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"
WETP = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
TASKPANES_REL = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
WEBEXTENSION_REL = "http://schemas.microsoft.com/office/2011/relationships/webextension"
TASKPANES_TYPE = "application/vnd.ms-office.webextensiontaskpanes+xml"
WEBEXTENSION_TYPE = "application/vnd.ms-office.webextension+xml"
TASKPANES, ROOT_RELS, CONTENT_TYPES = "xl/webextensions/taskpanes.xml", "_rels/.rels", "[Content_Types].xml"
AUTO_SHOW = "Office.AutoShowTaskpaneWithDocument"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
for _prefix, _uri in (("we", WE), ("wetp", WETP), ("r", R)):
    ET.register_namespace(_prefix, _uri)


def write(source: Path, target: Path, settings: dict[str, object], store: str = "fr-FR") -> None:
    """Copy package `source` to `target` with the xlwings Lite extension holding `settings` (JSON values)."""
    with zipfile.ZipFile(source) as package:
        names = package.namelist()
        parts = {name: package.read(name) for name in (ROOT_RELS, CONTENT_TYPES) if name in names}
        taskpanes = relationship_target(parts[ROOT_RELS], TASKPANES_REL)
        ours = find_ours(package, taskpanes) if taskpanes in names else None
        if ours is None:
            ours = free_name(names)
            parts[ours] = extension(settings, store, uuid.uuid5(uuid.NAMESPACE_URL, "demarche-xl/xlwings-lite"))
            taskpanes = taskpanes or TASKPANES
            parts.update(add_taskpane(package, taskpanes, ours))
            parts[ROOT_RELS] = add_relationship(parts[ROOT_RELS], TASKPANES_REL, taskpanes, absolute=False)
            parts[CONTENT_TYPES] = add_overrides(parts[CONTENT_TYPES], {taskpanes: TASKPANES_TYPE,
                                                                        ours: WEBEXTENSION_TYPE})
        else:
            parts[ours] = with_settings(package.read(ours), settings)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in package.infolist():
                out.writestr(info, parts.pop(info.filename) if info.filename in parts
                             else package.read(info.filename))
            for name, data in parts.items():
                out.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def read(path: Path) -> dict[str, object] | None:
    """The settings of the workbook's xlwings Lite extension (JSON decoded), or None when it has none."""
    with zipfile.ZipFile(path) as package:
        if ROOT_RELS not in package.namelist():
            return None
        taskpanes = relationship_target(package.read(ROOT_RELS), TASKPANES_REL)
        ours = find_ours(package, taskpanes) if taskpanes in package.namelist() else None
        if ours is None:
            return None
        root = ET.fromstring(package.read(ours))
    return {p.get("name"): json.loads(p.get("value", "null")) for p in root.iter(f"{{{WE}}}property")}


def extension(settings: dict[str, object], store: str, ident: uuid.UUID) -> bytes:
    root = ET.Element(f"{{{WE}}}webextension", {"id": "{" + str(ident).upper() + "}"})
    ET.SubElement(root, f"{{{WE}}}reference", {"id": ADDIN_ID, "version": "1.0.0.0", "store": store,
                                               "storeType": "OMEX"})
    alternate = ET.SubElement(root, f"{{{WE}}}alternateReferences")
    ET.SubElement(alternate, f"{{{WE}}}reference", {"id": ADDIN_ID.upper(), "version": "1.0.0.0",
                                                    "store": ADDIN_ID.upper(), "storeType": "OMEX"})
    ET.SubElement(root, f"{{{WE}}}properties")
    ET.SubElement(root, f"{{{WE}}}bindings")
    ET.SubElement(root, f"{{{WE}}}snapshot")
    return with_settings(serialise(root), settings)


def with_settings(xml: bytes, settings: dict[str, object]) -> bytes:
    """The extension with `settings` set (each value JSON-encoded), its other properties kept in their order."""
    root = ET.fromstring(xml)
    properties = root.find(f"{{{WE}}}properties")
    existing = {p.get("name"): p for p in properties}
    for name, value in settings.items():
        element = existing.get(name)
        if element is None:
            element = ET.SubElement(properties, f"{{{WE}}}property", {"name": name})
        element.set("value", json.dumps(value, ensure_ascii=False))
    return serialise(root)


def add_taskpane(package: zipfile.ZipFile, taskpanes: str, extension_part: str) -> dict[str, bytes]:
    """`taskpanes.xml` (created or extended) with a visible pane docked right, and its relationships."""
    rels = rels_part(taskpanes)
    names = package.namelist()
    root = ET.fromstring(package.read(taskpanes)) if taskpanes in names else ET.Element(f"{{{WETP}}}taskpanes")
    rels_xml = package.read(rels) if rels in names else DECLARATION + f'<Relationships xmlns="{PKG}"/>'.encode()
    rel_id = next_id(rels_xml)
    pane = ET.SubElement(root, f"{{{WETP}}}taskpane", {"dockstate": "right", "visibility": "1", "width": "350",
                                                       "row": str(len(root) + 1)})
    ET.SubElement(pane, f"{{{WETP}}}webextensionref", {f"{{{R}}}id": rel_id})
    target = posixpath.relpath(extension_part, posixpath.dirname(taskpanes))
    return {taskpanes: serialise(root),
            rels: add_relationship(rels_xml, WEBEXTENSION_REL, target, absolute=False, rel_id=rel_id)}


def find_ours(package: zipfile.ZipFile, taskpanes: str) -> str | None:
    """The webextension part, among those the task panes point to, that references xlwings Lite."""
    rels = rels_part(taskpanes)
    if rels not in package.namelist():
        return None
    folder = posixpath.dirname(taskpanes)
    for rel in ET.fromstring(package.read(rels)):
        part = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        if part in package.namelist():
            root = ET.fromstring(package.read(part))
            if any((r.get("id") or "").lower() == ADDIN_ID for r in root.iter(f"{{{WE}}}reference")):
                return part
    return None


def relationship_target(xml: bytes, rel_type: str) -> str | None:
    for rel in ET.fromstring(xml):
        if rel.get("Type") == rel_type:
            return rel.get("Target", "").lstrip("/")
    return None


def add_relationship(xml: bytes, rel_type: str, target: str, absolute: bool, rel_id: str | None = None) -> bytes:
    element = (f'<Relationship Id={quoteattr(rel_id or next_id(xml))} Type={quoteattr(rel_type)} '
               f'Target={quoteattr(("/" if absolute else "") + target)}/>')
    return append(xml, "Relationships", element)


def add_overrides(xml: bytes, overrides: dict[str, str]) -> bytes:
    present = {o.get("PartName") for o in ET.fromstring(xml).iter(f"{{{TYPES}}}Override")}
    for part, content_type in overrides.items():
        if "/" + part not in present:
            xml = append(xml, "Types", f"<Override PartName={quoteattr('/' + part)} "
                                       f"ContentType={quoteattr(content_type)}/>")
    return xml


def append(xml: bytes, root: str, element: str) -> bytes:
    """`element` added as the last child of the package part's root (written unprefixed, as Office writes them);
    the rest of the part keeps its bytes."""
    end = xml.rfind(f"</{root}>".encode())
    if end >= 0:
        return xml[:end] + element.encode() + xml[end:]
    empty = re.search(rf"<{root}\b[^>]*/>".encode(), xml)
    if empty is None:
        raise ValueError(f"no <{root}> element")
    return xml[:empty.end() - 2] + b">" + element.encode() + f"</{root}>".encode() + xml[empty.end():]


def next_id(xml: bytes) -> str:
    used = {rel.get("Id") for rel in ET.fromstring(xml)}
    number = 1
    while f"rId{number}" in used:
        number += 1
    return f"rId{number}"


def free_name(names: list[str]) -> str:
    number = 1
    while f"xl/webextensions/webextension{number}.xml" in names:
        number += 1
    return f"xl/webextensions/webextension{number}.xml"


def rels_part(part: str) -> str:
    folder, name = posixpath.split(part)
    return f"{folder}/_rels/{name}.rels"


def serialise(root: ET.Element) -> bytes:
    """XML with Office's declaration."""
    return DECLARATION + ET.tostring(root, encoding="utf-8", xml_declaration=False)
