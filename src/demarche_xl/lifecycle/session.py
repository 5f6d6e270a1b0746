"""A step's hold on its workbook, from before it reads to after it saves, the same for every door.

    with writing(store, "Former les groupes") as session:
        session.refuse_if_newer()
        … read, compute …
        upgraded = session.upgrade()
        … plan …
        problems = session.save(plan, tables_after, read_table)

`writing` refuses a read-only workbook or folder, takes the workbook's lock (a second step waits, then is refused
naming the first) and removes the temporary files dead runs left. `save` gives a workbook without a project
identity its own (the emailed master has none, see `lite.master`), records the write history, fits the plan into
Excel's limits (`store.limits`: text cut with a marker and said, too many rows or columns refused) and hands it to
the store, which backs up, checks nothing is lost and replaces the file atomically. A store without a file on disk
(xlwings Lite) has no lock to take: Excel itself holds that workbook.
"""
from __future__ import annotations

import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd

from demarche_xl.lifecycle import lock
from demarche_xl.lifecycle.upgrade import refuse_if_newer, upgrade
from demarche_xl.problems import Problem, Report
from demarche_xl.schema.registry import PROJECT_KEY
from demarche_xl.share import history
from demarche_xl.store import limits, safety
from demarche_xl.store.base import Store, WritePlan


def workbook_path(store: Store) -> Path | None:
    """The file a store writes, when it has one on this computer (a file store, a workbook open in Excel)."""
    path = getattr(store, "path", None)
    return Path(path) if path else None


class Session:
    def __init__(self, store: Store) -> None:
        self.store = store

    def refuse_if_newer(self) -> None:
        refuse_if_newer(self.store)

    def upgrade(self) -> Report | None:
        """Bring a workbook of an older version to the current model (its own save, under the same lock)."""
        return upgrade(self.store)

    def save(self, plan: WritePlan, tables_after: dict[str, pd.DataFrame] | None = None,
             read_table: Callable[[str], pd.DataFrame] | None = None, inherited=()) -> list[Problem]:
        """Record the write history (team tables as `tables_after` leaves them, the others from `read_table`),
        fit the plan into Excel's limits and save; the problems of the fit (texts cut) are returned."""
        from demarche_xl.share.copies import project_of

        if not project_of(self.store):  # the emailed master has none: each school's workbook draws its own
            plan.meta.setdefault(PROJECT_KEY, uuid.uuid4().hex)
        if read_table is not None:
            history.record(plan, self.store, tables_after or {}, read_table, inherited)
        problems = limits.fit(plan)
        self.store.apply(plan)
        return problems


@contextmanager
def writing(store: Store, what: str) -> Iterator[Session]:
    """Hold `store`'s workbook for the step `what` (its French label) while the block runs."""
    path = workbook_path(store)
    if path is None:
        yield Session(store)
        return
    safety.refuse_if_unwritable(path)
    first = not lock.holds(path)
    with lock.hold(path, what):
        if first:
            safety.remove(safety.leftovers(path, everyone=True))
        yield Session(store)
