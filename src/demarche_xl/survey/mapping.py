"""The `Correspondances` rows (pure): which reference question each raw column of a « Q - »/« S - » tab holds.
Suggestions come from each tool's metadata columns (`survey.tools`) and from the headings themselves
(`survey.headings`: codes, labels, LimeSurvey's sub-questions, numbered or reworded titles); the team's corrections
are kept on every rerun (« Confirmé », or a question they changed, wins over a new suggestion)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from demarche_xl import french as fr
from demarche_xl.schema.tables_temps1 import MAPPING
from demarche_xl.survey import headings, tools
from demarche_xl.survey.headings import IGNORE, TIMESTAMP
from demarche_xl.survey.normalise import clean, email_key, options_of, timestamp
from demarche_xl.survey.questions import EMAIL, MULTI, Question
from demarche_xl.tableio import is_blank
from demarche_xl.text import normalise

PROPOSED, CONFIRMED, IGNORED, UNKNOWN = "Proposé", "Confirmé", "Ignoré", "Non reconnu"


@dataclass(frozen=True)
class Target:
    """What a mapped column holds: a question (and, for a multiple-choice column per option, the option); `top`:
    the highest point of the rating scale its heading names (« de 1 à 5 »), to read numbers on the question's scale."""

    code: str  # question code, TIMESTAMP or IGNORE
    option: str = ""
    top: int | None = None


def unique_headers(header: list[object]) -> list[str]:
    """Column headings as text, a repeated heading suffixed « (2) » so every column has its own mapping row."""
    seen: dict[str, int] = {}
    out = []
    for position, cell in enumerate(header, start=1):
        text = clean(cell) or f"(colonne {position} sans titre)"
        seen[text] = seen.get(text, 0) + 1
        out.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return out


def suggest(heading: str, bank: tuple[Question, ...], lists: dict[str, list[str]], role: str | None = None
            ) -> str | None:
    """The reference a heading most likely holds, as written in `Question de référence`; None when unknown.
    `role`: what the survey tool's own column is (`survey.tools.metadata_roles`)."""
    if role == tools.EMAIL:  # the address the tool collected
        return next((q.code for q in bank if q.kind == EMAIL), IGNORE)
    if role is not None:
        return role
    return headings.suggest_question(heading, bank, lists)


def data_like(header: list[object], bank: tuple[Question, ...], lists: dict[str, list[str]]) -> list[str]:
    """Cells of a first row that are answers rather than headings (an e-mail, a date, an option, « Oui »): two of
    them mean the export was pasted without its row of headings."""
    answers = {normalise(o) for q in bank if q.kind != MULTI for o in options_of(q, lists)} | {"oui", "non"}
    answers -= {normalise(q.label) for q in bank} | {normalise(q.code) for q in bank}
    return [str(cell) for cell in header if not is_blank(cell) and (
        email_key(cell) or timestamp(cell) is not None or normalise(cell) in answers)]


def resolve(reference: object, bank: tuple[Question, ...], lists: dict[str, list[str]]) -> Target | None:
    """Read a `Question de référence` cell (code, label, `CODE:option`, « ignorer », « horodatage »)."""
    text = clean(reference)
    if text is None:
        return None
    key = normalise(text)
    if key in (IGNORE, "metadonnee", "metadonnees", "ignore"):
        return Target(IGNORE)
    if key == TIMESTAMP:
        return Target(TIMESTAMP)
    code, _, option = text.partition(":")
    question = headings.question_for(code, bank)
    if question is None:
        return None
    if question.kind == MULTI and option.strip():
        found = headings.option_for(option, options_of(question, lists)) or option.strip()
        return Target(question.code, found)
    return Target(question.code) if not option.strip() else None


