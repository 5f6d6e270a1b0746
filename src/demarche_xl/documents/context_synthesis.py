"""Context of the synthesis of the baseline survey (Temps 1), findings first: what the answers say, the
recommendations for the workshops, the concerns proposed for validation; then an annex with the `Cartographie`
views as small tables (one per view, the discipline × comfort view as a cross table). Catalysts are counted, not
named. Pure."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from demarche_xl import french
from demarche_xl.documents.context_common import (MISSING, Chart, Contexts, header, is_missing, number, or_placeholder,
                                                  percent, records, text, truthy)
from demarche_xl.review.overview import overview
from demarche_xl.schema.lists import COMFORT, WILLINGNESS
from demarche_xl.text import normalise

TITLE = "Synthèse de l'état des lieux"
FILE = "Synthèse de l'état des lieux"
RECOMMENDATION, CROSS, CATALYSTS, DISCIPLINE = "recommand", "discipline ×", "catalyseurs", "discipline"
COMFORTABLE, WILLING = COMFORT.values[2:], WILLINGNESS.values[:2]


def synthesis_contexts(tables: dict, params: dict, today: dt.date) -> Contexts:
    out = Contexts()
    answers, teachers = records(tables, "answers"), records(tables, "teachers")
    ranking = sorted(records(tables, "concern_ranking"), key=lambda r: (r.get("rank") or 999, text(r.get("concern"))))
    profile = records(tables, "profile_map")
    if not answers:
        out.warn("la feuille « Réponses » est vide : la synthèse ne contient pas de résultats",
                 "importez les réponses dans les onglets « Q - … » puis lancez « demarche-xl consolider »", "Réponses")
    if not ranking:
        out.warn("la feuille « Préoccupations » est vide : pas de classement dans la synthèse",
                 "lancez « demarche-xl consolider »", "Préoccupations")
    found = concerns(ranking)
    context = {**header(params, today, TITLE), "participation": participation(teachers, answers), **found,
               "constats": findings(teachers, answers, ranking, profile), **profile_views(profile, teachers),
               "graphique_aisance": distribution_chart(answers, "comfort", COMFORT.values,
                                                       "Aisance numérique des répondants"),
               "graphique_envie": distribution_chart(answers, "willingness", WILLINGNESS.values,
                                                     "Envie de participer aux ateliers")}
    out.files[FILE] = context
    return out


def participation(teachers: list[dict], answers: list[dict]) -> dict:
    done = overview({"teachers": teachers, "answers": answers})
    return {
        "enseignants": str(done.teachers), "repondants": str(done.answers),
        "taux": percent(done.answers, done.teachers), "rapproches": str(done.answers - done.unlisted_answers),
        "disciplines": str(len(disciplines_of(answers))),
        "volontaires_catalyseurs": str(sum(1 for a in answers if truthy(a.get("catalyst_volunteer")))),
        "volontaires_equipe": str(sum(1 for a in answers if truthy(a.get("team_volunteer")))),
    }


def disciplines_of(rows: list[dict]) -> set[str]:
    return {text(r.get("discipline")) for r in rows if not is_missing(r.get("discipline"))}


def findings(teachers: list[dict], answers: list[dict], ranking: list[dict], profile: list[dict]) -> list[str]:
    """What the answers say, in a few sentences whose nouns agree with their numbers."""
    done = overview({"teachers": teachers, "answers": answers})
    if not answers:
        return ["Aucune réponse au questionnaire pour l'instant : importez les réponses puis lancez « demarche-xl "
                "consolider »."]
    rate = f" ({french.percent(done.response_rate.share)})" if done.teachers else ""
    subjects = len(disciplines_of(answers))
    lines = [f"{french.count(done.answers, 'réponse')} au questionnaire pour "
             f"{french.count(done.teachers, 'enseignant')}"
             f"{rate}" + (f", {subjects} disciplines représentées" if subjects > 1 else "")]
    retained = [r for r in ranking if truthy(r.get("retained"))]
    if retained:
        shares = [f"{text(r.get('concern'))} ({percent(r['share'], 1)} des répondants)" if isinstance(
            r.get("share"), (int, float)) else text(r.get("concern")) for r in retained]
        lines.append(f"{'Préoccupation proposée' if len(retained) < 2 else 'Préoccupations proposées'} : "
                     f"{french.join(shares)}")
    comfort = Counter(text(a.get("comfort"), "") for a in answers)
    willing = Counter(text(a.get("willingness"), "") for a in answers)
    at_ease = sum(comfort[v] for v in COMFORTABLE)
    keen = sum(willing[v] for v in WILLING)
    lines.append(f"{french.percent(at_ease / done.answers)} des répondants se disent à l'aise ou très à l'aise "
                 f"avec le numérique, {french.percent(keen / done.answers)} veulent participer aux ateliers")
    profiles = [(text(r.get("label")), r.get("count")) for r in profile
                if normalise(r.get("category")) == "profil" and isinstance(r.get("count"), (int, float))]
    if profiles:
        lines.append("Profils : " + french.join([f"{number(n)} {label.lower() if n >= 2 else singular(label)}"
                                                 for label, n in profiles]))
    volunteers = sum(1 for a in answers if truthy(a.get("catalyst_volunteer")))
    team = sum(1 for a in answers if truthy(a.get("team_volunteer")))
    lines.append(f"{french.count(volunteers, 'volontaire')} pour être catalyseur, {number(team)} pour rejoindre "
                 "l'équipe projet")
    return [french.typography(line) for line in lines]


def singular(label: str) -> str:
    """« Éloignés » → « éloigné » (a profile's name, plural in the sheet, for a count of one)."""
    word = label.lower()
    return word[:-1] if word.endswith("s") else word


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
                  tuple(float(r["score"]) for r in top), height_cm=1.6 + 0.85 * len(top)) if top else None
    return {"preoccupations": or_placeholder(rows, "libelle", "Classement non disponible",
                                             ("rang", "enseignants", "part", "score", "disciplines", "retenue")),
            "retenues": retained or [MISSING], "retenues_texte": french.join(retained) or MISSING,
            "nombre_retenues": str(len(retained)),
            "graphique_preoccupations": chart or "Graphique non disponible : aucune préoccupation classée."}


