"""Randomised merges of several copies at the level of rows (pure, fast): concurrent edits, additions (with and
without ids, some identical in two copies), deletions and re-sorting; no edit may be lost, every disagreement is
listed, and what only one side changed is taken."""
from __future__ import annotations

import random

import pandas as pd
import pytest

from demarche_xl.schema.model import ROW_ID
from demarche_xl.schema.registry import table
from demarche_xl.share.fingerprints import table_fingerprints
from demarche_xl.share.three_way import WHOLE_ROW, merge_rows

DECLARED = table("constraints")
COLUMNS = ["teacher_a", "teacher_b", "slot", "reason"]
VALUES = ["A", "B", "C", "D"]  # few values: equal edits on both sides happen often


def make_base(rng: random.Random) -> list[dict]:
    return [{ROW_ID: f"L{n:04d}", "kind": "Ensemble", **{c: f"{c}-{n}" for c in COLUMNS}}
            for n in range(rng.randint(3, 12))]


def edit(rng: random.Random, base: list[dict], who: int) -> tuple[list[dict], dict, set, list[dict]]:
    """A side's table; returns (rows, cell edits {(id, column): value}, deleted ids, added rows)."""
    rows, edits, deleted, added = [], {}, set(), []
    for row in base:
        draw = rng.random()
        if draw < 0.12:
            deleted.add(row[ROW_ID])
            continue
        row = dict(row)
        if draw < 0.6:
            for column in rng.sample(COLUMNS, rng.randint(1, 2)):
                row[column] = rng.choice(VALUES)
                edits[(row[ROW_ID], column)] = row[column]
        rows.append(row)
    for n in range(rng.randint(0, 2)):
        new = {ROW_ID: None if rng.random() < 0.5 else f"N{who}{n}", "kind": "Séparés",
               **{c: f"ajout-{who}-{n}-{c}" for c in COLUMNS}}
        added.append(new)
        rows.append(new)
    if rng.random() < 0.3:  # the same row typed by hand in this copy and in the master
        shared = {ROW_ID: None, "kind": "Séparés", **{c: f"commune-{c}" for c in COLUMNS}}
        rows.append(shared)
        added.append(shared)
    rng.shuffle(rows)  # sorted or filtered differently: rows are followed by id
    return rows, edits, deleted, added


def content(row: dict) -> tuple:
    return tuple(row.get(c) for c in ["kind", *COLUMNS])


@pytest.mark.parametrize("seed", range(300))
def test_random_copies_lose_no_edit_and_list_every_conflict(seed: int):
    rng = random.Random(seed)
    base = make_base(rng)
    fingerprints = table_fingerprints(DECLARED, pd.DataFrame(base))
    sides = [edit(rng, base, who) for who in range(rng.randint(2, 4))]  # side 0 is the master
    merged = sides[0][0]
    conflicts = []
    for rows, *_ in sides[1:]:
        outcome = merge_rows(DECLARED, merged, rows, fingerprints)
        merged = outcome.rows
        conflicts += outcome.conflicts
    final = {row[ROW_ID]: row for row in merged}
    assert len(final) == len(merged) and all(final), "every row has one unique id"
    edited_rows = {rid for _, edits, _, _ in sides for rid, _ in edits}
    deleted_rows = set().union(*[deleted for _, _, deleted, _ in sides])
    for rid in edited_rows:
        assert rid in final, f"row {rid} edited by someone disappeared"
    for rid in deleted_rows - edited_rows:
        assert rid not in final, f"row {rid} deleted and edited by nobody is still there"
    for row in base:
        rid = row[ROW_ID]
        if rid in deleted_rows:
            if rid in edited_rows:
                assert any(c.row_ref == rid and c.column == WHOLE_ROW for c in conflicts)
            continue
        for column in COLUMNS:
            header = DECLARED.column(column).header
            values = [edits[(rid, column)] for _, edits, _, _ in sides if (rid, column) in edits]
            listed = [c for c in conflicts if c.row_ref == rid and c.column == header]
            if not values:
                assert final[rid][column] == row[column] and not listed
                continue
            assert final[rid][column] == values[0], "the first side to change a cell wins (the master first)"
            later = {v for v in values[1:] if v != values[0]}
            assert {c.copy_value for c in listed} == later, "every disagreement is listed, and only those"
    added_contents = [content(r) for _, _, _, added in sides for r in added]
    final_contents = [content(r) for r in merged]
    for wanted in set(added_contents):
        assert final_contents.count(wanted) == 1, f"added row {wanted} must be there exactly once"


def test_rows_without_id_are_followed_by_their_key_and_team_notes_block_a_deletion():
    teachers = table("teachers")
    base_rows = [{ROW_ID: "L1", "teacher_id": "E001", "last_name": "Masson", "notes": None},
                 {ROW_ID: "L2", "teacher_id": "E002", "last_name": "Brun", "notes": None}]
    base = table_fingerprints(teachers, pd.DataFrame(base_rows))
    master = [{**base_rows[0], ROW_ID: None, "last_name": "Masson-Martin"},  # id erased by a paste in the master
              {**base_rows[1], "notes": "à relancer"}]  # a column the team added
    copy = [{ROW_ID: "L1", "teacher_id": "E001", "last_name": "Masson", "first_name": "Lucie"}]  # E002 deleted
    outcome = merge_rows(teachers, master, copy, base)
    by_key = {r["teacher_id"]: r for r in outcome.rows}
    assert by_key["E001"]["last_name"] == "Masson-Martin" and by_key["E001"]["first_name"] == "Lucie"
    assert by_key["E001"][ROW_ID] == "L1", "the row found by its key gets its id back"
    assert by_key["E002"]["notes"] == "à relancer", "a row holding the team's notes is not deleted"
    assert [c.column for c in outcome.conflicts] == [WHOLE_ROW] and not outcome.deleted


def test_a_write_that_changes_no_team_row_keeps_the_generation():
    from demarche_xl.share.history import History, advance, bookkeeping, current_prints, read_history

    class Rows:  # the hidden sheets as a store returns them
        def __init__(self, meta, hidden):
            self.sheets = {"_demarche": [["clé", "valeur"], *[[k, v] for k, v in meta.items()]], **hidden}

        def sheet_names(self):
            return list(self.sheets)

        def read_rows(self, sheet):
            return self.sheets[sheet]

    frames = {"constraints": pd.DataFrame(make_base(random.Random(1))), "teachers": pd.DataFrame()}
    first = advance(History(), current_prints(frames))
    stored = read_history(Rows(*bookkeeping(first)))
    assert advance(stored, current_prints(frames)).order == first.order
    frames["constraints"].loc[0, "reason"] = "changé"
    assert len(advance(stored, current_prints(frames)).order) == 2
