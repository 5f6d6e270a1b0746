"""Content of the shipped templates of the workshop event: convocation, fiche animateur, journal de bord.

Each template loops over a list (`convocations`, `animateurs`, `groupes`) so the same file renders one entry per
document or all entries in one file for printing (a page break between entries).
"""
from __future__ import annotations

from demarche_xl.documents.template_layout import (bullets, labelled, loop_table, new_document, page_break_between,
                                                   static_bullets, tag, title, writing_lines)

ROUTE = (("Créneau", "creneau", 2.0), ("Horaire", "horaire", 2.6), ("Atelier", "atelier", 5.4),
         ("Salle", "salle", 1.8), ("Animateur", "animateur", 3.4), ("Séance", "libre", 2.0))


def convocation():
    doc = new_document()
    tag(doc, "for c in convocations")
    title(doc, "Convocation aux ateliers d'échange")
    doc.add_paragraph("À l'attention {{ c.de_nom }} ({{ c.discipline }})").runs[0].bold = True
    doc.add_paragraph("Dans le cadre de la démarche « Impulser de nouveaux usages numériques pédagogiques dans mon "
                      "collège », vous participez aux ateliers d'échange le {{ c.journee }}. Ces ateliers répondent "
                      "aux préoccupations pédagogiques exprimées dans l'état des lieux.")
    doc.add_heading("Votre groupe", level=1)
    labelled(doc, "Groupe", "{{ c.groupe }}")
    labelled(doc, "Préoccupation partagée", "{{ c.preoccupation }}")
    labelled(doc, "Catalyseur du groupe", "{{ c.catalyseur }}")
    doc.add_paragraph("Les autres membres de votre groupe :")
    loop_table(doc, "c.membres", "m", (("Nom", "nom", 6.0), ("Discipline", "discipline", 6.0),
                                       ("Rôle", "catalyseur", 4.0)))
    doc.add_heading("Votre parcours", level=1)
    loop_table(doc, "c.parcours", "s", ROUTE)
    doc.add_heading("Séance en libre choix", level=1)
    tag(doc, "if c.libre_choix.creneau")
    doc.add_paragraph("Créneau {{ c.libre_choix.creneau }} ({{ c.libre_choix.horaire }}) : {{ c.libre_choix.atelier }}"
                      ", salle {{ c.libre_choix.salle }} — {{ c.libre_choix.voeu }}.")
    tag(doc, "else")
    doc.add_paragraph("Votre parcours ne comporte pas de séance en libre choix.")
    tag(doc, "endif")
    doc.add_heading("Pendant les ateliers", level=1)
    static_bullets(doc, (
        "Échangez librement, posez vos questions, participez : les ateliers sont faits pour cela.",
        "Gardez une trace des éléments marquants et de vos idées dans le journal de bord de votre groupe.",
        "Pensez dès maintenant à une séquence que vous pourriez mettre en pratique dans les semaines suivantes.",
    ))
    labelled(doc, "Contact de l'équipe projet", "{{ contact }}")
    doc.add_paragraph("{{ college }}, le {{ date }}.")
    page_break_between(doc)
    tag(doc, "endfor")
    return doc


def facilitator():
    doc = new_document()
    tag(doc, "for a in animateurs")
    title(doc, "Fiche animateur — {{ a.nom }}")
    doc.add_paragraph("Merci d'animer les ateliers d'échange de notre établissement, {{ college }}. "
                      "{{ a.briefing_texte }}")
    doc.add_heading("Vos coordonnées", level=1)
    labelled(doc, "Établissement d'origine", "{{ a.etablissement }}")
    labelled(doc, "Courriel", "{{ a.courriel }}")
    labelled(doc, "Téléphone", "{{ a.telephone }}")
    labelled(doc, "Créneaux où vous n'êtes pas disponible", "{{ a.indisponibilites }}")
    doc.add_heading("Préoccupations pédagogiques à garder en tête", level=1)
    doc.add_paragraph("{{ a.preoccupations }}")
    tag(doc, "for w in a.ateliers")
    doc.add_heading("Atelier {{ w.id }} — {{ w.titre }}", level=2)
    labelled(doc, "Préoccupation", "{{ w.preoccupation }}")
    labelled(doc, "Format (démonstration / échange)", "{{ w.format }}")
    labelled(doc, "Salle", "{{ w.salle }} — capacité {{ w.capacite }} enseignants")
    labelled(doc, "Équipement nécessaire", "{{ w.equipement }}")
    labelled(doc, "Enseignants attendus au total", "{{ w.participants }}")
    loop_table(doc, "w.seances", "s", (("Créneau", "creneau", 1.8), ("Date", "date", 3.6), ("Horaire", "horaire", 2.6),
                                       ("Type", "type", 3.2), ("Groupes (effectif)", "groupes", 3.6),
                                       ("Enseignants", "effectif", 2.0)))
    tag(doc, "endfor")
    doc.add_heading("Vos besoins", level=1)
    doc.add_paragraph("{{ a.besoins }}")
    doc.add_heading("Rappels de la méthode", level=1)
    static_bullets(doc, (
        "Les groupes comptent au plus 6 enseignants, avec si possible un catalyseur.",
        "Alternez démonstration de pratiques numériques et temps d'échange avec les participants.",
        "Invitez les participants à noter les éléments marquants et leurs idées dans leur journal de bord.",
        "Observez les échanges : vos retours aideront l'équipe projet à repérer les enseignants référents.",
    ))
    labelled(doc, "Contact de l'équipe projet", "{{ contact_equipe }}")
    page_break_between(doc)
    tag(doc, "endfor")
    return doc


def logbook():
    doc = new_document()
    tag(doc, "for g in groupes")
    title(doc, "Journal de bord — groupe {{ g.groupe }}")
    labelled(doc, "Préoccupation partagée", "{{ g.preoccupation }}")
    labelled(doc, "Catalyseur", "{{ g.catalyseur }}")
    doc.add_heading("Membres du groupe ({{ g.effectif }})", level=1)
    loop_table(doc, "g.membres", "m", (("Nom", "nom", 6.0), ("Discipline", "discipline", 6.0),
                                       ("Rôle", "catalyseur", 4.0)))
    doc.add_heading("Parcours", level=1)
    loop_table(doc, "g.parcours", "s", ROUTE)
    tag(doc, "for s in g.parcours")
    doc.add_heading("{{ s.creneau }} — {{ s.atelier }} ({{ s.horaire }})", level=2)
    tag(doc, "for n in s.notes")
    labelled(doc, "Déjà noté", "{{ n.elements }} {{ n.idees }} {{ n.questions }}")
    tag(doc, "endfor")
    doc.add_paragraph("Éléments marquants :")
    writing_lines(doc, 3)
    doc.add_paragraph("Idées de mise en pratique :")
    writing_lines(doc, 3)
    doc.add_paragraph("Questions :")
    writing_lines(doc, 2)
    tag(doc, "endfor")
    doc.add_heading("Notes et idées pour la suite", level=1)
    bullets(doc, "g.notes_generales", "n", "{{ n.elements }} {{ n.idees }} {{ n.questions }}")
    writing_lines(doc, 6)
    page_break_between(doc)
    tag(doc, "endfor")
    return doc
