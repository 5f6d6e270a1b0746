"""The `Journal` line every write adds: when, who, which step, what it did."""
from __future__ import annotations

import datetime as dt
import getpass

import pandas as pd

from demarche_xl.schema.registry import table
from demarche_xl.store.base import SheetWrite
from demarche_xl.tableio import rows_from_frame

SUMMARY_MAX = 2000  # characters of a Journal summary (a cell holds 32,767)


def journal_write(reader, spec, summary: str) -> SheetWrite:
    """`Journal` as it is plus one line for the step `spec` (anything with a `name`)."""
    declared = table("run_log")
    old = reader.table("run_log")
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    line = pd.DataFrame([{"when": dt.datetime.now().replace(microsecond=0), "user": user, "step": spec.name,
                          "summary": summary[:SUMMARY_MAX]}])
    frame = pd.concat([old[declared.keys], line], ignore_index=True) if len(old) else line
    return SheetWrite(declared.sheet, declared.headers, rows_from_frame(declared, frame), table=declared)
