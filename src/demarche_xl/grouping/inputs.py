"""From the workbook's tables to the domain: participating teachers (`Enseignants`) with their ranked concerns
and comfort (`Réponses`), retained concerns (`Préoccupations`, else the best ranked, else the answers' most
cited), `Contraintes` pairs and settings. Every row it cannot use becomes a French problem naming sheet and row.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from demarche_xl.grouping.domain import Grouping, Instance, Settings, Teacher
from demarche_xl.problems import Problem, WARNING
from demarche_xl.schema.lists import COMFORT
from demarche_xl.schema.registry import table
from demarche_xl.tableio import ROW
from demarche_xl.text import normalise


def settings_from(params: dict, options: dict) -> Settings:
    return Settings(
        group_min=int(params.get("group_min") or 3), group_max=int(params.get("group_max") or 6),
        weight_concern=float(params.get("weight_concern") or 0), weight_discipline=float(params.get("weight_discipline")
                                                                                         or 0),
        weight_comfort=float(params.get("weight_comfort") or 0), weight_other=float(params.get("weight_other") or 0),
        weight_balance=float(3.0 if params.get("weight_balance") is None else params.get("weight_balance") or 0),
        per_school=str(params.get("pooled_mode") or "Par établissement") != "Mélangés",
        time_limit=float(options.get("time_limit") or params.get("solver_time_limit") or 60),
        solver=str(params.get("solver") or "Automatique"),
        allow_missing_catalysts=bool(options.get("without_catalyst")))


def retained_concerns(tables: dict[str, pd.DataFrame], params: dict) -> list[str]:
    ranking = tables.get("concern_ranking")
    wanted = int(params.get("retained_concerns") or 3)
    if ranking is not None and len(ranking):
        chosen = [r["concern"] for r in ranking.to_dict("records") if r["retained"] is True]
        if chosen:
            return chosen
        ordered = ranking.sort_values("rank", na_position="last") if ranking["rank"].notna().any() else ranking
        return list(ordered["concern"])[:wanted]
    score: Counter = Counter()
    for record in latest_answers(tables).values():
        for rank, key in enumerate(("concern_1", "concern_2", "concern_3")):
            if record.get(key):
                score[record[key]] += 3 - rank
    return [c for c, _ in score.most_common(wanted)]


def latest_answers(tables: dict[str, pd.DataFrame]) -> dict[str, dict]:
    answers = tables.get("answers")
    result: dict[str, dict] = {}
    if answers is None:
        return result
    for record in answers.to_dict("records"):
        if record.get("teacher_id"):
            result[str(record["teacher_id"])] = record  # the last answer of a teacher wins
    return result


def comfort_level(record: dict | None, teacher_row: dict) -> int | None:
    if record and record.get("comfort_level"):
        return int(record["comfort_level"])
    label = (record or {}).get("comfort") or teacher_row.get("comfort")
    levels = [normalise(v) for v in COMFORT.values]
    return levels.index(normalise(label)) + 1 if label and normalise(label) in levels else None


def diversify_keys(frame: pd.DataFrame, params: dict) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(column key in the frame, French header) of each column the team marked « à diversifier »."""
    by_header = {normalise(c.header): c.key for c in table("teachers").columns}
    by_header.update({normalise(c): c for c in frame.attrs.get("extra_columns", [])})
    found, problems = [], []
    for header in [h.strip() for h in str(params.get("diversify_columns") or "").split(";") if h.strip()]:
        key = by_header.get(normalise(header))
        if key is None:
            problems.append(Problem(f"colonne à diversifier « {header} » introuvable dans la feuille Enseignants",
                                    "corrigez l'en-tête dans Paramètres (en-têtes séparés par « ; »)", "Paramètres",
                                    column="Valeur", severity=WARNING))
        else:
            found.append((key, header))
    return found, problems


def instance_from(tables: dict[str, pd.DataFrame], params: dict, options: dict) -> tuple[Instance, list[Problem]]:
    teachers_frame = tables["teachers"]
    answers = latest_answers(tables)
    extra, problems = diversify_keys(teachers_frame, params)
    teachers, rows = [], {}
    for row in teachers_frame.to_dict("records"):
        if row.get("participates") is not True or not row.get("teacher_id"):
            continue
        record = answers.get(str(row["teacher_id"]))
        concerns = tuple(record[k] for k in ("concern_1", "concern_2", "concern_3") if record and record.get(k))
        others = tuple((header, str(row.get(key))) for key, header in extra if row.get(key) not in (None, ""))
        teachers.append(Teacher(
            str(row["teacher_id"]), f"{row.get('first_name') or ''} {row.get('last_name') or ''}".strip(),
            row.get("discipline") or "", row.get("school") or "", row.get("catalyst") is True,
            comfort_level(record, row), concerns, others, bool(record and record.get("catalyst_volunteer") is True)))
        rows[str(row["teacher_id"])] = row.get(ROW)
    ids = {t.teacher_id for t in teachers}
    pairs: dict[str, list[tuple[str, str]]] = {"Ensemble": [], "Séparés": []}
    pair_rows: dict[tuple[str, str, str], int] = {}
    for row in tables.get("constraints", pd.DataFrame()).to_dict("records"):
        if row.get("kind") not in pairs:
            continue
        a, b = str(row.get("teacher_a") or ""), str(row.get("teacher_b") or "")
        missing = [v for v in (a, b) if v not in ids]
        if missing:
            problems.append(Problem(f"« {', '.join(m or '(vide)' for m in missing)} » n'est pas un enseignant qui "
                                    "participe aux ateliers : contrainte ignorée", "corrigez l'identifiant ou "
                                    "supprimez la ligne", "Contraintes", row.get(ROW), "Enseignant 1 (ID)", WARNING))
            continue
        if a == b:
            problems.append(Problem(f"« {a} » est à la fois Enseignant 1 et Enseignant 2 : contrainte ignorée",
                                    "corrigez l'un des deux identifiants", "Contraintes", row.get(ROW),
                                    "Enseignant 2 (ID)", WARNING))
            continue
        if (row["kind"], a, b) not in pair_rows:
            pairs[row["kind"]].append((a, b))
            pair_rows[row["kind"], a, b] = row.get(ROW)
    instance = Instance(teachers, retained_concerns(tables, params), pairs["Ensemble"], pairs["Séparés"],
                        settings_from(params, options), {k: v for k, v in rows.items() if v}, pair_rows)
    return instance, problems


def previous_grouping(instance: Instance, frame: pd.DataFrame | None) -> Grouping | None:
    """The `Groupes` sheet as it stands (possibly edited by hand), or None when it is empty."""
    if frame is None or not len(frame):
        return None
    grouping = Grouping({}, {}, {})
    for row in frame.to_dict("records"):
        group, teacher = row.get("group_id"), row.get("teacher_id")
        if not group or not teacher:
            continue
        group, teacher = str(group), str(teacher)
        grouping.members.setdefault(group, []).append(teacher)
        if row.get("concern") and not grouping.concerns.get(group):
            grouping.concerns[group] = str(row["concern"])
    for group, members in grouping.members.items():
        grouping.concerns.setdefault(group, None)
        scopes = Counter(instance.scope_of(instance.by_id[t]) for t in members if t in instance.by_id)
        grouping.scopes[group] = scopes.most_common(1)[0][0] if scopes else ""
    return grouping


def rows_of(frame: pd.DataFrame | None) -> dict[str, int]:
    """Excel row of each teacher in the `Groupes` sheet, for messages."""
    if frame is None or not len(frame):
        return {}
    return {str(r["teacher_id"]): r[ROW] for r in frame.to_dict("records") if r.get("teacher_id")}
