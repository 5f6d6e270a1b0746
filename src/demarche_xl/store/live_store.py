"""The live store: a workbook open in Excel, read and written through xlwings' `Book`, whichever engine gives it: the
desktop engines (the ribbon add-in, Windows and macOS) or the remote engine of xlwings Lite (the add-in sends the
workbook's values to Python in the browser; every write becomes an action Excel applies when the script returns).
No logic: it reads cells and applies the runner's `WritePlan`, touching only the planned sheets and columns, then
lets Excel save the file, so everything Excel holds (charts, shapes, pivot tables, formats) stays as it is. Every
string is written as text (leading apostrophe, see `cells.excel_text`), so Excel never reinterprets it; the team's
notes on `Accueil` are kept (see `home_notes`).

Where the engines differ:
- desktop: the file as last saved is first copied to `sauvegardes/`; the remote engine has no file on this computer
  (Excel's own version history keeps the previous versions);
- remote: only the sheets a script asked for carry their values (`@script(include=…)`); reading another one raises
  instead of reading it as empty (see `demarche_xl.lite.sheets`);
- remote: merged cells cannot be read while a script runs, so `merged_ranges` finds none;
- a failure half-way through: on the remote engine nothing has reached Excel yet, the queued actions are dropped;
  on the desktop the message names the sheets already changed in the open workbook (not saved).

The part of xlwings' API used: Book `name`, `fullname`, `sheets`, `save()`, `json()` (remote); Sheets iteration,
`[name]`, `add(name, before=…, after=…)`; Sheet `name`, `api` (remote), `used_range`, `range(…)` with (row, column)
tuples, `visible`, `tables`, `charts`; Range `value`, `options(ndim=2).value`, `last_cell`, `clear_contents()`,
`merge_cells`, `merge_area.address`; Table `range`, `resize(range)`; Charts `add(width, height, chart_type, source,
plot_by, name, anchor | left, top)`; Chart `name`, `title`, `left`, `top`, `delete()`, `set_x_axis_values(range)`,
`legend.visible`, `category_axis.reverse_order`; Range `delete("up")`.
"""
from __future__ import annotations

from pathlib import Path

from demarche_xl.problems import UserError
from demarche_xl.schema.registry import META_SHEET
from demarche_xl.store import charts, live_charts, safety
from demarche_xl.store.base import SheetNotSent, CELLS, HOME, RAW, TABLE, SheetWrite, WritePlan
from demarche_xl.store.cells import excel_text
from demarche_xl.store.order import position
from demarche_xl.workbook import home_notes

CHART_PREFIX = charts.CHART_PREFIX
ROWS_PER_WRITE = 2000  # one write of at most this many rows: keeps each action small for Excel for the web


