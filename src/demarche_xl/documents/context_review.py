"""Context of the fiche de bilan (seed 000), in two versions rendered from two templates:

- public (conseil pédagogique, parents, académie): two pages — objectives, what was done, key indicators against
  the pilot collège with a chart, satisfaction highlights, needs, next steps — then an annex grouping the `Bilan`
  sheet's figures by rubric; no person's name or ID (free text scrubbed, rare disciplines grouped);
- internal (équipe projet): the same plus the référents and the colleagues they accompany, as typed.

Every figure comes from `review` (the `Bilan` sheet shows the same ones). Pure."""
from __future__ import annotations

import datetime as dt

from demarche_xl import french
from demarche_xl.documents.context_common import MISSING, Chart, Contexts, header, records, text, truthy
from demarche_xl.documents.context_review_annex import Privacy, annex
from demarche_xl.documents.context_review_parts import lead_teachers, needs, next_steps, satisfaction
from demarche_xl.review import kpis
from demarche_xl.review.overview import Overview, overview

TITLE = "Fiche de bilan"
PUBLIC_FILE, INTERNAL_FILE = "Fiche de bilan", "Fiche de bilan - équipe projet"
PUBLIC_TEMPLATE, INTERNAL_TEMPLATE = "fiche_de_bilan", "fiche_de_bilan_equipe"
PUBLIC = ("version publique", "Version publique, pour le conseil pédagogique, les parents et l'académie : "
          "elle ne nomme personne.")
INTERNAL = ("version interne, équipe projet", "Version interne, pour l'équipe projet : elle nomme les référents "
            "et les collègues qu'ils accompagnent ; ne la diffusez pas.")
KEY_NOTE = ("Un groupe d'atelier est encore actif quand un membre au moins poursuit une mise en pratique (en cours ou "
            "réalisée). Les deux dernières lignes portent sur les répondants au questionnaire de satisfaction ; "
            "l'intérêt compte les notes de 4 ou 5 sur 5.")
TABLES = ("teachers", "answers", "workshops", "slots", "routes", "schedules", "groups", "facilitators", "practices",
          "impressions")


def review_contexts(tables: dict, params: dict, today: dt.date) -> Contexts:
    out = Contexts()
    rows = {key: records(tables, key) for key in TABLES}
    answers = records(tables, "satisfaction")
    for key, sheet, step in (("groups", "Groupes", "groupes"), ("practices", "Mises en pratique", ""),
                             ("satisfaction", "Satisfaction", "bilan")):
        if not records(tables, key):
            out.warn(f"la feuille « {sheet} » est vide : la fiche de bilan affiche « {MISSING} » à la place",
                     f"lancez « demarche-xl {step} »" if step else f"remplissez la feuille {sheet}", sheet)
    figures = kpis.compute(rows["teachers"], rows["groups"], rows["practices"], rows["answers"], answers)
    done = overview(rows)
    retained = [r for r in (text(c.get("concern"), "") for c in records(tables, "concern_ranking")
                            if truthy(c.get("retained"))) if r]
    for version, privacy in ((PUBLIC, Privacy.public(tables, params)), (INTERNAL, Privacy.internal())):
        sat = satisfaction(answers, figures.satisfaction, done, privacy)
        context = {
            **header(params, today, TITLE), "version": version[0], "version_texte": version[1],
            "retenues": retained or [MISSING],
            "retenues_texte": french.join([in_sentence(r) for r in retained]) or MISSING,
            "realise": done_figures(done), "realise_lignes": done_lines(done),
            "indicateurs": key_rows(figures), "indicateurs_note": KEY_NOTE, "graphique_indicateurs": key_chart(figures),
            "satisfaction": sat["summary"], "satisfaction_lignes": sat["lines"],
            "a_garder": sat["keep"], "a_ameliorer": sat["improve"], "graphique_satisfaction": sat["chart"],
            "besoins": needs(rows["practices"], answers, privacy),
            "prochaines_etapes": next_steps(records(tables, "next_steps"), privacy),
            "annexe": annex(records(tables, "review"), privacy),
        }
        if version is INTERNAL:
            context["referents"] = lead_teachers(records(tables, "lead_teachers"))
            out.files[INTERNAL_FILE] = context
            out.templates[INTERNAL_FILE] = INTERNAL_TEMPLATE
        else:
            out.files[PUBLIC_FILE] = context
    return out


