"""Context of the action plan of the workshop kit (seeds 001, 003): per theme, the strengths and irritants, the
needs and improvement axes, and the actions (what / how / who / when / indicators) with their measured progress.
Pure."""
from __future__ import annotations

import datetime as dt

from demarche_xl import french
from demarche_xl.documents.context_common import (MISSING, Contexts, french_date, header, is_missing, number,
                                                  percent, records, text)

TITLE = "Plan d'action"
FILE = "Plan d'action"


def action_plan_contexts(tables: dict, params: dict, today: dt.date) -> Contexts:
    out = Contexts()
    actions = records(tables, "action_plan")
    if not actions:
        out.warn("la feuille « Plan d'action » est vide : le plan d'action ne contient aucune action",
                 "remplissez la feuille Plan d'action (une ligne par action)", "Plan d'action")
    diagnosis = records(tables, "diagnosis")
    needs = records(tables, "needs_axes")
    follow_up = indicators_by_action(records(tables, "indicators"))
    themes = list(dict.fromkeys(text(r.get("theme")) for r in [*actions, *needs, *diagnosis]
                                if not is_missing(r.get("theme"))))
    sections = [theme_section(theme, diagnosis, needs, actions, follow_up) for theme in themes]
    out.files[FILE] = {**header(params, today, TITLE), "thematiques": sections or [{
        "thematique": MISSING, "forces": [MISSING], "irritants": [MISSING],
        "axes": [{"irritant": MISSING, "besoin": "", "axe": ""}],
        "actions": [{"id": "", "axe": MISSING, "action": "", "qui": "", "quand": "", "indicateurs": "",
                     "suivi": ""}]}],
        "nombre_actions": str(len(actions)), "nombre_actions_texte": french.count(len(actions), "action")}
    return out


def theme_section(theme: str, diagnosis: list[dict], needs: list[dict], actions: list[dict],
                  follow_up: dict[str, str]) -> dict:
    mine = lambda rows: [r for r in rows if text(r.get("theme")) == theme]  # noqa: E731
    strengths = unique(r.get("strength") for r in mine(diagnosis))
    pains = unique(r.get("pain_point") for r in mine(diagnosis))
    axes = [{"irritant": text(r.get("pain_point")), "besoin": text(r.get("need")), "axe": text(r.get("axis"))}
            for r in mine(needs)]
    shown = [{"id": text(r.get("action_id")), "axe": text(r.get("axis")), "action": text(r.get("action")),
              "qui": text(r.get("who"), "à désigner"), "quand": text(r.get("when"), "à fixer"),
              "indicateurs": text(r.get("indicators"), "à définir"),
              "suivi": follow_up.get(text(r.get("action_id")), "pas encore mesuré")} for r in mine(actions)]
    return {"thematique": theme, "forces": strengths or ["aucun point fort noté"],
            "irritants": pains or ["aucun irritant noté"],
            "axes": axes or [{"irritant": "aucun besoin noté", "besoin": "", "axe": ""}],
            "actions": shown or [{"id": "", "axe": "aucune action pour cette thématique", "action": "", "qui": "",
                                  "quand": "", "indicateurs": "", "suivi": ""}]}


def unique(values) -> list[str]:
    return list(dict.fromkeys(text(v) for v in values if not is_missing(v)))


def indicators_by_action(rows: list[dict]) -> dict[str, str]:
    """« Nombre de certifications PIX : 8 / 20 (40 %) au 1er mars 2027 » per action."""
    found: dict[str, list[str]] = {}
    for row in rows:
        if is_missing(row.get("action_id")):
            continue
        measured, target = row.get("measured"), row.get("target")
        line = f"{text(row.get('indicator'))} : {number(measured) if measured is not None else MISSING}"
        if isinstance(target, (int, float)) and target:
            line += f" / {number(target)}"
            if isinstance(measured, (int, float)):
                line += f" ({percent(measured, target)})"
        if isinstance(row.get("date"), (dt.date, dt.datetime)):
            line += f" au {french_date(row['date'])}"
        found.setdefault(text(row["action_id"]), []).append(line)
    return {k: " ; ".join(v) for k, v in found.items()}
