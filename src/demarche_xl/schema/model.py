"""The vocabulary used to declare tables once: column kinds, columns, tables, parameters.

A declaration is the single source for creating a sheet, validating what users typed, reading it into a typed
DataFrame and writing a step's output back. Nothing here touches a file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

USER = "utilisateur"  # owner of tables the project team fills in
ROW_ID = "row_id"  # the automatic column following each row of a team table across sorts and e-mailed copies
ROW_ID_HEADER = "Réf. (ne pas modifier)"


class Kind(Enum):
    TEXT = "texte"
    INTEGER = "entier"
    NUMBER = "nombre"
    PERCENT = "pourcentage"
    BOOLEAN = "oui/non"
    DATE = "date"
    EMAIL = "courriel"
    ANY = "valeur"  # kept as typed (the `Valeur` column of `Paramètres`)


YES, NO = "Oui", "Non"


@dataclass(frozen=True)
class Column:
    """One column of a declared table."""

    key: str
    header: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()  # fixed dropdown values
    choice_list: str = ""  # or: dropdown values kept in a column of the `Listes` sheet (its key)
    help: str = ""  # input message shown in Excel when the cell is selected
    width: int = 0  # 0 = computed from the header
    unique: bool = False
    editable: bool = False  # in a step's output table: the team may edit it, the step keeps its values
    aliases: tuple[str, ...] = ()  # other headers accepted when reading
    computed_by: str = ""  # in a table the team owns: the step that computes this column (and only it writes it)
    multiline: bool = False  # free text whose line breaks are kept when read (other text has its spaces collapsed)

    @property
    def has_dropdown(self) -> bool:
        return bool(self.choices or self.choice_list or self.kind is Kind.BOOLEAN)


@dataclass(frozen=True)
class Chart:
    """A native Excel bar chart the stores draw beside a table, over the rows just written (replaced on rewrite)."""

    title: str  # also how a store recognises its own chart on the sheet
    categories: str  # column key of the labels
    values: str  # column key of the numbers
    anchor: str = "J2"  # top-left cell
    kind: str = "bar"  # "bar": horizontal bars, "col": vertical bars
    where: tuple[str, str] | None = None  # (column key, value): only the rows whose column holds that value


@dataclass(frozen=True)
class Table:
    """One table: one sheet holding one named Excel Table starting at A1."""

    key: str
    sheet: str
    columns: tuple[Column, ...]
    owner: str = USER  # USER, or the name of the step that writes it
    phase: str = ""
    description: str = ""
    row_key: tuple[str, ...] = ()  # columns that identify a row across reruns and copies
    charts: tuple[Chart, ...] = ()  # native charts drawn beside the table
    # a table several steps write, each only its own rows: (step, column key, prefix of that column's value)
    row_owners: tuple[tuple[str, str, str], ...] = ()
    row_ids: bool = True  # a team table gets the automatic `ROW_ID` column (not `Listes`, a table of columns)

    def __post_init__(self) -> None:
        if self.has_row_ids and ROW_ID not in [c.key for c in self.columns]:
            object.__setattr__(self, "columns", (*self.columns, row_id_column()))

    @property
    def has_row_ids(self) -> bool:
        return self.row_ids and self.owner == USER

    @property
    def excel_name(self) -> str:
        """The Excel Table name: letters, digits and underscores only."""
        from demarche_xl.text import ascii_identifier

        return "T_" + ascii_identifier(self.sheet)

    @property
    def is_user_input(self) -> bool:
        return self.owner == USER

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"{self.key}.{key}")

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def row_id_column() -> Column:
    return Column(ROW_ID, ROW_ID_HEADER, width=12, aliases=("Réf.", "Ref"),
                  help="Référence de la ligne, remplie par demarche-xl pour la suivre entre les copies du classeur. "
                       "Ne la modifiez pas ; laissez-la vide sur une nouvelle ligne.")


@dataclass(frozen=True)
class Param:
    """One setting of the `Paramètres` sheet (a key/value table)."""

    key: str
    label: str
    kind: Kind
    default: object
    help: str = ""
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListDef:
    """One list of the `Listes` sheet: a column whose values feed dropdowns elsewhere."""

    key: str
    header: str
    values: tuple[str, ...]
    help: str = ""
    defined_name: str = field(default="")

    @property
    def name(self) -> str:
        from demarche_xl.text import ascii_identifier

        return self.defined_name or "L_" + ascii_identifier(self.header)
