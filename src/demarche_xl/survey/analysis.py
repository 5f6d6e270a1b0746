"""Analysis of the consolidated Temps 1 answers (pure): the concern ranking the team confirms (`Préoccupations`),
the profile map with its recommendations (`Cartographie`, built by `survey.profiles` and `survey.recommend`), and
the report lines and `Accueil` figures. The team's choice of retained concerns is kept across reruns."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from demarche_xl import french as fr
from demarche_xl.problems import Report
from demarche_xl.schema.tables_temps1 import CONCERN_RANKING, PROFILE_MAP
from demarche_xl.survey.profiles import CONCERN_COLUMNS, profile_rows
from demarche_xl.survey.recommend import positive_int, recommendation_rows
from demarche_xl.tableio import as_records, is_blank
from demarche_xl.text import normalise

RANK_POINTS = {"concern_1": 3, "concern_2": 2, "concern_3": 1}
DEFAULT_RETAINED = 3


@dataclass
class Analysis:
    ranking: pd.DataFrame  # columns of table `concern_ranking`
    profile_map: pd.DataFrame  # columns of table `profile_map`
    report: Report = field(default_factory=Report)


def analyse(answers: pd.DataFrame, teachers: pd.DataFrame, previous_ranking: pd.DataFrame,
            lists: dict[str, list[str]], params: dict) -> Analysis:
    """Rank the concerns, map the teachers' profiles and recommend how many groups and workshops to plan."""
    report = Report("Analyse de l'état des lieux")
    roster = as_records(teachers) if teachers is not None else []
    records = canonical_concerns(as_records(answers) if answers is not None else [], lists.get("concerns", []))
    ranking = rank_concerns(records, lists.get("concerns", []))
    kept = apply_retained(ranking, previous_ranking, positive_int(params.get("retained_concerns"), DEFAULT_RETAINED))
    retained = [c for c, r in zip(ranking["concern"], ranking["retained"]) if r is True]
    cited = int((ranking["teachers"] > 0).sum())
    report.info(f"{fr.count(len(records), 'réponse analysée', 'réponses analysées')}, "
                f"{fr.count(cited, 'préoccupation citée', 'préoccupations citées')}")
    if retained:
        origin = "choix de l'équipe conservé" if kept else "proposées, à confirmer par l'équipe"
        report.info(f"préoccupations retenues ({origin}) : {', '.join(retained)}")
    rows = profile_rows(records, roster, lists, retained)
    rows += recommendation_rows(records, roster, ranking, lists, params, report)
    profile_map = pd.DataFrame.from_records(rows, columns=PROFILE_MAP.keys).astype(object)
    profile_map = profile_map.where(profile_map.notna(), None)
    report.figures["Répondants au questionnaire"] = len(records)
    report.figures["Préoccupations retenues"] = ", ".join(retained) if retained else "à choisir"
    return Analysis(ranking, profile_map, report)


def canonical_concerns(records: list[dict], proposed: list[str]) -> list[dict]:
    """Answers whose concerns are spelt like the list (case, accents and spaces ignored); others kept as typed."""
    spelling = {normalise(c): c for c in proposed}
    out = []
    for record in records:
        record = dict(record)
        for column in CONCERN_COLUMNS:
            value = record.get(column)
            record[column] = None if is_blank(value) else spelling.setdefault(normalise(value), str(value).strip())
        out.append(record)
    return out


def citations(records: list[dict]) -> list[tuple[int, str, str, int]]:
    """(answer position, concern, discipline, points) once per respondent and concern (best rank counts)."""
    found: dict[tuple[int, str], tuple[str, int]] = {}
    for position, record in enumerate(records):
        for column in CONCERN_COLUMNS:
            concern = record.get(column)
            if not is_blank(concern) and (position, concern) not in found:
                discipline = "" if is_blank(record.get("discipline")) else normalise(record.get("discipline"))
                found[(position, concern)] = (discipline, RANK_POINTS[column])
    return [(pos, concern, disc, points) for (pos, concern), (disc, points) in found.items()]


def rank_concerns(records: list[dict], proposed: list[str]) -> pd.DataFrame:
    """One row per concern (the list, then any other answered): teachers citing it, share, 3/2/1 score, disciplines,
    rank by score then teachers then list order. `retained` is left empty for `apply_retained`."""
    cited = citations(records)
    order = list(dict.fromkeys([*proposed, *sorted({c for _, c, _, _ in cited})]))
    respondents = len(records)
    by_concern: dict[str, list[tuple[int, str, int]]] = {}
    for pos, concern, disc, points in cited:
        by_concern.setdefault(concern, []).append((pos, disc, points))
    rows = []
    for position, concern in enumerate(order):
        mine = by_concern.get(concern, [])
        count = len(mine)
        rows.append({"concern": concern, "teachers": count,
                     "share": round(count / respondents, 4) if respondents else 0.0,
                     "score": float(sum(points for _, _, points in mine)),
                     "disciplines": len({disc for _, disc, _ in mine if disc}), "_order": position})
    frame = pd.DataFrame.from_records(rows, columns=["concern", "teachers", "share", "score", "disciplines", "_order"])
    frame = frame.sort_values(["score", "teachers", "_order"], ascending=[False, False, True], kind="stable")
    frame["rank"] = range(1, len(frame) + 1)
    frame["retained"] = as_objects([None] * len(frame)).values
    return frame.drop(columns="_order").reset_index(drop=True)[CONCERN_RANKING.keys]


def apply_retained(ranking: pd.DataFrame, previous: pd.DataFrame, wanted: int) -> bool:
    """Keep the team's `Retenue` column when it holds any value; otherwise propose the top `wanted` cited concerns.
    Returns True when the team's choice was kept."""
    chosen: dict[str, bool] = {}
    if previous is not None and "retained" in previous and "concern" in previous:
        for concern, value in zip(previous["concern"], previous["retained"]):
            if not is_blank(concern) and not is_blank(value):
                chosen[normalise(concern)] = value is True or normalise(value) in ("oui", "x", "vrai", "1", "true")
    if chosen:
        ranking["retained"] = as_objects([chosen.get(normalise(c), False) for c in ranking["concern"]])
        return True
    if ranking["teachers"].sum() == 0:
        ranking["retained"] = None  # nothing answered yet: no proposal, so a later run still proposes
        return False
    ranking["retained"] = as_objects([bool(rank <= wanted and count > 0)
                                      for rank, count in zip(ranking["rank"], ranking["teachers"])])
    return False


def as_objects(values: list) -> pd.Series:
    """Python values kept as they are (pandas would make booleans numpy's and strings missing-as-NaN)."""
    return pd.Series(values, dtype=object)
