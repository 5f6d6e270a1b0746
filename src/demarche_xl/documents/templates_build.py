"""The script that builds the shipped Word templates (`templates/*.docx`) with python-docx, so they can be
regenerated after a change: `python -m demarche_xl.documents.templates_build [dossier]`.

Holds the content of the synthesis, the fiche de bilan and the action plan; the event's templates are in
`templates_event`. Variables each template may use are listed in `templates/README.md`.
"""
from __future__ import annotations

import sys
from pathlib import Path

from demarche_xl.documents import templates_event
from demarche_xl.documents.template_layout import (bullets, chart, labelled, loop_table, new_document,
                                                   static_bullets, tag, title, writing_lines)

SYNTHESIS, CONVOCATION, FACILITATOR = "synthese_etat_des_lieux", "convocation", "fiche_animateur"
LOGBOOK, REVIEW, ACTION_PLAN = "journal_de_bord", "fiche_de_bilan", "plan_action"


def synthesis():
    doc = new_document()
    title(doc, "Synthèse de l'état des lieux")
    doc.add_paragraph("Résultats du questionnaire en ligne des enseignants (temps 1), pour valider les "
                      "préoccupations pédagogiques retenues pour les ateliers d'échange.")
    doc.add_heading("Participation", level=1)
    static_bullets(doc, (
        "{{ participation.repondants }} répondants sur {{ participation.enseignants }} enseignants "
        "({{ participation.taux }}), {{ participation.rapproches }} rattachés à la liste des enseignants",
        "{{ participation.disciplines }} disciplines représentées",
        "{{ participation.volontaires_catalyseurs }} volontaires pour être catalyseurs, "
        "{{ participation.volontaires_equipe }} pour rejoindre l'équipe projet",
    ))
    chart(doc, "graphique_aisance")
    chart(doc, "graphique_envie")
    doc.add_heading("Préoccupations pédagogiques", level=1)
    chart(doc, "graphique_preoccupations")
    loop_table(doc, "preoccupations", "p", (
        ("Rang", "rang", 1.2), ("Préoccupation", "libelle", 6.5), ("Enseignants", "enseignants", 2.0),
        ("Part", "part", 1.6), ("Score", "score", 1.6), ("Disciplines", "disciplines", 2.0),
        ("Retenue", "retenue", 1.6)))
    doc.add_heading("Préoccupations proposées à la validation ({{ nombre_retenues }})", level=2)
    bullets(doc, "retenues")
    doc.add_heading("Cartographie des enseignants", level=1)
    loop_table(doc, "cartographie", "v", (
        ("Vue", "vue", 3.0), ("Libellé", "libelle", 4.5), ("Effectif", "effectif", 1.6), ("Part", "part", 1.6),
        ("Détail", "detail", 6.3)))
    doc.add_heading("Recommandations pour les ateliers", level=1)
    bullets(doc, "recommandations")
    doc.add_heading("Validation", level=1)
    doc.add_paragraph("Préoccupations validées le ………………… par …………………………………………………")
    writing_lines(doc, 2)
    return doc


