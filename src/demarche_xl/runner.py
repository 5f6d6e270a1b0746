"""Running a step on a store: read its tables, call the pure function, turn its output into a write plan that
touches only what the step owns (plus `Journal` and `Accueil`), keep the team's extra columns, and save."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from demarche_xl import __version__, ownership, progress
from demarche_xl.lifecycle.journal import journal_write
from demarche_xl.lifecycle.session import writing
from demarche_xl.problems import Problem, Report, UserError
from demarche_xl.share.ids import fill_row_ids
from demarche_xl.schema.model import ROW_ID
from demarche_xl.schema.registry import HOME_SHEET, META_SHEET, SCHEMA_VERSION, table
from demarche_xl.steps import needs
from demarche_xl.steps.base import StepInput, StepOutput, StepSpec
from demarche_xl.store.base import HOME, RAW, SheetWrite, Store, WritePlan
from demarche_xl.tableio import ROW, as_records, is_blank, rows_from_frame
from demarche_xl.workbook import home, table_notes
from demarche_xl.workbook.reader import WorkbookReader

FIGURES_KEY = "chiffres"
EXTRAS_FOLLOW_ROWS = "extra_columns_follow_rows"  # frame attr: the step's output already holds the team's columns


def run_step(store: Store, spec: StepSpec, options: dict | None = None, today: dt.date | None = None) -> Report:
    with writing(store, spec.label) as session:  # one writer at a time, from the first read to the save
        session.refuse_if_newer()
        reader = WorkbookReader(store)
        reader.prefetch(sheets_read(reader, spec))
        needs.refuse_unmet(reader, spec)  # before anything is written: required sheets, rows, the team's decisions
        step_input = build_input(reader, spec, options or {}, today)
        blocking = [p for p in reader.problems if p.is_error]
        if blocking and not spec.tolerate_input_errors:
            raise UserError(blocking + [Problem("corrigez ces cellules puis relancez ; rien n'a été modifié",
                                                "« demarche-xl verifier » liste tous les problèmes du classeur")])
        upgraded = session.upgrade()  # a workbook of an older version is upgraded in place before the step writes
        if upgraded:
            reader = WorkbookReader(store)
            step_input = build_input(reader, spec, options or {}, today)
        output = spec.run(step_input)
        output.report.problems[:0] = [p for p in reader.problems if not p.is_error or spec.tolerate_input_errors]
        if output.report.errors and not output.tables and not output.raw:
            raise UserError(output.report.errors)
        unknown = set(output.tables) - set(spec.writes)
        if unknown:
            raise RuntimeError(f"step {spec.name} returned tables it does not own: {sorted(unknown)}")
        in_place = ownership.enforce(reader, spec, output)  # refuses if the step changed cells it does not own
        plan = plan_for(reader, spec, output, in_place)
        output.report.problems.extend(session.save(plan, output.tables, reader.table, output.inherited_history))
    if upgraded:
        output.report.lines[:0] = upgraded.lines
    return output.report


def log_run(store: Store, name: str, label: str, report: Report, tracked: tuple = ()) -> None:
    """Note in `Journal` (and the key figures in `Accueil`) a run that wrote no table, e.g. the documents; `tracked`:
    steps whose inputs it used (a document kind's `needs.document_spec`), for their status on `Accueil`."""
    spec = StepSpec(name, label, (), (), lambda step: StepOutput(report=report))
    with writing(store, label) as session:
        reader = WorkbookReader(store)
        session.save(plan_for(reader, spec, StepOutput(report=report), tracked=tracked), {}, reader.table)


def sheets_read(reader: WorkbookReader, spec: StepSpec) -> list[str]:
    """The sheets a step's run reads: its tables, settings and lists, its raw tabs, the bookkeeping sheet (the write
    history, `_empreintes`, is read only when the save needs it, see `share.history`)."""
    keys = dict.fromkeys([*needs.required_tables(spec), *spec.reads, *spec.writes, *spec.watches])
    raw = [name for name in reader.sheet_names() if name.startswith(tuple(spec.raw_prefixes))] \
        if spec.raw_prefixes else []
    return [*(table(key).sheet for key in keys), *raw, META_SHEET]


def build_input(reader: WorkbookReader, spec: StepSpec, options: dict, today: dt.date | None) -> StepInput:
    tables = {key: reader.table(key) for key in dict.fromkeys([*spec.reads, *spec.writes])}
    raw = {}
    for prefix in spec.raw_prefixes:
        raw.update(reader.raw_tabs(prefix))
    return StepInput(tables, reader.params(), reader.lists(), raw, today or dt.date.today(), options)


def plan_for(reader: WorkbookReader, spec: StepSpec, output: StepOutput,
             in_place: dict[str, SheetWrite] | None = None, tracked: tuple = ()) -> WritePlan:
    plan = WritePlan()
    changes = []
    for key, frame in output.tables.items():
        declared = table(key)
        if key in (in_place or {}):  # a table the team owns: only the step's computed cells
            plan.writes.append(in_place[key])
            changes.append(f"{declared.sheet} : {len(frame)} ligne(s), colonnes calculées seulement")
            continue
        output.tables[key] = frame = fill_row_ids(declared, frame)  # a team table a step fills gets its ids
        old = reader.table(key)
        table_notes.refuse_lost_notes(declared, old, frame)  # a note typed below the table is named, not erased
        extras = carry_extra_columns(declared, old, frame)
        header = [*declared.headers, *extras]
        rows = rows_from_frame(declared, frame)
        if extras and frame.attrs.get(EXTRAS_FOLLOW_ROWS):  # the step carried them row by row itself
            rows = [row + [None if is_blank(v) else v for v in extra] for row, extra in
                    zip(rows, frame.reindex(columns=extras).astype(object).values.tolist())]
        elif extras:
            extra_values = frame_extra_values(declared, old, frame, extras)
            rows = [row + extra for row, extra in zip(rows, extra_values)]
        plan.writes.append(SheetWrite(declared.sheet, header, rows, table=declared))
        changes.append(describe_change(declared, old, frame))
    for sheet, rows in output.raw.items():
        plan.writes.append(SheetWrite(sheet, [str(v) if v is not None else "" for v in rows[0]] if rows else [],
                                      rows[1:], kind=RAW))
        changes.append(f"{sheet} : {max(len(rows) - 1, 0)} ligne(s) importée(s)")
    log_line = f"{output.report.summary()} | {'; '.join(changes)}".strip(" |")
    plan.writes.append(journal_write(reader, spec, log_line))
    figures = stored_figures(reader)
    figures.update(output.report.figures)
    plan.meta = {"version_schema": str(SCHEMA_VERSION), "version_outil": __version__,
                 FIGURES_KEY: json.dumps(figures, ensure_ascii=False, default=str)}
    records, known = {}, {}  # `known`: each sheet's fingerprint as the plan leaves it, computed once
    for step in (spec, *tracked):  # fingerprints of the inputs, for « À relancer » on `Accueil`
        records = progress.record(plan, reader, step, known=known)
    plan.writes.append(home_write(reader, figures, extra_run=spec.name, roadmap=output.tables.get("roadmap"),
                                  plan=plan, records=records, known=known))
    return plan


def carry_extra_columns(declared, old: pd.DataFrame, new: pd.DataFrame) -> list[str]:
    """Columns the team added to a step's sheet: kept when each value can follow its row, else refused."""
    extras = [c for c in old.attrs.get("extra_columns", []) if old[c].map(lambda v: not is_blank(v)).any()]
    if extras and not declared.row_key and not new.attrs.get(EXTRAS_FOLLOW_ROWS):
        raise UserError(f"la feuille « {declared.sheet} » contient des colonnes ajoutées à la main ({', '.join(extras)}) "
                        "que l'étape ne peut pas conserver car ses lignes vont changer",
                        "déplacez ces colonnes dans une autre feuille puis relancez ; rien n'a été modifié")
    return extras


def frame_extra_values(declared, old: pd.DataFrame, new: pd.DataFrame, extras: list[str]) -> list[list[object]]:
    key_of = lambda record: tuple(str(record.get(k)) for k in declared.row_key)  # noqa: E731
    by_key = {key_of(r): r for r in as_records(old)}
    new_keys = {key_of(r) for r in as_records(new)}
    lost = [(r[ROW], c, r[c]) for k, r in by_key.items() if k not in new_keys for c in extras if not is_blank(r[c])]
    if lost:
        row, column, value = lost[0]
        raise UserError(f"la feuille « {declared.sheet} », ligne {row}, colonne « {column} » contient « {value} », "
                        f"mais cette ligne disparaîtrait ({len(lost)} valeur(s) concernée(s))",
                        "déplacez ces valeurs ailleurs ou videz-les, puis relancez ; rien n'a été modifié")
    return [[by_key.get(key_of(r), {}).get(c) for c in extras] for r in as_records(new)]


def describe_change(declared, old: pd.DataFrame, new: pd.DataFrame) -> str:
    row_key = (ROW_ID,) if declared.has_row_ids else declared.row_key
    if not row_key:
        return f"{declared.sheet} : {len(new)} ligne(s)"
    def fingerprint(frame: pd.DataFrame) -> dict[tuple, tuple]:  # column by column: large tables are walked fast
        texts = {k: list(map(str, frame[k].tolist())) if k in frame else ["None"] * len(frame)
                 for k in dict.fromkeys([*row_key, *declared.keys])}
        return dict(zip(zip(*(texts[k] for k in row_key)), zip(*(texts[k] for k in declared.keys))))
    before, after = fingerprint(old), fingerprint(new)
    added = len(after.keys() - before.keys())
    removed = len(before.keys() - after.keys())
    changed = sum(1 for k in after.keys() & before.keys() if after[k] != before[k])
    return f"{declared.sheet} : {added} ajoutée(s), {changed} modifiée(s), {removed} retirée(s)"


def stored_figures(reader: WorkbookReader) -> dict[str, object]:
    if not reader.has_sheet(META_SHEET):
        return {}
    for row in reader.store.read_rows(META_SHEET):
        if row and row[0] == FIGURES_KEY and isinstance(row[1], str):
            try:
                return json.loads(row[1])
            except json.JSONDecodeError:
                return {}
    return {}


def home_write(reader: WorkbookReader, figures: dict[str, object], extra_run: str = "",
               roadmap: pd.DataFrame | None = None, plan: WritePlan | None = None,
               records: dict | None = None, known: dict | None = None) -> SheetWrite:
    """`Accueil` as `plan` leaves the workbook: each step's status (`progress`) and the key figures."""
    params = reader.params()
    runs: dict[str, dt.datetime] = {}
    for record in as_records(reader.table("run_log")):
        if record["step"] and isinstance(record["when"], dt.datetime):
            runs[str(record["step"])] = record["when"]
    if extra_run:
        runs[extra_run] = dt.datetime.now()
    roadmap = reader.table("roadmap") if roadmap is None else roadmap  # the step's own roadmap when it wrote one
    late = int((roadmap["flag"].notna()).sum()) if len(roadmap) else None
    view = progress.PlanView(reader, plan) if plan is not None else reader
    statuses = progress.statuses(view, runs, records or None, known if plan is not None else None)
    figures = {**figures, **progress.live_figures(view)}
    rows = home.home_rows(str(params["school"]), str(params["school_year"]), statuses, figures, late)
    return SheetWrite(HOME_SHEET, [], rows, kind=HOME)
