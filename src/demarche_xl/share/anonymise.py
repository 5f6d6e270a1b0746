"""The pure transformation behind the anonymised copy and the purge: the workbook's tables in, the same tables with
personal data pseudonymised, removed or scrubbed out (per `privacy_rules`), and a French report.

In the copy for the académie, counts by discipline below the threshold are also masked and rare disciplines
generalised (`secrecy`); the purge keeps the aggregates as they are but empties what only makes sense about named
people (`privacy_rules.PURGE_EMPTIED`).
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import pandas as pd

from demarche_xl import french
from demarche_xl.problems import Report
from demarche_xl.schema.params import param
from demarche_xl.schema.registry import table
from demarche_xl.share import privacy_rules as rules
from demarche_xl.share.people import ANONYMOUS_FIRST_NAME, Directory, build_directory
from demarche_xl.share.scrub import _key
from demarche_xl.share.secrecy import rare_disciplines, suppress_small_counts
from demarche_xl.tableio import ROW, is_blank
from demarche_xl.text import normalise

COPY, PURGE = "copie", "purge"
LOG_LINES = {COPY: "copie anonymisée pour l'académie", PURGE: "purge des données personnelles"}


@dataclass
class Anonymised:
    tables: dict[str, pd.DataFrame]
    report: Report
    directory: Directory


def anonymise_tables(tables: dict[str, pd.DataFrame], params: dict[str, object], lists: dict[str, list[str]],
                     mode: str, rng: random.Random, now: dt.datetime | None = None) -> Anonymised:
    """Tables by key (as the reader gives them, extra columns included) → tables without personal data."""
    directory = build_directory(tables, rng)
    threshold = int(params.get("anonymity_threshold") or param("anonymity_threshold").default)
    report = Report("Copie anonymisée pour l'académie" if mode == COPY else "Purge des données personnelles")
    general = rare_disciplines(tables.get("teachers"), threshold) if mode == COPY else {}
    out: dict[str, pd.DataFrame] = {}
    for key, frame in tables.items():
        declared = table(key)
        if mode == PURGE and key in rules.PURGE_EMPTIED:
            out[key] = frame.iloc[0:0].copy()
            if len(frame):
                report.info(f"{declared.sheet} : {french.count(len(frame), 'ligne supprimée')}")
            continue
        out[key] = _table(declared, frame, directory, general, mode)
    if "parameters" in out:
        _parameters(out["parameters"], directory)
    teachers, strangers = _counts(directory)
    report.info(f"{french.count(teachers, 'enseignant remplacé')} par un pseudonyme (« Enseignant 017 »), le même "
                "dans toutes les feuilles" + (f" ; {french.count(strangers, 'répondant')} hors liste (« Répondant … »)"
                                              if strangers else ""))
    report.info(f"{french.count(len(directory.facilitators), 'animateur remplacé')} par « Animateur … » ; courriels et "
                "téléphones retirés, y compris dans les textes libres")
    if mode == COPY:
        disciplines = [*lists.get("disciplines", []), *_values(tables.get("teachers"), "discipline")]
        masked = suppress_small_counts(out, disciplines, threshold)
        if general and "lists" in out:
            out["lists"] = with_list_value(out["lists"], "disciplines", next(iter(general.values())))
        report.info(f"secret statistique (seuil {threshold}) : {french.count(masked, 'effectif masqué')} par "
                    f"discipline (« < {threshold} »), {french.count(len(general), 'discipline rare regroupée')} en "
                    "« Autres disciplines »")
    if "run_log" in out:
        line = pd.DataFrame([{"when": (now or dt.datetime.now()).replace(microsecond=0), "user": None,
                              "step": "anonymiser" if mode == COPY else "purger", "summary": LOG_LINES[mode]}])
        out["run_log"] = pd.concat([out["run_log"], line], ignore_index=True) if len(out["run_log"]) else line
    report.warn("les noms de personnes absentes des feuilles Enseignants, Réponses et Animateurs (un parent, un "
                "intervenant…) ne peuvent pas être reconnus dans les textes libres",
                "relisez les colonnes de texte libre avant de diffuser")
    return Anonymised(out, report, directory)


def _table(declared, frame: pd.DataFrame, directory: Directory, general: dict[str, str], mode: str) -> pd.DataFrame:
    new = frame.copy()
    new.attrs = dict(frame.attrs)
    records = frame.to_dict("records")
    owners = [directory.teacher(r.get("teacher_id"), r.get("first_name"), r.get("last_name"), r.get("email"))
              if declared.key in ("teachers", "answers", "groups", "schedules", "lead_teachers") else None
              for r in records]
    columns = [*declared.keys, *[c for c in frame.attrs.get("extra_columns", []) if c in frame.columns]]
    for name in columns:
        if name not in new.columns or name == ROW:
            continue
        column = declared.column(name) if name in declared.keys else None
        action = rules.action_for(declared, column, name)
        if mode == PURGE and name in rules.PURGE_REMOVED.get(declared.key, ()):
            action = rules.REMOVE
        new[name] = pd.Series([_cell(action, value, owner, directory, general)
                               for value, owner in zip(frame[name].tolist(), owners)], index=new.index, dtype=object)
    return new


def _cell(action: str, value: object, owner: str | None, directory: Directory, general: dict[str, str]) -> object:
    if is_blank(value) or action == rules.KEEP:
        return None if is_blank(value) else value
    scrub = directory.scrubber
    if action == rules.REMOVE:
        return None
    if action == rules.TEACHER_ID:
        return directory.by_id.get(str(value).strip()) or scrub.text(value)
    if action == rules.TEACHER_IDS:
        parts = [p.strip() for p in str(value).replace(",", ";").split(";") if p.strip()]
        return "; ".join(directory.by_id.get(p) or str(scrub.text(p)) for p in parts)
    if action in (rules.PERSON_NAME, rules.LAST_NAME):
        return owner or scrub.names(value) or scrub.text(value)
    if action == rules.FIRST_NAME:
        return ANONYMOUS_FIRST_NAME if owner else scrub.text(value)
    if action == rules.FACILITATOR_NAME:
        return directory.facilitators.get(_key(str(value))) or scrub.names(value) or scrub.text(value)
    if action == rules.DISCIPLINE:
        return general.get(normalise(value), value)
    return scrub.text(value)


def _parameters(frame: pd.DataFrame, directory: Directory) -> None:
    """The contact setting names someone: removed; the documents folder may hold a user name: scrubbed."""
    contact, folder = normalise(param("contact").label), normalise(param("documents_folder").label)
    for index, label in frame["label"].items():
        if normalise(label) == contact:
            frame.at[index, "value"] = None
        elif normalise(label) == folder:
            frame.at[index, "value"] = directory.scrubber.text(frame.at[index, "value"])


def with_list_value(frame: pd.DataFrame, column: str, value: str) -> pd.DataFrame:
    """The `Listes` table with `value` added to one list, so the copy's dropdowns and `verifier` accept it."""
    if value in frame[column].tolist():
        return frame
    free = frame.index[frame[column].isna()]
    if len(free):
        frame.at[free[0], column] = value
        return frame
    return pd.concat([frame, pd.DataFrame([{column: value}])], ignore_index=True).astype(object)


def _counts(directory: Directory) -> tuple[int, int]:
    teachers = sum(1 for p in directory.people if p.pseudonym.startswith("Enseignant"))
    return teachers, sum(1 for p in directory.people if p.pseudonym.startswith("Répondant"))


def _values(frame: pd.DataFrame | None, column: str) -> list[str]:
    return [] if frame is None or not len(frame) else [str(v) for v in frame[column].dropna().unique()]
