"""Every built add-in is a valid Office package whose only change from xlwings' template is its ribbon: one shared
« Démarche » tab, unique ids, the template's callback, buttons in method order; each add-in's module has `main()`."""
from __future__ import annotations

import importlib
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from demarche_xl.catalog import STEPS
from demarche_xl.excel.actions import ACTIONS
from demarche_xl.excel.addins import CUSTOM_UI_PART, VBA_PART, build_addins, template_path
from demarche_xl.excel.ribbon import CUSTOM_UI_NS, NAMESPACE, TAB_LABEL

Q = f"{{{CUSTOM_UI_NS}}}"
RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
METHOD_ORDER = ["Vérifier", "Feuille de route", "Consolider les questionnaires", "Former les groupes",
                "Construire les parcours", "Proposer les référents", "Faire le bilan", "Vérifier le kit",
                "Générer les documents", "Fusionner une copie", "Aide"]
NCNAME = re.compile(r"^[A-Za-z_][\w.-]*$")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> list[Path]:
    return build_addins(tmp_path_factory.mktemp("complements"))


def ribbon(path: Path) -> ET.Element:
    with zipfile.ZipFile(path) as package:
        return ET.fromstring(package.read(CUSTOM_UI_PART))


def test_one_addin_per_button_named_after_its_module(built):
    assert [p.name for p in built] == [f"demarche_xl.excel.{a.name}.xlam" for a in ACTIONS]
    assert [a.label for a in ACTIONS] == METHOD_ORDER


def test_each_addin_is_a_valid_package(built):
    for path in built:
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None
            parts = set(package.namelist())
            types = ET.fromstring(package.read("[Content_Types].xml"))
            defaults = {e.get("Extension").lower() for e in types.iter(f"{CT_NS}Default")}
            overrides = {e.get("PartName").lstrip("/") for e in types.iter(f"{CT_NS}Override")}
            for part in parts - {"[Content_Types].xml"}:
                assert part in overrides or part.rsplit(".", 1)[-1].lower() in defaults, (path.name, part)
            assert overrides <= parts
            for rels in [p for p in parts if p.endswith(".rels")]:
                base = posixpath.dirname(posixpath.dirname(rels))
                for rel in ET.fromstring(package.read(rels)).iter(f"{RELS_NS}Relationship"):
                    if rel.get("TargetMode") == "External":
                        continue
                    target = posixpath.normpath(posixpath.join(base, rel.get("Target"))).lstrip("/")
                    assert target in parts, (path.name, rels, target)
            root_rels = ET.fromstring(package.read("_rels/.rels"))
            assert any(r.get("Target") == CUSTOM_UI_PART and r.get("Type").endswith("/ui/extensibility")
                       for r in root_rels.iter(f"{RELS_NS}Relationship"))


def test_only_the_ribbon_differs_from_the_template_and_vba_is_byte_identical(built):
    with zipfile.ZipFile(template_path()) as template:
        originals = {name: template.read(name) for name in template.namelist()}
    for path in built:
        with zipfile.ZipFile(path) as package:
            assert set(package.namelist()) == set(originals)
            assert package.read(VBA_PART) == originals[VBA_PART]
            changed = [n for n in originals if package.read(n) != originals[n]]
            assert changed == [CUSTOM_UI_PART], path.name


def test_ribbons_share_one_tab_with_unique_ids_and_the_template_callback(built):
    with zipfile.ZipFile(template_path()) as template:
        callback = {e.get("onAction") for e in ET.fromstring(template.read(CUSTOM_UI_PART)).iter()
                    if e.get("onAction")}
    assert callback == {"RibbonMyAddin.RunMain"}
    ids, tabs, labels = [], set(), []
    for path in built:
        root = ribbon(path)
        assert root.tag == f"{Q}customUI"
        tab_elements = list(root.iter(f"{Q}tab"))
        assert len(tab_elements) == 1 and tab_elements[0].get("id") is None
        tabs.add((tab_elements[0].get("idQ"), tab_elements[0].get("label")))
        groups = list(root.iter(f"{Q}group"))
        buttons = list(root.iter(f"{Q}button"))
        assert len(groups) == 1 and len(buttons) == 1
        button = buttons[0]
        assert {button.get("onAction")} == callback
        assert button.get("supertip") and len(button.get("supertip")) <= 1024 and len(button.get("label")) <= 1024
        ids += [groups[0].get("idQ").split(":")[1], button.get("id")]
        labels.append(button.get("label"))
    prefix, _tab = next(iter(tabs))[0].split(":")
    assert tabs == {(f"{prefix}:OngletDemarche", TAB_LABEL)}
    assert len(ids) == len(set(ids)) and all(NCNAME.match(i) for i in ids)
    assert labels == METHOD_ORDER
    for path in built:
        assert f'xmlns:{prefix}="{NAMESPACE}"' in zipfile.ZipFile(path).read(CUSTOM_UI_PART).decode("utf-8")


ALLOWED = {"tab": {"idQ", "label", "insertAfterMso"}, "group": {"idQ", "label", "insertAfterQ"},
           "button": {"id", "label", "size", "imageMso", "screentip", "supertip", "onAction"},
           "customUI": set(), "ribbon": set(), "tabs": set()}


def test_ribbons_use_only_elements_and_attributes_of_the_ribbon_schema(built):
    for path in built:
        for element in ribbon(path).iter():
            name = element.tag.replace(Q, "")
            assert name in ALLOWED and set(element.attrib) <= ALLOWED[name], (path.name, name, element.attrib)
            ids = [key for key in ("id", "idQ", "idMso") if key in element.attrib]
            assert len(ids) == (1 if name in ("tab", "group", "button") else 0)
            if element.get("size"):
                assert element.get("size") in ("normal", "large")


def test_groups_chain_in_method_order(built):
    previous = None
    for path in built:
        group = next(ribbon(path).iter(f"{Q}group"))
        assert group.get("insertAfterQ") == previous
        previous = group.get("idQ")


def test_button_labels_come_from_the_catalog_and_modules_expose_main(built):
    catalog_buttons = {step.button for step in STEPS if step.button}
    for action in ACTIONS:
        if action.name != "aide":
            assert action.label in catalog_buttons, action.label
        module = importlib.import_module(Path(f"{action.module}.xlam").stem)  # what the VBA imports
        assert module.__name__ == action.module and callable(module.main)


def test_rebuilding_replaces_and_is_repeatable(built):
    before = [p.read_bytes() for p in built]
    again = build_addins(built[0].parent)
    assert [p.read_bytes() for p in again] == before
    assert not list(built[0].parent.glob("*.tmp"))
