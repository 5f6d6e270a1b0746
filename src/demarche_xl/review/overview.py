"""What was done, counted once for every place that shows it (fiche de bilan, synthèse, `Bilan` sheet, Accueil,
the CLI): answers to the teachers' questionnaire and the response rate, workshops, sessions held, groups,
facilitators, practice sheets by status, impressions.

Definitions, written next to the figures where they are shown:
- response rate: answers in `Réponses` (one per teacher) over the teachers of `Enseignants`;
- session (séance): a workshop held in a slot, counted once however many groups attend it; the « Libre choix »
  placeholder of a route is not a session, the workshops teachers chose in that slot are.

Inputs are rows as dicts (blank cells as None), like `review.kpis`. Pure.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from demarche_xl.review.kpis import Ratio, clean

STATUSES = ("Réalisée", "En cours", "Prévue", "Abandonnée")
RESPONSE_RATE_DEFINITION = "réponses reçues / enseignants de la feuille Enseignants"
SESSION_DEFINITION = "un atelier à un créneau, compté une fois quel que soit le nombre de groupes"
SESSIONS_LABEL = "Séances d'atelier animées (un atelier à un créneau)"


@dataclass(frozen=True)
class Overview:
    teachers: int = 0
    answers: int = 0
    unlisted_answers: int = 0  # answers not linked to a teacher of the roster
    workshops: int = 0
    sessions: int = 0
    slots: int = 0
    groups: int = 0
    facilitators: int = 0
    practices: int = 0
    by_status: Counter = field(default_factory=Counter)
    impressions: int = 0

    @property
    def response_rate(self) -> Ratio:
        return Ratio(self.answers, self.teachers)


def overview(tables: dict[str, list[dict]]) -> Overview:
    """The figures from the tables' rows (`teachers`, `answers`, `workshops`, `slots`, `routes`, `schedules`,
    `groups`, `facilitators`, `practices`, `impressions`; a missing table counts as empty)."""
    rows = lambda key: tables.get(key) or []  # noqa: E731
    answers = rows("answers")
    practices = rows("practices")
    return Overview(
        teachers=len(rows("teachers")), answers=len(answers),
        unlisted_answers=sum(1 for a in answers if not clean(a.get("teacher_id"))),
        workshops=len({clean(w.get("workshop_id")) for w in rows("workshops")} - {""}),
        sessions=len(sessions_held(rows("workshops"), rows("schedules"), rows("routes"))),
        slots=len({clean(s.get("slot_id")) for s in rows("slots")} - {""}),
        groups=len({clean(g.get("group_id")) for g in rows("groups")} - {""}),
        facilitators=len({clean(f.get("facilitator_id")) for f in rows("facilitators")} - {""}),
        practices=len(practices),
        by_status=Counter(clean(p.get("status")) or "Sans statut" for p in practices),
        impressions=len(rows("impressions")),
    )


def sessions_held(workshops: list[dict], schedules: list[dict], routes: list[dict]) -> set[tuple[str, str]]:
    """(slot, workshop) pairs someone attends: from each teacher's schedule when there is one (it holds the
    workshops chosen freely), else from the groups' routes; only workshops of the `Ateliers` sheet count."""
    known = {clean(w.get("workshop_id")) for w in workshops} - {""}
    source = schedules or routes
    return {(clean(r.get("slot_id")), clean(r.get("workshop_id"))) for r in source
            if clean(r.get("slot_id")) and clean(r.get("workshop_id")) in known}
