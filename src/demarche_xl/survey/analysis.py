"""Analysis of the consolidated Temps 1 answers (pure): the concern ranking the team confirms (`Préoccupations`),
the profile map with its recommendations (`Cartographie`, built by `survey.profiles` and `survey.recommend`), and
the report lines and `Accueil` figures. The tool's proposal of retained concerns (« Proposition de l'outil ») is
recomputed at each run; the team's choice (« Retenue ») is kept exactly as typed, and the report says when new answers
move the proposal."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from demarche_xl.french import count, join, plural
from demarche_xl.problems import Report
from demarche_xl.schema.tables_temps1 import CONCERN_RANKING, PROFILE_MAP, PROPOSAL_HEADER
from demarche_xl.survey.normalise import per_distinct
from demarche_xl.survey.profiles import CONCERN_COLUMNS, catalysts_by_concern, profile_rows
from demarche_xl.survey.recommend import positive_int, recommendation_rows
from demarche_xl.tableio import TRUE_WORDS as YES_WORDS, as_records, is_blank
from demarche_xl.text import normalise

RANK_POINTS = {"concern_1": 3, "concern_2": 2, "concern_3": 1}
DEFAULT_RETAINED = 3
ANSWER_KEYS = ("answer_id", "teacher_id", "last_name", "first_name", "discipline", *CONCERN_COLUMNS, "comfort",
               "comfort_level", "willingness", "catalyst_volunteer")  # what the analysis reads of an answer…
ROSTER_KEYS = ("teacher_id", "discipline", "school", "catalyst", "participates")  # … and of a teacher


@dataclass
class Analysis:
    ranking: pd.DataFrame  # columns of table `concern_ranking`
    profile_map: pd.DataFrame  # columns of table `profile_map`
    report: Report = field(default_factory=Report)


def analyse(answers: pd.DataFrame, teachers: pd.DataFrame, previous_ranking: pd.DataFrame,
            lists: dict[str, list[str]], params: dict) -> Analysis:
    """Rank the concerns, map the teachers' profiles and recommend how many groups and workshops to plan."""
    report = Report("Analyse de l'état des lieux")
    roster = records_of(teachers, ROSTER_KEYS)
    records = canonical_concerns(records_of(answers, ANSWER_KEYS), lists.get("concerns", []))
    ranking = rank_concerns(records, lists.get("concerns", []))
    cited = int((ranking["teachers"] > 0).sum())
    report.info(f"{count(len(records), 'réponse analysée', 'réponses analysées')}, "
                f"{count(cited, 'préoccupation citée', 'préoccupations citées')}")
    retained = apply_retained(ranking, previous_ranking, positive_int(params.get("retained_concerns"),
                                                                      DEFAULT_RETAINED), report)
    effective = ranking.assign(retained=as_objects([c in retained for c in ranking["concern"]]).values)
    catalysts = catalysts_by_concern(records, roster)
    rows = profile_rows(records, roster, lists, retained, catalysts)
    rows += recommendation_rows(records, roster, effective, lists, params, report, catalysts)
    profile_map = pd.DataFrame.from_records(rows, columns=PROFILE_MAP.keys).astype(object)
    profile_map = profile_map.where(profile_map.notna(), None)
    report.figures["Répondants au questionnaire"] = len(records)
    decided = [c for c, r in zip(ranking["concern"], ranking["retained"]) if r is True]
    report.figures["Préoccupations retenues"] = join(decided) if decided else \
        (f"à choisir (proposition : {join(retained)})" if retained else "à choisir")
    return Analysis(ranking, profile_map, report)


def records_of(frame: pd.DataFrame | None, keys: tuple[str, ...]) -> list[dict]:
    """The rows of `frame` as records of the columns in `keys` (the analysis reads no other)."""
    return as_records(frame[[key for key in keys if key in frame.columns]]) if frame is not None else []


def canonical_concerns(records: list[dict], proposed: list[str]) -> list[dict]:
    """The answers (changed in place and returned) with their concerns spelt like the list (case, accents and spaces
    ignored); others kept as typed, the first spelling met standing for the ones that compare equal."""
    spelling = {normalise(c): c for c in proposed}

    def canonical(value: object) -> str | None:
        return None if is_blank(value) else spelling.setdefault(normalise(value), str(value).strip())

    spelt = iter(per_distinct((record.get(column) for record in records for column in CONCERN_COLUMNS), canonical))
    for record in records:
        record.update(zip(CONCERN_COLUMNS, spelt))
    return records


def citations(records: list[dict]) -> list[tuple[int, str, str, int]]:
    """(answer position, concern, discipline, points) once per respondent and concern (best rank counts)."""
    disciplines = per_distinct((record.get("discipline") for record in records),
                               lambda value: "" if is_blank(value) else normalise(value))
    found = []
    for position, (record, discipline) in enumerate(zip(records, disciplines)):
        cited = []
        for column in CONCERN_COLUMNS:
            concern = record.get(column)
            if not is_blank(concern) and concern not in cited:
                cited.append(concern)
                found.append((position, concern, discipline, RANK_POINTS[column]))
    return found


