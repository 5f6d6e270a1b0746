"""The script that builds the shipped Word templates (`templates/*.docx`) with python-docx, so they can be
regenerated after a change: `python -m demarche_xl.documents.templates_build [dossier]`.

Holds the content of the synthesis and the action plan; the event's templates are in `templates_event`, the fiche de
bilan's in `templates_review`. Variables each template may use are listed in `templates/README.md`.
"""
from __future__ import annotations

import sys
from pathlib import Path

from demarche_xl.documents import templates_event, templates_review
from demarche_xl.documents.template_layout import (annex_section, bullets, chart, loop_table, new_document, tag, title,
                                                   typeset, writing_lines)

SYNTHESIS, CONVOCATION, FACILITATOR = "synthese_etat_des_lieux", "convocation", "fiche_animateur"
LOGBOOK, REVIEW, ACTION_PLAN = "journal_de_bord", "fiche_de_bilan", "plan_action"
REVIEW_INTERNAL = "fiche_de_bilan_equipe"


def synthesis():
    doc = new_document()
    title(doc, "Synthèse de l'état des lieux")
    doc.add_paragraph("Résultats du questionnaire des enseignants (temps 1), pour valider les préoccupations "
                      "pédagogiques retenues pour les ateliers d'échange.")
    doc.add_heading("Ce que disent les réponses", level=1)
    bullets(doc, "constats")
    doc.add_heading("Recommandations pour les ateliers", level=1)
    bullets(doc, "recommandations")
    doc.add_heading("Préoccupations proposées à la validation ({{ nombre_retenues }})", level=1)
    loop_table(doc, "preoccupations", "p", (
        ("Rang", "rang", 1.2), ("Préoccupation", "libelle", 7.5), ("Enseignants", "enseignants", 2.0),
        ("Part", "part", 1.6), ("Score", "score", 1.6), ("Retenue", "retenue", 1.6)), spaced=False, together=True)
    chart(doc, "graphique_preoccupations")
    doc.add_heading("Validation", level=1)
    doc.add_paragraph("Préoccupations validées le ………………… par …………………………………………………")
    writing_lines(doc, 2)
    annex_section(doc, "Annexe : cartographie des enseignants", "Vues de la feuille Cartographie du classeur.",
                  landscape=False)
    chart(doc, "graphique_aisance")
    chart(doc, "graphique_envie")
    tag(doc, "for v in vues")
    doc.add_heading("{{ v.titre }}", level=2)
    loop_table(doc, "v.lignes", "l", (("Libellé", "libelle", 7.0), ("Effectif", "effectif", 1.8),
                                      ("Part", "part", 1.6), ("Précision", "detail", 6.6)), spaced=False)
    tag(doc, "endfor")
    doc.add_heading("Aisance numérique par discipline (nombre de répondants)", level=2)
    loop_table(doc, "aisance_par_discipline", "d", (
        ("Discipline", "discipline", 5.5), ("Pas à l'aise", "n1", 2.2), ("Peu à l'aise", "n2", 2.2),
        ("À l'aise", "n3", 2.2), ("Très à l'aise", "n4", 2.2), ("Total", "total", 1.7)), spaced=False)
    return doc


def action_plan():
    doc = new_document(landscape=True)
    title(doc, "Plan d'action")
    doc.add_paragraph("Kit d'ateliers : du diagnostic (points forts, irritants) aux axes d'amélioration et aux "
                      "actions à mener ({{ nombre_actions_texte }}).")
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


def typeset_after(builder):
    return lambda: typeset(builder())


BUILDERS = {SYNTHESIS: synthesis, CONVOCATION: templates_event.convocation, FACILITATOR: templates_event.facilitator,
            LOGBOOK: templates_event.logbook, REVIEW: templates_review.review_public,
            REVIEW_INTERNAL: templates_review.review_internal, ACTION_PLAN: action_plan}
BUILDERS = {name: typeset_after(builder) for name, builder in BUILDERS.items()}


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
