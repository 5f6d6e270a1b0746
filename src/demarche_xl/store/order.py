"""Where a new sheet goes among the workbook's sheets, whatever store adds it (a file, or a workbook open in Excel):
in the method's order among the method's sheets; raw questionnaire tabs just before the sheet that consolidates them.
Free of any workbook library, so the stores that run inside Excel (xlwings Lite) can use it."""
from __future__ import annotations

from demarche_xl.schema.registry import RAW_SATISFACTION_PREFIX, RAW_SURVEY_PREFIX, sheet_order


def position(sheet_names: list[str], name: str) -> int:
    """The index at which sheet `name` is inserted among `sheet_names`."""
    order = sheet_order()
    if name.startswith(RAW_SURVEY_PREFIX) or name.startswith(RAW_SATISFACTION_PREFIX):
        anchor = "Correspondances" if name.startswith(RAW_SURVEY_PREFIX) else "Satisfaction"
        return sheet_names.index(anchor) if anchor in sheet_names else len(sheet_names)
    if name not in order:
        return len(sheet_names)
    later = set(order[order.index(name) + 1:])
    for index, existing in enumerate(sheet_names):
        if existing in later:
            return index
    return len(sheet_names)
