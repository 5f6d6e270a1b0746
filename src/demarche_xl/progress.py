"""Where the team stands, step by step, computed from the workbook for `Accueil` and `verifier`: « À faire »,
« Prêt à lancer », « Fait le … », « À relancer : <feuille> a changé depuis le … », « Bloqué : <raison> ».

At each run the runner records here a fingerprint of each input of the step (the tables it reads, the team's columns
of the tables it writes and keeps, its raw questionnaire tabs) in the hidden bookkeeping sheet; when one differs
later, the step is « À relancer ». A team step (fill a sheet, decide) is « Fait » when the workbook shows it done:
the retained concerns when the team typed « Oui » in « Retenue », never because the tool proposed them."""
from __future__ import annotations

import datetime as dt
import hashlib
import json

from demarche_xl.catalog import COMMAND, CREATE, DECISION, OCCASIONAL, STEPS, StepInfo, spec_of
from demarche_xl.french import count, join, plural
from demarche_xl.schema.model import ROW_ID, USER, Table
from demarche_xl.schema.registry import META_SHEET, RAW_SURVEY_PREFIX, table
from demarche_xl.share.fingerprints import normalised
from demarche_xl.steps import needs
from demarche_xl.store.base import CELLS, HOME, WritePlan
from demarche_xl.tableio import match_headers

PRINTS_KEY = "entrees_etapes"  # key of the bookkeeping sheet: {step: {"le": ISO date, "entrees": {sheet: print}}}
CREATED_KEY = "cree_le"
TODO, READY, DONE, RERUN, BLOCKED = "À faire", "Prêt à lancer", "Fait", "À relancer", "Bloqué"


class EmptyView:
    """A workbook whose sheets (if any) are empty: the base of a new workbook's plan."""

    def __init__(self, names: list[str] | None = None) -> None:
        self.names = list(names or [])

    def sheet_names(self) -> list[str]:
        return self.names

    def rows(self, sheet: str) -> list[list[object]]:
        return []


class PlanView:
    """The sheets as they will be once `plan` is written over `base` (a `WorkbookReader` or any view)."""

    def __init__(self, base, plan: WritePlan) -> None:
        self.base, self.plan = base, plan
        self._rows: dict[str, list[list[object]]] = {}

    def sheet_names(self) -> list[str]:
        renames = self.plan.renames
        names = [renames.get(n, n) for n in self.base.sheet_names() if n not in self.plan.drop_sheets]
        added = [w.sheet for w in self.plan.writes if w.kind != HOME and w.sheet not in names]
        return names + list(dict.fromkeys(added)) + ([META_SHEET] if self.plan.meta and META_SHEET not in names else [])

    def rows(self, sheet: str) -> list[list[object]]:
        if sheet not in self._rows:
            source = next((old for old, new in self.plan.renames.items() if new == sheet), sheet)
            rows = self.base.rows(source) if source in self.base.sheet_names() else []
            if sheet == META_SHEET and self.plan.meta:
                kept = [r for r in rows if not (r and r[0] in self.plan.meta)]
                rows = [*kept, *([k, v] for k, v in self.plan.meta.items())]
            for write in self.plan.writes:
                if write.sheet != sheet or write.kind == HOME:
                    continue
                if write.kind == CELLS:
                    rows = [list(r) for r in rows]
                    for row, column, value in write.rows:
                        while len(rows) < row:
                            rows.append([])
                        rows[row - 1] += [None] * (column - len(rows[row - 1]))
                        rows[row - 1][column - 1] = value
                else:
                    rows = [list(write.header), *write.rows]
            self._rows[sheet] = rows
        return self._rows[sheet]


# fingerprints -------------------------------------------------------------------------------------------------------
def canon(value: object) -> str:
    """A cell as text two reads of the same content share (3 and 3.0, True and « Oui », spacing and case)."""
    if value is None:
        return ""
    if type(value) is str:
        return " ".join(value.split()).casefold()
    return normalised(value).casefold()


