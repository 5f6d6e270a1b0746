"""Rows of the `Bilan` sheet that state figures (section / indicator / value / reference / comment): mobilisation,
experiments, collective dynamics, practices by status, discipline and concern, satisfaction and needs by kind,
each key figure compared with the pilot collège. Pure: `Kpis` and `Needs` in, dict rows out."""
from __future__ import annotations

from demarche_xl import french
from demarche_xl.review.kpis import (PILOT_ENGAGEMENT, PILOT_ENGAGEMENT_TEXT, PILOT_MOBILISATION,
                                     PILOT_MOBILISATION_TEXT, Kpis, Ratio, compare)
from demarche_xl.review.needs import Needs
from demarche_xl.review.overview import RESPONSE_RATE_DEFINITION, Overview

MOBILISATION, EXPERIMENTS, DYNAMICS = "Mobilisation", "Expérimentations", "Dynamiques collectives"
BY_DISCIPLINE, BY_CONCERN, SATISFACTION, NEEDS = ("Pratiques par discipline", "Pratiques par préoccupation",
                                                  "Satisfaction", "Besoins")
PILOT_DYNAMICS_TEXT = "groupes disciplinaires ou transdisciplinaires observés"
STATUS_ORDER = ("Réalisée", "En cours", "Prévue", "Abandonnée")


def row(section: str, indicator: str, value: object, reference: str = "", comment: str = "") -> dict:
    return {"section": section, "indicator": indicator, "value": value, "reference": reference, "comment": comment}


def typeset(rows: list[dict]) -> list[dict]:
    """French typography (non-breaking spaces before « : ; ! ? », inside « », in « 50 / 55 ») on the text cells."""
    return [{k: french.typography(v) if isinstance(v, str) else v for k, v in r.items()} for r in rows]


def figure_rows(kpis: Kpis, needs: dict[str, Needs], done: Overview | None = None) -> list[dict]:
    return [*mobilisation_rows(kpis, done), *experiment_rows(kpis), *dynamics_rows(kpis), *breakdown_rows(kpis),
            *satisfaction_rows(kpis), *needs_rows(needs)]


def mobilisation_rows(kpis: Kpis, done: Overview | None = None) -> list[dict]:
    mobilised = kpis.mobilisation
    answers = done.response_rate if done else kpis.of_staff(kpis.respondents)
    unlisted = done.unlisted_answers if done else 0
    return [
        row(MOBILISATION, "Enseignants mobilisés sur l'ensemble de la démarche (questionnaire, ateliers, mise en "
            "pratique ou satisfaction)", mobilised.shown(), PILOT_MOBILISATION_TEXT,
            compare(mobilised.share, PILOT_MOBILISATION, PILOT_MOBILISATION_TEXT) if kpis.staff else
            "Feuille « Enseignants » vide : taux non calculable."),
        row(MOBILISATION, "Répondants au questionnaire enseignants (temps 1)", answers.shown(), "",
            f"Taux de réponse : {RESPONSE_RATE_DEFINITION}"
            + (f", dont {french.count(unlisted, 'réponse')} de personnes absentes de la liste." if unlisted else ".")),
        row(MOBILISATION, "Participants aux ateliers (temps 2)", kpis.workshop_participation.shown()),
        row(MOBILISATION, "Enseignants ayant une fiche de mise en pratique (temps 3)",
            kpis.of_staff(kpis.practitioners).shown()),
        row(MOBILISATION, "Répondants au questionnaire de satisfaction",
            kpis.of_staff(kpis.satisfaction_respondents).shown()),
    ]


def experiment_rows(kpis: Kpis) -> list[dict]:
    engaged = kpis.engagement
    rows = [row(EXPERIMENTS, "Enseignants engagés dans des expérimentations (fiche de mise en pratique non "
                "abandonnée)", engaged.shown(), PILOT_ENGAGEMENT_TEXT,
                compare(engaged.share, PILOT_ENGAGEMENT, PILOT_ENGAGEMENT_TEXT) if kpis.staff else
                "Feuille « Enseignants » vide : taux non calculable."),
            row(EXPERIMENTS, "Engagés parmi les participants aux ateliers", kpis.engagement_of_participants.shown())]
    total = sum(kpis.by_status.values())
    statuses = [*STATUS_ORDER, *sorted(s for s in kpis.by_status if s not in STATUS_ORDER)]
    rows += [row(EXPERIMENTS, f"Mises en pratique {french.quote(s)}", Ratio(kpis.by_status[s], total).shown())
             for s in statuses if kpis.by_status.get(s)]
    return rows


def dynamics_rows(kpis: Kpis) -> list[dict]:
    active = kpis.group_activity
    if not kpis.groups:
        comment = "Feuille « Groupes » vide : lancez « demarche-xl groupes » pour suivre les groupes."
    elif active.share >= 0.5:
        comment = "La majorité des groupes des ateliers poursuivent une mise en pratique."
    else:
        comment = "Moins de la moitié des groupes poursuivent : dynamique collective à relancer."
    collective = len(kpis.collective_practices)
    return [
        row(DYNAMICS, "Groupes encore actifs (un membre au moins avec une mise en pratique en cours ou réalisée)",
            active.shown(), PILOT_DYNAMICS_TEXT, comment),
        row(DYNAMICS, "Mises en pratique portées par 2 enseignants ou plus (en cours ou réalisées)", str(collective),
            PILOT_DYNAMICS_TEXT, ("Des enseignants expérimentent ensemble : " + ", ".join(kpis.collective_practices))
            if collective else "Aucune expérimentation menée à plusieurs pour l'instant."),
    ]


def breakdown_rows(kpis: Kpis) -> list[dict]:
    total = sum(kpis.by_status.values())
    rows = [row(BY_DISCIPLINE, name, Ratio(n, total).shown()) for name, n in sorted(
        kpis.by_discipline.items(), key=lambda item: (-item[1], item[0]))]
    rows += [row(BY_CONCERN, name, Ratio(n, total).shown()) for name, n in sorted(
        kpis.by_concern.items(), key=lambda item: (-item[1], item[0]))]
    return rows


def satisfaction_rows(kpis: Kpis) -> list[dict]:
    sat = kpis.satisfaction
    mean = french.score(sat.mean_interest, 5) if sat.mean_interest is not None else "—"
    return [
        row(SATISFACTION, "Réponses au questionnaire de satisfaction", str(sat.answers)),
        row(SATISFACTION, "Intérêt moyen pour la démarche (1 à 5)", mean),
        row(SATISFACTION, "Part des répondants ayant trouvé un intérêt (4 ou 5 sur 5)", sat.satisfied.shown()),
        row(SATISFACTION, "Part des répondants souhaitant continuer la démarche", sat.keen.shown()),
    ]


def needs_rows(needs: dict[str, Needs]) -> list[dict]:
    return [row(NEEDS, f"Besoins : {kind.lower()}", str(found.total), "",
                " ; ".join(found.most_frequent()) or "Aucun besoin exprimé.") for kind, found in needs.items()]
