"""The criteria of the method for a lead teacher (Temps 2, step 5): motivation for the project, first practice
ideas, benevolence towards colleagues, wish to help others — plus the catalyst role and a positive view of one's
group. Each criterion is a small named function of a teacher's evidence returning its points and the French reason,
so the score shown in `Référents` always comes with its explanation. Pure."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from demarche_xl import french
from demarche_xl.text import strip_accents

NEGATION = r"(?:pas|peu|guere|jamais|sans)\s+(?:tres\s+|vraiment\s+|tellement\s+|du\s+tout\s+)?"
BENEVOLENCE = ("bienveill", "aid", "entrain", "moteur", "soutien", "soutient", "encourag", "federe", "federat",
               "ecoute", "partage")
GROUP_DYNAMIC = ("dynamiq", "bonne entente", "entente", "enrichiss", "stimul", "agreable", "efficace", "riche")
MIN_SCORE = 5  # below, a teacher is not proposed (the team may still confirm anyone)
MIN_MOTIVATION = 3


@dataclass
class Evidence:
    """What the workbook says about one teacher, from `Impressions`, `Enseignants` and `Groupes`."""

    teacher_id: str
    name: str = ""
    concern: str | None = None
    group: str | None = None
    catalyst: bool = False
    motivation: list[int] = field(default_factory=list)
    ideas: list[str] = field(default_factory=list)
    observations: list[str] = field(default_factory=list)
    group_feedback: list[str] = field(default_factory=list)
    wants_to_help: bool = False
    engaged: bool = True  # has rows in `Impressions` (a confirmed lead teacher may have none)


def word_found(texts: list[str], stems: tuple[str, ...]) -> str | None:
    """The first word starting with one of `stems` in `texts` (accents and case ignored), unless negated."""
    for text in texts:
        folded = strip_accents(text).lower()
        shown = text if len(folded) == len(text) else folded
        for stem in stems:
            for match in re.finditer(rf"\b{re.escape(stem)}\w*", folded):
                if re.search(rf"\b{NEGATION}$", folded[:match.start()]):
                    continue
                return shown[match.start():match.end()]
    return None


def motivation(e: Evidence) -> tuple[str, int]:
    if not e.motivation:
        return "motivation non notée : 0", 0
    best = min(5, max(e.motivation))
    return f"motivation {best}/5 : +{max(0, best - 2)}", max(0, best - 2)


def practice_ideas(e: Evidence) -> tuple[str, int]:
    if not e.ideas:
        return "pas d'idée de mise en pratique notée : 0", 0
    return f"{french.count(len(e.ideas), 'idée')} de mise en pratique : +2", 2


def benevolence(e: Evidence) -> tuple[str, int]:
    word = word_found(e.observations, BENEVOLENCE)
    if word is None:
        return "bienveillance ou entrain non observés : 0", 0
    return f"bienveillance observée (« {word} ») : +2", 2


def wish_to_help(e: Evidence) -> tuple[str, int]:
    return ("souhaite aider ses collègues : +2", 2) if e.wants_to_help else ("souhait d'aider non exprimé : 0", 0)


def catalyst(e: Evidence) -> tuple[str, int]:
    return ("catalyseur : +1", 1) if e.catalyst else ("pas catalyseur : 0", 0)


def group_dynamic(e: Evidence) -> tuple[str, int]:
    word = word_found(e.group_feedback, GROUP_DYNAMIC)
    if word is None:
        return "pas de retour positif sur son groupe : 0", 0
    return f"retour positif sur son groupe (« {word} ») : +1", 1


CRITERIA = (motivation, practice_ideas, benevolence, wish_to_help, catalyst, group_dynamic)


def score(e: Evidence) -> tuple[int, str]:
    """Total points and the reasons, criterion by criterion, in French."""
    parts = [criterion(e) for criterion in CRITERIA]
    return sum(points for _, points in parts), " ; ".join(reason for reason, _ in parts)


def eligible(e: Evidence) -> bool:
    """Proposed only with first ideas, enough motivation and enough points overall."""
    motivated = not e.motivation or max(e.motivation) >= MIN_MOTIVATION
    return bool(e.ideas) and motivated and score(e)[0] >= MIN_SCORE
