"""Tables of sharing the workbook between team members: the conflicts a merge of an e-mailed copy leaves to decide."""
from __future__ import annotations

from demarche_xl.schema.model import Column as C, Kind, Table

CONFLICTS = Table("conflicts", "Conflits", (
    C("sheet", "Feuille", width=18),
    C("row_ref", "Réf. ligne", width=12, help="La colonne « Réf. (ne pas modifier) » de la ligne concernée."),
    C("row", "Ligne (classeur maître)", Kind.INTEGER, width=10),
    C("column", "Colonne", width=22),
    C("master_value", "Valeur gardée (ce classeur)", width=28),
    C("copy_value", "Valeur de la copie", width=28),
    C("copy_file", "Copie", width=24),
    C("copy_author", "Modifié dans la copie par", width=18),
    C("copy_when", "Copie enregistrée le", Kind.DATE, width=16),
    C("merged_on", "Fusion du", Kind.DATE, width=16),
    C("decision", "Décision", width=30, editable=True,
      help="Notez ici la valeur retenue par l'équipe ; reportez-la dans la feuille concernée."),
), "fusionner", "Partage", "Désaccords entre ce classeur et les copies fusionnées : la valeur de ce classeur est "
   "gardée, l'équipe décide.")

TABLES = (CONFLICTS,)
