"""A workbook of model 1 (no row ids, no `Conflits`) is upgraded in place without losing a cell, with a backup and a
`Journal` line, by `mettre-a-jour` or by the next step; a workbook from a newer toolkit is refused in French."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from demarche_xl.problems import Report, UserError
from demarche_xl.runner import run_step
from demarche_xl.schema.model import ROW_ID_HEADER
from demarche_xl.schema.registry import META_SHEET, tracked_tables
from demarche_xl.share.history import FINGERPRINT_SHEET
from demarche_xl.steps.base import StepOutput, StepSpec
from demarche_xl.store.file_store import FileStore
from demarche_xl.workbook.reader import WorkbookReader


def make_v1(path: Path) -> None:
    """Turn a current workbook into the layout version 1 wrote: no id column, no Conflits, no history."""
    wb = openpyxl.load_workbook(path)
    for declared in tracked_tables():
        drop_column(wb[declared.sheet], ROW_ID_HEADER)
    for sheet in ("Conflits", FINGERPRINT_SHEET):
        del wb[sheet]
    meta = wb[META_SHEET]
    for row in meta.iter_rows(min_row=2):
        if row[0].value == "version_schema":
            row[1].value = "1"
        if row[0].value in ("generation", "generations"):
            row[0].value = row[1].value = None
    ws = wb["Enseignants"]
    ws.cell(row=1, column=13, value="Notes de l'équipe")  # a column the team added after the declared ones
    ws.cell(row=3, column=13, value="à relancer")
    ws["G4"] = "peut-être"  # not Oui/Non: must survive the upgrade as typed
    wb["Contraintes"].append(["Séparés", "E004", "E005", None, "saisi à la main"])
    wb.save(path)


def grids(path: Path) -> dict[str, list[list[object]]]:
    """Every team sheet's non-empty rows, as openpyxl reads them."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for declared in tracked_tables():
        rows = [list(row) for row in wb[declared.sheet].iter_rows(values_only=True)]
        out[declared.sheet] = [r for r in rows if any(v is not None for v in r)]
    return out


@pytest.fixture
def v1(tmp_path: Path, cli) -> Path:
    path = tmp_path / "ancien.xlsx"
    assert cli("exemple", path)[0] == 0
    make_v1(path)
    return path


def test_old_workbook_is_upgraded_without_loss(v1: Path, cli, tmp_path: Path):
    before = grids(v1)
    code, out = cli("mettre-a-jour", v1)
    assert code == 0, out
    assert "v1 → v3" in out
    wb = openpyxl.load_workbook(v1)
    assert "Conflits" in wb.sheetnames and wb[FINGERPRINT_SHEET].sheet_state == "hidden"
    meta = {r[0]: r[1] for r in wb[META_SHEET].iter_rows(values_only=True)}
    assert meta["version_schema"] == "3"
    after = grids(v1)
    for sheet, old in before.items():
        new = after[sheet]
        assert len(new) == len(old), sheet
        header = new[0]
        ref = header.index(ROW_ID_HEADER)
        assert [row[:ref] for row in new[1:]] == [row[:ref] for row in old[1:]], f"{sheet}: a cell changed"
        ids = [row[ref] for row in new[1:]]
        assert all(ids) and len(set(ids)) == len(ids), sheet
    teachers = wb["Enseignants"]
    assert teachers["M3"].value == "à relancer" and teachers["G4"].value == "peut-être"
    journal = WorkbookReader(FileStore(v1)).table("run_log")
    assert journal.iloc[-1]["step"] == "mettre-a-jour"
    assert "mise à niveau du classeur v1 → v3" in journal.iloc[-1]["summary"]
    assert list((tmp_path / "sauvegardes").glob("ancien*")), "the version 1 file is kept as a backup"
    code, out = cli("mettre-a-jour", v1)
    assert code == 0 and "déjà à jour" in out


def test_the_next_step_upgrades_an_old_workbook_first(v1: Path):
    spec = StepSpec("essai", "Essai", reads=("teachers",), writes=(), run=lambda _: StepOutput(report=Report("Essai")))
    content = v1.read_bytes()
    with pytest.raises(UserError, match="peut-être"):  # refused for its input error: not even upgraded
        run_step(FileStore(v1), spec)
    assert v1.read_bytes() == content
    wb = openpyxl.load_workbook(v1)
    wb["Enseignants"]["G4"] = "Oui"
    wb.save(v1)
    report = run_step(FileStore(v1), spec)
    assert any("v1 → v3" in line for line in report.lines)
    reader = WorkbookReader(FileStore(v1))
    assert reader.table("teachers")["row_id"].notna().all()
    assert list(reader.table("run_log")["step"])[-2:] == ["mettre-a-jour", "essai"]


