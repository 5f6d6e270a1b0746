"""Content of the shipped templates of the fiche de bilan: the public version (two portrait pages a principal reads
in three minutes, then a landscape annex of detailed tables by rubric) and the internal version for the project
team (the same, plus the référents and the origin of each next step). Built by `templates_build`."""
from __future__ import annotations

from docx.shared import Pt

from demarche_xl.documents.template_layout import (GREY, annex_section, bullets, chart, labelled, loop_table,
                                                   new_document, static_bullets, style_runs, tag, title)

HEADER = "{{ college }} — année scolaire {{ annee }} — fiche de bilan, {{ version }}"
KEY_FIGURES = (("Indicateur", "indicateur", 6.5), ("Notre collège", "valeur", 2.2), ("Taux", "taux", 1.5),
               ("Collège pilote", "reference", 3.0), ("Par rapport au pilote", "lecture", 3.8))
NEEDS = (("Besoin", "type", 3.0), ("Fois exprimé", "nombre", 1.5), ("Les plus cités", "detail", 12.5))
ANNEX = (("Indicateur", "indicateur", 9.0), ("Valeur", "valeur", 3.0), ("Commentaire", "commentaire", 13.7))


def review_public():
    return review(internal=False)


def review_internal():
    return review(internal=True)


def review(internal: bool):
    doc = new_document(header_text=HEADER)
    title(doc, "Fiche de bilan")
    note = doc.add_paragraph("{{ version_texte }}")
    style_runs(note, 9.5, GREY)
    note.runs[0].italic = True
    doc.add_paragraph("Bilan de la démarche « Impulser de nouveaux usages numériques pédagogiques dans mon "
                      "collège ». Il peut alimenter le volet numérique du projet d'établissement.")
    doc.add_heading("Objectifs", level=1)
    static_bullets(doc, (
        "Développer les usages numériques pédagogiques en réponse aux préoccupations des enseignants : "
        "{{ retenues_texte }}.",
        "Impulser une dynamique collective au sein de l'équipe enseignante.",
        "Préparer ensemble les prochaines étapes du projet.",
    ))
    doc.add_heading("Ce qui a été réalisé", level=1)
    bullets(doc, "realise_lignes")
    doc.add_heading("Indicateurs clés", level=1)
    loop_table(doc, "indicateurs", "i", KEY_FIGURES, spaced=False)
    note = doc.add_paragraph("{{ indicateurs_note }}")
    style_runs(note, 8.5, GREY)
    chart(doc, "graphique_indicateurs")
    doc.add_heading("Satisfaction des enseignants", level=1)
    bullets(doc, "satisfaction_lignes")
    highlights(doc, "Ce qui mérite d'être gardé", "a_garder")
    highlights(doc, "Ce qui peut être amélioré", "a_ameliorer")
    doc.add_heading("Besoins exprimés", level=1)
    loop_table(doc, "besoins", "b", NEEDS, spaced=False)
    if internal:
        doc.add_heading("Enseignants référents", level=1)
        loop_table(doc, "referents", "r", (("Nom", "nom", 3.5), ("Préoccupation", "preoccupation", 5.0),
                                           ("Confirmé", "confirme", 2.0), ("Accompagne", "accompagnes", 6.5)),
                   spaced=False)
    doc.add_heading("Prochaines étapes", level=1)
    steps = (("Action", "action", 9.5), ("Porteur", "porteur", 3.5), ("Échéance", "echeance", 4.0))
    if internal:
        steps = (*steps[:1], ("Origine", "origine", 3.0), *steps[1:])
    loop_table(doc, "prochaines_etapes", "p", steps, spaced=False)
    labelled(doc, "Contact de l'équipe projet", "{{ contact }}")
    annex_section(doc, "Annexe : indicateurs détaillés", "Chiffres de la feuille Bilan du classeur, par rubrique.")
    tag(doc, "for r in annexe")
    doc.add_heading("{{ r.rubrique }}", level=2)
    loop_table(doc, "r.lignes", "l", ANNEX, spaced=False)
    tag(doc, "endfor")
    return doc


def highlights(doc, heading: str, items: str) -> None:
    """A bold lead-in line followed by the most cited answers."""
    lead = doc.add_paragraph()
    lead.add_run(heading).bold = True
    lead.paragraph_format.space_before = Pt(4)
    lead.paragraph_format.keep_with_next = True
    bullets(doc, items)
