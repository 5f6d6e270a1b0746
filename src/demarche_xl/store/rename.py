"""Giving a method sheet its name back (`verifier --reparer`) in an openpyxl workbook: the sheet's title, and every
reference to the old name Excel had updated when the team renamed it (defined names, cell formulas, dropdown
formulas), so nothing points to a sheet that no longer exists. The census of what the file holds follows the names."""
from __future__ import annotations

import re
from collections import Counter


def quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def retarget(formula: str, renames: dict[str, str]) -> str:
    """`formula` with references to each old sheet name pointing to the new one (quoted or bare, then `!`)."""
    for old, new in renames.items():
        formula = formula.replace(quoted(old) + "!", quoted(new) + "!")
        if re.fullmatch(r"[A-Za-z_][\w.]*", old):
            formula = re.sub(rf"(?<![\w'.]){re.escape(old)}!", quoted(new) + "!", formula)
    return formula


def rename_sheets(wb, renames: dict[str, str]) -> None:
    """Rename each `old` sheet to `new` in an openpyxl workbook and retarget what referred to it."""
    if not renames:
        return
    for old, new in renames.items():
        if old in wb.sheetnames and new not in wb.sheetnames:
            wb[old].title = new
    for defined in list(wb.defined_names.values()):
        if defined.attr_text:
            defined.attr_text = retarget(defined.attr_text, renames)
    for ws in wb.worksheets:
        for defined in list(getattr(ws, "defined_names", {}).values()):
            if defined.attr_text:
                defined.attr_text = retarget(defined.attr_text, renames)
        for validation in ws.data_validations.dataValidation:
            if validation.formula1:
                validation.formula1 = retarget(validation.formula1, renames)
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    cell.value = retarget(cell.value, renames)


def renamed_census(counts: Counter, renames: dict[str, str]) -> Counter:
    """A census taken before the rename, with each sheet under its new name."""
    return Counter({(renames.get(where, where), what): n for (where, what), n in counts.items()})
