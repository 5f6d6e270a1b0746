"""How many lead teachers and which: about one per 4 to 6 participants engaged (those with impressions), at least
one per concern held by teachers with practice ideas; the team's confirmations win (« Oui » stays, « Non » is never
proposed again), then the best-scored eligible teachers. Pure."""
from __future__ import annotations

import math

from demarche_xl.leads.scoring import Evidence, eligible, score

PER_LEAD = 5  # participants per lead teacher: the method says 4 to 6


def target_count(engaged: int) -> int:
    return max(1, math.floor(engaged / PER_LEAD + 0.5)) if engaged else 0


def concerns_to_cover(evidence: dict[str, Evidence], retained: list[str]) -> list[str]:
    """Concerns of teachers who have practice ideas (only retained ones when the team marked some)."""
    found = sorted({e.concern for e in evidence.values() if e.ideas and e.concern})
    return [c for c in found if c in retained] if retained else found


def choose(evidence: dict[str, Evidence], confirmed: set[str], refused: set[str], retained: list[str]
           ) -> tuple[list[str], list[str]]:
    """Lead teachers (confirmed first, then proposed) and the concerns nobody eligible could cover."""
    ranked = sorted((e for t, e in evidence.items() if t not in refused and t not in confirmed and eligible(e)),
                    key=lambda e: (-score(e)[0], e.teacher_id))
    chosen = sorted(confirmed)
    uncovered = []
    for concern in concerns_to_cover(evidence, retained):
        if any(evidence[t].concern == concern for t in chosen if t in evidence):
            continue
        best = next((e.teacher_id for e in ranked if e.concern == concern and e.teacher_id not in chosen), None)
        if best is None:
            uncovered.append(concern)
        else:
            chosen.append(best)
    wanted = target_count(sum(e.engaged for e in evidence.values()))
    for e in ranked:
        if len(chosen) >= wanted:
            break
        if e.teacher_id not in chosen:
            chosen.append(e.teacher_id)
    return chosen, uncovered
