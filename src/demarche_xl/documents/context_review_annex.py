"""The annex of the fiche de bilan — the `Bilan` sheet's figures grouped by rubric, one small table each — and
what the public version keeps out: names and IDs of teachers, respondents and facilitators in free text (the same
scrubber as the anonymised copy), practice sheet IDs, and the disciplines taught by fewer teachers than the
« Seuil de secret statistique », grouped as « Autres disciplines » (the only Latin teacher would be recognised).
Pure."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import pandas as pd

from demarche_xl import french
from demarche_xl.documents.context_common import MISSING, text
from demarche_xl.review.indicators import BY_DISCIPLINE
from demarche_xl.review.kpis import Ratio
from demarche_xl.share.scrub import NAME_GONE, Person, Scrubber
from demarche_xl.text import normalise

FRACTION = re.compile(r"(\d+)\s*/\s*(\d+)")
DEFAULT_THRESHOLD = 5


@dataclass
class Privacy:
    """How a version of the fiche treats what could identify someone; the internal version keeps everything."""

    scrubber: Scrubber | None = None
    hidden_ids: re.Pattern | None = None  # practice IDs listed in comments
    rare: dict[str, str] = field(default_factory=dict)  # normalised discipline → « Autres disciplines (…) »

    @classmethod
    def internal(cls) -> "Privacy":
        return cls()

    @classmethod
    def public(cls, tables: dict[str, pd.DataFrame], params: dict) -> "Privacy":
        from demarche_xl.share.people import build_directory
        from demarche_xl.share.secrecy import rare_disciplines

        people = build_directory(tables, random.Random(0)).people
        scrubber = Scrubber([Person(NAME_GONE, p.first_name, p.last_name, p.ids) for p in people])
        practices = tables.get("practices")
        ids = sorted({str(v).strip() for v in practices["practice_id"].dropna()} - {""}, key=len, reverse=True) \
            if practices is not None and "practice_id" in practices else []
        listed = re.compile(r"(?:\s*:\s*|\s+)(?:(?<![\w-])(?:" + "|".join(map(re.escape, ids))
                            + r")(?![\w-])(?:,\s*|\s+et\s+)?)+") if ids else None
        threshold = params.get("anonymity_threshold")
        threshold = threshold if isinstance(threshold, int) and threshold > 0 else DEFAULT_THRESHOLD
        return cls(scrubber, listed, rare_disciplines(tables.get("teachers"), threshold))

    @property
    def is_public(self) -> bool:
        return self.scrubber is not None

    def clean(self, value: str) -> str:
        """Free text without names, e-mails, phone numbers or listed IDs (public version); as typed otherwise."""
        if self.scrubber is None or not value:
            return value
        cleaned = str(self.scrubber.text(value))
        if self.hidden_ids is not None and self.hidden_ids.search(cleaned):
            cleaned = self.hidden_ids.sub("", cleaned)
            cleaned += "" if cleaned.endswith((".", "!", "?", ")")) else "."
        return cleaned


def annex(rows: list[dict], privacy: Privacy) -> list[dict]:
    """The `Bilan` sheet's rows by rubric, in the sheet's order: indicator, value, comment (with the pilot
    collège's figure when the row has one)."""
    rubrics: dict[str, list[dict]] = {}
    for row in rows:
        section = text(row.get("section"), "Autres indicateurs")
        comment = text(row.get("comment"), "")
        reference = text(row.get("reference"), "")
        if reference and normalise(reference) not in normalise(comment):
            comment = f"Collège pilote : {reference}. {comment}".strip()
        rubrics.setdefault(section, []).append({  # typography again: reading a sheet collapses its spaces
            "indicateur": french.typography(privacy.clean(text(row.get("indicator")))),
            "valeur": french.typography(text(row.get("value"), "")),
            "commentaire": french.typography(privacy.clean(comment))})
    if privacy.rare and BY_DISCIPLINE in rubrics:
        rubrics[BY_DISCIPLINE] = group_rare(rubrics[BY_DISCIPLINE], privacy.rare)
    shown = [{"rubrique": section, "lignes": lines} for section, lines in rubrics.items()]
    return shown or [{"rubrique": "Indicateurs", "lignes": [{
        "indicateur": "Analyse non disponible : lancez « demarche-xl bilan »", "valeur": "", "commentaire": ""}]}]


def group_rare(lines: list[dict], rare: dict[str, str]) -> list[dict]:
    """Rows of disciplines taught by few teachers summed into one « Autres disciplines » row, placed last."""
    kept, grouped, whole, label = [], 0, 0, ""
    for line in lines:
        name = normalise(line["indicateur"])
        found = FRACTION.search(line["valeur"].replace(french.NBSP, " "))
        if name in rare and found:
            grouped += int(found.group(1))
            whole = int(found.group(2))
            label = rare[name]
        else:
            kept.append(line)
    if label:
        kept.append({"indicateur": label, "valeur": Ratio(grouped, whole).shown(),
                     "commentaire": "Disciplines regroupées : trop peu d'enseignants pour les montrer à part."})
    return kept or [{"indicateur": MISSING, "valeur": "", "commentaire": ""}]
