"""Recommendations for the workshops (pure), written as `Cartographie` rows whose `Vue` contains « Recommandation »
(the Word synthèse picks them up): participation, teachers taking part, groups and catalysts needed, workshops per
retained concern, and points of attention (also reported as warnings)."""
from __future__ import annotations

import math
from collections import Counter

import pandas as pd

from demarche_xl import french as fr
from demarche_xl.problems import Report
from demarche_xl.schema.tables_setup import TEACHERS
from demarche_xl.schema.tables_temps1 import CONCERN_RANKING
from demarche_xl.survey.normalise import per_distinct
from demarche_xl.survey.profiles import row, willingness_kind
from demarche_xl.tableio import is_blank
from demarche_xl.text import normalise

ADVICE = "Recommandation"
ATTENTION = "Recommandation — point d'attention"
FEW_TEACHERS = 2  # a retained concern cited by this many teachers or fewer does not make a group
LOW_PARTICIPATION = 0.5


def recommendation_rows(records: list[dict], roster: list[dict], ranking: pd.DataFrame, lists: dict[str, list[str]],
                        params: dict, report: Report, catalysts: dict[object, list[str]]) -> list[dict]:
    """The recommendation rows of `Cartographie`, from the answers and the roster (as records) and the catalysts
    citing each concern (`profiles.catalysts_by_concern`)."""
    group_max = positive_int(params.get("group_max"), 6)
    sessions = positive_int(params.get("sessions_per_group"), 3)
    respondents, listed = len(records), len(roster)
    rows = [row(ADVICE, "Participation au questionnaire", respondents, listed,
                f"{fr.count(respondents, 'réponse')} pour {fr.count(listed, 'enseignant')} de la feuille "
                "Enseignants"
                + (f", soit {percent(respondents, listed)}" if listed else ""))]
    participants, source = participant_count(records, roster)
    groups = math.ceil(participants / group_max) if participants else 0
    rows.append(row(ADVICE, "Enseignants participant aux ateliers", participants, listed, source))
    rows.append(row(ADVICE, "Groupes à former", groups, 0,
                    f"{fr.count(participants, 'participant')} en groupes de {group_max} au plus : prévoir "
                    f"{fr.count(groups, 'groupe')}"))
    available = available_catalysts(records, roster)
    report.info(f"{fr.count(participants, 'participant')} aux ateliers : {fr.count(groups, 'groupe')} de "
                f"{group_max} au plus, {fr.count(available, 'catalyseur disponible', 'catalyseurs disponibles')}")
    if listed:
        report.figures["Taux de réponse au questionnaire"] = percent(respondents, listed)
    rows.append(row(ADVICE, "Catalyseurs nécessaires / disponibles", available, 0,
                    f"{fr.count(groups, 'catalyseur nécessaire', 'catalyseurs nécessaires')} (un par groupe), "
                    f"{available} {fr.plural(available, 'disponible')} (catalyseurs de la feuille Enseignants et "
                    "volontaires du questionnaire)"))
    retained = ranking[ranking["retained"].map(lambda v: v is True)]
    firsts = Counter(r.get("concern_1") for r in records)
    for concern, interested in zip(retained["concern"], retained["teachers"]):
        concern_groups = math.ceil(interested / group_max) if interested else 0
        first = firsts[concern]
        rows.append(row(ADVICE, f"Ateliers : {concern}", int(interested), respondents,
                        f"{fr.count(interested, 'enseignant intéressé', 'enseignants intéressés')}, dont {first} "
                        f"en 1er choix : {fr.count(concern_groups, 'groupe')} de {group_max} au plus, soit "
                        f"{fr.count(concern_groups * sessions, 'séance')} d'atelier sur le parcours "
                        f"({fr.count(sessions, 'séance')} par groupe ; un enseignant qui cite plusieurs "
                        "préoccupations retenues compte pour chacune)"))
    rows += attention_rows(records, roster, retained, groups, available, report, listed, catalysts)
    return rows


