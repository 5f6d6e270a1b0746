"""Which sheets the xlwings Lite add-in sends to Python for each script (`@script(include=…)` or `exclude=…`).

Every step writes `Accueil`, whose statuses (`progress`) look at every method sheet (has the team filled it, has it
changed since a step ran), so every script gets the method's sheets and the bookkeeping sheets (`_demarche`,
`_empreintes`). What stays in Excel is what can be large and is not needed: the raw questionnaire tabs (« Q - … »,
« S - … ») for the steps that do not read them, and the package sheet (`_outil`) for every step. A status that
depends on a tab not sent (« À relancer » of `consolider` when answers were imported since) keeps what `Accueil`
showed; the next run of that step sees the tabs. A step that reads raw tabs, whose names nobody knows in advance,
gets every sheet but the package. The live store refuses to read a sheet that was not sent, so a missing one fails
the tests instead of being read as empty."""
from __future__ import annotations

from demarche_xl.schema.registry import ALL_TABLES, HOME_SHEET, META_SHEET, TOOL_SHEET
from demarche_xl.share.history import FINGERPRINT_SHEET
from demarche_xl.steps.base import StepSpec

BOOKKEEPING = (HOME_SHEET, META_SHEET, FINGERPRINT_SHEET)


def needed(spec: StepSpec | None = None) -> list[str]:
    """The sheets a script's run reads or writes, in workbook order: every method sheet and the bookkeeping."""
    return [*BOOKKEEPING[:1], *(t.sheet for t in ALL_TABLES), *BOOKKEEPING[1:]]


def selection(spec: StepSpec | None) -> dict[str, list[str]]:
    """The `@script` argument restricting what the add-in sends: `include` (the method's sheets), or `exclude` (the
    package sheet only) for a step that reads raw tabs."""
    if spec is not None and spec.raw_prefixes:
        return {"exclude": [TOOL_SHEET]}
    return {"include": needed(spec)}
