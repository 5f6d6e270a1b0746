"""The one pure entry point that turns raw questionnaire tabs into reference records, for any question bank:
Temps 1 (« Q - » tabs → `Réponses`) and the satisfaction questionnaire (« S - » tabs → `Satisfaction`).
Mapping (`survey.mapping`), value normalising (`survey.normalise`) and roster linking (`survey.linking`) are
composed here; the rows of `Correspondances` owned by another prefix are returned unchanged."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from demarche_xl.problems import Report
from demarche_xl.survey import linking, mapping as mapping_rows, normalise as norm
from demarche_xl.survey.mapping import IGNORE, TIMESTAMP, UNKNOWN, Target
from demarche_xl.survey.questions import EMAIL, MULTI, SCALE, YESNO, Question
from demarche_xl.tableio import is_blank

ID_LETTER = {"Q - ": "R", "S - ": "S"}
NAME_TARGETS = ("last_name", "first_name")


@dataclass
class Consolidated:
    mapping: pd.DataFrame  # the whole `Correspondances` table: this prefix's rows rebuilt, others unchanged
    records: list[dict]  # one per kept respondent: the bank's targets + answer_id, teacher_id, tab, submitted…
    report: Report = field(default_factory=Report)


def consolidate(raw_tabs: dict[str, list[list]], bank: tuple[Question, ...], mapping: pd.DataFrame | None,
                teachers: pd.DataFrame | None, lists: dict[str, list[str]], prefix: str) -> Consolidated:
    """Map, normalise, link and deduplicate the answers of every raw tab whose name starts with `prefix`."""
    report = Report("Consolidation des questionnaires")
    tabs = {name: rows for name, rows in raw_tabs.items() if name.startswith(prefix)}
    headers = {}
    for name, rows in tabs.items():
        header = header_of(name, rows, report, bank, lists)
        if header is not None:
            headers[name] = header
    merged, notes = mapping_rows.merge(headers, mapping, prefix, bank, lists)
    report.lines.extend(notes)
    records: list[dict] = []
    blank_rows = 0
    for name, header in headers.items():
        targets = mapping_rows.targets_of(merged, name, header, bank, lists)
        warn_unmapped(name, header, targets, report)
        for position, row in enumerate(tabs[name][1:], start=2):
            record = record_of(row, targets, bank, lists)
            if record is None:
                blank_rows += 1
                continue
            records.append(record | {"tab": name, "_row": position})
    linking.link(records, teachers, report)
    kept, dropped = linking.drop_duplicates(records, report)
    kept.sort(key=lambda r: (r.get("submitted") is None, r.get("submitted") or 0, list(headers).index(r["tab"]),
                             r["_row"]))
    letter = ID_LETTER.get(prefix, "R")
    for number, record in enumerate(kept, start=1):
        record["answer_id"] = f"{letter}{number:03d}"
    summarise(report, headers, kept, dropped, blank_rows, merged, prefix)
    return Consolidated(merged, kept, report)


def header_of(name: str, rows: list[list], report: Report, bank: tuple[Question, ...],
              lists: dict[str, list[str]]) -> list[str] | None:
    """Headings of a raw tab; a tab whose first row is empty or holds answers (pasted without its headings) is
    refused (French error)."""
    if not rows or all(all(is_blank(v) for v in row) for row in rows):
        report.warn("onglet vide : aucune réponse lue", "collez l'export (avec sa ligne de titres) en A1",
                    sheet=name)
        return None
    width = max(len(r) for r in rows)
    while width and all(len(r) < width or is_blank(r[width - 1]) for r in rows):
        width -= 1
    first = list(rows[0][:width]) + [None] * (width - len(rows[0]))
    if all(is_blank(v) for v in first):
        report.error("la première ligne est vide : l'onglet n'a pas de ligne de titres", "collez l'export avec sa "
                     "ligne de titres en ligne 1 (ou supprimez les lignes vides au-dessus) ; rien n'a été modifié",
                     sheet=name, row=1)
        return None
    answers = mapping_rows.data_like(first, bank, lists)
    if len(answers) >= 2:
        report.error(f"la ligne 1 contient des réponses (« {answers[0]} », « {answers[1]} ») et non les titres des "
                     "questions : l'onglet n'a pas de ligne de titres", "insérez en ligne 1 les titres de l'export "
                     "(copiez-les depuis l'outil d'enquête) puis relancez ; rien n'a été modifié", sheet=name, row=1)
        return None
    return mapping_rows.unique_headers(first)


def warn_unmapped(name: str, header: list[str], targets: list[Target | None], report: Report) -> None:
    for heading, target in zip(header, targets):
        if target is None:
            report.warn(f"colonne « {heading} » non reconnue : ses réponses ne sont pas consolidées",
                        "indiquez sa question de référence (ou « ignorer ») dans la feuille « Correspondances » "
                        "puis relancez", sheet=name, column=heading)


def record_of(row: list, targets: list[Target | None], bank: tuple[Question, ...],
              lists: dict[str, list[str]]) -> dict | None:
    """One respondent's reference values; None for a row with no answer to any question of the bank."""
    raw: dict[str, object] = {}
    ticked: dict[str, list[str]] = {}
    submitted = None
    for value, target in zip(row, targets):
        if target is None or target.code == IGNORE or is_blank(value):
            continue
        if target.code == TIMESTAMP:
            submitted = submitted or norm.timestamp(value)
        elif target.option:
            if norm.is_checked(value, target.option):
                ticked.setdefault(target.code, []).append(target.option)
        else:
            raw.setdefault(target.code, value)
    if not raw and not ticked:
        return None
    record: dict[str, object] = {"submitted": submitted}
    for question in bank:
        record.update(value_of(question, raw.get(question.code), ticked.get(question.code, []), lists))
    return record


