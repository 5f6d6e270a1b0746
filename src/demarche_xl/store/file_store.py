"""The file store: reads a workbook file with python-calamine, writes with openpyxl, atomically, with a backup,
and only after checking that nothing the user put in the workbook would be lost. openpyxl parses only the sheets a
step writes (`set_aside`), and large tables' rows are generated as XML (`bulk_rows`, `trim`)."""
from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.exceptions import InvalidFileException
from python_calamine import CalamineError, CalamineWorkbook

from demarche_xl.problems import UserError
from demarche_xl.schema.registry import META_SHEET
from demarche_xl.store import bulk_rows, carry, charts, guard, order, rename, safety, set_aside
from demarche_xl.store.base import CELLS, HOME, RAW, TABLE, SheetWrite, WritePlan
from demarche_xl.store.set_aside import CannotSetAside, SetAside
from demarche_xl.workbook import home, layout

NOT_A_WORKBOOK = "ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) »"


class FileStore:
    """A workbook file on disk. Reads are cached until the next write."""

    def __init__(self, path: str | Path, must_exist: bool = True) -> None:
        self.path = Path(path)
        self.label = self.path.name
        self._book: CalamineWorkbook | None = None
        if must_exist and not self.path.exists():
            raise UserError(f"le fichier « {self.path} » n'existe pas",
                            "vérifiez le chemin, ou créez le classeur avec « demarche-xl nouveau »")
        if self.path.suffix.lower() not in (".xlsx", ".xlsm"):
            raise UserError(f"« {self.path.name} » n'est pas un classeur .xlsx", NOT_A_WORKBOOK)

    # reading -----------------------------------------------------------------------------------------------------
    def _calamine(self) -> CalamineWorkbook:
        if self._book is None:
            try:
                self._book = CalamineWorkbook.from_path(str(self.path))
            except (CalamineError, OSError, ValueError) as exc:
                raise UserError(f"« {self.path.name} » ne peut pas être lu comme un classeur Excel ({exc})",
                                NOT_A_WORKBOOK) from exc
        return self._book

    def sheet_names(self) -> list[str]:
        if not self.path.exists():
            return []
        return list(self._calamine().sheet_names)

    def read_rows(self, sheet: str) -> list[list[object]]:
        if sheet not in self.sheet_names():
            return []
        data = self._calamine().get_sheet_by_name(sheet)
        rows = data.to_python(skip_empty_area=False)
        while rows and all(v == "" for v in rows[-1]):
            rows.pop()
        return [[None if v == "" else v for v in row] for row in rows]

    def merged_ranges(self, sheet: str) -> list[str]:
        data = self._calamine().get_sheet_by_name(sheet)
        ranges = data.merged_cell_ranges or []
        return [f"{_a1(start)}:{_a1(end)}" for start, end in ranges]

    # writing -----------------------------------------------------------------------------------------------------
    def apply(self, plan: WritePlan) -> None:
        """Write the plan to a temporary copy, check nothing else was lost, back up, then replace the file.

        Sheets the plan does not write are opened without their cells (see `set_aside`), unless the plan forgets
        people (the purge goes through every cell)."""
        try:
            self._apply(plan, set_cells_aside=not plan.forget_people and not plan.renames)
        except CannotSetAside:
            self._apply(plan, set_cells_aside=False)
        self._book = None

    def _apply(self, plan: WritePlan, set_cells_aside: bool) -> None:
        existed = self.path.exists()
        scratch: list[Path] = []
        try:
            aside, carried = None, carry.Carried()
            if existed:
                safety.refuse_if_open(self.path)
                wb, aside = self._open(plan, scratch, set_cells_aside)
                carried = carry.collect(self.path)
            else:
                wb = openpyxl.Workbook()
                wb.remove(wb.active)
            rename.rename_sheets(wb, plan.renames)
            for write in plan.writes:
                _apply_write(wb, write, aside)
            dropped = _drop_sheets(wb, plan)
            _write_hidden(wb, META_SHEET, [["clé", "valeur"], *[[k, v] for k, v in plan.meta.items()]], merge=True)
            for name, rows in plan.hidden_sheets.items():
                _write_hidden(wb, name, rows, merge=False)
            if not any(ws.sheet_state == "visible" for ws in wb.worksheets):
                wb.worksheets[0].sheet_state = "visible"
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = _scratch_file(self.path, scratch)
            wb.save(temporary)
            if aside is not None:
                saved, temporary = temporary, _scratch_file(self.path, scratch)
                set_aside.put_back(saved, temporary, aside, carried)
            elif carried:
                saved, temporary = temporary, _scratch_file(self.path, scratch)
                carry.copy_with(saved, temporary, carried)
            if existed:
                before = rename.renamed_census(guard.census(self.path), plan.renames)
                lost = guard.losses(before, guard.census(temporary), dropped,
                                    forgotten=plan.forget_people)
                if lost:
                    raise UserError(
                        "l'enregistrement ferait disparaître des éléments que l'outil ne sait pas conserver :\n  - "
                        + "\n  - ".join(lost),
                        "rien n'a été modifié ; lancez l'étape depuis Excel (ruban « Démarche »), ou déplacez ces "
                        "éléments dans un autre classeur")
                safety.backup(self.path)
            safety.atomic_replace(temporary, self.path)
        finally:
            for path in scratch:
                path.unlink(missing_ok=True)

    def _open(self, plan: WritePlan, scratch: list[Path], set_cells_aside: bool):
        """The workbook as openpyxl objects, with the cells of the sheets the plan leaves alone set aside."""
        opened, aside = self.path, None
        try:
            if set_cells_aside:
                opened = _scratch_file(self.path, scratch)
                keep = {*plan.sheets(), *plan.hidden_sheets, META_SHEET, *plan.drop_sheets}
                rewritten = {w.sheet: None if w.kind == RAW else set(range(1, len(w.header) + 1))
                             for w in plan.writes if w.kind in (TABLE, RAW) and bulk_rows.eligible(w.rows)}
                aside = set_aside.set_aside(self.path, opened, keep, rewritten)
            wb = openpyxl.load_workbook(opened, rich_text=has_rich_text(opened), keep_links=True)
            charts.keep_names(wb)  # openpyxl would rename the table charts « Chart n » (see `charts`)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
            raise UserError(f"« {self.path.name} » ne peut pas être ouvert pour écriture ({exc})",
                            NOT_A_WORKBOOK) from exc
        return wb, aside


