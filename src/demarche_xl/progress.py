"""Where the team stands, step by step, computed from the workbook for `Accueil` and `verifier`: « À faire »,
« Prêt à lancer », « Fait le … », « À relancer : <feuille> a changé depuis le … », « Bloqué : <raison> ».

At each run the runner records here a fingerprint of each input of the step (the tables it reads, the team's columns
of the tables it writes and keeps, its raw questionnaire tabs) in the hidden bookkeeping sheet; when one differs
later, the step is « À relancer ». A team step (fill a sheet, decide) is « Fait » when the workbook shows it done:
the retained concerns when the team typed « Oui » in « Retenue », never because the tool proposed them."""
from __future__ import annotations

import datetime as dt
import json

from demarche_xl.catalog import COMMAND, CREATE, DECISION, OCCASIONAL, STEPS, StepInfo, spec_of
from demarche_xl.french import count, join, plural
from demarche_xl.schema.registry import HOME_SHEET, META_SHEET, RAW_SURVEY_PREFIX, table
from demarche_xl.steps import needs
from demarche_xl.store.base import HOME, SheetNotSent, WritePlan
from demarche_xl.tableio import match_headers
from demarche_xl.workbook.sheet_prints import EmptyView, PlanView, Prints  # noqa: F401 - used by the runner too

PRINTS_KEY = "entrees_etapes"  # key of the bookkeeping sheet: {step: {"le": ISO date, "entrees": {sheet: print}}}
CREATED_KEY = "cree_le"
TODO, READY, DONE, RERUN, BLOCKED = "À faire", "Prêt à lancer", "Fait", "À relancer", "Bloqué"


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


def record(plan: WritePlan, base, spec, when: dt.datetime | None = None, known: dict | None = None
           ) -> dict[str, dict]:
    """Add to `plan` the fingerprints of `spec`'s inputs as the plan leaves them; returns every step's record.
    `known`: fingerprints of the sheets as this plan leaves them, shared with `statuses` (see `Prints`)."""
    after = PlanView(base, plan)
    records = stored(after)  # the workbook's, with what this plan already recorded
    records[spec.name] = {"le": (when or dt.datetime.now()).isoformat(timespec="minutes"),
                          "entrees": Prints(after, known).of(spec)}
    plan.meta[PRINTS_KEY] = json.dumps(records, ensure_ascii=False)
    return records


# statuses -----------------------------------------------------------------------------------------------------------
def statuses(view, runs: dict[str, dt.datetime], records: dict[str, dict] | None = None,
             known: dict | None = None) -> list[str]:
    """The status of every step of the catalogue, in its order (`known`: see `record`)."""
    records = stored(view) if records is None else records
    prints = Prints(view, known)
    out: list[str] = []
    shown: dict[str, str] | None = None
    for step in STEPS:
        try:
            out.append(status_of(step, view, runs, records, prints))
        except SheetNotSent:  # xlwings Lite sent only the sheets of the step being run: other steps keep their status
            shown = shown_statuses(view) if shown is None else shown
            out.append(shown.get(step.label, ""))
    return out


def shown_statuses(view) -> dict[str, str]:
    """The status `Accueil` shows for each step (column E of a step's row, whose label is in column B)."""
    rows = view.rows(HOME_SHEET) if HOME_SHEET in view.sheet_names() else []
    return {str(row[1]): str(row[4] or "") for row in rows if len(row) > 4 and row[1]}


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
    try:
        chosen = [str(v) for v in needs.RETAINED.chosen(view, "concern")]
    except SheetNotSent:  # not sent by xlwings Lite for this step: the stored figure stays
        return {}
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