def sheet_print(rows: list[list[object]], declared: Table | None, columns: set[str] | None,
                only: tuple[str, str] | None = None) -> str:
    """A short hash of a sheet's content in the chosen columns, whatever the order of its rows and columns;
    `only` = (column key, prefix): the rows of a shared table whose column starts with the prefix."""
    if not rows:
        return ""
    if declared is None:
        positions = list(range(max(len(r) for r in rows)))
        body = rows
    else:
        found = match_headers(declared, rows[0])[0]
        positions = sorted(p for key, p in found.items() if key != ROW_ID and (columns is None or key in columns))
        body = rows[1:]
        if only is not None and only[0] in found:
            at = found[only[0]]
            body = [r for r in body if at < len(r) and str(r[at] or "").startswith(only[1])]
    lines = []
    for row in body:
        cells = [canon(row[p]) if p < len(row) else "" for p in positions]
        if any(cells):
            lines.append("\x1f".join(cells))
    lines.sort()
    return hashlib.blake2s("\x1e".join(lines).encode("utf-8"), digest_size=8).hexdigest()


def decision_print(rows: list[list[object]], declared: Table, decision: str) -> str:
    """A fingerprint of what a step does with the team's decision beside the tool's proposal: confirming a proposal
    changes nothing, so only the decision in force counts. In `Préoccupations` the team's « Oui » replace the
    proposal as a whole; elsewhere (`Référents`) the team's « Oui » add to it and its « Non » take away."""
    if not rows:
        return ""
    found = match_headers(declared, rows[0])[0]
    key, proposed, chosen = found.get(declared.row_key[0]), found.get("proposed"), found.get(decision)
    if None in (key, proposed, chosen):
        return sheet_print(rows, declared, {*declared.row_key, decision})
    cell = lambda row, at: row[at] if at < len(row) else None  # noqa: E731
    team = {canon(cell(r, key)): cell(r, chosen) for r in rows[1:] if canon(cell(r, key))}
    tool = {canon(cell(r, key)) for r in rows[1:] if needs.is_yes(cell(r, proposed))}
    said_yes = {k for k, v in team.items() if needs.is_yes(v)}
    said_no = {k for k, v in team.items() if canon(v) and not needs.is_yes(v)}
    if declared.key == "concern_ranking":
        in_force = said_yes or tool
    else:
        in_force = (tool | said_yes) - said_no
    return hashlib.blake2s("\x1e".join(sorted(in_force)).encode("utf-8"), digest_size=8).hexdigest()


DECIDED_BESIDE_PROPOSAL = {"concern_ranking": "retained", "lead_teachers": "confirmed"}


def inputs(spec, view) -> dict[str, tuple]:
    """Each input sheet of a step and what counts in it (table, columns, rows): every column of what it reads, the
    team's columns of what it writes and keeps (`watches`; in a shared table, its own rows), its raw tabs."""
    out: dict[str, tuple] = {}
    for key in spec.reads:
        out[table(key).sheet] = (table(key), None, None)
    for key in spec.watches:
        declared = table(key)
        if declared.owner == USER:
            columns = {c.key for c in declared.columns if c.computed_by != spec.name}
        else:
            columns = {*declared.row_key, *(c.key for c in declared.columns if c.editable)}
        only = next(((column, prefix) for step, column, prefix in declared.row_owners if step == spec.name), None)
        out[declared.sheet] = (declared, columns, only)
    if not spec.writes_raw:
        for prefix in spec.raw_prefixes:
            out.update({name: (None, None, None) for name in view.sheet_names() if name.startswith(prefix)})
    return out