def _scratch_file(path: Path, scratch: list[Path]) -> Path:
    temporary = safety.temporary_sibling(path)
    scratch.append(temporary)
    return temporary


def _drop_sheets(wb, plan: WritePlan) -> set[str]:
    """Delete the plan's sheets and, when it forgets people, every cell comment, every e-mail link (mailto:) and the
    document's authors."""
    dropped = {name for name in plan.drop_sheets if name in wb.sheetnames}
    for name in dropped:
        wb.remove(wb[name])
    if plan.forget_people:
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.comment is not None:
                        cell.comment = None
                    if cell.hyperlink is not None and "@" in str(cell.hyperlink.target or ""):
                        cell.hyperlink = None
        wb.properties.creator = "demarche-xl"
        wb.properties.lastModifiedBy = None
    return dropped


def has_rich_text(path: Path) -> bool:
    """Whether any string of the workbook has formatted runs (bold word, colour…): only then must openpyxl parse
    rich text, which is lossless but doubles the loading time of a large workbook."""
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name == "xl/sharedStrings.xml" or (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                data = package.read(name)
                if b"<r>" in data or b"<r " in data or b":r>" in data:
                    return True
    return False


def _a1(cell: tuple[int, int]) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(cell[1] + 1)}{cell[0] + 1}"


def _sheet(wb, name: str, table=None):
    if name in wb.sheetnames:
        return wb[name], False
    ws = wb.create_sheet(name, _position(wb, name))
    return ws, True


def _position(wb, name: str) -> int:
    return order.position(wb.sheetnames, name)


def _apply_write(wb, write: SheetWrite, aside: SetAside | None) -> None:
    """Write one plan entry; with `aside`, the data rows of a large table or raw tab are generated (`bulk_rows`)."""
    ws, created = _sheet(wb, write.sheet)
    if write.kind == HOME:
        home.render(ws, write.rows)
        return
    if write.table is not None and not created:  # colour rules of a sheet made before they existed
        layout.add_conditional_formats(ws, write.table, only_missing=True)
    if write.kind == CELLS:
        for row, column, value in write.rows:
            ws.cell(row=row, column=column).value = value
        return
    if not created:
        _clear(ws, write)
    if write.kind == TABLE:
        layout.write_header(ws, write.header)
        if created:
            layout.lay_out_new_sheet(ws, write.table)
    elif write.kind == RAW:
        for pos, text in enumerate(write.header, start=1):
            ws.cell(row=1, column=pos, value=ILLEGAL_CHARACTERS_RE.sub("", text) if isinstance(text, str) else text)
        if created:
            ws.freeze_panes = "A2"
    formats = aside.formats.get(write.sheet) if aside is not None else None
    if aside is not None and bulk_rows.can_write(ws, write.rows):
        styles = wb._cell_styles
        if any(number >= len(styles) for number in (formats or {}).values()):
            raise CannotSetAside(f"format inconnu sous l'en-tête de « {write.sheet} »")
        carried = {key: styles[number] for key, number in (formats or {}).items()}
        aside.generated[write.sheet] = bulk_rows.take_rows(ws, write.rows, carried)
    elif formats is not None:  # opened with its header only, yet openpyxl must write it: open it whole
        raise CannotSetAside(f"« {write.sheet} » ne peut pas être écrite en bloc")
    else:
        _write_rows(ws, write.rows)
    if write.kind == TABLE:
        layout.set_excel_table(ws, write.table, len(write.header), len(write.rows))
        if write.table.key == "lists" and created:
            layout.define_list_names(wb, write.sheet, write.table.keys)
        charts.draw(ws, write)


def _write_rows(ws, rows: list[list[object]]) -> None:
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            if isinstance(value, str):  # characters a workbook cannot hold (a bell in an export) are dropped
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            if value is not None:
                ws.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("="):  # never a formula: text stays text
                ws.cell(row=r, column=c).data_type = "s"


def _clear(ws, write: SheetWrite) -> None:
    """Empty what the previous write put there: every column with a header (declared or added by the team, which
    the runner carries over), never a column without a header, where the team may keep free notes."""
    if write.kind == RAW:
        columns = None
    else:
        columns = {c for c in range(1, ws.max_column + 1) if ws.cell(row=1, column=c).value not in (None, "")}
        columns |= set(range(1, len(write.header) + 1))
    for (_, column), cell in list(ws._cells.items()):  # the cells the sheet holds (a cell never written is empty)
        if columns is None or column in columns:
            cell.value = None


def _write_hidden(wb, name: str, rows: list[list[object]], merge: bool) -> None:
    ws, created = _sheet(wb, name)
    ws.sheet_state = "hidden"
    existing = {}
    if merge and not created:
        existing = {r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r and r[0]}
        ws.delete_rows(1, ws.max_row)
    elif not created:
        ws.delete_rows(1, ws.max_row)
    if merge:
        existing.update({r[0]: r[1] for r in rows[1:]})
        rows = [rows[0], *[[k, v] for k, v in existing.items()]]
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
