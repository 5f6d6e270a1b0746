"""The file store: reads a workbook file with python-calamine, writes with openpyxl, atomically, with a backup,
and only after checking that nothing the user put in the workbook would be lost. openpyxl parses only the sheets a
step writes (`set_aside`), and large tables' rows are generated as XML (`bulk_rows`, `trim`)."""
from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import openpyxl
from python_calamine import CalamineError, CalamineWorkbook

from demarche_xl.lifecycle import lock
from demarche_xl.problems import UserError
from demarche_xl.schema.registry import META_SHEET
from demarche_xl.store import (bulk_rows, carry, charts, comment_rows, excel_extras, guard, limits, loss_guard,
                               read_ahead, readable, rename, safety, set_aside)
from demarche_xl.store.base import RAW, TABLE, WritePlan
from demarche_xl.store.package import Package
from demarche_xl.store.set_aside import CannotSetAside
from demarche_xl.store.sheet_writes import apply_write, write_hidden

NOT_A_WORKBOOK = "ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) »"


class FileStore:
    """A workbook file on disk. Reads are cached until the next write."""

    def __init__(self, path: str | Path, must_exist: bool = True) -> None:
        self.path = Path(path)
        self.label = self.path.name
        self._book: CalamineWorkbook | None = None
        self._parts: dict[str, str] | None = None  # sheet name -> its part in the package
        self._checked: set[str] = set()  # sheets known to be whole and within what calamine can lay out
        self._ahead: dict[str, tuple] = {}  # sheet -> (parsed, its XML) parsed on a second core, taken once
        if must_exist and not self.path.exists():
            raise UserError(f"le fichier « {self.path} » n'existe pas",
                            "vérifiez le chemin, ou créez le classeur avec « demarche-xl nouveau »")
        if self.path.suffix.lower() not in (".xlsx", ".xlsm"):
            raise UserError(f"« {self.path.name} » n'est pas un classeur .xlsx", NOT_A_WORKBOOK)
        if self.path.is_dir():
            raise UserError(f"« {self.path} » est un dossier, pas un classeur", "donnez le chemin du fichier .xlsx")

    # reading -----------------------------------------------------------------------------------------------------
    def _calamine(self) -> CalamineWorkbook:
        if self._book is None:
            readable.check_package(self.path)
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

    def _sheet(self, sheet: str):
        """calamine's sheet, once it is known to be readable (see `readable`): parsed on a second core
        (`read_ahead`, `prefetch`), or now."""
        early = self._ahead.pop(sheet, None) or read_ahead.take(self.path, sheet)
        if early is not None:
            parsed, xml = early
            if sheet not in self._checked and xml is not None:  # (its size was checked before it was parsed)
                readable.refuse_if_damaged(xml, sheet, self.path.name)
            self._checked.add(sheet)
            return parsed
        if sheet not in self._checked:
            if self._parts is None:
                self._parts = guard.sheet_parts_at(self.path)
            readable.check_sheet(self.path, self._parts.get(sheet), sheet)
            self._checked.add(sheet)
        try:
            return self._calamine().get_sheet_by_name(sheet)
        except (CalamineError, ValueError) as exc:
            raise UserError(f"« {self.path.name} », feuille « {sheet} » : illisible ({exc})", NOT_A_WORKBOOK) from exc

    def read_rows(self, sheet: str) -> list[list[object]]:
        if sheet not in self.sheet_names():
            return []
        rows = self._sheet(sheet).to_python(skip_empty_area=False)
        while rows and all(v == "" for v in rows[-1]):
            rows.pop()
        return [[None if v == "" else v for v in row] for row in rows]

    def prefetch(self, sheets) -> None:
        """Have the sheets a step is about to read parsed on a second core: those read ahead while the toolkit
        loaded are taken, the others parsed two at a time (see `read_ahead`). Each sheet is checked when the step
        reads it (`_sheet`)."""
        present = set(self.sheet_names())
        rest = []
        for sheet in dict.fromkeys(sheets):
            if sheet in present and sheet not in self._ahead:
                found = read_ahead.take(self.path, sheet)
                if found is None:
                    rest.append(sheet)
                else:
                    self._ahead[sheet] = found
        if len(rest) >= 2 and read_ahead.second_core():
            self._calamine()  # the package is checked once, here
            self._ahead.update(read_ahead.parse_together(self.path, rest))

    def merged_ranges(self, sheet: str) -> list[str]:
        data = self._sheet(sheet)
        ranges = data.merged_cell_ranges or []
        return [f"{_a1(start)}:{_a1(end)}" for start, end in ranges]

    # writing -----------------------------------------------------------------------------------------------------
    def apply(self, plan: WritePlan) -> None:
        """Write the plan to a temporary copy, check nothing else was lost, back up, then replace the file.

        Under the workbook's lock (already held when a step runs, see `lifecycle`); within Excel's limits.
        Sheets the plan does not write are opened without their cells (see `set_aside`), unless the plan forgets
        people (the purge goes through every cell) or renames sheets (their references are retargeted)."""
        limits.fit(plan)
        safety.refuse_if_unwritable(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise safety.unwritable_folder(self.path.parent, error.strerror or "") from error
        with lock.hold(self.path, "enregistrement du classeur"):
            try:
                self._apply(plan, set_cells_aside=not plan.forget_people and not plan.renames)
            except CannotSetAside:
                self._apply(plan, set_cells_aside=False)
            except PermissionError as error:  # the folder or the file refused the write midway
                raise safety.unwritable_folder(self.path.parent, error.strerror or "") from error
        self._book, self._parts, self._checked, self._ahead = None, None, set(), {}
        read_ahead.forget()

    def _apply(self, plan: WritePlan, set_cells_aside: bool) -> None:
        existed = self.path.exists()
        scratch: list[Path] = []
        original = None  # the package being replaced, each part inflated once for the survey and the set-aside
        try:
            aside, carried, surveyed, extras = None, carry.Carried(), None, excel_extras.Extras()
            if existed:
                safety.refuse_if_open(self.path)
                readable.check_package(self.path)
                original = _package(self.path)
                read_ahead.hand_inflated(self.path, original)  # the sheets' XML inflated on the second core
                surveyed = guard.survey(self.path, package=original)  # what the loss guard compares the new one with
                readable.refuse_damaged(self.path.name, surveyed.damaged)  # a cut sheet set aside would stay cut
                wb, aside = self._open(plan, scratch, set_cells_aside, original, surveyed)
                carried = carry.collect(self.path)
                extras = excel_extras.collect(self.path, original)  # threads, x14 extensions: openpyxl drops them
                extras.renamed(plan.renames)
            else:
                wb = openpyxl.Workbook()
                wb.remove(wb.active)
            rename.rename_sheets(wb, plan.renames)
            for write in plan.writes:
                if existed and not plan.renames and not plan.forget_people:
                    comment_rows.follow(wb, write, self.read_rows, extras.moves)  # comments follow their rows
                apply_write(wb, write, aside)
            dropped = _drop_sheets(wb, plan)
            write_hidden(wb, META_SHEET, [["clé", "valeur"], *[[k, v] for k, v in plan.meta.items()]], merge=True)
            for name, rows in plan.hidden_sheets.items():
                write_hidden(wb, name, rows, merge=False)
            if not any(ws.sheet_state == "visible" for ws in wb.worksheets):
                wb.worksheets[0].sheet_state = "visible"
            temporary = _scratch_file(self.path, scratch)
            wb.save(temporary)
            if aside is not None:
                saved, temporary = temporary, _scratch_file(self.path, scratch)
                set_aside.put_back(saved, temporary, aside, carried, original)
            elif carried:
                saved, temporary = temporary, _scratch_file(self.path, scratch)
                carry.copy_with(saved, temporary, carried)
            if extras:
                saved, temporary = temporary, _scratch_file(self.path, scratch)
                excel_extras.restore(saved, temporary, extras, plan.forget_people)
            if original is not None:
                original.close()  # before the file is copied and replaced (Windows refuses to replace an open file)
            if existed:
                lost = loss_guard.losses(self.path, temporary, plan, dropped, self._book, surveyed)
                if lost:
                    raise UserError(
                        "l'enregistrement ferait disparaître des éléments que l'outil ne sait pas conserver :\n  - "
                        + "\n  - ".join(lost),
                        "rien n'a été modifié ; lancez l'étape depuis Excel (ruban « Démarche »), ou déplacez ces "
                        "éléments dans un autre classeur")
                safety.backup(self.path)
            safety.atomic_replace(temporary, self.path)
        finally:
            if original is not None:
                original.close()
            for path in scratch:
                path.unlink(missing_ok=True)

    def _open(self, plan: WritePlan, scratch: list[Path], set_cells_aside: bool, original: Package | None = None,
              surveyed: guard.Survey | None = None):
        """The workbook as openpyxl objects, with the cells of the sheets the plan leaves alone set aside."""
        opened, aside = self.path, None
        try:
            if set_cells_aside:
                opened = _scratch_file(self.path, scratch)
                keep = {*plan.sheets(), *plan.hidden_sheets, META_SHEET, *plan.drop_sheets}
                rewritten = {w.sheet: None if w.kind == RAW else set(range(1, len(w.header) + 1))
                             for w in plan.writes if w.kind in (TABLE, RAW) and bulk_rows.eligible(w.rows)}
                aside = set_aside.set_aside(self.path, opened, keep, rewritten, original, surveyed)
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise UserError(f"« {self.path.name} » ne peut pas être ouvert pour écriture ({exc})",
                            NOT_A_WORKBOOK) from exc
        try:
            with warnings.catch_warnings():  # Excel's extensions openpyxl drops are put back (`excel_extras`)
                warnings.filterwarnings("ignore", ".* extension is not supported", UserWarning)
                wb = openpyxl.load_workbook(opened, rich_text=has_rich_text(opened), keep_links=True)
            charts.keep_names(wb)  # openpyxl would rename the table charts « Chart n » (see `charts`)
        except Exception as exc:  # noqa: BLE001 - openpyxl fails in many ways on a damaged part (styles, properties)
            raise UserError(f"« {self.path.name} » ne peut pas être ouvert pour écriture : une de ses parties est "
                            f"abîmée ({type(exc).__name__} : {exc})", readable.REPAIR) from exc
        return wb, aside


def _package(path: Path) -> Package:
    try:
        return Package(path)
    except (zipfile.BadZipFile, OSError) as exc:  # `check_package` has just read it: the file changed meanwhile
        raise UserError(f"« {path.name} » ne peut pas être ouvert pour écriture ({exc})", NOT_A_WORKBOOK) from exc


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
