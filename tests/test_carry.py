"""Parts openpyxl does not model (the xlwings Lite task pane, dynamic-array metadata, rich data, custom XML) survive
every step byte for byte, with their relationship and content type, and the workbook still opens in LibreOffice."""
from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
from PIL import Image as PilImage
from python_calamine import CalamineWorkbook

from demarche_xl.store import carry
from fixtures.foreign_parts import DYNAMIC_SHEET, FOREIGN_PARTS, MS_REL, add_foreign_parts, parts_of
from fixtures.rich_content import _add_override, _add_rel, _rewrite

from conftest import soffice_convert


def _package(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode()


def assert_parts_carried(path: Path, original: dict[str, bytes]) -> None:
    assert parts_of(path) == original
    root = _package(path, "_rels/.rels")
    assert re.search(rf'Type="{MS_REL}/webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"', root)
    types = _package(path, "[Content_Types].xml")
    for part, kind in (("xl/webextensions/taskpanes.xml", "webextensiontaskpanes+xml"),
                       ("xl/webextensions/webextension1.xml", "webextension+xml"),
                       ("xl/metadata.xml", "sheetMetadata+xml"), ("customXml/itemProps1.xml", "customXmlProperties")):
        assert re.search(rf'PartName="/{re.escape(part)}" ContentType="[^"]*{re.escape(kind)}', types), part
    workbook_rels = _package(path, "xl/_rels/workbook.xml.rels")
    for target in ("metadata.xml", "../customXml/item1.xml", "richData/rdrichvalue.xml"):
        assert f'Target="{target}"' in workbook_rels
    assert len(set(re.findall(r'Id="([^"]+)"', workbook_rels))) == workbook_rels.count("<Relationship ")


def test_foreign_parts_survive_the_steps_of_the_method(cli, tmp_path: Path):
    path = tmp_path / "college.xlsx"
    assert cli("exemple", path)[0] == 0
    add_foreign_parts(path)
    original = parts_of(path)
    assert len(original) == len(FOREIGN_PARTS)
    copy = tmp_path / "copie.xlsx"
    shutil.copy(path, copy)
    for args in (["consolider", path], ["groupes", path], ["bilan", path], ["fusionner", path, copy]):
        code, out = cli(*args)
        assert code == 0, out
        assert_parts_carried(path, original)
    sheet = _package(path, next(n for n in zipfile.ZipFile(path).namelist() if _holds_dynamic(path, n)))
    assert '<c r="A1" cm="1"><f t="array" ref="A1:A3">SORT({3;1;2})</f><v>1</v></c>' in sheet
    assert CalamineWorkbook.from_path(str(path)).get_sheet_by_name(DYNAMIC_SHEET).to_python()[0][:2] == [1.0, "trié"]
    soffice_convert(path, "pdf")


def test_foreign_parts_survive_the_full_rewrite_of_the_purge(cli, tmp_path: Path):
    """The purge rewrites every sheet with openpyxl (no cell is set aside): the parts are still carried."""
    path = tmp_path / "college.xlsx"
    assert cli("exemple", path)[0] == 0
    add_foreign_parts(path)
    original = {k: v for k, v in parts_of(path).items()}
    code, out = cli("purger", path, "--confirmer")
    assert code == 0, out
    assert_parts_carried(path, original)


def _holds_dynamic(path: Path, name: str) -> bool:
    return name.startswith("xl/worksheets/sheet") and 'cm="1"' in _package(path, name)


def _png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    PilImage.new("RGB", (8, 8), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_carried_part_whose_name_openpyxl_reuses_moves_to_a_free_name(new_workbook: Path, tmp_path: Path):
    """Pictures in cells (rich data) live in xl/media beside the drawings' pictures, which openpyxl numbers anew:
    the carried picture gets a free name and its relationship follows it."""
    wb = openpyxl.load_workbook(new_workbook)
    from openpyxl.drawing.image import Image as XlImage

    wb.create_sheet("Photos").add_image(XlImage(io.BytesIO(_png((0, 0, 200)))), "B2")
    wb.save(new_workbook)
    in_cell = _png((200, 0, 0))

    def edit(parts: dict[str, bytes]) -> None:
        drawing_image = next(n for n in parts if n.startswith("xl/media/"))
        moved = "xl/media/image7.png"  # Excel's numbering: openpyxl will call the drawing's picture image1.png
        parts[moved] = parts.pop(drawing_image)
        for name in [n for n in parts if n.endswith(".rels")]:
            parts[name] = parts[name].replace(drawing_image.rsplit("/", 1)[1].encode(), b"image7.png")
        parts["xl/media/image1.png"] = in_cell
        parts["xl/richData/richValueRel.xml"] = (
            b'<?xml version="1.0" encoding="UTF-8"?><richValueRels xmlns="http://schemas.microsoft.com/office/'
            b'spreadsheetml/2022/richvaluerel" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships"><rel r:id="rId1"/></richValueRels>')
        _add_rel(parts, "xl/richData/_rels/richValueRel.xml.rels", "rId1", "image", "../media/image1.png")
        rels = parts["xl/_rels/workbook.xml.rels"].decode()
        parts["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", (
            '<Relationship Id="rIdRel" Type="http://schemas.microsoft.com/office/2022/10/relationships/'
            'richValueRel" Target="richData/richValueRel.xml"/></Relationships>')).encode()
        _add_override(parts, "xl/richData/richValueRel.xml", "application/vnd.ms-excel.richvaluerel+xml")

    _rewrite(new_workbook, edit)
    from test_file_store import write_groups
    from demarche_xl.store.file_store import FileStore

    write_groups(FileStore(new_workbook))

    with zipfile.ZipFile(new_workbook) as package:
        rels = package.read("xl/richData/_rels/richValueRel.xml.rels").decode()
        assert 'Target="../media/image1_1.png"' in rels
        assert package.read("xl/media/image1_1.png") == in_cell
        assert PilImage.open(package.open("xl/media/image1.png")).getpixel((1, 1)) == (0, 0, 200)
    assert openpyxl.load_workbook(new_workbook)["Photos"]._images


def test_collect_finds_only_what_openpyxl_does_not_write(new_workbook: Path):
    assert not carry.collect(new_workbook)  # a workbook openpyxl wrote holds nothing foreign
    add_foreign_parts(new_workbook)
    found = carry.collect(new_workbook)
    assert set(found.parts) == set(FOREIGN_PARTS)
    assert {link.owner for link in found.links} == {carry.ROOT_RELS, carry.WORKBOOK_RELS}
