"""After the workshops in the example: impressions, practice sheets, and the workshop kit (RETEX, diagnosis,
needs and axes, action plan, indicators) drawn from the method's own examples."""
from __future__ import annotations

import datetime as dt
import random

import pandas as pd

from demarche_xl.example.roster import Teacher
from demarche_xl.schema.lists import THEMES

PRACTICES = ("Les quiz en début d'heure", "La capsule vidéo avant la séance", "Le mur collaboratif",
             "Le podcast des élèves", "Les parcours différenciés")
IDEAS = ("Essayer un quiz de révision en 5e", "Faire enregistrer un oral en anglais", "Classe inversée sur un "
         "chapitre de SVT", "Un mur collaboratif pour l'EMI", "", "Produire une carte mentale en histoire")
DIFFICULTIES = ("", "", "Peu de temps pour tester", "Connexion instable", "Groupe un peu grand")
OBSERVATIONS = ("Bienveillant(e), entraîne le groupe", "Très moteur dans les échanges", "", "Discret(e) mais attentif(ve)",
                "Aide spontanément ses collègues")
TOOLS = ("Quiz en ligne", "Tablettes et application de capsules", "ENT - blog de classe", "Mur collaboratif",
         "Enregistreur audio")


def impressions(rng: random.Random, participants: list[Teacher]) -> pd.DataFrame:
    rows = []
    for teacher in participants:
        if rng.random() > 0.8:
            continue
        keen = 1 + teacher.comfort // 2 + (1 if teacher.catalyst else 0)
        rows.append({
            "teacher_id": teacher.teacher_id, "moment": "À chaud", "pleasure": min(5, keen + rng.randint(1, 2)),
            "motivation": min(5, keen + rng.randint(0, 2)), "interesting_practices": rng.choice(PRACTICES),
            "group_feedback": rng.choice(("Groupe varié et dynamique", "Bonne entente", "Un peu trop de la même "
                                                                                      "discipline")),
            "practice_ideas": rng.choice(IDEAS) or None, "difficulties": rng.choice(DIFFICULTIES) or None,
            "wants_to_help": teacher.catalyst or rng.random() < 0.25, "observation": rng.choice(OBSERVATIONS) or None})
        if rng.random() < 0.3:
            rows.append(rows[-1] | {"moment": "Quelques jours après", "pleasure": None,
                                    "practice_ideas": rng.choice(IDEAS) or None})
    return pd.DataFrame(rows)


def practices(rng: random.Random, participants: list[Teacher]) -> pd.DataFrame:
    rows = []
    engaged = [t for t in participants if rng.random() < 0.55]
    day = dt.datetime(2027, 1, 11)
    i = 0
    while i < len(engaged):
        team = engaged[i:i + (2 if rng.random() < 0.25 else 1)]
        i += len(team)
        status = rng.choices(["Prévue", "En cours", "Réalisée", "Abandonnée"], [2, 3, 6, 1])[0]
        rows.append({
            "practice_id": f"P{len(rows) + 1:03d}", "teachers": "; ".join(t.teacher_id for t in team),
            "lead_teacher_id": None, "discipline": team[0].discipline, "level": rng.choice(("6e", "5e", "4e", "3e")),
            "sequence": rng.choice(IDEAS[:4] + IDEAS[5:]), "concern": team[0].concerns[0], "tools": rng.choice(TOOLS),
            "date": day + dt.timedelta(days=rng.randint(0, 70)), "status": status,
            "results": "Élèves plus actifs à l'oral" if status == "Réalisée" else None,
            "need_equipment": rng.choice((None, None, "Tablettes supplémentaires", "Micros-casques")),
            "need_training": rng.choice((None, "Prise en main de l'ENT", None)),
            "need_resources": rng.choice((None, "Banque de quiz partagée", None)),
            "need_support": rng.choice((None, None, "Co-intervention avec le référent"))})
    return pd.DataFrame(rows)


def kit_tables() -> dict[str, pd.DataFrame]:
    theme_work, theme_gov = THEMES.values[2], THEMES.values[4]
    retex = pd.DataFrame([
        {"retex_id": "R1", "theme": theme_work, "level": "École maternelle – TPS/PS",
         "text": "Cahier de vie numérique pour communiquer avec les familles : photos, vidéos, messages sonores.",
         "link": None, "strengths": "Cahier plus parlant pour les familles ; outil intuitif",
         "pain_points": "Peur du jugement des collègues ; crainte de ne pas intégrer l'outil dans l'emploi du temps"},
        {"retex_id": "R2", "theme": theme_work, "level": "Collège et lycée",
         "text": "Pronote et l'ENT en période de confinement : une accélération des usages numériques.",
         "link": None, "strengths": "Travail en équipe renforcé", "pain_points": "Confusion sur le rôle des deux outils"},
        {"retex_id": "R3", "theme": theme_gov, "level": "Collège REP+",
         "text": "Piloter la continuité pédagogique : stratégie commune et attention à la fracture numérique.",
         "link": None, "strengths": "Gouvernance horizontale", "pain_points": "Difficulté de coordination des acteurs"},
    ])
    diagnosis = pd.DataFrame([
        {"theme": theme_work, "retex_id": "R1", "pain_point": "Peur du jugement des collègues",
         "strength": "Outil intuitif : les parents se l'approprient vite"},
        {"theme": theme_work, "retex_id": "R2", "pain_point": "Confusion sur le rôle des outils",
         "strength": "Travail en équipe renforcé"},
        {"theme": theme_gov, "retex_id": "R3", "pain_point": "Difficulté de coordination des acteurs",
         "strength": "Gouvernance horizontale"},
    ])
    needs = pd.DataFrame([
        {"theme": theme_work, "pain_point": "Peur du jugement des collègues",
         "need": "Meilleure maîtrise des outils dans leurs usages pédagogiques",
         "axis": "Valoriser les compétences des enseignants"},
        {"theme": theme_work, "pain_point": "Confusion sur le rôle des outils", "need": "Un cadre d'usage partagé",
         "axis": "Définir un cadre de communication interne"},
        {"theme": theme_gov, "pain_point": "Difficulté de coordination des acteurs",
         "need": "Se connaître entre acteurs et mieux communiquer", "axis": "Définir un cadre de communication interne"},
    ])
    plan = pd.DataFrame([
        {"action_id": "PA1", "theme": theme_work, "axis": "Valoriser les compétences des enseignants",
         "action": "Engager les personnels dans la certification PIX ; valoriser par des badges",
         "who": "Formateurs, RUPN", "when": "Moyen terme", "indicators": "Nombre de certifications PIX"},
        {"action_id": "PA2", "theme": theme_gov, "axis": "Définir un cadre de communication interne",
         "action": "Intégrer le cadre de communication au projet d'établissement ; comité de pilotage du numérique",
         "who": "Direction, RUPN, représentants des parents", "when": "Court terme",
         "indicators": "Comité de pilotage numérique réuni"},
    ])
    indicators = pd.DataFrame([
        {"indicator": "Nombre de certifications PIX", "action_id": "PA1", "target": 20, "measured": 8,
         "date": dt.datetime(2027, 3, 1), "progress": None},
        {"indicator": "Réunions du comité de pilotage numérique", "action_id": "PA2", "target": 3, "measured": 1,
         "date": dt.datetime(2027, 2, 1), "progress": None},
    ])
    return {"experience_reports": retex, "diagnosis": diagnosis, "needs_axes": needs, "action_plan": plan,
            "indicators": indicators}