def rank_concerns(records: list[dict], proposed: list[str]) -> pd.DataFrame:
    """One row per concern (the list, then any other answered): teachers citing it, share, 3/2/1 score, disciplines,
    rank by score then teachers then list order. `proposed` and `retained` are left empty for `apply_retained`."""
    cited = citations(records)
    order = list(dict.fromkeys([*proposed, *sorted({c for _, c, _, _ in cited})]))
    respondents = len(records)
    teachers: Counter = Counter()
    score: Counter = Counter()
    disciplines: dict[str, set[str]] = {}
    for _, concern, disc, points in cited:
        teachers[concern] += 1
        score[concern] += points
        if disc:
            disciplines.setdefault(concern, set()).add(disc)
    rows = []
    for position, concern in enumerate(order):
        count = teachers[concern]
        rows.append({"concern": concern, "teachers": count,
                     "share": round(count / respondents, 4) if respondents else 0.0,
                     "score": float(score[concern]), "disciplines": len(disciplines.get(concern, ())),
                     "_order": position})
    frame = pd.DataFrame.from_records(rows, columns=["concern", "teachers", "share", "score", "disciplines", "_order"])
    frame = frame.sort_values(["score", "teachers", "_order"], ascending=[False, False, True], kind="stable")
    frame["rank"] = range(1, len(frame) + 1)
    frame["proposed"] = frame["retained"] = as_objects([None] * len(frame)).values
    return frame.drop(columns="_order").reset_index(drop=True)[CONCERN_RANKING.keys]


def apply_retained(ranking: pd.DataFrame, previous: pd.DataFrame, wanted: int, report: Report) -> list[str]:
    """Write the tool's proposal (`proposed`: the `wanted` best-ranked cited concerns) and the team's `retained`
    exactly as typed before (blank until the team decides). Returns the concerns the analysis works with: the
    team's choice, else the proposal. The report says how the proposal moved and how the team's choice differs."""
    team: dict[str, bool] = {}
    before: dict[str, bool] = {}
    typed: dict[str, str] = {}  # how the team's sheet spells each concern
    for record in as_records(previous) if previous is not None and "concern" in previous else []:
        if is_blank(record.get("concern")):
            continue
        key = normalise(record["concern"])
        typed[key] = str(record["concern"])
        if not is_blank(record.get("retained")):
            team[key] = record["retained"] is True or normalise(record["retained"]) in YES_WORDS
        if not is_blank(record.get("proposed")):
            before[key] = record["proposed"] is True or normalise(record["proposed"]) in YES_WORDS
    if ranking["teachers"].sum() == 0:
        ranking["proposed"] = as_objects([None] * len(ranking))  # nothing answered yet: nothing to propose
    else:
        ranking["proposed"] = as_objects([bool(rank <= wanted and n > 0)
                                          for rank, n in zip(ranking["rank"], ranking["teachers"])])
    ranking["retained"] = as_objects([team.get(normalise(c)) for c in ranking["concern"]])
    proposal = [c for c, p in zip(ranking["concern"], ranking["proposed"]) if p is True]
    chosen = [c for c, r in zip(ranking["concern"], ranking["retained"]) if r is True]
    names = {normalise(c): c for c in ranking["concern"]}
    tell_proposal(proposal, chosen, {names.get(k, k): v for k, v in before.items()}, report)
    lost = sorted(typed[k] for k, v in team.items() if v and k not in names)
    if lost:
        report.warn(f"{join([f'« {k} »' for k in lost])} : {plural(len(lost), 'retenue')} par l'équipe mais absente "
                    "du classement (liste des préoccupations modifiée ?)", "vérifiez la liste « Préoccupations » de "
                    "la feuille Listes, puis tapez à nouveau « Oui » dans « Retenue »", sheet=CONCERN_RANKING.sheet,
                    column="Retenue")
    return chosen or proposal


def tell_proposal(proposal: list[str], chosen: list[str], before: dict[str, bool], report: Report) -> None:
    """Report lines: the team's decision or the proposal to decide on, and what new answers changed."""
    column = f"colonne « {PROPOSAL_HEADER} »"
    if chosen:
        report.info(f"préoccupations retenues par l'équipe (colonne « Retenue ») : {join(chosen)}")
        if set(chosen) != set(proposal) and proposal:
            report.info(f"la proposition de l'outil est différente : {join(proposal)} ({column}) ; le choix de "
                        "l'équipe est gardé")
    elif proposal:
        report.info(f"proposition de l'outil : {join(proposal)} ({column}) ; l'équipe décide en tapant « Oui » dans "
                    "la colonne « Retenue »")
    if not before:
        return
    came = [c for c in proposal if not before.get(c)]
    went = [c for c, was in before.items() if was and c not in proposal]
    if came or went:
        moved = "; ".join(part for part in (f"{join(came)} {plural(len(came), 'entre', 'entrent')}" if came else "",
                                           f"{join(went)} {plural(len(went), 'sort', 'sortent')}" if went else "")
                          if part)
        text = f"les nouvelles réponses changent la proposition de l'outil : {moved}"
        if chosen:
            report.warn(text, "l'équipe peut revoir son choix dans la colonne « Retenue » (il n'a pas été changé)",
                        sheet=CONCERN_RANKING.sheet, column="Retenue")
        else:
            report.info(text)


def as_objects(values: list) -> pd.Series:
    """Python values kept as they are (pandas would make booleans numpy's and strings missing-as-NaN)."""
    return pd.Series(values, dtype=object)
