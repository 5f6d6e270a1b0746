"""Context of the fiche de bilan (seed 000): objectives, what was done, key indicators (mobilisation, engagement
in experiments, groups still active) against the pilot collège, satisfaction, needs (equipment / training /
resources / support), the team's analysis and the next steps, with charts. Pure."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from demarche_xl.documents.context_common import (MISSING, Chart, Contexts, french_date, header, is_missing,
                                                  or_placeholder, percent, ratio, records, text, truthy)
from demarche_xl.documents.context_review_parts import needs, satisfaction

TITLE = "Fiche de bilan"
FILE = "Fiche de bilan"
PILOT_MOBILISATION, PILOT_ENGAGEMENT = 0.9, 0.5
ACTIVE = {"en cours", "réalisée", "realisee"}


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
    figures = indicators(teachers, groups, practices)
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


def participant_ids(teachers: list[dict], groups: list[dict]) -> set[str]:
    placed = {str(g["teacher_id"]) for g in groups if g.get("teacher_id")}
    return placed | {str(t["teacher_id"]) for t in teachers if truthy(t.get("participates")) and t.get("teacher_id")}


def practice_teachers(practice: dict) -> list[str]:
    return [t.strip() for t in text(practice.get("teachers"), "").split(";") if t.strip()]


def indicators(teachers: list[dict], groups: list[dict], practices: list[dict]) -> dict:
    participants = participant_ids(teachers, groups)
    live = [p for p in practices if text(p.get("status"), "").lower() != "abandonnée"]
    engaged = {t for p in live for t in practice_teachers(p)} & (participants or {t for p in live
                                                                                   for t in practice_teachers(p)})
    active_teachers = {t for p in practices if text(p.get("status"), "").lower() in ACTIVE
                       for t in practice_teachers(p)}
    group_of = {str(g["teacher_id"]): str(g["group_id"]) for g in groups if g.get("teacher_id") and g.get("group_id")}
    all_groups = set(group_of.values())
    active_groups = {group_of[t] for t in active_teachers if t in group_of}
    rows = [
        {"indicateur": "Mobilisation : enseignants participant aux ateliers", "valeur": f"{len(participants)} / "
         f"{len(teachers)}", "taux": percent(len(participants), len(teachers)), "reference": "plus de 90 %"},
        {"indicateur": "Engagement dans les expérimentations (mises en pratique)",
         "valeur": f"{len(engaged)} / {len(participants)}", "taux": percent(len(engaged), len(participants)),
         "reference": "environ la moitié"},
        {"indicateur": "Groupes encore actifs (une mise en pratique en cours ou réalisée)",
         "valeur": f"{len(active_groups)} / {len(all_groups)}", "taux": percent(len(active_groups), len(all_groups)),
         "reference": MISSING},
    ]
    values = (ratio(len(participants), len(teachers)), ratio(len(engaged), len(participants)),
              ratio(len(active_groups), len(all_groups)))
    chart = Chart("Indicateurs clés du collège", ("Mobilisation", "Engagement", "Groupes actifs"),
                  tuple(100 * v for v in values), kind="bar", unit="%", series_label="Notre collège",
                  reference=(100 * PILOT_MOBILISATION, 100 * PILOT_ENGAGEMENT, float("nan")),
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

