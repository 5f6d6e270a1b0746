"""Which sheets the xlwings Lite add-in sends to Python for each script (`@script(include=…)` or `exclude=…`), so a
click stays cheap on a workbook holding thousands of answers: a step gets the tables it reads and writes, the team
tables every write fingerprints (`share.history`), the settings and lists, and the bookkeeping sheets (`Journal`,
`Accueil`, `Feuille de route` for its count of late tasks, `_demarche`, `_empreintes`). A step that reads raw
questionnaire tabs (« Q - … », « S - … »), whose names nobody knows in advance, gets every sheet but the method's
sheets it does not need. The live store refuses to read a sheet that was not sent, so a missing one fails the tests
instead of being read as empty."""
from __future__ import annotations

from demarche_xl.schema.registry import ALL_TABLES, HOME_SHEET, META_SHEET, TOOL_SHEET, tracked_tables
from demarche_xl.share.history import FINGERPRINT_SHEET
from demarche_xl.steps.base import StepSpec

EVERY_STEP = ("parameters", "lists", "run_log", "roadmap")  # read by the reader and the runner for any step
BOOKKEEPING = (HOME_SHEET, META_SHEET, FINGERPRINT_SHEET)


def needed(spec: StepSpec | None) -> list[str]:
    """The sheets a step's run reads or writes, in workbook order; every declared sheet for `verifier` (None)."""
    if spec is None:
        keys = {t.key for t in ALL_TABLES}
    else:
        keys = {*EVERY_STEP, *(t.key for t in tracked_tables()), *spec.reads, *spec.writes}
    return [*BOOKKEEPING[:1], *(t.sheet for t in ALL_TABLES if t.key in keys), *BOOKKEEPING[1:]]


def selection(spec: StepSpec | None) -> dict[str, list[str]]:
    """The `@script` argument restricting what the add-in sends: `include`, or `exclude` for a step that reads raw
    tabs (all sheets are sent but the method's sheets the step does not need, and the package sheet)."""
    sheets = needed(spec)
    if spec is not None and spec.raw_prefixes:
        return {"exclude": [*(t.sheet for t in ALL_TABLES if t.sheet not in sheets), TOOL_SHEET]}
    return {"include": sheets}
