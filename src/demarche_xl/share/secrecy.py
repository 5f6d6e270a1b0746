"""Secret statistique in the anonymised copy: counts by discipline below the threshold (`Seuil de secret
statistique` in `Paramètres`, 5 by default) become the text « < 5 », and a discipline taught by fewer teachers
than the threshold is shown as « Autres disciplines » in the rows about individual teachers."""
from __future__ import annotations

import re

import pandas as pd

from demarche_xl.share.privacy_rules import AGGREGATE_COUNTS
from demarche_xl.tableio import is_blank
from demarche_xl.text import normalise

OTHER_DISCIPLINES = "Autres disciplines (effectif < {t})"


def rare_disciplines(teachers: pd.DataFrame | None, threshold: int) -> dict[str, str]:
    """Normalised discipline → the label that replaces it, for disciplines with fewer teachers than `threshold`."""
    if teachers is None or not len(teachers):
        return {}
    counts = teachers["discipline"].dropna().map(normalise).value_counts()
    return {name: OTHER_DISCIPLINES.format(t=threshold) for name, count in counts.items() if count < threshold}


def suppress_small_counts(tables: dict[str, pd.DataFrame], disciplines: list[str], threshold: int) -> int:
    """Replace counts by discipline below `threshold` in the aggregates; returns how many cells were masked."""
    names = [normalise(d) for d in disciplines if d]
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")(?!\w)") if names else None
    masked = 0
    shown = f"< {threshold}"
    note = f"effectif inférieur à {threshold} masqué (secret statistique)"
    for key, (label, counts, shares, comment) in AGGREGATE_COUNTS.items():
        frame = tables.get(key)
        if frame is None or not len(frame):
            continue
        for column in (*counts, *shares, comment):
            frame[column] = frame[column].astype(object)
        for index, record in frame.iterrows():
            about = " ".join(normalise(v) for k, v in record.items() if isinstance(v, str) and k != comment)
            if not (pattern and pattern.search(normalise(record[label]))) and "par discipline" not in about:
                continue
            hit = False
            for column in counts:
                number = _number(record[column])
                if number is not None and number < threshold:
                    frame.at[index, column] = shown
                    hit = True
            if hit:
                masked += 1
                for column in shares:
                    frame.at[index, column] = None
                frame.at[index, comment] = note  # the detail could name the few people counted
    return masked


def _number(value: object) -> float | None:
    if isinstance(value, bool) or is_blank(value):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).replace(",", ".").replace("\u202f", "").replace(" ", ""))
    except ValueError:
        return None
