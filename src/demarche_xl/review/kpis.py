"""The ONE computation of the review's key figures, used by the `bilan` step and the fiche de bilan: who was
mobilised over the whole method, who is engaged in experiments, which groups and collective dynamics are still
active, practices by discipline / concern / status, satisfaction figures, and the comparison with the pilot
collège (seed 004: « Plus de 90 % des enseignants mobilisés », « Près de la moitié des enseignants engagés »).

Inputs are rows as dicts (blank cells as None), so any caller (DataFrames of a step, records of a document) can
use it."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from demarche_xl import french
from demarche_xl.text import normalise

ABANDONED = "abandonnee"
ACTIVE_STATUSES = ("en cours", "realisee")
PILOT_MOBILISATION, PILOT_ENGAGEMENT = 0.9, 0.5
PILOT_MOBILISATION_TEXT, PILOT_ENGAGEMENT_TEXT = f"plus de 90{french.NBSP}%", "près de la moitié"
CLOSE = 0.05  # within 5 points of the pilot's figure counts as « comparable »
SATISFIED = 4  # interest of 4 or 5 out of 5


@dataclass(frozen=True)
class Ratio:
    part: int
    whole: int

    @property
    def share(self) -> float:
        return self.part / self.whole if self.whole else 0.0

    def fraction(self) -> str:
        """« 50 / 55 » (non-breaking spaces: never cut across two lines)."""
        return f"{french.number(self.part)}{french.NBSP}/{french.NBSP}{french.number(self.whole)}"

    def shown(self) -> str:
        """« 50 / 55 (91 %) », or « 0 / 0 » when there is nothing to count."""
        return f"{self.fraction()} ({french.percent(self.share)})" if self.whole else self.fraction()


@dataclass(frozen=True)
class Satisfaction:
    answers: int
    mean_interest: float | None  # None when nobody gave a score
    satisfied: Ratio  # interest >= 4 among those who gave a score
    keen: Ratio  # want to continue, among those who answered that question


@dataclass
class Kpis:
    staff: int
    respondents: set[str] = field(default_factory=set)  # answered the Temps 1 questionnaire
    participants: set[str] = field(default_factory=set)  # took part in the workshops (placed or « Participe »)
    practitioners: set[str] = field(default_factory=set)  # appear in a practice sheet
    satisfaction_respondents: set[str] = field(default_factory=set)
    mobilised: set[str] = field(default_factory=set)
    engaged: set[str] = field(default_factory=set)  # in a practice sheet not « Abandonnée »
    groups: set[str] = field(default_factory=set)
    active_groups: set[str] = field(default_factory=set)
    collective_practices: list[str] = field(default_factory=list)  # 2+ teachers, en cours or réalisée
    by_status: Counter = field(default_factory=Counter)
    by_discipline: Counter = field(default_factory=Counter)
    by_concern: Counter = field(default_factory=Counter)
    satisfaction: Satisfaction = Satisfaction(0, None, Ratio(0, 0), Ratio(0, 0))

    def of_staff(self, ids: set[str]) -> Ratio:
        return Ratio(len(ids), self.staff)

    @property
    def mobilisation(self) -> Ratio:
        return self.of_staff(self.mobilised)

    @property
    def engagement(self) -> Ratio:
        return self.of_staff(self.engaged)

    @property
    def engagement_of_participants(self) -> Ratio:
        return Ratio(len(self.engaged & self.participants) if self.participants else len(self.engaged),
                     len(self.participants) if self.participants else len(self.engaged))

    @property
    def workshop_participation(self) -> Ratio:
        return self.of_staff(self.participants)

    @property
    def group_activity(self) -> Ratio:
        return Ratio(len(self.active_groups), len(self.groups))


def compute(teachers: list[dict], groups: list[dict], practices: list[dict], answers: list[dict],
            satisfaction: list[dict]) -> Kpis:
    roster = {clean(t.get("teacher_id")) for t in teachers} - {""}
    keep = (lambda ids: ids & roster) if roster else (lambda ids: ids)
    placed = {clean(g.get("teacher_id")): clean(g.get("group_id")) for g in groups}
    placed.pop("", None)
    kpis = Kpis(staff=len(teachers))
    kpis.respondents = keep(ids_in(answers))
    kpis.participants = keep(set(placed) | {clean(t.get("teacher_id")) for t in teachers
                                            if yes(t.get("participates"))} - {""})
    kpis.practitioners = keep({t for p in practices for t in practice_teachers(p)})
    kpis.satisfaction_respondents = keep(ids_in(satisfaction))
    kpis.mobilised = kpis.respondents | kpis.participants | kpis.practitioners | kpis.satisfaction_respondents
    kpis.engaged = keep({t for p in practices if status_of(p) != ABANDONED for t in practice_teachers(p)})
    active_teachers = {t for p in practices if status_of(p) in ACTIVE_STATUSES for t in practice_teachers(p)}
    kpis.groups = set(placed.values()) - {""}
    kpis.active_groups = {placed[t] for t in active_teachers if placed.get(t)}
    kpis.collective_practices = [clean(p.get("practice_id")) for p in practices
                                 if status_of(p) in ACTIVE_STATUSES and len(practice_teachers(p)) >= 2]
    kpis.by_status = Counter(clean(p.get("status")) or "Sans statut" for p in practices)
    kpis.by_discipline = Counter(clean(p.get("discipline")) or "Non renseignée" for p in practices)
    kpis.by_concern = Counter(clean(p.get("concern")) or "Non renseignée" for p in practices)
    kpis.satisfaction = satisfaction_figures(satisfaction)
    return kpis


def satisfaction_figures(rows: list[dict]) -> Satisfaction:
    scores = [float(r["interest"]) for r in rows if is_number(r.get("interest"))]
    answered = [r for r in rows if isinstance(r.get("continue"), bool)]
    return Satisfaction(len(rows), sum(scores) / len(scores) if scores else None,
                        Ratio(sum(1 for s in scores if s >= SATISFIED), len(scores)),
                        Ratio(sum(1 for r in answered if r["continue"]), len(answered)))


def position(share: float, pilot: float) -> str:
    """« Au-dessus du collège pilote », « Comparable au collège pilote », « En dessous du collège pilote
    (12 points d'écart) »."""
    if share > pilot + CLOSE:
        return "Au-dessus du collège pilote"
    if share >= pilot - CLOSE:
        return "Comparable au collège pilote"
    return f"En dessous du collège pilote ({french.count(round(100 * (pilot - share)), 'point')} d'écart)"


def compare(share: float, pilot: float, pilot_text: str) -> str:
    """A French comment placing our figure against the pilot collège's."""
    said = position(share, pilot)
    if "(" in said:
        return f"{said.split(' (')[0]} ({pilot_text}) : {said.split(' (')[1].rstrip(')')}."
    return f"{said} ({pilot_text})."


def practice_teachers(practice: dict) -> list[str]:
    return [t.strip() for t in clean(practice.get("teachers")).replace(",", ";").split(";") if t.strip()]


def status_of(practice: dict) -> str:
    return normalise(practice.get("status"))


def ids_in(rows: list[dict]) -> set[str]:
    return {clean(r.get("teacher_id")) for r in rows} - {""}


def clean(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def yes(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in ("oui", "vrai", "x"))


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and not math.isnan(float(value))
