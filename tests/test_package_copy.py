"""A save copies the compressed bytes of the sheets it puts back unchanged (`store.package`): the new package holds
exactly the original parts, and openpyxl, calamine and LibreOffice open it as before."""
from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

from demarche_xl.store import guard, set_aside
from demarche_xl.store.file_store import FileStore
from demarche_xl.store.package import Package

from conftest import soffice_convert
from test_file_store import write_groups

UNTOUCHED = ("Enseignants", "Paramètres", "Listes")


def stored_parts(path: Path) -> dict[str, tuple[int, int, int, bytes]]:
    """Sheet name → (checksum, compressed size, size, compressed bytes) of its part."""
    with zipfile.ZipFile(path) as package:
        parts = guard.sheet_parts(package)
    with Package(path) as package:
        out = {}
        for name, part in parts.items():
            info, data = package.compressed(part)
            out[name] = (info.CRC, info.compress_size, info.file_size, data)
        return out


def all_rows(path: Path) -> dict[str, list[list[object]]]:
    store = FileStore(path)
    return {name: store.read_rows(name) for name in store.sheet_names()}


def test_sheets_put_back_unchanged_keep_their_compressed_bytes_and_open_everywhere(tmp_path: Path, monkeypatch):
    from demarche_xl.example.fill import fill_example

    path = tmp_path / "exemple.xlsx"
    fill_example(FileStore(path, must_exist=False))
    before, rows_before = stored_parts(path), all_rows(path)
    copied, real_copy = [], set_aside.copy_compressed
    monkeypatch.setattr(set_aside, "copy_compressed", lambda out, entry, *a: copied.append(entry.filename)
                        or real_copy(out, entry, *a))

    write_groups(FileStore(path))

    with zipfile.ZipFile(path) as package:
        parts = guard.sheet_parts(package)
    assert {parts[sheet] for sheet in UNTOUCHED} <= set(copied)  # not deflated again
    assert parts["Groupes"] not in copied
    after = stored_parts(path)
    for sheet in UNTOUCHED:
        assert after[sheet] == before[sheet], sheet
    assert after["Groupes"][0] != before["Groupes"][0]  # the step's own sheet was written (and deflated anew)
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None  # every part inflates to its checksum
        assert {i.compress_type for i in package.infolist()} == {zipfile.ZIP_DEFLATED}
    rows_after = all_rows(path)
    for sheet in UNTOUCHED:
        assert rows_after[sheet] == rows_before[sheet], sheet
    assert openpyxl.load_workbook(path)["Enseignants"]["B2"].value == rows_before["Enseignants"][1][1]
    pdf = soffice_convert(path, "pdf", tmp_path / "pdf")
    assert pdf.stat().st_size > 1000


def test_a_package_stored_without_compression_is_deflated_on_save(tmp_path: Path, new_workbook: Path):
    stored = tmp_path / "sans_compression.xlsx"
    with zipfile.ZipFile(new_workbook) as source, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as out:
        for info in source.infolist():
            out.writestr(info.filename, source.read(info.filename))
    rows_before = all_rows(stored)

    write_groups(FileStore(stored))  # the stored parts cannot be copied as they are: each is deflated

    with zipfile.ZipFile(stored) as package:
        assert package.testzip() is None
        assert {i.compress_type for i in package.infolist()} == {zipfile.ZIP_DEFLATED}
    rows_after = all_rows(stored)
    assert all(rows_after[sheet] == rows_before[sheet] for sheet in UNTOUCHED)


def test_a_large_generated_sheet_deflated_while_openpyxl_saves_is_the_same_part(tmp_path: Path, monkeypatch):
    from demarche_xl.store import deflate_ahead
    from demarche_xl.workbook.create import create_workbook

    rows = [{"group_id": f"G{n // 6 + 1}", "teacher_id": f"E{n:04d}", "name": f"Zoé Ève {n}\nligne 2",
             "discipline": "Français", "catalyst": n % 6 == 0, "concern": "Évaluer autrement", "why": "=1+1"}
            for n in range(1, 1201)]
    ahead, in_line = tmp_path / "en_avance.xlsx", tmp_path / "en_ligne.xlsx"
    for path in (ahead, in_line):
        create_workbook(FileStore(path, must_exist=False), into_existing=False)
    started = []
    monkeypatch.setattr(deflate_ahead, "WORTH_IT", 1000)
    real_start = deflate_ahead.start
    monkeypatch.setattr(deflate_ahead, "start", lambda data: started.append(len(data)) or real_start(data))
    write_groups(FileStore(ahead), rows)
    assert started and started[0] > 100_000
    monkeypatch.setattr(deflate_ahead, "start", lambda data: None)
    write_groups(FileStore(in_line), rows)

    with zipfile.ZipFile(ahead) as package, zipfile.ZipFile(in_line) as plain:
        assert package.testzip() is None  # the joined deflate stream inflates to its checksum
        part = guard.sheet_parts(package)["Groupes"]
        assert package.read(part) == plain.read(guard.sheet_parts(plain)["Groupes"])
    assert all_rows(ahead)["Groupes"] == all_rows(in_line)["Groupes"]
    assert len(all_rows(ahead)["Groupes"]) == 1201
    assert openpyxl.load_workbook(ahead)["Groupes"]["C3"].value == "Zoé Ève 2\nligne 2"
    pdf = soffice_convert(ahead, "pdf", tmp_path / "pdf")
    assert pdf.stat().st_size > 1000
