"""Context of the synthesis of the baseline survey (Temps 1): participation, concern ranking, profile map and
recommendations, with charts, for the validation of the retained concerns. Pure."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from demarche_xl.documents.context_common import (MISSING, Chart, Contexts, header, is_missing, number, or_placeholder,
                                                  percent, records, text, truthy)
from demarche_xl.schema.lists import COMFORT, WILLINGNESS
from demarche_xl.text import normalise

TITLE = "Synthèse de l'état des lieux"
FILE = "Synthèse de l'état des lieux"
RECOMMENDATION = "recommand"


def synthesis_contexts(tables: dict, params: dict, today: dt.date) -> Contexts:
    out = Contexts()
    answers = records(tables, "answers")
    ranking = sorted(records(tables, "concern_ranking"), key=lambda r: (r.get("rank") or 999, text(r.get("concern"))))
    profile = records(tables, "profile_map")
    if not answers:
        out.warn("la feuille « Réponses » est vide : la synthèse ne contient pas de résultats",
                 "importez les réponses dans les onglets « Q - … » puis lancez « demarche-xl consolider »", "Réponses")
    if not ranking:
        out.warn("la feuille « Préoccupations » est vide : pas de classement dans la synthèse",
                 "lancez « demarche-xl consolider »", "Préoccupations")
    context = {**header(params, today, TITLE), "participation": participation(records(tables, "teachers"), answers),
               **concerns(ranking), **profile_views(profile),
               "graphique_aisance": distribution_chart(answers, "comfort", COMFORT.values,
                                                       "Aisance numérique des répondants"),
               "graphique_envie": distribution_chart(answers, "willingness", WILLINGNESS.values,
                                                     "Envie de participer aux ateliers")}
    out.files[FILE] = context
    return out


def participation(teachers: list[dict], answers: list[dict]) -> dict:
    linked = sum(1 for a in answers if not is_missing(a.get("teacher_id")))
    return {
        "enseignants": str(len(teachers)), "repondants": str(len(answers)),
        "taux": percent(len(answers), len(teachers)), "rapproches": str(linked),
        "disciplines": str(len({a.get("discipline") for a in answers if not is_missing(a.get("discipline"))})),
        "volontaires_catalyseurs": str(sum(1 for a in answers if truthy(a.get("catalyst_volunteer")))),
        "volontaires_equipe": str(sum(1 for a in answers if truthy(a.get("team_volunteer")))),
    }


def concerns(ranking: list[dict]) -> dict:
    """The ranking; « retenue » is the team's choice once it decided, else the tool's proposal (« Proposée »)."""
    decided = any(truthy(r.get("retained")) for r in ranking)
    rows = [{"rang": number(r.get("rank")) if r.get("rank") is not None else "", "libelle": text(r.get("concern")),
             "enseignants": number(r.get("teachers")) if r.get("teachers") is not None else MISSING,
             "part": percent(r["share"], 1) if isinstance(r.get("share"), (int, float)) else MISSING,
             "score": number(r.get("score")) if r.get("score") is not None else MISSING,
             "disciplines": number(r.get("disciplines")) if r.get("disciplines") is not None else MISSING,
             "retenue": ("Oui" if truthy(r.get("retained")) else "Non") if decided else
             ("Proposée" if truthy(r.get("proposed")) else "Non")} for r in ranking]
    retained = [row["libelle"] for row in rows if row["retenue"] in ("Oui", "Proposée")]
    top = [r for r in ranking if isinstance(r.get("score"), (int, float))][:10]
    chart = Chart("Préoccupations pédagogiques (score pondéré)", tuple(text(r.get("concern")) for r in top),
                  tuple(float(r["score"]) for r in top)) if top else None
    return {"preoccupations": or_placeholder(rows, "libelle", "Classement non disponible",
                                             ("rang", "enseignants", "part", "score", "disciplines", "retenue")),
            "retenues": retained or [MISSING], "retenues_texte": ", ".join(retained) or MISSING,
            "nombre_retenues": str(len(retained)),
            "graphique_preoccupations": chart or "Graphique non disponible : aucune préoccupation classée."}


def profile_views(profile: list[dict]) -> dict:
    advice = [r for r in profile if RECOMMENDATION in normalise(r.get("category"))]
    views = [r for r in profile if r not in advice]
    rows = [{"vue": text(r.get("category"), ""), "libelle": text(r.get("label")),
             "effectif": number(r.get("count")) if r.get("count") is not None else "",
             "part": percent(r["share"], 1) if isinstance(r.get("share"), (int, float)) else "",
             "detail": text(r.get("detail"), "")} for r in views]
    recommendations = [" : ".join(v for v in (text(r.get("label"), ""), text(r.get("detail"), "")) if v)
                       for r in advice]
    return {"cartographie": or_placeholder(rows, "libelle", "Cartographie non disponible",
                                           ("vue", "effectif", "part", "detail")),
            "recommandations": [r for r in recommendations if r] or
            ["Aucune recommandation : lancez « demarche-xl consolider »."]}


def distribution_chart(answers: list[dict], key: str, order: tuple[str, ...], title: str) -> Chart | str:
    counts = Counter(text(a.get(key), "") for a in answers if not is_missing(a.get(key)))
    if not counts:
        return f"Graphique non disponible : aucune réponse pour « {title} »."
    labels = [v for v in order if v in counts] + sorted(v for v in counts if v not in order)
    return Chart(title, tuple(labels), tuple(float(counts[v]) for v in labels), kind="bar",
                 series_label="Répondants")
