"""`workbooks/demarche.xlsx`, the master workbook staff receive by e-mail, is current: the same content as a fresh
one made by `python -m demarche_xl.lite.master` (sheets, cells, xlwings Lite door, files of the kept package), apart
from what changes at each creation (random ids, creation time)."""
from __future__ import annotations

from pathlib import Path

from demarche_xl.lite import door, master, parts
from demarche_xl.store.file_store import FileStore

REPOSITORY = Path(__file__).resolve().parents[1]


def test_the_master_workbook_in_the_repository_is_current():
    path = REPOSITORY / master.MASTER
    stale = master.differences(path)
    assert not stale, (f"« {master.MASTER} » n'est plus à jour ({', '.join(stale[:5])}) : régénérez-le avec "
                       "« python -m demarche_xl.lite.master » depuis la racine du dépôt")
    assert door.describe(path) is not None and FileStore(path).sheet_names()[0] == "Accueil"
    assert not (path.parent / "sauvegardes").exists()


def test_a_stale_master_is_noticed(tmp_path: Path):
    path = tmp_path / "demarche.xlsx"
    master.build(path)
    assert master.differences(path) == []
    older = parts.read(path)
    older["requirements.txt"] = older["requirements.txt"].replace("PuLP==", "PuLP>=")
    moved = tmp_path / "ancien.xlsx"
    parts.write(path, moved, older)
    assert [name for name in master.differences(moved) if name.startswith("xl/webextensions/")]
