"""The `customUI.xml` of each add-in: one group with one button, on the « Démarche » tab shared by all add-ins.

Every add-in declares the same tab through `idQ` in the shared namespace `NAMESPACE`, so Excel merges them into one
tab; each group is placed after the previous action's group (`insertAfterQ`) so the buttons follow the method's
order whatever order Excel loads the add-ins in. The button calls the template's own VBA callback (`on_action`).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from demarche_xl.excel.actions import ACTIONS, Action

CUSTOM_UI_NS = "http://schemas.microsoft.com/office/2006/01/customui"
NAMESPACE = "demarche.xl.ruban"  # shared by every add-in's idQ
PREFIX = "dx"
TAB_ID = "OngletDemarche"
TAB_LABEL = "Démarche"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def group_id(action: Action) -> str:
    return f"Groupe_{action.name}"


def button_id(action: Action) -> str:
    return f"Bouton_{action.name}"


def custom_ui(action: Action, on_action: str) -> bytes:
    """The ribbon XML of the add-in of `action`."""
    ET.register_namespace("", CUSTOM_UI_NS)
    q = f"{{{CUSTOM_UI_NS}}}"
    root = ET.Element(f"{q}customUI")
    root.set(f"xmlns:{PREFIX}", NAMESPACE)
    tabs = ET.SubElement(ET.SubElement(root, f"{q}ribbon"), f"{q}tabs")
    tab = ET.SubElement(tabs, f"{q}tab", {"idQ": f"{PREFIX}:{TAB_ID}", "label": TAB_LABEL,
                                          "insertAfterMso": "TabHome"})
    group = ET.SubElement(tab, f"{q}group", {"idQ": f"{PREFIX}:{group_id(action)}", "label": action.group})
    previous = ACTIONS.index(action) - 1
    if previous >= 0:
        group.set("insertAfterQ", f"{PREFIX}:{group_id(ACTIONS[previous])}")
    ET.SubElement(group, f"{q}button", {
        "id": button_id(action), "label": action.label, "size": "large", "imageMso": action.image,
        "screentip": action.label, "supertip": action.tooltip, "onAction": on_action})
    return XML_DECLARATION + ET.tostring(root, encoding="unicode").encode("utf-8")


def template_callback(template_xml: bytes) -> str:
    """The `onAction` of the template's button: the VBA macro the template ships (e.g. `RibbonMyAddin.RunMain`)."""
    root = ET.fromstring(template_xml)
    callbacks = {e.get("onAction") for e in root.iter() if e.get("onAction")}
    if len(callbacks) != 1:
        raise ValueError(f"the xlwings ribbon template has {len(callbacks)} callbacks, expected one")
    return callbacks.pop()
