"""Context of the fiche de bilan (seed 000): objectives, what was done, key indicators (mobilisation, engagement
in experiments, groups still active) against the pilot collège, satisfaction, needs (equipment / training /
resources / support), the team's analysis and the next steps, with charts. Pure."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from demarche_xl.documents.context_common import (MISSING, Chart, Contexts, french_date, header, is_missing,
                                                  or_placeholder, percent, records, text, truthy)
from demarche_xl.documents.context_review_parts import needs, satisfaction
from demarche_xl.review import kpis

TITLE = "Fiche de bilan"
FILE = "Fiche de bilan"


def review_contexts(tables: dict, params: dict, today: dt.date) -> Contexts:
    out = Contexts()
    teachers = records(tables, "teachers")
    groups = records(tables, "groups")
    practices = records(tables, "practices")
    for key, sheet, step in (("groups", "Groupes", "groupes"), ("practices", "Mises en pratique", ""),
                             ("satisfaction", "Satisfaction", "bilan")):
        if not records(tables, key):
            out.warn(f"la feuille « {sheet} » est vide : la fiche de bilan affiche « {MISSING} » à la place",
                     f"lancez « demarche-xl {step} »" if step else f"remplissez la feuille {sheet}", sheet)
    figures = indicators(tables, teachers, groups, practices)
    sat = satisfaction(records(tables, "satisfaction"))
    context = {
        **header(params, today, TITLE),
        "retenues": [r for r in (text(c.get("concern"), "") for c in records(tables, "concern_ranking")
                                 if truthy(c.get("retained"))) if r] or [MISSING],
        "realise": done(tables, teachers, groups, practices),
        "indicateurs": figures["rows"],
        "satisfaction": sat["summary"],
        "a_garder": sat["keep"], "a_ameliorer": sat["improve"],
        "besoins": needs(practices, records(tables, "satisfaction")),
        "analyse": analysis(records(tables, "review")),
        "referents": lead_teachers(records(tables, "lead_teachers")),
        "prochaines_etapes": next_steps(records(tables, "next_steps")),
        "graphique_indicateurs": figures["chart"],
        "graphique_satisfaction": sat["chart"],
    }
    out.files[FILE] = context
    return out


def indicators(tables: dict, teachers: list[dict], groups: list[dict], practices: list[dict]) -> dict:
    """The key figures as computed once by `review.kpis` (the `bilan` step shows the same ones)."""
    figures = kpis.compute(teachers, groups, practices, records(tables, "answers"), records(tables, "satisfaction"))
    shown = ((figures.mobilisation, "Mobilisation : enseignants mobilisés sur l'ensemble de la démarche",
              kpis.PILOT_MOBILISATION_TEXT),
             (figures.engagement, "Engagement : enseignants engagés dans une mise en pratique",
              kpis.PILOT_ENGAGEMENT_TEXT),
             (figures.group_activity, "Groupes encore actifs (une mise en pratique en cours ou réalisée)", MISSING))
    rows = [{"indicateur": label, "valeur": f"{r.part} / {r.whole}", "taux": percent(r.part, r.whole),
             "reference": reference} for r, label, reference in shown]
    chart = Chart("Indicateurs clés du collège", ("Mobilisation", "Engagement", "Groupes actifs"),
                  tuple(100 * r.share for r, _, _ in shown), kind="bar", unit="%", series_label="Notre collège",
                  reference=(100 * kpis.PILOT_MOBILISATION, 100 * kpis.PILOT_ENGAGEMENT, float("nan")),
                  reference_label="Collège pilote")
    return {"rows": rows, "chart": chart if teachers else "Graphique non disponible : feuille Enseignants vide."}


def done(tables: dict, teachers: list[dict], groups: list[dict], practices: list[dict]) -> dict:
    statuses = Counter(text(p.get("status"), "sans statut") for p in practices)
    routes = {(r.get("slot_id"), r.get("workshop_id")) for r in records(tables, "routes") if r.get("workshop_id")}
    answers = records(tables, "answers")
    return {
        "repondants": str(len(answers)), "taux_reponse": percent(len(answers), len(teachers)),
        "ateliers": str(len(records(tables, "workshops"))), "seances": str(len(routes)) if routes else MISSING,
        "groupes": str(len({g.get("group_id") for g in groups if g.get("group_id")})),
        "animateurs": str(len(records(tables, "facilitators"))),
        "mises_en_pratique": str(len(practices)), "realisees": str(statuses.get("Réalisée", 0)),
        "en_cours": str(statuses.get("En cours", 0)), "prevues": str(statuses.get("Prévue", 0)),
        "abandonnees": str(statuses.get("Abandonnée", 0)),
        "impressions": str(len(records(tables, "impressions"))),
    }


def analysis(rows: list[dict]) -> list[dict]:
    shown = [{"rubrique": text(r.get("section"), ""), "indicateur": text(r.get("indicator")),
              "valeur": text(r.get("value"), ""), "reference": text(r.get("reference"), ""),
              "commentaire": text(r.get("comment"), "")} for r in rows]
    return or_placeholder(shown, "indicateur", "Analyse non disponible : lancez « demarche-xl bilan »",
                          ("rubrique", "valeur", "reference", "commentaire"))


def lead_teachers(rows: list[dict]) -> list[dict]:
    kept = [r for r in rows if r.get("confirmed") is not False]
    shown = [{"nom": text(r.get("name")), "preoccupation": text(r.get("concern")),
              "confirme": "Oui" if truthy(r.get("confirmed")) else "À confirmer",
              "accompagnes": text(r.get("accompanied"), "")} for r in kept]
    return or_placeholder(shown, "nom", "Aucun référent désigné", ("preoccupation", "confirme", "accompagnes"))


def next_steps(rows: list[dict]) -> list[dict]:
    kept = [r for r in rows if r.get("kept") is not False and not is_missing(r.get("action"))]
    shown = [{"action": text(r.get("action")), "origine": text(r.get("source"), ""),
              "porteur": text(r.get("owner"), "à désigner"),
              "echeance": french_date(r["due"]) if isinstance(r.get("due"), (dt.date, dt.datetime)) else "à fixer"}
             for r in kept]
    return or_placeholder(shown, "action", "Prochaines étapes à définir : lancez « demarche-xl bilan »",
                          ("origine", "porteur", "echeance"))