def test_a_workbook_from_a_newer_toolkit_is_refused(new_workbook: Path, cli):
    wb = openpyxl.load_workbook(new_workbook)
    for row in wb[META_SHEET].iter_rows(min_row=2):
        if row[0].value == "version_schema":
            row[1].value = "99"
    wb.save(new_workbook)
    content = new_workbook.read_bytes()
    copy = new_workbook.with_name("copie.xlsx")
    copy.write_bytes(content)
    for args in (("mettre-a-jour", new_workbook), ("fusionner", new_workbook, copy)):
        code, out = cli(*args)
        assert code == 1, out
        assert "version plus récente de demarche-xl" in out and "mettez à jour l'outil" in out
    assert new_workbook.read_bytes() == content


def drop_column(ws, header: str) -> None:
    """Delete a column and shrink the sheet's Excel table with it."""
    headers = [c.value for c in ws[1]]
    position = headers.index(header) + 1
    ws.delete_cols(position)
    for excel_table in ws.tables.values():
        excel_table.ref = f"A1:{get_column_letter(len(headers) - 1)}{max(ws.max_row, 2)}"
        excel_table.autoFilter.ref = excel_table.ref
        excel_table.tableColumns = []
        excel_table._initialise_columns()
        for column, cell in zip(excel_table.tableColumns, ws[1]):
            column.name = str(cell.value)


def test_model_2_gets_the_proposal_columns_and_keeps_the_teams_decisions(tmp_path: Path, cli):
    """Model 2 had no « Proposition de l'outil »: Retenue and Confirmé held proposal and decision at once. The
    upgrade keeps them as the team's decisions, cell for cell, and adds the proposal beside them."""
    from fixtures.after_workbooks import example_after_workshops
    from fixtures.decisions import retain_most_cited

    path = example_after_workshops(tmp_path)
    retain_most_cited(path)
    assert cli("referents", path)[0] == 0
    wb = openpyxl.load_workbook(path)
    concerns, leads = wb["Préoccupations"], wb["Référents"]
    concerns["H2"], concerns["H5"] = "Non", "Oui"  # the team's changes to what version 2 had proposed
    leads["G2"], leads["G3"] = "Oui", "Non"
    for ws in (concerns, leads):
        drop_column(ws, "Proposition de l'outil")
    for row in wb[META_SHEET].iter_rows(min_row=2):
        if row[0].value == "version_schema":
            row[1].value = "2"
    wb.save(path)
    before = {ws: [list(r) for r in openpyxl.load_workbook(path)[ws].iter_rows(values_only=True)]
              for ws in ("Préoccupations", "Référents")}
    code, out = cli("mettre-a-jour", path)
    assert code == 0 and "v2 → v3" in out, out
    assert "Retenue » sont gardés comme choix de l'équipe" in " ".join(out.split())
    wb = openpyxl.load_workbook(path)
    for sheet, decision in (("Préoccupations", "Retenue"), ("Référents", "Confirmé")):
        rows = [list(r) for r in wb[sheet].iter_rows(values_only=True)]
        header = rows[0]
        assert "Proposition de l'outil" in header and header.index("Proposition de l'outil") + 1 == \
            header.index(decision)  # beside the team's column
        old_header = before[sheet][0]
        for old, new in zip(before[sheet][1:], rows[1:]):
            assert {h: v for h, v in zip(old_header, old)} == \
                {h: v for h, v in zip(header, new) if h != "Proposition de l'outil"}, sheet  # every cell kept
    concerns = [dict(zip(rows[0], r)) for rows in [list(wb["Préoccupations"].iter_rows(values_only=True))]
                for r in rows[1:]]
    assert [c["Proposition de l'outil"] for c in concerns[:4]] == ["Oui", "Oui", "Oui", "Non"]
    assert [c["Retenue"] for c in concerns[:4]] == ["Non", "Oui", "Oui", "Oui"]
    leads = [dict(zip(rows[0], r)) for rows in [list(wb["Référents"].iter_rows(values_only=True))] for r in rows[1:]]
    undecided = [lead["Proposition de l'outil"] for lead in leads if lead["ID enseignant"] and lead["Confirmé"] is None]
    assert undecided and set(undecided) == {"Oui"}, leads