class Prints:
    """Fingerprints of the current sheets, each computed once."""

    def __init__(self, view) -> None:
        self.view = view
        self._done: dict[tuple, str] = {}

    def of(self, spec) -> dict[str, str]:
        out = {}
        names = set(self.view.sheet_names())
        for sheet, (declared, columns, only) in inputs(spec, self.view).items():
            key = (sheet, frozenset(columns) if columns is not None else None, only)
            if key not in self._done:
                rows = self.view.rows(sheet) if sheet in names else []
                decision = DECIDED_BESIDE_PROPOSAL.get(declared.key) if declared is not None else None
                if decision and columns is not None and decision in columns:  # a watched decision column
                    self._done[key] = decision_print(rows, declared, decision)
                else:
                    self._done[key] = sheet_print(rows, declared, columns, only)
            out[sheet] = self._done[key]
        return out


def stored(view) -> dict[str, dict]:
    """What the bookkeeping sheet holds: each step's last run date and input fingerprints."""
    value = meta_value(view, PRINTS_KEY)
    try:
        found = json.loads(value) if value else {}
    except (json.JSONDecodeError, TypeError):
        return {}
    return found if isinstance(found, dict) else {}


def meta_value(view, key: str) -> object:
    rows = view.rows(META_SHEET) if META_SHEET in view.sheet_names() else []
    return next((row[1] for row in rows if len(row) > 1 and row[0] == key), None)


def record(plan: WritePlan, base, spec, when: dt.datetime | None = None) -> dict[str, dict]:
    """Add to `plan` the fingerprints of `spec`'s inputs as the plan leaves them; returns every step's record."""
    after = PlanView(base, plan)
    records = stored(after)  # the workbook's, with what this plan already recorded
    records[spec.name] = {"le": (when or dt.datetime.now()).isoformat(timespec="minutes"),
                          "entrees": Prints(after).of(spec)}
    plan.meta[PRINTS_KEY] = json.dumps(records, ensure_ascii=False)
    return records


# statuses -----------------------------------------------------------------------------------------------------------
def statuses(view, runs: dict[str, dt.datetime], records: dict[str, dict] | None = None) -> list[str]:
    """The status of every step of the catalogue, in its order."""
    records = stored(view) if records is None else records
    prints = Prints(view)
    return [status_of(step, view, runs, records, prints) for step in STEPS]


def status_of(step: StepInfo, view, runs: dict[str, dt.datetime], records: dict[str, dict], prints: Prints) -> str:
    last = last_run(step.run_name, runs, records)
    if step.kind == CREATE:
        created = meta_value(view, CREATED_KEY)
        return f"{DONE} le {str(created).split(' ')[0]}" if created else DONE
    if step.kind == OCCASIONAL:
        return done_on(last) if last else step.when
    if step.kind == COMMAND:
        return command_status(step, view, last, records, prints)
    missing = needs.unmet(view, step.after)
    if missing:
        return f"{BLOCKED} : {first_short(step.after, view)}"
    if needs.unmet(view, step.done_when):
        return f"{TODO} : {first_short(step.done_when, view)}"
    if last and step.kind != DECISION and spec_of(step.run_name) is not None:  # imported by the tool: when
        return done_on(last)
    return f"{DONE} : {what_is_done(step, view)}"


def spec_for(step: StepInfo):
    """The declaration behind a command step of the catalogue (a runner step or a Word document kind), or None."""
    if step.run_name.startswith("documents:"):
        return needs.document_spec(step.run_name.split(":", 1)[1])
    return spec_of(step.run_name)


