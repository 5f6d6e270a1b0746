"""The no-install door written into a workbook: the xlwings Lite parts as the team's notes describe them (add-in
reference, visible task pane, settings as JSON, relationships, content types), main.py with one script per step, the
package kept in the hidden sheet `_outil` and installed by main.py; `nouveau`, `exemple` and `boutons` write it,
`boutons` refreshes an older one, the anonymised copy keeps working buttons, an older workbook is sent to
« Mettre à niveau », and LibreOffice still opens the workbook."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest

import demarche_xl
from demarche_xl.lite import door, parts, wheel
from demarche_xl.lite.catalogue import SCRIPTS
from demarche_xl.lite.run import options
from demarche_xl.problems import UserError
from demarche_xl.schema.registry import META_SHEET, SCHEMA_VERSION, TOOL_SHEET
from demarche_xl.store.file_store import FileStore
from fixtures.lite_run import click, main_module
from conftest import soffice_convert

WE, WETP, PKG = f"{{{parts.WE}}}", f"{{{parts.WETP}}}", f"{{{parts.PKG}}}"


@pytest.fixture
def with_door(tmp_path: Path, cli) -> Path:
    path = tmp_path / "demarche.xlsx"
    code, out = cli("nouveau", path)
    assert code == 0 and "boutons ajoutés" in out, out
    return path


def xml(package: zipfile.ZipFile, name: str) -> ET.Element:
    return ET.fromstring(package.read(name))


def test_the_parts_are_those_the_notes_describe(with_door: Path):
    with zipfile.ZipFile(with_door) as package:
        [pane_rel] = [r for r in xml(package, "_rels/.rels") if r.get("Type") == parts.TASKPANES_REL]
        assert pane_rel.get("Target") == "xl/webextensions/taskpanes.xml"
        types = {o.get("PartName"): o.get("ContentType") for o in xml(package, "[Content_Types].xml")}
        assert types["/xl/webextensions/taskpanes.xml"] == "application/vnd.ms-office.webextensiontaskpanes+xml"
        assert types["/xl/webextensions/webextension1.xml"] == "application/vnd.ms-office.webextension+xml"
        [pane] = xml(package, "xl/webextensions/taskpanes.xml")
        assert pane.tag == WETP + "taskpane" and (pane.get("dockstate"), pane.get("visibility")) == ("right", "1")
        [ref] = pane
        rel_id = ref.get(f"{{{parts.R}}}id")
        [rel] = [r for r in xml(package, "xl/webextensions/_rels/taskpanes.xml.rels") if r.get("Id") == rel_id]
        assert (rel.get("Type"), rel.get("Target")) == (parts.WEBEXTENSION_REL, "webextension1.xml")
        root = xml(package, "xl/webextensions/webextension1.xml")
    assert root.tag == WE + "webextension" and root.get("id").startswith("{") and root.get("id").endswith("}")
    assert [child.tag for child in root] == [WE + t for t in ("reference", "alternateReferences", "properties",
                                                              "bindings", "snapshot")]
    assert {k: root[0].get(k) for k in ("id", "version", "store", "storeType")} == {
        "id": "wa200008175", "version": "1.0.0.0", "store": "fr-FR", "storeType": "OMEX"}
    assert (root[1][0].get("id"), root[1][0].get("store"), root[1][0].get("storeType")) == (
        "WA200008175", "WA200008175", "OMEX")
    raw = {p.get("name"): p.get("value") for p in root[2]}
    settings = {name: json.loads(value) for name, value in raw.items()}  # every value is JSON
    assert settings[parts.AUTO_SHOW] is True
    assert settings["pyodideVersion"] == door.PYODIDE_VERSION and settings["addinVersion"] == door.ADDIN_VERSION
    assert "xlwings==" in settings["requirements.txt"] and "pandas" in settings["requirements.txt"]
    assert raw["main.py"].startswith('"') and "\\n" in raw["main.py"]  # a JSON string, newlines escaped


def test_main_py_has_one_short_french_script_per_step(with_door: Path):
    source = parts.read(with_door)["main.py"]
    tree = ast.parse(source)
    scripts = [node for node in tree.body if isinstance(node, ast.AsyncFunctionDef) and node.decorator_list]
    assert [node.name for node in scripts] == [s.function for s in SCRIPTS]
    for node, entry in zip(scripts, SCRIPTS):
        assert ast.get_docstring(node).replace("\n    ", " ").startswith(entry.doc[:40])
        assert len(node.body) <= 3  # docstring, load the tool, run the step: no method logic here
        assert f"outil.run(book, {entry.step!r}" in ast.unparse(node)
    meta = {m["function_name"]: m for m in __import__("xlwings.pro.udfs_officejs", fromlist=["x"])
            .custom_scripts_meta(main_module(with_door))}
    assert meta["former_les_groupes"]["name"] == "Former les groupes"
    assert "Groupes" in meta["former_les_groupes"]["include"].split(",")
    assert TOOL_SHEET in meta["consolider_les_questionnaires"]["exclude"].split(",")


def test_the_package_sheet_holds_this_version_and_main_py_checks_it(with_door: Path):
    wb = openpyxl.load_workbook(with_door)
    assert wb[TOOL_SHEET].sheet_state == "hidden"
    rows = FileStore(with_door).read_rows(TOOL_SHEET)
    package = wheel.from_rows(rows)
    assert f'EMPREINTE = "{wheel.sha256(package)}"' in parts.read(with_door)["main.py"]
    with zipfile.ZipFile(__import__("io").BytesIO(package)) as archive:
        names = archive.namelist()
        assert f"Version: {demarche_xl.__version__}" in archive.read(
            f"demarche_xl-{demarche_xl.__version__}.dist-info/METADATA").decode()
    assert {name for name, _ in wheel.package_files()} <= set(names)
    assert wheel.build() == package  # deterministic: the same files give the same bytes
    assert all(len(str(row[0])) <= 32_767 for row in rows)
    converted = soffice_convert(with_door, "xlsx:Calc MS Excel 2007 XML")  # LibreOffice still opens the workbook
    assert TOOL_SHEET in openpyxl.load_workbook(converted).sheetnames


def test_main_py_installs_the_package_kept_in_the_workbook(with_door: Path, tmp_path: Path, capsys):
    module = main_module(with_door)
    rows = FileStore(with_door).read_rows(TOOL_SHEET)
    target = tmp_path / "installe"
    assert module.installer(rows, str(target)) is True
    sys.path.remove(str(target))
    found = subprocess.run([sys.executable, "-S", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); "
                            "import demarche_xl, demarche_xl.lite.catalogue; print(demarche_xl.__file__, "
                            "demarche_xl.__version__)"], capture_output=True, text=True, check=True).stdout
    assert found.startswith(str(target)) and found.split()[-1] == demarche_xl.__version__
    tampered = [rows[0], ["A" + str(rows[1][0])[1:]], *rows[2:]]
    assert module.installer(tampered, str(tmp_path / "abime")) is False
    assert "a été modifiée" in capsys.readouterr().out and not (tmp_path / "abime").exists()


def test_exemple_has_the_door_and_boutons_refreshes_an_older_one(tmp_path: Path, cli):
    path = tmp_path / "exemple.xlsx"
    assert cli("exemple", path)[0] == 0 and door.describe(path) == demarche_xl.__version__
    older = dict(parts.read(path), xlwingsWorkbookId="abc")  # a setting the add-in wrote itself
    older["main.py"] = older["main.py"].replace(f'VERSION = "{demarche_xl.__version__}"', 'VERSION = "0.0.9"')
    moved = tmp_path / "ancien.xlsx"
    parts.write(path, moved, older)
    code, out = cli("boutons", moved)
    assert code == 0 and "boutons mis à jour" in out and "version 0.0.9" in out
    settings = parts.read(moved)
    assert settings["xlwingsWorkbookId"] == "abc" and door.describe(moved) == demarche_xl.__version__
    with zipfile.ZipFile(moved) as package:
        assert sum(name.startswith("xl/webextensions/webextension") for name in package.namelist()) == 1


def test_boutons_refuses_a_workbook_that_is_not_a_démarche_workbook(tmp_path: Path, cli):
    other = tmp_path / "budget.xlsx"
    openpyxl.Workbook().save(other)
    content = other.read_bytes()
    code, out = cli("boutons", other)
    assert code == 1 and "n'est pas un classeur de la démarche" in out and other.read_bytes() == content


def test_the_anonymised_copy_keeps_working_buttons(tmp_path: Path, cli):
    master = tmp_path / "maitre.xlsx"
    assert cli("exemple", master)[0] == 0
    copy = tmp_path / "academie.xlsx"
    code, out = cli("anonymiser", master, copy)
    assert code == 0 and "boutons xlwings Lite gardés" in " ".join(out.split()), out
    assert parts.read(copy) == parts.read(master)
    assert FileStore(copy).read_rows(TOOL_SHEET) == FileStore(master).read_rows(TOOL_SHEET)
    result = click(copy, "proposer_la_feuille_de_route")
    assert " : terminé." in result.plain and result.applied.saves == 1, result.plain
    assert "terminé" in click(copy, "verifier_le_classeur").plain


def test_an_older_workbook_is_sent_to_the_upgrade_script_which_upgrades_it(tmp_path: Path, cli):
    from test_upgrade import make_v1

    with_door = tmp_path / "boutons.xlsx"
    assert cli("exemple", with_door)[0] == 0
    old = tmp_path / "ancien.xlsx"
    old.write_bytes(with_door.read_bytes())
    make_v1(old)
    refused = click(old, "former_les_groupes", main_from=with_door)
    assert "Mettre à niveau le classeur" in refused.plain and refused.actions == []
    upgraded = click(old, "mettre_a_niveau_le_classeur", main_from=with_door)
    assert f"mise à niveau du classeur v1 → v{SCHEMA_VERSION}" in upgraded.plain
    meta = {row[0]: row[1] for row in FileStore(old).read_rows(META_SHEET)}
    assert str(meta["version_schema"]) in (str(SCHEMA_VERSION), f"{SCHEMA_VERSION}.0")
    after = click(old, "former_les_groupes", main_from=with_door).plain
    # now only what the step itself needs stops it (the example's answers are not consolidated yet)
    assert "Mettre à niveau" not in after and "« Former les groupes » ne peut pas encore être lancée" in after, after


def test_documents_and_merge_say_what_to_do_and_write_nothing(with_door: Path):
    for function, words in (("produire_les_documents", "demarche-xl documents"),
                            ("fusionner_une_copie", "demarche-xl fusionner")):
        result = click(with_door, function)
        assert words in result.plain and result.actions == []


def test_task_pane_choices_become_the_cli_options():
    assert options("groupes", {"tout_refaire": True, "sans_catalyseur": False}) == {
        "restart": True, "without_catalyst": False}
    with pytest.raises(UserError, match="choix inconnu"):
        options("parcours", {"tout_refaire": True})


def test_fusionner_purger_and_mettre_a_jour_keep_the_door(tmp_path: Path, cli):
    from test_lite_scripts import door_parts

    master = tmp_path / "maitre.xlsx"
    assert cli("exemple", master)[0] == 0
    kept = door_parts(master)
    copy = tmp_path / "copie.xlsx"
    copy.write_bytes(master.read_bytes())
    assert cli("fusionner", master, copy)[0] == 0 and door_parts(master) == kept
    assert cli("mettre-a-jour", master)[0] == 0 and door_parts(master) == kept
    assert cli("purger", master, "--confirmer")[0] == 0 and door_parts(master) == kept


def test_nouveau_dans_adds_the_sheets_and_the_door_to_an_existing_workbook(tmp_path: Path, cli):
    path = tmp_path / "existant.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Nos notes"
    wb.active["A1"] = "à garder"
    wb.save(path)
    code, out = cli("nouveau", "--dans", path)
    assert code == 0 and "boutons ajoutés" in out, out
    assert door.describe(path) == demarche_xl.__version__
    assert openpyxl.load_workbook(path)["Nos notes"]["A1"].value == "à garder"
