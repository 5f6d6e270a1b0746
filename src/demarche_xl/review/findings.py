"""« Forces » and « Limites » of the `Bilan` sheet: drawn from the key figures (against the pilot collège and
simple thresholds) and from the satisfaction free text (what to keep, what to improve: most frequent answers).
Pure."""
from __future__ import annotations

from collections import Counter

from demarche_xl import french
from demarche_xl.review.indicators import row
from demarche_xl.review.kpis import CLOSE, PILOT_ENGAGEMENT, PILOT_MOBILISATION, Kpis
from demarche_xl.review.needs import Needs, as_typed, blank
from demarche_xl.text import normalise

STRENGTHS, LIMITS = "Forces", "Limites"
TOP = 3
GOOD_INTEREST, LOW_INTEREST = 4.0, 3.0


def most_said(rows: list[dict], key: str, top: int = TOP) -> list[tuple[str, int]]:
    """The most frequent free answers to one question (same text up to case and accents counted together)."""
    counts: Counter = Counter()
    shown: dict[str, str] = {}
    for answer in rows:
        if blank(answer.get(key)):
            continue
        value = as_typed(answer[key])
        counts[normalise(value)] += 1
        shown.setdefault(normalise(value), value)
    return [(shown[k], n) for k, n in counts.most_common(top)]


def finding_rows(kpis: Kpis, needs: dict[str, Needs], satisfaction: list[dict]) -> list[dict]:
    strengths, limits = figure_findings(kpis, needs)
    strengths += [row(STRENGTHS, f"À garder : {text}", str(n), "", f"Cité {n} fois dans le questionnaire de "
                      "satisfaction.") for text, n in most_said(satisfaction, "keep")]
    limits += [row(LIMITS, f"À améliorer : {text}", str(n), "", f"Cité {n} fois dans le questionnaire de "
                   "satisfaction.") for text, n in most_said(satisfaction, "improve")]
    return strengths + limits


def figure_findings(kpis: Kpis, needs: dict[str, Needs]) -> tuple[list[dict], list[dict]]:
    strengths: list[dict] = []
    limits: list[dict] = []

    def judge(good: bool, indicator: str, value: str, strong: str, weak: str) -> None:
        target = strengths if good else limits
        target.append(row(STRENGTHS if good else LIMITS, indicator, value, "", strong if good else weak))

    if kpis.staff:
        judge(kpis.mobilisation.share >= PILOT_MOBILISATION - CLOSE, "Mobilisation des enseignants",
              kpis.mobilisation.shown(), "Une mobilisation large, au niveau du collège pilote.",
              "Une partie des enseignants n'a pris part à aucun temps : les associer dès le prochain cycle.")
        judge(kpis.engagement.share >= PILOT_ENGAGEMENT - CLOSE, "Engagement dans les expérimentations",
              kpis.engagement.shown(), "Les ateliers se sont traduits en expérimentations en classe.",
              "Peu d'ateliers se sont traduits en classe : accompagner le passage à la pratique.")
    if kpis.groups:
        judge(kpis.group_activity.share >= 0.5, "Dynamique des groupes après les ateliers", kpis.group_activity.shown(),
              "Les groupes des ateliers continuent à faire vivre la dynamique collective.",
              "La dynamique des groupes s'essouffle après les ateliers : prévoir des temps d'échange.")
    if kpis.collective_practices:
        strengths.append(row(STRENGTHS, "Expérimentations menées à plusieurs", str(len(kpis.collective_practices)),
                             "", "Des collègues expérimentent ensemble : à valoriser et à partager."))
    abandoned = kpis.by_status.get("Abandonnée", 0)
    if abandoned:
        limits.append(row(LIMITS, "Mises en pratique abandonnées", str(abandoned), "",
                          "Comprendre pourquoi (temps, équipement, accompagnement) avant le prochain cycle."))
    mean = kpis.satisfaction.mean_interest
    if mean is not None and mean >= GOOD_INTEREST:
        strengths.append(row(STRENGTHS, "Intérêt pour la démarche", french.score(mean, 5), "",
                             "Les enseignants ont trouvé un intérêt à la démarche."))
    elif mean is not None and mean < LOW_INTEREST:
        limits.append(row(LIMITS, "Intérêt pour la démarche", french.score(mean, 5), "",
                          "Intérêt mitigé : revoir le format et les thèmes des ateliers avec les enseignants."))
    keen = kpis.satisfaction.keen
    if keen.whole:
        judge(keen.share >= 0.75, "Souhait de continuer", keen.shown(), "Une large majorité veut continuer.",
              "Une part importante ne souhaite pas continuer : recueillir leurs raisons.")
    expressed = sorted((n for n in needs.values() if n.total), key=lambda n: -n.total)
    if expressed:
        top = expressed[0]
        limits.append(row(LIMITS, f"Besoin le plus exprimé : {top.kind.lower()}", str(top.total), "",
                          " ; ".join(top.most_frequent(3))))
    return strengths, limits
