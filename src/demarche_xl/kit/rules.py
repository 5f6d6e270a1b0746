"""The kit's completeness rules, one small named function per link of the chain: every irritant of `Diagnostic`
and `RETEX` has a need in `Besoins et axes`, every need an axis, every axis an action in `Plan d'action`, every
action an indicator (its own column or a row of `Indicateurs`). Each rule returns gaps saying sheet, row, column
and the fix, in French. Texts typed twice by people are compared loosely (accents, case, small wording changes)."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

from demarche_xl.problems import WARNING, Problem
from demarche_xl.schema.registry import table
from demarche_xl.tableio import ROW, is_blank
from demarche_xl.text import normalise

CLOSE = 0.8  # similarity above which two typed texts are taken for the same
SPLIT = re.compile(r"\s*(?:[;\n•▶]|\s-\s)\s*")  # several irritants in one RETEX cell


@dataclass(frozen=True)
class Item:
    """One text of the chain and where it was typed."""

    text: str
    sheet: str
    row: int
    column: str


def same_text(a: str, b: str) -> bool:
    x, y = normalise(a), normalise(b)
    if not x or not y:
        return False
    return x == y or x in y or y in x or difflib.SequenceMatcher(None, x, y).ratio() >= CLOSE


def found_in(text: str, others: list[str]) -> bool:
    return any(same_text(text, other) for other in others)


def items(frame: pd.DataFrame, table_key: str, column: str, split: bool = False) -> list[Item]:
    declared = table(table_key)
    header = declared.column(column).header
    out = []
    for value, row in zip(frame[column], frame[ROW]):
        if is_blank(value):
            continue
        parts = [p for p in SPLIT.split(str(value)) if p.strip()] if split else [str(value)]
        out += [Item(p.strip(), declared.sheet, int(row), header) for p in parts]
    return out


def gap(item: Item, message: str, fix: str) -> Problem:
    return Problem(f"{message} : « {item.text} »", fix, item.sheet, item.row, item.column, WARNING)


def unmatched(found: list[Item], targets: list[str], message: str, fix: str) -> list[Problem]:
    """One gap per distinct item (texts compared loosely) that none of `targets` takes up."""
    seen: list[str] = []
    problems = []
    for item in found:
        if found_in(item.text, targets) or found_in(item.text, seen):
            continue
        seen.append(item.text)
        problems.append(gap(item, message, fix))
    return problems


def pain_points_without_need(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    needs = table("needs_axes").sheet
    with_need = [str(v) for v in tables["needs_axes"]["pain_point"] if not is_blank(v)]  # a blank need: next rule
    pain_points = (items(tables["diagnosis"], "diagnosis", "pain_point")
                   + items(tables["experience_reports"], "experience_reports", "pain_points", split=True))
    return unmatched(pain_points, with_need, "irritant sans besoin", f"ajoutez une ligne dans « {needs} » avec cet "
                     "irritant, le besoin qu'il révèle et un axe d'amélioration")


def needs_without_axis(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    declared = table("needs_axes")
    problems = []
    for record in tables["needs_axes"].to_dict("records"):
        row = int(record[ROW])
        if is_blank(record["need"]):
            problems.append(gap(Item(str(record["pain_point"]), declared.sheet, row, declared.column("need").header),
                                "irritant sans besoin exprimé", "écrivez le besoin correspondant à cet irritant"))
        elif is_blank(record["axis"]):
            problems.append(gap(Item(str(record["need"]), declared.sheet, row, declared.column("axis").header),
                                "besoin sans axe d'amélioration", "écrivez l'axe (levier) qui répond à ce besoin"))
    return problems


def axes_without_action(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    plan = table("action_plan").sheet
    with_action = [str(r["axis"]) for r in tables["action_plan"].to_dict("records") if not is_blank(r["action"])]
    return unmatched(items(tables["needs_axes"], "needs_axes", "axis"), with_action, "axe d'amélioration sans action",
                     f"ajoutez dans « {plan} » une action (comment, qui, quand) pour cet axe")


def actions_without_indicator(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    declared = table("action_plan")
    measured = {normalise(v) for v in tables["indicators"]["action_id"] if not is_blank(v)}
    problems = []
    for record in tables["action_plan"].to_dict("records"):
        if is_blank(record["indicators"]) and normalise(record["action_id"]) not in measured:
            item = Item(f"{record['action_id']} – {record['action']}", declared.sheet, int(record[ROW]),
                        declared.column("indicators").header)
            problems.append(gap(item, "action sans indicateur", "écrivez comment mesurer sa réussite, ou ajoutez une "
                                f"ligne dans « {table('indicators').sheet} » avec l'ID {record['action_id']}"))
    return problems


RULES = (pain_points_without_need, needs_without_axis, axes_without_action, actions_without_indicator)


def gaps(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(tables)]