def review():
    doc = new_document()
    title(doc, "Fiche de bilan")
    doc.add_paragraph("Document de synthèse de la démarche « Impulser de nouveaux usages numériques pédagogiques "
                      "dans mon collège », à partager avec le conseil pédagogique, les parents et les représentants "
                      "de l'académie. Il peut alimenter le volet numérique du projet d'établissement.")
    doc.add_heading("Objectifs", level=1)
    static_bullets(doc, (
        "Développer les usages numériques pédagogiques en réponse aux préoccupations des enseignants",
        "Impulser une dynamique collective au sein de la communauté enseignante",
        "Préparer collectivement les prochaines étapes du projet",
    ))
    doc.add_paragraph("Préoccupations pédagogiques retenues :")
    bullets(doc, "retenues")
    doc.add_heading("Ce qui a été réalisé", level=1)
    static_bullets(doc, (
        "État des lieux : {{ realise.repondants }} réponses au questionnaire ({{ realise.taux_reponse }})",
        "Ateliers d'échange : {{ realise.ateliers }} ateliers, {{ realise.seances }} séances, "
        "{{ realise.animateurs }} animateurs, {{ realise.groupes }} groupes d'enseignants",
        "Mise en pratique : {{ realise.mises_en_pratique }} fiches ({{ realise.realisees }} réalisées, "
        "{{ realise.en_cours }} en cours, {{ realise.prevues }} prévues, {{ realise.abandonnees }} abandonnées)",
        "{{ realise.impressions }} impressions recueillies après les ateliers",
    ))
    doc.add_heading("Indicateurs clés", level=1)
    loop_table(doc, "indicateurs", "i", (("Indicateur", "indicateur", 8.0), ("Valeur", "valeur", 2.4),
                                         ("Taux", "taux", 2.0), ("Collège pilote", "reference", 3.0)))
    chart(doc, "graphique_indicateurs")
    doc.add_heading("Satisfaction des enseignants", level=1)
    static_bullets(doc, (
        "{{ satisfaction.reponses }} réponses au questionnaire de satisfaction",
        "Intérêt moyen pour le projet : {{ satisfaction.interet_moyen }}",
        "Souhaitent continuer la démarche : {{ satisfaction.continuer }} ({{ satisfaction.continuer_nombre }})",
    ))
    chart(doc, "graphique_satisfaction")
    doc.add_heading("Ce qui mérite d'être gardé", level=2)
    bullets(doc, "a_garder")
    doc.add_heading("Ce qui peut être amélioré", level=2)
    bullets(doc, "a_ameliorer")
    doc.add_heading("Besoins exprimés", level=1)
    loop_table(doc, "besoins", "b", (("Type de besoin", "type", 3.5), ("Nombre", "nombre", 1.8),
                                     ("Besoins les plus cités", "detail", 11.0)))
    doc.add_heading("Analyse de l'équipe projet", level=1)
    loop_table(doc, "analyse", "a", (("Rubrique", "rubrique", 2.8), ("Indicateur", "indicateur", 5.0),
                                     ("Valeur", "valeur", 1.8), ("Collège pilote", "reference", 2.4),
                                     ("Commentaire", "commentaire", 4.8)))
    doc.add_heading("Enseignants référents", level=1)
    loop_table(doc, "referents", "r", (("Nom", "nom", 4.0), ("Préoccupation", "preoccupation", 5.0),
                                       ("Confirmé", "confirme", 2.2), ("Accompagne", "accompagnes", 5.6)))
    doc.add_heading("Prochaines étapes", level=1)
    loop_table(doc, "prochaines_etapes", "p", (("Action", "action", 7.5), ("Origine", "origine", 3.0),
                                               ("Porteur", "porteur", 3.0), ("Échéance", "echeance", 3.0)))
    labelled(doc, "Contact de l'équipe projet", "{{ contact }}")
    return doc


def action_plan():
    doc = new_document(landscape=True)
    title(doc, "Plan d'action")
    doc.add_paragraph("Kit d'ateliers : du diagnostic (points forts, irritants) aux axes d'amélioration et aux "
                      "actions à mener — {{ nombre_actions }} action(s).")
    tag(doc, "for t in thematiques")
    doc.add_heading("{{ t.thematique }}", level=1)
    doc.add_heading("Points forts", level=2)
    bullets(doc, "t.forces")
    doc.add_heading("Irritants", level=2)
    bullets(doc, "t.irritants")
    doc.add_heading("Besoins et axes d'amélioration", level=2)
    loop_table(doc, "t.axes", "x", (("Irritant", "irritant", 8.0), ("Besoin", "besoin", 8.0),
                                    ("Axe d'amélioration", "axe", 9.0)))
    doc.add_heading("Actions", level=2)
    loop_table(doc, "t.actions", "a", (
        ("ID", "id", 1.2), ("Quoi (axe)", "axe", 4.2), ("Comment (actions)", "action", 6.0), ("Qui", "qui", 3.2),
        ("Quand", "quand", 2.4), ("Indicateurs", "indicateurs", 4.2), ("Suivi", "suivi", 4.3)))
    tag(doc, "endfor")
    return doc


BUILDERS = {SYNTHESIS: synthesis, CONVOCATION: templates_event.convocation, FACILITATOR: templates_event.facilitator,
            LOGBOOK: templates_event.logbook, REVIEW: review, ACTION_PLAN: action_plan}


def build_all(folder: Path) -> list[Path]:
    """Write every shipped template into `folder`; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, builder in BUILDERS.items():
        path = folder / f"{name}.docx"
        builder().save(str(path))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(__file__).resolve().parents[3] / "templates"
    for path in build_all(folder):
        print(f"modèle écrit : {path}")


if __name__ == "__main__":
    main()
