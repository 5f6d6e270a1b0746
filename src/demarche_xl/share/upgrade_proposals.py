"""Upgrade to model 3: « Proposition de l'outil » beside the team's decision in `Préoccupations` (Retenue) and
`Référents` (Confirmé). The team's column is carried exactly as it was; the new column is filled from what the sheet
already says (the rank for concerns, the listing and score for lead teachers) until the next run recomputes it."""
from __future__ import annotations

import pandas as pd

from demarche_xl.schema.registry import table
from demarche_xl.schema.tables_temps1 import PROPOSAL_HEADER
from demarche_xl.store.base import SheetWrite
from demarche_xl.tableio import ROW, is_blank, match_headers, rows_from_frame

PROPOSAL_VERSION = 3


def concern_proposal(frame: pd.DataFrame, params: dict) -> list[object]:
    """What the tool proposed: the best-ranked cited concerns, as many as the settings ask."""
    wanted = int(params.get("retained_concerns") or 3)
    return [None if is_blank(rank) else bool(int(rank) <= wanted and (teachers or 0) > 0)
            for rank, teachers in zip(frame["rank"], frame["teachers"])]


def lead_proposal(frame: pd.DataFrame, params: dict) -> list[object]:
    """A row the team had not decided on was the tool's proposal; a decided one, when its score is high enough."""
    from demarche_xl.leads.scoring import MIN_SCORE

    return [True if confirmed is None else bool((score or 0) >= MIN_SCORE)
            for confirmed, score in zip(frame["confirmed"], frame["score"])]


RULES = {"concern_ranking": concern_proposal, "lead_teachers": lead_proposal}
NOTES = {"concern_ranking": "les « Oui » de « Retenue » sont gardés comme choix de l'équipe (l'ancienne version y "
                            "écrivait sa proposition : vérifiez-les)",
         "lead_teachers": "« Confirmé » est gardé tel quel"}


def proposal_writes(reader) -> tuple[list[SheetWrite], list[str]]:
    """Sheet writes adding the proposal column where it is missing (every other cell as it was), and what to say."""
    writes, lines = [], []
    for key, rule in RULES.items():
        declared = table(key)
        rows = reader.rows(declared.sheet)
        if not rows or "proposed" in match_headers(declared, rows[0])[0]:
            continue
        frame = reader.table(key).copy()
        frame["proposed"] = pd.Series(rule(frame, reader.params()), index=frame.index, dtype=object)
        extras = list(frame.attrs.get("extra_columns", []))
        extra_values = frame.reindex(columns=extras).astype(object).values.tolist()
        out = [row + [None if is_blank(v) else v for v in extra]
               for row, extra in zip(rows_from_frame(declared, frame.drop(columns=ROW)), extra_values)]
        writes.append(SheetWrite(declared.sheet, [*declared.headers, *extras], out, table=declared))
        lines.append(f"{declared.sheet} : colonne « {PROPOSAL_HEADER} » ajoutée ; {NOTES[key]}")
    return writes, lines

