"""Whom each lead teacher accompanies in Temps 3: small groups (at most 5) of participants with close practice
ideas or the same concern, the lead teacher's own workshop group first; every participant with at most one lead
teacher. Greedy on an affinity that says why. Pure."""
from __future__ import annotations

import re

from demarche_xl.leads.scoring import Evidence
from demarche_xl.text import normalise

MAX_ACCOMPANIED = 5
SAME_GROUP, SAME_CONCERN, CLOSE_IDEAS = 3.0, 2.0, 2.0
STOP_WORDS = {"avec", "dans", "pour", "sur", "une", "des", "les", "aux", "faire", "essayer", "chapitre", "classe",
              "eleves", "cours", "sequence"}


def idea_words(e: Evidence) -> set[str]:
    words = set(re.findall(r"[a-z0-9]+", normalise(" ".join(e.ideas))))
    return {w for w in words if len(w) >= 4 and w not in STOP_WORDS}


def affinity(participant: Evidence, lead: Evidence) -> float:
    """Same workshop group, same concern, shared words in practice ideas (Jaccard); 0 = nothing in common."""
    points = 0.0
    if participant.group and participant.group == lead.group:
        points += SAME_GROUP
    if participant.concern and participant.concern == lead.concern:
        points += SAME_CONCERN
    mine, theirs = idea_words(participant), idea_words(lead)
    if mine and theirs:
        points += CLOSE_IDEAS * len(mine & theirs) / len(mine | theirs)
    return points


def accompany(evidence: dict[str, Evidence], leads: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Lead → accompanied participants, and participants left without a lead (nothing in common, or all full)."""
    participants = [t for t in sorted(evidence) if t not in leads]
    pairs = sorted(((affinity(evidence[p], evidence[lead]), p, lead) for p in participants for lead in leads
                    if lead in evidence), key=lambda x: (-x[0], x[1], x[2]))
    groups: dict[str, list[str]] = {lead: [] for lead in leads}
    placed: set[str] = set()
    for points, participant, lead in pairs:
        if points <= 0 or participant in placed or len(groups[lead]) >= MAX_ACCOMPANIED:
            continue
        groups[lead].append(participant)
        placed.add(participant)
    return groups, [p for p in participants if p not in placed]
