"""What the example team decides in the workbook, as a team would type it in Excel: it retains the concerns the tool
proposed (« Oui » in `Préoccupations`, column « Retenue ») and confirms the proposed lead teachers (`Référents`,
column « Confirmé »). Used by the demo and the tests; only the team's column is written, cell by cell."""
from __future__ import annotations

from pathlib import Path

from demarche_xl.problems import Report, UserError
from demarche_xl.schema.model import YES
from demarche_xl.schema.registry import table
from demarche_xl.store.base import CELLS, SheetWrite, WritePlan
from demarche_xl.tableio import match_headers
from demarche_xl.steps.needs import is_yes


def accept_proposals(store, key: str, decision: str = "confirmed", limit: int | None = None) -> list[str]:
    """Type « Oui » in the team's `decision` column of `key` for each row the tool proposed (« Proposition de
    l'outil »); returns the first cell of each row decided. Refuses when nothing is proposed yet."""
    declared = table(key)
    rows = store.read_rows(declared.sheet) if declared.sheet in store.sheet_names() else []
    found = match_headers(declared, rows[0])[0] if rows else {}
    if "proposed" not in found or decision not in found:
        raise UserError(f"la feuille « {declared.sheet} » n'a pas de proposition de l'outil à accepter",
                        f"lancez d'abord l'étape qui écrit « {declared.sheet} »")
    chosen = [(number, row) for number, row in enumerate(rows[1:], start=2)
              if found["proposed"] < len(row) and is_yes(row[found["proposed"]])][:limit]
    if not chosen:
        raise UserError(f"la feuille « {declared.sheet} » ne propose rien pour l'instant",
                        f"lancez d'abord l'étape qui écrit « {declared.sheet} »")
    cells = [[number, found[decision] + 1, YES] for number, _ in chosen]
    store.apply(WritePlan([SheetWrite(declared.sheet, [], cells, kind=CELLS, table=declared)]))
    return [str(row[0]) for _, row in chosen]


def retain_step(workbook: Path, folder: Path, context: dict) -> Report:
    """Demo: the team retains the proposed concerns."""
    from demarche_xl.store.file_store import FileStore

    chosen = accept_proposals(FileStore(workbook), "concern_ranking", "retained")
    return Report("Décision de l'équipe", [f"préoccupations retenues (colonne « Retenue ») : {', '.join(chosen)}"])


def confirm_step(workbook: Path, folder: Path, context: dict) -> Report:
    """Demo: the team confirms the proposed lead teachers."""
    from demarche_xl.store.file_store import FileStore

    chosen = accept_proposals(FileStore(workbook), "lead_teachers")
    return Report("Décision de l'équipe", [f"{len(chosen)} référents confirmés (colonne « Confirmé »)"])
