"""The `customUI.xml` of the add-in: a « Démarche » tab after « Accueil » with one button, « Lancer l'étape », whose
callback is the template's own VBA macro (`on_action`). Which step it runs is chosen on the `Accueil` sheet
(`choice.py`): one add-in, one callback, nothing that another add-in's callback of the same name could shadow.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

CUSTOM_UI_NS = "http://schemas.microsoft.com/office/2006/01/customui"
TAB_ID = "OngletDemarche"
TAB_LABEL = "Démarche"
GROUP_ID, GROUP_LABEL = "GroupeDemarche", "Démarche"
BUTTON_ID, BUTTON_LABEL = "BoutonLancer", "Lancer l'étape"
SCREENTIP = "Lancer l'étape choisie sur la feuille Accueil"
SUPERTIP = ("Sur la feuille Accueil, cliquez sur la ligne de l'étape (par exemple « Former les groupes »), puis sur "
            "ce bouton : l'étape s'exécute sur le classeur ouvert et se termine par un message. Sans étape choisie, "
            "le bouton affiche l'aide.")
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def custom_ui(on_action: str) -> bytes:
    """The ribbon XML of the add-in."""
    ET.register_namespace("", CUSTOM_UI_NS)
    q = f"{{{CUSTOM_UI_NS}}}"
    root = ET.Element(f"{q}customUI")
    tabs = ET.SubElement(ET.SubElement(root, f"{q}ribbon"), f"{q}tabs")
    tab = ET.SubElement(tabs, f"{q}tab", {"id": TAB_ID, "label": TAB_LABEL, "insertAfterMso": "TabHome"})
    group = ET.SubElement(tab, f"{q}group", {"id": GROUP_ID, "label": GROUP_LABEL})
    ET.SubElement(group, f"{q}button", {
        "id": BUTTON_ID, "label": BUTTON_LABEL, "size": "large", "imageMso": "MacroPlay", "screentip": SCREENTIP,
        "supertip": SUPERTIP, "onAction": on_action})
    return XML_DECLARATION + ET.tostring(root, encoding="unicode").encode("utf-8")


def callbacks(custom_ui_xml: bytes) -> set[str]:
    """Every VBA macro a ribbon XML calls (`onAction`, `getLabel`, … attributes)."""
    root = ET.fromstring(custom_ui_xml)
    return {value for element in root.iter() for key, value in element.attrib.items()
            if key.startswith(("on", "get")) and value}


def template_callback(template_xml: bytes) -> str:
    """The `onAction` of the template's button: the VBA macro the template ships (e.g. `RibbonMyAddin.RunMain`)."""
    found = callbacks(template_xml)
    if len(found) != 1:
        raise ValueError(f"the xlwings ribbon template has {len(found)} callbacks, expected one")
    return found.pop()