def merge(tab_headers: dict[str, list[str]], previous: pd.DataFrame | None, prefix: str,
          bank: tuple[Question, ...], lists: dict[str, list[str]]) -> tuple[pd.DataFrame, list[str]]:
    """Mapping rows for the tabs of `prefix` (the team's edits kept), other prefixes' rows unchanged, and notes."""
    old = previous if previous is not None else pd.DataFrame(columns=MAPPING.keys)
    others, mine = [], {}
    for record in old.to_dict("records"):
        tab = clean(record.get("tab")) or ""
        if tab.startswith(prefix):
            mine[(tab, clean(record.get("source_column")) or "")] = record
        else:
            others.append({k: record.get(k) for k in MAPPING.keys})
    rows, notes = [], []
    for tab, headers in tab_headers.items():
        for heading, role in zip(headers, tools.metadata_roles(headers)):
            suggestion = suggest(heading, bank, lists, role)
            rows.append(row_for(tab, heading, suggestion, mine.pop((tab, heading), None), bank, lists))
    if mine:
        notes.append(f"{fr.count(len(mine), 'ligne')} de « {MAPPING.sheet} » "
                     f"{fr.plural(len(mine), 'retirée', 'retirées')} : leur onglet ou leur colonne "
                     "n'existe plus")
    frame = pd.DataFrame([*others, *rows], columns=MAPPING.keys).astype(object)
    return frame.where(frame.notna(), None), notes


def row_for(tab: str, heading: str, suggestion: str | None, kept: dict | None, bank: tuple[Question, ...],
            lists: dict[str, list[str]]) -> dict:
    team_question = clean(kept.get("question")) if kept else None
    team_status = clean(kept.get("status")) if kept else None
    edited = kept is not None and (team_question != suggestion or team_status == CONFIRMED or (
        team_status == IGNORED and suggestion != IGNORE))  # the team's word, not the tool's earlier suggestion
    question = team_question if edited else suggestion
    if edited and team_status == IGNORED:
        return {"tab": tab, "source_column": heading, "question": question, "status": IGNORED,
                "note": "ignorée par l'équipe"}
    target = resolve(question, bank, lists)
    if question is not None and target is None:
        return {"tab": tab, "source_column": heading, "question": question, "status": UNKNOWN,
                "note": f"« {question} » n'est pas une question de référence : mettez un code (voir Remarque des "
                        "autres lignes) ou « ignorer »"}
    if target is None:
        return {"tab": tab, "source_column": heading, "question": None, "status": UNKNOWN,
                "note": "colonne non reconnue : indiquez le code de la question ou « ignorer », puis relancez"}
    if target.code == IGNORE:
        status = IGNORED if not edited or team_status != CONFIRMED else CONFIRMED
        note = "métadonnée de l'outil d'enquête" if not edited else "choix de l'équipe"
    else:
        status = CONFIRMED if edited else PROPOSED
        note = "choix de l'équipe" if edited else describe(target, bank)
    return {"tab": tab, "source_column": heading, "question": question, "status": status, "note": note}


def describe(target: Target, bank: tuple[Question, ...]) -> str:
    if target.code == TIMESTAMP:
        return "date et heure de la réponse"
    label = next((q.label for q in bank if q.code == target.code), target.code)
    return f"{label} — option « {target.option} »" if target.option else label


def targets_of(mapping: pd.DataFrame, tab: str, headers: list[str], bank: tuple[Question, ...],
               lists: dict[str, list[str]]) -> list[Target | None]:
    """The target of each column of a tab, in column order (None: not recognised, so not read)."""
    by_heading = {r["source_column"]: r for r in mapping.to_dict("records") if r["tab"] == tab}
    out = []
    for heading in headers:
        record = by_heading.get(heading)
        if record is not None and record["status"] == IGNORED:
            out.append(Target(IGNORE))
            continue
        usable = record is not None and record["status"] != UNKNOWN and not is_blank(record["question"])
        target = resolve(record["question"], bank, lists) if usable else None
        top = headings.scale_top(heading) if target is not None and target.code not in (IGNORE, TIMESTAMP) else None
        out.append(Target(target.code, target.option, top) if top else target)
    return out