class LiveStore:
    """A workbook open in Excel (an xlwings `Book`)."""

    def __init__(self, book) -> None:
        self.book = book
        self.label = book.name
        engine = getattr(getattr(book, "app", None), "engine", None)
        self.remote = getattr(engine, "name", "") == "remote"
        self._created: set[str] = set()  # sheets added by this store (the remote engine sends them without values)

    @property
    def path(self) -> Path | None:
        """The workbook's file on this computer (its lock goes next to it), None before its first save or on the
        remote engine."""
        if self.remote:
            return None
        path = Path(str(self.book.fullname))
        return path if path.is_file() else None

    # reading -----------------------------------------------------------------------------------------------------
    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.book.sheets]

    def read_rows(self, sheet: str) -> list[list[object]]:
        if sheet not in self.sheet_names():
            return []
        ws = self.book.sheets[sheet]
        self._require_values(ws)
        last = ws.used_range.last_cell
        rows = ws.range((1, 1), (last.row, last.column)).options(ndim=2).value or []
        rows = [[None if v == "" else v for v in row] for row in rows]
        while rows and all(v is None for v in rows[-1]):
            rows.pop()
        return rows

    def merged_ranges(self, sheet: str) -> list[str]:
        """Merged areas, looked for row by row only when the used range says it holds some (few calls to Excel).
        The remote engine cannot tell while a script runs: none are reported there."""
        if self.remote:
            return []
        ws = self.book.sheets[sheet]
        used = ws.used_range
        if used.merge_cells is False:
            return []
        last = used.last_cell
        found: list[str] = []
        for row in range(1, last.row + 1):
            if ws.range((row, 1), (row, last.column)).merge_cells is False:
                continue
            for column in range(1, last.column + 1):
                cell = ws.range((row, column))
                if cell.merge_cells:
                    address = cell.merge_area.address.replace("$", "")
                    if address not in found:
                        found.append(address)
        return found

    def _require_values(self, ws) -> None:
        """The remote engine sends `[[]]` for a sheet the script did not ask for (an empty sheet comes as `[[""]]`)."""
        if self.remote and ws.name not in self._created and ws.api.get("values") == [[]]:
            raise SheetNotSent(f"sheet {ws.name!r} was not sent to Python: add it to the script's sheets")

    # writing -----------------------------------------------------------------------------------------------------
    def apply(self, plan: WritePlan) -> None:
        """Back up the file as last saved, write the planned sheets into the open workbook, and save it in Excel."""
        if plan.drop_sheets or plan.forget_people:
            raise UserError("la purge des données personnelles ne se lance pas depuis Excel",
                            "fermez le classeur puis lancez « demarche-xl purger classeur.xlsx » ; "
                            "rien n'a été modifié")
        path = Path(str(self.book.fullname))
        if not self.remote and path.is_file():
            safety.backup(path)
        done: list[str] = []
        try:
            for old, new in plan.renames.items():  # Excel retargets formulas and names itself
                if old in self.sheet_names() and new not in self.sheet_names():
                    self.book.sheets[old].name = new
                    done.append(f"{old} (renommée « {new} »)")
            for write in plan.writes:
                self._write(write)
                done.append(write.sheet)
            self._write_meta(plan.meta)
            for name, rows in plan.hidden_sheets.items():
                self._write_hidden(name, rows)
        except Exception as error:  # noqa: BLE001 - said in French with what was written, never half-silent
            raise self._stopped(plan, done, error) from error
        self.book.save()

    def _stopped(self, plan: WritePlan, done: list[str], error: Exception) -> UserError:
        what = f"l'écriture dans le classeur s'est arrêtée en cours de route ({error.__class__.__name__} : {error})"
        if self.remote:
            self.book.json()["actions"].clear()  # nothing has reached Excel yet: drop every queued change
            return UserError(what, "rien n'a été modifié dans le classeur ; relancez l'étape, et si l'erreur revient, "
                                   "signalez-la avec ce message")
        pending = [w.sheet for w in plan.writes if w.sheet not in done]
        changed = f"feuilles déjà écrites : {', '.join(done)} ; " if done else ""
        return UserError(f"{what} : {changed}feuille « {pending[0] if pending else META_SHEET} » écrite en partie ; "
                         "le fichier enregistré n'a pas changé",
                         "fermez le classeur sans l'enregistrer pour retrouver la dernière version enregistrée (une "
                         "copie est aussi dans « sauvegardes »), puis relancez l'étape")

    def _sheet(self, name: str):
        names = self.sheet_names()
        if name in names:
            return self.book.sheets[name], False
        index = position(names, name)
        self._created.add(name)
        if index < len(names):
            return self.book.sheets.add(name, before=self.book.sheets[names[index]]), True
        return self.book.sheets.add(name, after=self.book.sheets[names[-1]]), True

    def _write(self, write: SheetWrite) -> None:
        ws, created = self._sheet(write.sheet)
        if write.kind == HOME:
            self._write_home(ws, write.rows)
            return
        if write.kind == CELLS:
            for row, column, value in write.rows:
                ws.range((row, column)).value = excel_text(value)
            return
        if not created:
            self._clear(ws, write)
        rows = [write.header, *write.rows]
        self._put(ws, rows)
        if write.kind == TABLE:
            self._resize_table(ws, len(write.header), len(write.rows))
            live_charts.draw(ws, write)

    def _write_home(self, ws, rows: list[list[object]]) -> None:
        """`Accueil` rewritten, the team's notes put back where they were (see `home_notes`)."""
        before = self.read_rows(ws.name)
        home_notes.refuse_covered_notes(ws.name, before, rows)
        notes = home_notes.team_notes(before, home_notes.tool_width(rows))
        self._clear(ws, None)
        self._put_home(ws, [values for _tag, *values in rows])
        for (r, c), value in notes.items():
            ws.range((r, c)).value = excel_text(value)

    def _clear(self, ws, write: SheetWrite | None) -> None:
        """Empty what the previous write put there: every column with a header (declared or added by the team),
        never a column without a header, where the team may keep notes; the whole sheet for raw and home sheets."""
        if ws.name in self._created:
            return
        self._require_values(ws)
        last = ws.used_range.last_cell
        if write is None or write.kind == RAW:
            ws.range((1, 1), (last.row, last.column)).clear_contents()
            return
        header = ws.range((1, 1), (1, last.column)).options(ndim=2).value[0]
        columns = {c for c, v in enumerate(header, start=1) if v not in (None, "")}
        columns |= set(range(1, len(write.header) + 1))
        for first, final in runs(sorted(columns)):  # one call per block of adjacent columns
            ws.range((1, first), (last.row, final)).clear_contents()

    @staticmethod
    def _put(ws, rows: list[list[object]]) -> None:
        width = max((len(r) for r in rows), default=0)
        if not width:
            return
        for start in range(0, len(rows), ROWS_PER_WRITE):
            block = rows[start:start + ROWS_PER_WRITE]
            ws.range((start + 1, 1)).value = [[excel_text(v) for v in r] + [None] * (width - len(r)) for r in block]

    @staticmethod
    def _put_home(ws, rows: list[list[object]]) -> None:
        """`Accueil` row by row, adjacent rows of the same length in one write; never a cell past a row's values
        (its title and text rows are merged across the page)."""
        start = 0
        while start < len(rows):
            end = start + 1
            while end < len(rows) and len(rows[end]) == len(rows[start]) and rows[start]:
                end += 1
            if rows[start]:
                ws.range((start + 1, 1)).value = [[excel_text(v) for v in row] for row in rows[start:end]]
            start = end

    @staticmethod
    def _resize_table(ws, width: int, count: int) -> None:
        """Keep the sheet's Excel table (if any starts at A1) over exactly the written rows."""
        for table in ws.tables:
            if (table.range.row, table.range.column) == (1, 1):
                table.resize(ws.range((1, 1), (max(count, 1) + 1, width)))
                return

    def _write_hidden(self, name: str, rows: list[list[object]]) -> None:
        """A bookkeeping sheet. When the new rows are the old ones without their first rows and with rows added at
        the end (the write history drops its oldest generation and adds one), only those rows change: Excel gets a
        few actions instead of the whole sheet again."""
        ws, created = self._sheet(name)
        old = [] if created else [trimmed(r) for r in self.read_rows(name)]
        new = [trimmed(r) for r in rows]
        dropped = dropped_rows(old, new) if old and new and old[0] == new[0] else None
        if dropped is None:
            self._clear(ws, None)
            self._put(ws, rows)
        else:
            width = max(len(r) for r in old + new)
            if dropped:
                ws.range((2, 1), (dropped + 1, width)).delete("up")
            kept = len(old) - dropped  # header included
            added = new[kept:]
            for start in range(0, len(added), ROWS_PER_WRITE):
                block = added[start:start + ROWS_PER_WRITE]
                ws.range((kept + start + 1, 1)).value = [[excel_text(v) for v in r] + [None] * (width - len(r))
                                                         for r in block]
        ws.visible = False

    def _write_meta(self, meta: dict[str, str]) -> None:
        ws, created = self._sheet(META_SHEET)
        existing = {}
        if not created:
            existing = {r[0]: r[1] if len(r) > 1 else None for r in self.read_rows(META_SHEET)[1:] if r and r[0]}
        existing.update(meta)
        self._clear(ws, None)
        self._put(ws, [["clé", "valeur"], *[[k, v] for k, v in existing.items()]])
        ws.visible = False


def dropped_rows(old: list[list[object]], new: list[list[object]]) -> int | None:
    """How many data rows to remove from the top of `old` so that what remains starts `new` (same header); tried at
    the places where the first column changes (the generations of the write history). None when no place fits."""
    body_old, body_new = old[1:], new[1:]
    starts = [0] + [i for i in range(1, len(body_old)) if body_old[i][:1] != body_old[i - 1][:1]] + [len(body_old)]
    for start in starts:
        rest = body_old[start:]
        if len(rest) <= len(body_new) and body_new[:len(rest)] == rest:
            return start
    return None


def trimmed(row: list[object]) -> list[object]:
    row = list(row)
    while row and row[-1] is None:
        row.pop()
    return row


def runs(columns: list[int]) -> list[tuple[int, int]]:
    """Sorted column numbers grouped into (first, last) blocks of adjacent columns."""
    blocks: list[tuple[int, int]] = []
    for column in columns:
        if blocks and column == blocks[-1][1] + 1:
            blocks[-1] = (blocks[-1][0], column)
        else:
            blocks.append((column, column))
    return blocks