def value_of(question: Question, value: object, ticked: list[str], lists: dict[str, list[str]]) -> dict:
    options = norm.options_of(question, lists)
    target = question.target
    if question.kind == MULTI:
        return {target: norm.multi_value(ticked + norm.split_choices(value, options), options)}
    if question.kind == SCALE:
        level = norm.scale_level(value, options)
        label = options[level - 1] if level and level <= len(options) else norm.clean(value)
        if question.options:  # a fixed Likert scale: the consolidated column holds the number
            return {target: level, f"{target}_label": label}
        return {target: label, f"{target}_level": level}
    if question.kind == YESNO:
        return {target: norm.yes_no(value)}
    if question.kind == EMAIL:
        return {target: norm.email_key(value) or norm.clean(value)}
    if question.target in NAME_TARGETS:
        return {target: norm.display_name(value)}
    if options:
        return {target: norm.single_choice(value, options)}
    return {target: norm.clean(value) if not isinstance(value, (int, float)) else value}


def summarise(report: Report, headers: dict, kept: list[dict], dropped: int, blank_rows: int, merged: pd.DataFrame,
              prefix: str) -> None:
    linked = sum(1 for r in kept if r.get("teacher_id"))
    anonymous = sum(1 for r in kept if r["link_status"] == linking.ANONYMOUS)
    newcomers = sum(1 for r in kept if str(r["link_status"]).startswith(linking.NEWCOMER))
    unmapped = sum(1 for r in merged.to_dict("records") if str(r["tab"]).startswith(prefix) and
                   r["status"] == UNKNOWN)
    report.lines[:0] = [
        f"{len(headers)} onglet(s) « {prefix}… » lu(s) : {len(kept)} réponse(s) gardée(s), {linked} reliée(s) à la "
        f"liste des enseignants, {anonymous} anonyme(s), {dropped} doublon(s) écarté(s), {newcomers} nouveau(x) à "
        f"ajouter, {unmapped} colonne(s) non reconnue(s)" + (f", {blank_rows} ligne(s) vide(s) ignorée(s)"
                                                            if blank_rows else "")]
