"""The workshop event of the example: facilitators, workshops for the most shared concerns, slots, constraints
and free choices."""
from __future__ import annotations

import datetime as dt
import random

import pandas as pd

from demarche_xl.example.roster import FIRST_NAMES, LAST_NAMES, Teacher

WORKSHOP_IDEAS = (
    ("Capsules vidéo et classe inversée", "Démonstration 30 min, échange 45 min", "Vidéoprojecteur, 6 tablettes"),
    ("Quiz interactifs en début de séance", "Démonstration 20 min, essai 55 min", "Classe mobile"),
    ("Écrire à plusieurs mains sur l'ENT", "Atelier pratique", "Ordinateurs portables"),
    ("Podcasts et oral enregistré", "Démonstration puis production", "Casques audio, tablettes"),
    ("Parcours différenciés en ligne", "Échange de pratiques", "Salle informatique"),
    ("Carte mentale collaborative", "Démonstration 30 min, échange 45 min", "Vidéoprojecteur"),
)
SLOTS = (("C1", "09:00", "10:15", False), ("C2", "10:30", "11:45", False), ("C3", "13:30", "14:45", True))
EVENT_DAY = dt.datetime(2026, 12, 9)


def facilitators_and_workshops(rng: random.Random, retained: list[str], schools: int
                               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    facilitators, workshops = [], []
    per_concern = 2 * schools
    for c, concern in enumerate(retained):
        for k in range(per_concern):
            n = len(workshops) + 1
            idea = WORKSHOP_IDEAS[(c * 2 + k) % len(WORKSHOP_IDEAS)]
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            facilitators.append({
                "facilitator_id": f"A{n:02d}", "name": f"{first} {last}",
                "school": f"Collège {rng.choice(LAST_NAMES)} (académie)", "email": f"animateur{n}@ac-exemple.fr",
                "phone": f"06 12 34 {n:02d} {rng.randint(10, 99)}",
                "unavailable_slots": "C3" if n == 2 else None, "needs": idea[2], "briefing_done": n % 3 != 0})
            workshops.append({
                "workshop_id": f"W{n:02d}", "title": idea[0] + (f" ({k // len(WORKSHOP_IDEAS) + 1})" if k >= 6 else ""),
                "concern": concern, "facilitator_id": f"A{n:02d}", "room": f"S{100 + n}", "capacity": 14,
                "max_runs": 3, "format": idea[1], "equipment": idea[2]})
    return pd.DataFrame(facilitators), pd.DataFrame(workshops)


def slots() -> pd.DataFrame:
    return pd.DataFrame([{"slot_id": s, "date": EVENT_DAY, "start": a, "end": b, "free_choice": free}
                         for s, a, b, free in SLOTS])


def constraints(rng: random.Random, participants: list[Teacher]) -> pd.DataFrame:
    pick = rng.sample(participants, 4)
    if pick[1].school != pick[0].school or pick[0].catalyst and pick[1].catalyst:
        # « Ensemble » pairs teach in the same collège, and are not two catalysts: with exactly as many catalysts
        # as groups, two catalysts in one group would leave another group without one
        pick[1] = next(t for t in participants if t.school == pick[0].school and t not in pick
                       and not (pick[0].catalyst and t.catalyst))
    return pd.DataFrame([
        {"kind": "Ensemble", "teacher_a": pick[0].teacher_id, "teacher_b": pick[1].teacher_id, "slot": None,
         "reason": "Co-enseignement prévu en 4e"},
        {"kind": "Séparés", "teacher_a": pick[2].teacher_id, "teacher_b": pick[3].teacher_id, "slot": None,
         "reason": "Déjà dans la même équipe disciplinaire"},
    ])


def free_choices(rng: random.Random, participants: list[Teacher], workshops: pd.DataFrame) -> pd.DataFrame:
    rows = []
    by_concern = workshops.groupby("concern")["workshop_id"].apply(list).to_dict()
    every = list(workshops["workshop_id"])
    for teacher in participants:
        if rng.random() > 0.85:
            continue
        # the free session is for discovering: teachers mostly wish for workshops of their other concerns
        preferred = [w for c in teacher.concerns[1:] for w in by_concern.get(c, [])]
        usual = set(by_concern.get(teacher.concerns[0], [])) if teacher.concerns else set()
        others = [w for w in rng.sample(every, len(every)) if w not in usual]
        pool = list(dict.fromkeys(preferred + others + sorted(usual)))
        rows.append({"teacher_id": teacher.teacher_id, "choice_1": pool[0], "choice_2": pool[1],
                     "choice_3": pool[2] if rng.random() < 0.8 else None})
    return pd.DataFrame(rows)