def profile_views(profile: list[dict], teachers: list[dict]) -> dict:
    """`Cartographie` as the annex shows it: one small table per view, the cross view as a table of counts."""
    advice = [r for r in profile if RECOMMENDATION in normalise(r.get("category"))]
    cross = [r for r in profile if normalise(r.get("category")).startswith(CROSS)]
    rows = [{"vue": text(r.get("category"), ""), "libelle": text(r.get("label")),
             "effectif": number(r.get("count")) if r.get("count") is not None else "",
             "part": percent(r["share"], 1) if isinstance(r.get("share"), (int, float)) else "",
             "detail": french.mend(text(r.get("detail"), ""))} for r in profile if r not in advice]
    roster = Counter(normalise(t.get("discipline")) for t in teachers if not is_missing(t.get("discipline")))
    by_view: dict[str, list[dict]] = {}
    for row in rows:
        view = normalise(row["vue"])
        if view.startswith(CROSS):
            continue
        if view == DISCIPLINE:
            listed = roster.get(normalise(row["libelle"]))
            row = {**row, "detail": f"{french.count(listed, 'enseignant')} dans la liste" if listed else ""}
        elif view.startswith(CATALYSTS):
            row = {**row, "detail": "catalyseurs ou volontaires qui citent cette préoccupation"}
        by_view.setdefault(row["vue"], []).append(row)
    recommendations = [french.mend(" : ".join(v for v in (text(r.get("label"), ""), text(r.get("detail"), "")) if v))
                       for r in advice]
    return {"cartographie": or_placeholder(rows, "libelle", "Cartographie non disponible",
                                           ("vue", "effectif", "part", "detail")),
            "vues": [{"titre": view, "lignes": lines} for view, lines in by_view.items()],
            "aisance_par_discipline": cross_table(cross),
            "recommandations": [french.typography(r) for r in recommendations if r] or
            ["Aucune recommandation : lancez « demarche-xl consolider »."]}


def cross_table(rows: list[dict]) -> list[dict]:
    """Discipline × comfort rows (« Anglais — À l'aise ») as one line per discipline, one column per level."""
    found: dict[str, dict[str, int]] = {}
    for row in rows:
        discipline, _, level = text(row.get("label"), "").rpartition(" — ")
        if discipline and isinstance(row.get("count"), (int, float)):
            found.setdefault(discipline, {})[normalise(level)] = int(row["count"])
    levels = [normalise(v) for v in COMFORT.values]
    lines = [{"discipline": discipline, **{f"n{i + 1}": number(counts.get(level, 0)) for i, level in
                                           enumerate(levels)}, "total": number(sum(counts.values()))}
             for discipline, counts in sorted(found.items(), key=lambda item: normalise(item[0]))]
    return or_placeholder(lines, "discipline", "Pas encore de réponses", ("n1", "n2", "n3", "n4", "total"))


def distribution_chart(answers: list[dict], key: str, order: tuple[str, ...], title: str) -> Chart | str:
    counts = Counter(text(a.get(key), "") for a in answers if not is_missing(a.get(key)))
    if not counts:
        return f"Graphique non disponible : aucune réponse pour « {title} »."
    labels = [v for v in order if v in counts] + sorted(v for v in counts if v not in order)
    return Chart(title, tuple(labels), tuple(float(counts[v]) for v in labels), kind="bar",
                 series_label="Répondants", width_cm=11.0, height_cm=5.0)
