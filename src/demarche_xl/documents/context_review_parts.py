"""Parts of the fiche de bilan: satisfaction highlights, the needs expressed in practice sheets and in the
satisfaction questionnaire grouped by kind, the next steps, and (internal version only) the référents. The figures
come from `review` (the same as the `Bilan` sheet's); this module only words them, through the version's
`Privacy` (the public one scrubs names out of free text). Pure."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from demarche_xl import french
from demarche_xl.documents.context_common import MISSING, Chart, french_date, is_missing, or_placeholder, text, truthy
from demarche_xl.documents.context_review_annex import Privacy
from demarche_xl.review.findings import most_said as most_frequent
from demarche_xl.review.kpis import Satisfaction, is_number
from demarche_xl.review.needs import tally
from demarche_xl.review.overview import Overview

TOP = 3


def satisfaction(rows: list[dict], figures: Satisfaction, done: Overview, privacy: Privacy) -> dict:
    mean = french.score(figures.mean_interest, 5) if figures.mean_interest is not None else MISSING
    summary = {
        "reponses": str(figures.answers), "interet_moyen": mean,
        "interesses": french.percent(figures.satisfied.share) if figures.satisfied.whole else MISSING,
        "continuer": french.percent(figures.keen.share) if figures.keen.whole else MISSING,
        "continuer_nombre": str(figures.keen.part),
    }
    share = f", soit {french.percent(figures.answers / done.teachers)} des enseignants" if done.teachers else ""
    lines = [f"{french.count(figures.answers, 'réponse')} au questionnaire de satisfaction{share}"]
    if figures.mean_interest is not None:
        lines.append(f"Intérêt moyen pour la démarche : {mean} ; {summary['interesses']} des répondants y ont "
                     "trouvé un intérêt (4 ou 5 sur 5)")
    if figures.keen.whole:
        lines.append(f"{summary['continuer']} souhaitent continuer la démarche ({figures.keen.part} sur "
                     f"{figures.keen.whole})")
    counts = Counter(int(r["interest"]) for r in rows if is_number(r.get("interest")))
    chart = Chart("Intérêt pour la démarche (1 = aucun, 5 = très grand)", ("1", "2", "3", "4", "5"),
                  tuple(float(counts.get(k, 0)) for k in range(1, 6)), kind="bar", series_label="Réponses",
                  width_cm=9.0, height_cm=4.6)
    return {"summary": summary, "lines": [french.typography(line) for line in lines],
            "keep": most_said(rows, "keep", privacy), "improve": most_said(rows, "improve", privacy),
            "chart": chart if counts else "Graphique non disponible : aucune réponse au questionnaire de satisfaction."}


def most_said(rows: list[dict], key: str, privacy: Privacy) -> list[str]:
    """The most frequent free answers (same text up to case and accents counted together), with how often."""
    top = [f"{privacy.clean(said)} (cité {n} fois)" if n > 1 else privacy.clean(said)
           for said, n in most_frequent(rows, key, TOP)]
    return top or [MISSING]


def needs(practices: list[dict], answers: list[dict], privacy: Privacy) -> list[dict]:
    """One row per kind of need: how often it is expressed and the most frequent wordings."""
    return [{"type": kind, "nombre": str(found.total),
             "detail": privacy.clean(" ; ".join(found.most_frequent(TOP))) or "aucun besoin exprimé"}
            for kind, found in tally(practices, answers).items()]


def next_steps(rows: list[dict], privacy: Privacy) -> list[dict]:
    """The steps not set aside (« Retenue » = Non); in the public version, only those the team retained (« Oui »)
    as soon as it has retained some: the fiche says what was decided."""
    kept = [r for r in rows if r.get("kept") is not False and not is_missing(r.get("action"))]
    decided = [r for r in kept if r.get("kept") is True]
    if privacy.is_public and decided:
        kept = decided
    shown = [{"action": privacy.clean(text(r.get("action"))), "origine": text(r.get("source"), ""),
              "porteur": privacy.clean(text(r.get("owner"), "à désigner")),
              "echeance": french_date(r["due"]) if isinstance(r.get("due"), (dt.date, dt.datetime)) else "à fixer"}
             for r in kept]
    return or_placeholder(shown, "action", "Prochaines étapes à définir : lancez « demarche-xl bilan »",
                          ("origine", "porteur", "echeance"))


def lead_teachers(rows: list[dict]) -> list[dict]:
    kept = [r for r in rows if r.get("confirmed") is not False]
    shown = [{"nom": text(r.get("name")), "preoccupation": text(r.get("concern")),
              "confirme": "Oui" if truthy(r.get("confirmed")) else "À confirmer",
              "accompagnes": text(r.get("accompanied"), "")} for r in kept]
    return or_placeholder(shown, "nom", "Aucun référent désigné", ("preoccupation", "confirme", "accompagnes"))