def done_figures(done: Overview) -> dict:
    statuses = done.by_status
    return {
        "repondants": str(done.answers), "enseignants": str(done.teachers),
        "taux_reponse": french.percent(done.response_rate.share) if done.teachers else MISSING,
        "ateliers": str(done.workshops), "seances": str(done.sessions), "creneaux": str(done.slots),
        "groupes": str(done.groups), "animateurs": str(done.facilitators),
        "mises_en_pratique": str(done.practices), "realisees": str(statuses.get("Réalisée", 0)),
        "en_cours": str(statuses.get("En cours", 0)), "prevues": str(statuses.get("Prévue", 0)),
        "abandonnees": str(statuses.get("Abandonnée", 0)), "impressions": str(done.impressions),
    }


def done_lines(done: Overview) -> list[str]:
    """« What was done » in sentences whose nouns agree with their numbers."""
    rate = f" ({french.percent(done.response_rate.share)})" if done.teachers else ""
    statuses = [french.count(done.by_status.get(s, 0), word) for s, word in (
        ("Réalisée", "réalisée"), ("En cours", "en cours"), ("Prévue", "prévue"), ("Abandonnée", "abandonnée"))
        if done.by_status.get(s)]
    lines = [
        f"État des lieux : {french.count(done.answers, 'réponse')} au questionnaire pour "
        f"{french.count(done.teachers, 'enseignant')}{rate}",
        f"Ateliers d'échange : {french.count(done.workshops, 'atelier')} en "
        f"{french.count(done.sessions, 'séance')}, {french.count(done.facilitators, 'animateur')}, "
        f"{french.count(done.groups, 'groupe')} d'enseignants",
        f"Mise en pratique : {french.count(done.practices, 'fiche')}"
        + (f" ({french.join(statuses)})" if statuses else ""),
    ]
    if done.impressions:
        lines.append(f"{french.count(done.impressions, 'impression recueillie', 'impressions recueillies')} "
                     "après les ateliers")
    return [french.typography(line) for line in lines]


def key_rows(figures: kpis.Kpis) -> list[dict]:
    """The 5 key indicators: mobilisation and engagement against the pilot collège, active groups, interest and
    wish to continue."""
    sat = figures.satisfaction
    shown = (
        ("Enseignants mobilisés sur la démarche", figures.mobilisation, kpis.PILOT_MOBILISATION_TEXT,
         against(figures.mobilisation, kpis.PILOT_MOBILISATION)),
        ("Enseignants engagés dans une mise en pratique", figures.engagement, kpis.PILOT_ENGAGEMENT_TEXT,
         against(figures.engagement, kpis.PILOT_ENGAGEMENT)),
        ("Groupes d'atelier encore actifs", figures.group_activity, "—", "—"),
        ("Répondants ayant trouvé un intérêt", sat.satisfied, "—", "—"),
        ("Répondants souhaitant continuer", sat.keen, "—", "—"),
    )
    return [{"indicateur": label, "valeur": ratio.fraction(),
             "taux": french.percent(ratio.share) if ratio.whole else MISSING,
             "reference": reference, "lecture": reading} for label, ratio, reference, reading in shown]


def against(ratio: kpis.Ratio, pilot: float) -> str:
    """« Au-dessus », « Comparable », « En dessous (12 points d'écart) »."""
    said = kpis.position(ratio.share, pilot) if ratio.whole else "—"
    return said.replace(" du collège pilote", "").replace(" au collège pilote", "")


def key_chart(figures: kpis.Kpis) -> Chart | str:
    if not figures.staff:
        return "Graphique non disponible : feuille Enseignants vide."
    return Chart("Notre collège et le collège pilote", ("Enseignants mobilisés", "Enseignants engagés",
                                                        "Groupes encore actifs"),
                 tuple(100 * r.share for r in (figures.mobilisation, figures.engagement, figures.group_activity)),
                 kind="bar", unit="%", series_label="Notre collège",
                 reference=(100 * kpis.PILOT_MOBILISATION, 100 * kpis.PILOT_ENGAGEMENT, float("nan")),
                 reference_label="Collège pilote", width_cm=12.5, height_cm=5.6)


def in_sentence(label: str) -> str:
    """« Accompagner les élèves » → « accompagner les élèves » inside a sentence (« EPS… » stays as it is)."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label