def positive_int(value: object, default: int) -> int:
    """A setting that must be a positive whole number; the default when empty or wrong."""
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "—"


def participant_count(records: list[dict], roster: list[dict]) -> tuple[int, str]:
    """Teachers marked « Participe aux ateliers » in the roster; when none is marked, willing respondents."""
    marked = sum(1 for t in roster if t.get("participates") is True)
    if marked:
        return marked, (f"{fr.count(marked, 'enseignant marqué', 'enseignants marqués')} "
                        f"« {TEACHERS.column('participates').header} » = Oui")
    willing = sum(1 for r in records if willingness_kind(r.get("willingness")) == "willing")
    return willing, (f"{fr.count(willing, 'répondant')} {fr.plural(willing, 'a', 'ont')} répondu « Oui » à "
                     "l'envie de participer (la colonne "
                     f"« {TEACHERS.column('participates').header} » n'est pas encore remplie)")


def available_catalysts(records: list[dict], roster: list[dict]) -> int:
    """Roster catalysts, plus questionnaire volunteers (each linked teacher counted once)."""
    people = {("id", str(t.get("teacher_id"))) for t in roster if t.get("catalyst") is True}
    for position, record in enumerate(records):
        if record.get("catalyst_volunteer") is True:
            linked = record.get("teacher_id")
            people.add(("id", str(linked)) if not is_blank(linked) else ("answer", str(position)))
    return len(people)


def attention_rows(records: list[dict], roster: list[dict], retained: pd.DataFrame, groups: int, available: int,
                   report: Report, listed: int, catalysts: dict[object, list[str]]) -> list[dict]:
    out = []
    sheet = CONCERN_RANKING.sheet

    def attention(label: str, count: int, detail: str, fix: str, where: str = "") -> None:
        out.append(row(ATTENTION, label, count, 0, f"{detail} → {fix}"))
        report.warn(detail, fix, sheet=where)

    for concern, count in zip(retained["concern"], retained["teachers"]):
        if count <= FEW_TEACHERS:
            attention(f"Préoccupation peu partagée : {concern}", int(count),
                      f"« {concern} » n'est citée que par {fr.count(count, 'enseignant')}",
                      "retenez une préoccupation plus largement partagée (colonne « Retenue »)", sheet)
        if count and not catalysts.get(concern):
            attention(f"Pas de catalyseur : {concern}", 0,
                      f"aucun catalyseur ni volontaire ne cite « {concern} »",
                      "sollicitez un enseignant à l'aise pour animer ce groupe")
    answered = set(per_distinct((r.get("discipline") for r in records), discipline_key))
    typed = [t.get("discipline") for t in roster]
    missing = sorted({str(discipline) for discipline, key in zip(typed, per_distinct(typed, discipline_key))
                      if key is not None and key not in answered})
    for discipline in missing:
        attention(f"Discipline sans réponse : {discipline}", 0,
                  f"aucun enseignant de la discipline « {discipline} » n'a répondu au questionnaire",
                  "relancez les collègues de cette discipline", "Enseignants")
    if available < groups:
        attention("Catalyseurs insuffisants", available,
                  f"{fr.count(available, 'catalyseur disponible', 'catalyseurs disponibles')} pour "
                  f"{fr.count(groups, 'groupe')}",
                  f"identifiez {fr.count(groups - available, 'catalyseur')} de plus (colonne « Catalyseur » de la "
                  "feuille Enseignants)", "Enseignants")
    if listed and len(records) / listed < LOW_PARTICIPATION:
        attention("Participation faible", len(records),
                  f"seulement {fr.count(len(records), 'réponse')} pour {fr.count(listed, 'enseignant')} "
                  f"({percent(len(records), listed)})",
                  "relancez le questionnaire avant de retenir les préoccupations")
    return out


def discipline_key(value: object) -> str | None:
    """A discipline as compared (`normalise`); None when blank."""
    return None if is_blank(value) else normalise(value)

