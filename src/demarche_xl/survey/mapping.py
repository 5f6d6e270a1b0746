"""The `Correspondances` rows (pure): which reference question each raw column of a « Q - »/« S - » tab holds.
Suggestions come from LimeSurvey codes (`USAGES[SQ003]` → 3rd option), headings as Google/Microsoft Forms write
them (accents, case, « Nom2 » deduplicated by Excel), and each tool's metadata columns; the team's corrections are
kept on every rerun (« Confirmé », or a question they changed, wins over a new suggestion)."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

from demarche_xl.schema.tables_temps1 import MAPPING
from demarche_xl.survey.normalise import clean, email_key, options_of, timestamp
from demarche_xl.survey.questions import EMAIL, MULTI, Question
from demarche_xl.tableio import is_blank
from demarche_xl.text import normalise

IGNORE, TIMESTAMP = "ignorer", "horodatage"
PROPOSED, CONFIRMED, IGNORED, UNKNOWN = "Proposé", "Confirmé", "Ignoré", "Non reconnu"
TIMESTAMP_HEADINGS = {"submitdate", "horodateur", "horodatage", "timestamp", "heure de fin", "completion time",
                      "date de soumission"}
EMAIL_HEADINGS = {"adresse e mail", "email address", "adresse courriel", "courriel"}
META_HEADINGS = {"id", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl", "token",
                 "heure de debut", "start time", "adresse de messagerie", "email", "name", "score", "points",
                 "heure de la derniere modification", "last modified time", "id de la reponse", "response id",
                 "derniere page", "langue de depart", "date de debut", "date de la derniere action",
                 "adresse ip", "url de reference", "total time", "temps total"}
MS_FORMS_MARKERS = {"heure de debut", "start time"}
BRACKETED = re.compile(r"^(.*?)\s*\[(.+)\]\s*$")
CODE_AND_TEXT = re.compile(r"^([A-Za-z][A-Za-z0-9_]*(?:\[[^\]]+\])?)\.\s+\S")  # LimeSurvey « NOM. Nom »
DEDUP_SUFFIX = re.compile(r"^(.*\D)(\d)$|^(.*?)\s*\((\d+)\)$")


@dataclass(frozen=True)
class Target:
    """What a mapped column holds: a question (and, for a multiple-choice column per option, the option)."""

    code: str  # question code, TIMESTAMP or IGNORE
    option: str = ""


def unique_headers(header: list[object]) -> list[str]:
    """Column headings as text, a repeated heading suffixed « (2) » so every column has its own mapping row."""
    seen: dict[str, int] = {}
    out = []
    for position, cell in enumerate(header, start=1):
        text = clean(cell) or f"(colonne {position} sans titre)"
        seen[text] = seen.get(text, 0) + 1
        out.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return out


def suggest(heading: str, bank: tuple[Question, ...], lists: dict[str, list[str]], ms_forms: bool) -> str | None:
    """The reference a heading most likely holds, as written in `Question de référence`; None when unknown."""
    key = normalise(heading)
    if ms_forms and key in META_HEADINGS | {"nom"}:  # Microsoft Forms' own « Nom »; the question became « Nom2 »
        return IGNORE
    if key in TIMESTAMP_HEADINGS:
        return TIMESTAMP
    if key in META_HEADINGS:
        return IGNORE
    email = next((q.code for q in bank if q.kind == EMAIL), None)
    if key in EMAIL_HEADINGS and email:  # Google Forms' collected address
        return email
    found = question_for(heading, bank, fuzzy=False)
    if found is not None:
        return found.code
    coded = CODE_AND_TEXT.match(heading)
    if coded and question_for(BRACKETED.sub(r"\1", coded[1]), bank, fuzzy=False) is not None:
        return suggest(coded[1], bank, lists, ms_forms)
    bracket = BRACKETED.match(heading)
    if bracket:
        question = question_for(bracket[1], bank)
        if question is not None and question.kind == MULTI:
            option = option_for(bracket[2], options_of(question, lists))
            return f"{question.code}:{option}" if option else None
        return None
    holders = [q for q in bank if q.kind == MULTI and option_for(heading, options_of(q, lists))]
    if len(holders) == 1:  # a column per option typed by hand: « Classe inversée »
        return f"{holders[0].code}:{option_for(heading, options_of(holders[0], lists))}"
    dedup = DEDUP_SUFFIX.match(heading)
    if dedup:
        base = dedup[1] if dedup[1] is not None else dedup[3]
        question = question_for(base, bank, fuzzy=False)
        if question is not None:
            return question.code
    found = question_for(heading, bank)
    return found.code if found is not None else None


def data_like(header: list[object], bank: tuple[Question, ...], lists: dict[str, list[str]]) -> list[str]:
    """Cells of a first row that are answers rather than headings (an e-mail, a date, an option, « Oui »): two of
    them mean the export was pasted without its row of headings."""
    answers = {normalise(o) for q in bank if q.kind != MULTI for o in options_of(q, lists)} | {"oui", "non"}
    answers -= {normalise(q.label) for q in bank} | {normalise(q.code) for q in bank}
    return [str(cell) for cell in header if not is_blank(cell) and (
        email_key(cell) or timestamp(cell) is not None or normalise(cell) in answers)]


def question_for(text: str, bank: tuple[Question, ...], fuzzy: bool = True) -> Question | None:
    """By code or label (accents, case, spaces ignored); `fuzzy`: also a near label or a short heading whose words
    all belong to one label only."""
    key = normalise(text)
    for question in bank:
        if key in (normalise(question.code), normalise(question.label)):
            return question
    if not fuzzy:
        return None
    labels = {normalise(q.label): q for q in bank}
    close = difflib.get_close_matches(key, list(labels), n=1, cutoff=0.88)
    if close and len(key) > 12:
        return labels[close[0]]
    words = set(re.findall(r"[a-z]{3,}", key))  # a short heading typed by hand: « Aisance », « Usages »
    holding = [q for label, q in labels.items() if words and words <= set(re.findall(r"[a-z]{3,}", label))]
    return holding[0] if len(holding) == 1 else None


def option_for(text: str, options: list[str]) -> str | None:
    code = re.fullmatch(r"SQ0*(\d+)", text.strip(), re.IGNORECASE)
    if code:
        index = int(code[1]) - 1
        return options[index] if 0 <= index < len(options) else None
    by_key = {normalise(o): o for o in options}
    return by_key.get(normalise(text))


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
    question = question_for(code, bank)
    if question is None:
        return None
    if question.kind == MULTI and option.strip():
        found = option_for(option, options_of(question, lists)) or option.strip()
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
        ms_forms = bool(MS_FORMS_MARKERS & {normalise(h) for h in headers})
        for heading in headers:
            suggestion = suggest(heading, bank, lists, ms_forms)
            rows.append(row_for(tab, heading, suggestion, mine.pop((tab, heading), None), bank, lists))
    if mine:
        notes.append(f"{len(mine)} ligne(s) de « {MAPPING.sheet} » retirée(s) : leur onglet ou leur colonne "
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
        out.append(resolve(record["question"], bank, lists) if usable else None)
    return out
