"""The one pure entry point that turns raw questionnaire tabs into reference records, for any question bank:
Temps 1 (« Q - » tabs → `Réponses`) and the satisfaction questionnaire (« S - » tabs → `Satisfaction`).
Mapping (`survey.mapping`), reading rows (`survey.records`) and roster linking (`survey.linking`) are composed here;
the rows of `Correspondances` owned by another prefix are returned unchanged. Abandoned answers: a LimeSurvey row
without submission date is kept and marked incomplete (`complete` False) when it answers something, left out
(and counted) when it answers nothing."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from demarche_xl import french as fr
from demarche_xl.problems import Report
from demarche_xl.survey import linking, mapping as mapping_rows, tools
from demarche_xl.survey.mapping import UNKNOWN, Target
from demarche_xl.survey.questions import Question, readable
from demarche_xl.survey.records import Reader, plan_of
from demarche_xl.tableio import is_blank

ID_LETTER = {"Q - ": "R", "S - ": "S"}
COMPLETE_HEADER = "Réponse complète"  # the column of `Réponses` that marks abandoned answers


@dataclass
class Consolidated:
    mapping: pd.DataFrame  # the whole `Correspondances` table: this prefix's rows rebuilt, others unchanged
    records: list[dict]  # one per kept respondent: the bank's targets + answer_id, teacher_id, tab, submitted…
    report: Report = field(default_factory=Report)


def consolidate(raw_tabs: dict[str, list[list]], bank: tuple[Question, ...], mapping: pd.DataFrame | None,
                teachers: pd.DataFrame | None, lists: dict[str, list[str]], prefix: str) -> Consolidated:
    """Map, normalise, link and deduplicate the answers of every raw tab whose name starts with `prefix`."""
    report = Report("Consolidation des questionnaires")
    bank = readable(bank)
    tabs = {name: rows for name, rows in raw_tabs.items() if name.startswith(prefix)}
    headers = {}
    for name, rows in tabs.items():
        header = header_of(name, rows, report, bank, lists)
        if header is not None:
            headers[name] = header
    merged, notes = mapping_rows.merge(headers, mapping, prefix, bank, lists)
    report.lines.extend(notes)
    records: list[dict] = []
    counts = {"blank": 0, "abandoned": 0}
    reader = Reader(bank, lists)
    for name, header in headers.items():
        targets = mapping_rows.targets_of(merged, name, header, bank, lists)
        warn_unmapped(name, header, targets, report)
        plan = plan_of(targets, tools.submission_column(header))
        rows = tabs[name][1:]
        for position, (row, record) in enumerate(zip(rows, reader.records(rows, plan)), start=2):
            if record is None:
                counts["abandoned" if plan.submission is not None and any(
                    not is_blank(v) for v in row) else "blank"] += 1
                continue
            record["tab"], record["_row"] = name, position
            records.append(record)
    linking.link(records, teachers, report)
    kept, dropped = linking.drop_duplicates(records, report)
    order = {name: index for index, name in enumerate(headers)}
    kept.sort(key=lambda r: (r.get("submitted") is None, r.get("submitted") or 0, order[r["tab"]], r["_row"]))
    letter = ID_LETTER.get(prefix, "R")
    for number, record in enumerate(kept, start=1):
        record["answer_id"] = f"{letter}{number:03d}"
    summarise(report, headers, kept, dropped, counts, merged, prefix)
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


def summarise(report: Report, headers: dict, kept: list[dict], dropped: int, counts: dict[str, int],
              merged: pd.DataFrame, prefix: str) -> None:
    linked = sum(1 for r in kept if r.get("teacher_id"))
    anonymous = sum(1 for r in kept if r["link_status"] == linking.ANONYMOUS)
    newcomers = sum(1 for r in kept if str(r["link_status"]).startswith(linking.NEWCOMER))
    partial = sum(1 for r in kept if r.get("complete") is False)
    unmapped = sum(1 for tab, status in zip(merged["tab"], merged["status"]) if str(tab).startswith(prefix) and
                   status == UNKNOWN)
    parts = [f"{fr.count(len(kept), 'réponse gardée', 'réponses gardées')}",
             f"{fr.count(linked, 'reliée', 'reliées')} à la liste des enseignants",
             fr.count(anonymous, "anonyme"), fr.count(dropped, "doublon écarté", "doublons écartés"),
             fr.count(newcomers, "nouveau", "nouveaux") + " à ajouter",
             fr.count(unmapped, "colonne non reconnue", "colonnes non reconnues")]
    if partial:
        parts.append(fr.count(partial, "réponse incomplète gardée", "réponses incomplètes gardées") +
                     f" (questionnaire abandonné avant la fin ; {fr.plural(partial, 'marquée', 'marquées')} « Non » "
                     f"dans « {COMPLETE_HEADER} »)")
    if counts["abandoned"]:
        parts.append(fr.count(counts["abandoned"], "questionnaire abandonné", "questionnaires abandonnés") +
                     f" sans aucune réponse, {fr.plural(counts['abandoned'], 'écarté', 'écartés')}")
    if counts["blank"]:
        parts.append(fr.count(counts["blank"], "ligne vide ignorée", "lignes vides ignorées"))
    tabs = fr.count(len(headers), f"onglet « {prefix}… » lu", f"onglets « {prefix}… » lus")
    report.lines[:0] = [f"{tabs} : " + ", ".join(parts)]
