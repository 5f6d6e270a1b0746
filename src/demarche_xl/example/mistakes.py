"""Deliberate input errors for `demarche-xl exemple --avec-erreurs`, so a team can see what `verifier` reports."""
from __future__ import annotations

import datetime as dt

from demarche_xl.store.base import WritePlan


def plant_mistakes(plan: WritePlan) -> list[str]:
    """Edit the rows of the plan in place; returns what was planted, in French."""
    by_sheet = {w.sheet: w for w in plan.writes}
    teachers = by_sheet["Enseignants"]
    col = {h: i for i, h in enumerate(teachers.header)}
    teachers.rows[2][col["Discipline"]] = "Maths"  # not in the list
    teachers.rows[4][col["Nom"]] = None  # required cell left empty
    teachers.rows[6][col["ID"]] = teachers.rows[5][col["ID"]]  # duplicate id
    teachers.rows[8][col["Courriel"]] = "prenom.nom@"  # broken e-mail
    teachers.rows[10][col["Catalyseur"]] = "Peut-être"  # not Oui/Non
    slots = by_sheet["Créneaux"]
    slots.rows[1][slots.header.index("Date")] = dt.datetime(2026, 12, 9).strftime("%d/%m/%Y")  # date typed as text
    workshops = by_sheet["Ateliers"]
    workshops.rows[0][workshops.header.index("Animateur (ID)")] = "A99"  # unknown facilitator
    return ["erreurs volontaires : discipline hors liste (ligne 4), nom manquant (ligne 6), identifiant en double "
            "(ligne 8), courriel invalide (ligne 10), « Peut-être » dans Catalyseur (ligne 12) de « Enseignants » ; "
            "date tapée comme du texte dans « Créneaux » (ligne 3) ; animateur inconnu dans « Ateliers » (ligne 2)"]
