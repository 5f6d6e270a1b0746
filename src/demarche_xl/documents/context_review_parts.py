"""Parts of the fiche de bilan drawn from free answers: satisfaction results and the needs expressed in practice
sheets and in the satisfaction questionnaire, grouped by kind. Pure."""
from __future__ import annotations

from collections import Counter

from demarche_xl.documents.context_common import MISSING, Chart, is_missing, number, percent, text
from demarche_xl.text import normalise

NEED_COLUMNS = (("Équipement", "need_equipment"), ("Formation", "need_training"), ("Ressources", "need_resources"),
                ("Accompagnement", "need_support"))
TOP = 5


def satisfaction(rows: list[dict]) -> dict:
    scores = [float(r["interest"]) for r in rows if isinstance(r.get("interest"), (int, float))]
    answered = [r for r in rows if r.get("continue") is not None]
    keen = sum(1 for r in answered if r.get("continue") is True)
    summary = {
        "reponses": str(len(rows)),
        "interet_moyen": f"{number(sum(scores) / len(scores))} / 5" if scores else MISSING,
        "continuer": percent(keen, len(answered)), "continuer_nombre": str(keen),
    }
    counts = Counter(int(s) for s in scores)
    chart = Chart("Intérêt pour le projet (1 = pas du tout, 5 = tout à fait)", ("1", "2", "3", "4", "5"),
                  tuple(float(counts.get(k, 0)) for k in range(1, 6)), kind="bar", series_label="Réponses")
    return {"summary": summary, "keep": most_said(rows, "keep"), "improve": most_said(rows, "improve"),
            "chart": chart if scores else "Graphique non disponible : aucune réponse au questionnaire de satisfaction."}


def most_said(rows: list[dict], key: str) -> list[str]:
    """The most frequent free answers (same text up to case and accents counted together)."""
    counts: Counter = Counter()
    shown: dict[str, str] = {}
    for row in rows:
        if is_missing(row.get(key)):
            continue
        value = text(row[key])
        counts[normalise(value)] += 1
        shown.setdefault(normalise(value), value)
    top = [f"{shown[k]} ({n})" if n > 1 else shown[k] for k, n in counts.most_common(TOP)]
    return top or [MISSING]


def needs(practices: list[dict], answers: list[dict]) -> list[dict]:
    """One row per kind of need: how often it is expressed and the most frequent wordings."""
    found: dict[str, Counter] = {kind: Counter() for kind, _ in NEED_COLUMNS}
    wording: dict[str, str] = {}
    for practice in practices:
        for kind, column in NEED_COLUMNS:
            add(found[kind], wording, practice.get(column))
    for answer in answers:
        kind = matching_kind(answer.get("need_kind"))
        if kind:
            add(found[kind], wording, answer.get("needs") if not is_missing(answer.get("needs")) else kind.lower())
    rows = []
    for kind, counts in found.items():
        items = [f"{wording[k]} ({n})" if n > 1 else wording[k] for k, n in counts.most_common(TOP)]
        rows.append({"type": kind, "nombre": str(sum(counts.values())),
                     "detail": " ; ".join(items) if items else "aucun besoin exprimé"})
    return rows


def add(counts: Counter, wording: dict[str, str], value: object) -> None:
    if is_missing(value):
        return
    shown = text(value)
    counts[normalise(shown)] += 1
    wording.setdefault(normalise(shown), shown)


def matching_kind(value: object) -> str:
    wanted = normalise(value)
    for kind, _ in NEED_COLUMNS:
        if wanted and normalise(kind) == wanted:
            return kind
    return ""
