"""Needs expressed to carry practices on (seed 000: equipment / training / resources / support), tallied by kind
from the practice sheets' need columns and the satisfaction answers (`need_kind`, `needs`). The same wording up
to case and accents counts once, with its number of mentions. Pure."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from demarche_xl.text import normalise

NEED_COLUMNS = (("Équipement", "need_equipment"), ("Formation", "need_training"), ("Ressources", "need_resources"),
                ("Accompagnement", "need_support"))
KINDS = tuple(kind for kind, _ in NEED_COLUMNS)


@dataclass
class Needs:
    """One kind of need: how often it is expressed and its wordings (normalised → first wording seen)."""

    kind: str
    counts: Counter = field(default_factory=Counter)
    wording: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, value: object) -> None:
        if blank(value):
            return
        shown = as_typed(value)
        self.counts[normalise(shown)] += 1
        self.wording.setdefault(normalise(shown), shown)

    def most_frequent(self, top: int = 5) -> list[str]:
        """« Tablettes (2) », « Une formation à l'ENT » … the most frequent wordings first."""
        return [f"{self.wording[k]} ({n})" if n > 1 else self.wording[k] for k, n in self.counts.most_common(top)]


def tally(practices: list[dict], satisfaction: list[dict], kinds: tuple[str, ...] = KINDS) -> dict[str, Needs]:
    """Needs by kind, in the order of `kinds` (the `Types de besoin` list; the four of the method by default)."""
    found = {kind: Needs(kind) for kind in (*kinds, *(k for k in KINDS if k not in kinds))}
    for practice in practices:
        for kind, column in NEED_COLUMNS:
            found[kind].add(practice.get(column))
    for answer in satisfaction:
        kind = matching_kind(answer.get("need_kind"), tuple(found))
        if kind:
            found[kind].add(answer.get("needs") if not blank(answer.get("needs")) else kind.lower())
    return found


def matching_kind(value: object, kinds: tuple[str, ...] = KINDS) -> str:
    wanted = normalise(value)
    return next((kind for kind in kinds if wanted and normalise(kind) == wanted), "")


def blank(value: object) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    return isinstance(value, str) and not value.strip()


def as_typed(value: object) -> str:
    """A free answer as the person typed it (a neutralised formula loses its protective apostrophe)."""
    shown = str(value).strip()
    return shown[1:] if shown.startswith("'") and shown[1:2] in ("=", "+", "-", "@") else shown
