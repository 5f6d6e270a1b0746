"""Parts of the fiche de bilan drawn from free answers: satisfaction results and the needs expressed in practice
sheets and in the satisfaction questionnaire, grouped by kind. The figures come from `review` (the same as the
`Bilan` sheet's); this module only formats them. Pure."""
from __future__ import annotations

from collections import Counter

from demarche_xl.documents.context_common import MISSING, Chart, number, percent
from demarche_xl.review.findings import most_said as most_frequent
from demarche_xl.review.kpis import is_number, satisfaction_figures
from demarche_xl.review.needs import tally

TOP = 5


def satisfaction(rows: list[dict]) -> dict:
    figures = satisfaction_figures(rows)
    summary = {
        "reponses": str(figures.answers),
        "interet_moyen": f"{number(figures.mean_interest)} / 5" if figures.mean_interest is not None else MISSING,
        "continuer": percent(figures.keen.part, figures.keen.whole), "continuer_nombre": str(figures.keen.part),
    }
    counts = Counter(int(r["interest"]) for r in rows if is_number(r.get("interest")))
    chart = Chart("Intérêt pour le projet (1 = pas du tout, 5 = tout à fait)", ("1", "2", "3", "4", "5"),
                  tuple(float(counts.get(k, 0)) for k in range(1, 6)), kind="bar", series_label="Réponses")
    return {"summary": summary, "keep": most_said(rows, "keep"), "improve": most_said(rows, "improve"),
            "chart": chart if counts else "Graphique non disponible : aucune réponse au questionnaire de satisfaction."}


def most_said(rows: list[dict], key: str) -> list[str]:
    """The most frequent free answers (same text up to case and accents counted together)."""
    top = [f"{text} ({n})" if n > 1 else text for text, n in most_frequent(rows, key, TOP)]
    return top or [MISSING]


def needs(practices: list[dict], answers: list[dict]) -> list[dict]:
    """One row per kind of need: how often it is expressed and the most frequent wordings."""
    return [{"type": kind, "nombre": str(found.total),
             "detail": " ; ".join(found.most_frequent(TOP)) or "aucun besoin exprimé"}
            for kind, found in tally(practices, answers).items()]