def command_status(step: StepInfo, view, last: dt.datetime | None, records: dict[str, dict], prints: Prints) -> str:
    spec = spec_for(step)
    if spec is None:
        return done_on(last) if last else TODO
    absent = needs.missing_sheets(view, needs.required_tables(spec))
    if absent:
        return f"{BLOCKED} : la feuille « {absent[0].sheet} » est absente (« demarche-xl verifier »)"
    if needs.unmet(view, spec.needs):
        return f"{BLOCKED} : {first_short(spec.needs, view)}"
    if last is None:
        return READY
    before = (records.get(spec.name) or {}).get("entrees")
    if isinstance(before, dict):
        now = prints.of(spec)
        changed = [sheet for sheet in dict.fromkeys([*before, *now]) if before.get(sheet) != now.get(sheet)]
        if changed:
            verb = "a changé" if len(changed) == 1 else "ont changé"
            return f"{RERUN} : {join(changed[:3])}{' …' if len(changed) > 3 else ''} {verb} depuis le {last:%d/%m/%Y}"
    return done_on(last)


def first_short(declared_needs: tuple, view) -> str:
    return next(need.short() for need in declared_needs if need.missing(view) is not None)


def last_run(name: str, runs: dict[str, dt.datetime], records: dict[str, dict]) -> dt.datetime | None:
    if name in runs:
        return runs[name]
    when = (records.get(name) or {}).get("le")
    try:
        return dt.datetime.fromisoformat(when) if isinstance(when, str) else None
    except ValueError:
        return None


def done_on(moment: dt.datetime) -> str:
    return f"{DONE} le {moment:%d/%m/%Y à %H:%M}"


def what_is_done(step: StepInfo, view) -> str:
    """A few words on what the team did: « 55 enseignants », « A, B et C retenues par l'équipe »."""
    parts = []
    for need in step.done_when:
        if isinstance(need, needs.Decided) and need.table == "concern_ranking":
            chosen = [str(v) for v in need.chosen(view, "concern")]
            parts.append(f"{join(chosen)} {plural(len(chosen), 'retenue')} par l'équipe")
        elif isinstance(need, needs.Decided):
            parts.append(f"{count(len(need.chosen(view)), 'référent confirmé')} par l'équipe")
        elif isinstance(need, needs.Filled) and need.table in needs.ROW_NOUNS:
            parts.append(count(needs.filled_rows(view, table(need.table)), needs.ROW_NOUNS[need.table]))
        elif isinstance(need, needs.Answers) and need.prefix == RAW_SURVEY_PREFIX:
            tabs = [n for n in view.sheet_names() if n.startswith(need.prefix)]
            parts.append(f"{plural(len(tabs), 'onglet')} {join([f'« {n} »' for n in tabs])}")
    return ", ".join(parts)


def live_figures(view) -> dict[str, object]:
    """Key figures read from the sheets as they are (the team's decision, typed since the last run)."""
    chosen = [str(v) for v in needs.RETAINED.chosen(view, "concern")]
    return {"Préoccupations retenues": join(chosen)} if chosen else {}


def next_step(view, runs: dict[str, dt.datetime] | None = None) -> tuple[StepInfo, str] | None:
    """The first step of the method, in order, that is not done (checks and sharing aside), with its status."""
    for step, status in zip(STEPS, statuses(view, runs or {})):
        if not step.optional and not status.startswith(DONE):
            return step, status
    return None


def runs_from_journal(rows: list[list[object]]) -> dict[str, dt.datetime]:
    """Last run of each step, from the `Journal` sheet's raw rows (Date, Utilisateur, Étape, …)."""
    declared = table("run_log")
    if not rows:
        return {}
    found = match_headers(declared, rows[0])[0]
    when, step = found.get("when"), found.get("step")
    runs: dict[str, dt.datetime] = {}
    if when is None or step is None:
        return runs
    for row in rows[1:]:
        if max(when, step) < len(row) and isinstance(row[when], dt.datetime) and row[step]:
            runs[str(row[step])] = row[when]
    return runs


def refresh_home(plan: WritePlan, base, school: str, year: str) -> None:
    """Fill the `Accueil` entry of `plan` (when it has one) with the statuses the plan leaves."""
    from demarche_xl.workbook import home

    for write in plan.writes:
        if write.kind == HOME:
            write.rows = home.home_rows(school, year, statuses(PlanView(base, plan), {}), {})
