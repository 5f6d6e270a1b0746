"""Fictional teachers of one or several collèges: names, disciplines, catalysts, project team, latent profile."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from demarche_xl.schema.lists import COMFORT, CONCERNS

FIRST_NAMES = (
    "Hélène", "Jérôme", "Zoé", "Chloé", "Loïc", "Maëlle", "Benoît", "Anaïs", "Clément", "Léa", "Raphaël", "Agnès",
    "Éric", "Camille", "François", "Inès", "Gaël", "Noémie", "Stéphane", "Sophie", "Thomas", "Céline", "Mathieu",
    "Émilie", "Nicolas", "Aurélie", "Julien", "Sandrine", "Karim", "Fatima", "Yannick", "Nadia", "Olivier", "Claire",
    "Sébastien", "Marion", "Antoine", "Laure", "Mehdi", "Élodie", "Pierre", "Amélie", "Hugo", "Valérie", "Cédric",
    "Maïwenn", "Rémi", "Pauline", "Théo", "Bérénice", "Damien", "Justine", "Grégoire", "Lucie", "Frédéric", "Manon",
)
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
    "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard",
    "André", "Lefebvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier",
    "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu",
    "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gérard",
    "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy", "Noël", "Meyer",
    "Lucas", "Meunier", "Jean", "Pérez", "Marchand", "Dufour", "Blanchard", "Barbier", "Brun", "Dumas", "Brunet",
    "Schmitt", "Leroux", "Colin", "Fernandez", "Pierre", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud",
    "Le Gall", "Hamon", "Benali", "Diallo", "Kovačević", "Ollivier", "Béranger", "Château", "Lécuyer", "Côté",
)
# usual weight of each discipline in a collège's staff
DISCIPLINE_WEIGHTS = {
    "Français": 8, "Mathématiques": 7, "Histoire-géographie": 5, "Anglais": 5, "Espagnol": 3, "Allemand": 2,
    "Sciences de la vie et de la Terre": 3, "Physique-chimie": 3, "Technologie": 3, "Éducation physique et sportive": 5,
    "Arts plastiques": 2, "Éducation musicale": 2, "Documentation": 1, "Latin": 1, "Enseignement adapté (SEGPA/ULIS)": 2,
}
SCHOOL_NAMES = ("Collège Jean Moulin", "Collège Marie Curie", "Collège Victor Hugo", "Collège Simone Veil",
                "Collège Jules Verne", "Collège Louise Michel", "Collège Albert Camus", "Collège George Sand")


@dataclass
class Teacher:
    teacher_id: str
    first_name: str
    last_name: str
    email: str
    discipline: str
    school: str
    catalyst: bool
    project_team: bool
    comfort: int  # 1..4
    concerns: list[str]  # ranked, 3
    answers: bool  # answers the baseline questionnaire
    willing: str
    participates: bool = False
    extra: dict = field(default_factory=dict)


def email_of(first: str, last: str) -> str:
    from demarche_xl.text import strip_accents

    clean = lambda s: strip_accents(s).lower().replace(" ", "-").replace("'", "")  # noqa: E731
    return f"{clean(first)}.{clean(last)}@ac-exemple.fr"


def popular_concerns(rng: random.Random) -> list[str]:
    """Concern list in decreasing popularity for this example (the first 3–4 are widely shared)."""
    concerns = list(CONCERNS.values)
    rng.shuffle(concerns)
    return concerns


MAX_TEACHERS = len(FIRST_NAMES) * len(LAST_NAMES) * 3 // 4  # distinct names drawn at random without stalling


def make_teachers(rng: random.Random, per_school: int, schools: int) -> tuple[list[Teacher], list[str]]:
    if per_school < 1 or schools < 1 or per_school * schools > MAX_TEACHERS:
        from demarche_xl.problems import UserError

        raise UserError(f"l'exemple compte de 1 à {MAX_TEACHERS} enseignants en tout ({per_school} × {schools} "
                        "demandés)", "choisissez moins d'enseignants (--enseignants) ou de collèges (--etablissements)")
    popularity = popular_concerns(rng)
    weights = [12, 10, 8, 6, 3, 2, 2, 1.5, 1, 1][: len(popularity)]
    disciplines = list(DISCIPLINE_WEIGHTS)
    teachers: list[Teacher] = []
    used: set[tuple[str, str]] = set()
    for s in range(schools):
        school = SCHOOL_NAMES[s % len(SCHOOL_NAMES)] + ("" if s < len(SCHOOL_NAMES) else f" {s + 1}")
        picks = rng.choices(disciplines, [DISCIPLINE_WEIGHTS[d] for d in disciplines], k=per_school)
        catalysts = set(rng.sample(range(per_school), max(1, round(per_school * 0.17))))
        team = set(rng.sample(range(per_school), min(per_school, 4)))
        for i in range(per_school):
            while True:
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                if (first, last) not in used:
                    used.add((first, last))
                    break
            comfort = rng.choices([1, 2, 3, 4], [2, 4, 4, 2])[0]
            if i in catalysts:
                comfort = max(comfort, 3)
            ranked: list[str] = []
            while len(ranked) < 3:
                pick = rng.choices(popularity, weights)[0]
                if pick not in ranked:
                    ranked.append(pick)
            willing = rng.choices(["Oui, certainement", "Oui, probablement", "Peut-être", "Non"],
                                  [4 + comfort, 4, 2, 1])[0]
            teachers.append(Teacher(
                f"E{len(teachers) + 1:03d}", first, last, email_of(first, last), picks[i], school, i in catalysts,
                i in team, comfort, ranked, rng.random() < 0.9, willing))
    for teacher in teachers:
        teacher.participates = teacher.willing != "Non" or teacher.catalyst or teacher.project_team
    return teachers, popularity


def comfort_label(level: int) -> str:
    return COMFORT.values[level - 1]
