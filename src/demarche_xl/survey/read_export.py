"""Reading a survey export file as it really arrives (edge code, no workbook access): CSV in UTF-8 (with or without
BOM), UTF-16 or Windows-1252 as a French Excel saves it, separated by « , », « ; » or tabs; .xlsx/.xlsm/.ods
through python-calamine. Cells are copied unchanged; the tool that produced the export is recognised from its
headings. Every failure is a French `UserError`, before anything is written."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from demarche_xl.problems import UserError
from demarche_xl.tableio import is_blank

TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
BOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls")
FIX_EXPORT = "réexportez les réponses depuis l'outil d'enquête (CSV ou Excel) puis relancez ; rien n'a été modifié"


def read_export(path: Path) -> list[list[object]]:
    """The export's rows (headings first), trailing empty rows and columns removed."""
    if not path.exists():
        raise UserError(f"le fichier « {path} » est introuvable", "vérifiez le nom et le dossier du fichier")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        rows = rows_of_text(decode(path.read_bytes(), path.name))
    elif suffix in BOOK_SUFFIXES:
        rows = rows_of_book(path)
    else:
        raise UserError(f"« {path.name} » n'est pas un export reconnu (extension « {path.suffix or 'aucune'} »)",
                        "exportez les réponses en .csv ou .xlsx depuis LimeSurvey, Google Forms ou Microsoft Forms")
    rows = trimmed(rows)
    if not rows:
        raise UserError(f"« {path.name} » est vide : aucune réponse à importer", FIX_EXPORT)
    if all(is_blank(v) for v in rows[0]):
        raise UserError(f"« {path.name} » n'a pas de ligne de titres (la première ligne est vide)",
                        "supprimez les lignes vides au-dessus des titres, ou réexportez ; rien n'a été modifié")
    blank_titles = [i + 1 for i, v in enumerate(rows[0]) if is_blank(v)]
    if blank_titles:
        raise UserError(f"« {path.name} » : la colonne {blank_titles[0]} n'a pas de titre en ligne 1",
                        "donnez un titre à chaque colonne (ou supprimez les colonnes vides) ; rien n'a été modifié")
    from demarche_xl.schema.lists import ALL_LISTS
    from demarche_xl.survey.mapping import data_like
    from demarche_xl.survey.questions import SATISFACTION, SURVEY

    answers = data_like(rows[0], SURVEY + SATISFACTION, {item.key: list(item.values) for item in ALL_LISTS})
    if len(answers) >= 2:
        raise UserError(f"« {path.name} » n'a pas de ligne de titres : la ligne 1 contient des réponses "
                        f"(« {answers[0]} », « {answers[1]} »)", "réexportez avec la ligne des titres des questions "
                        "; rien n'a été modifié")
    return rows


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise UserError(f"« {name} » est vide : aucune réponse à importer", FIX_EXPORT)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")  # what a French Excel writes for « CSV (séparateur : point-virgule) »
            except UnicodeDecodeError:
                text = "\0"
    if "\0" in text or sum(not (ch.isprintable() or ch in "\r\n\t") for ch in text[:5000]) > 5:
        raise UserError(f"« {name} » n'est pas lisible comme un fichier texte (encodage inconnu ou fichier binaire)",
                        "ouvrez l'export dans Excel et enregistrez-le en « CSV UTF-8 » ou en .xlsx ; rien n'a été "
                        "modifié")
    return text


def rows_of_text(text: str) -> list[list[object]]:
    first_line = text.split("\n", 1)[0]
    counts = {sep: count_outside_quotes(first_line, sep) for sep in (";", "\t", ",")}
    separator = max(counts, key=lambda s: (counts[s], s == ";"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    return [[cell if cell != "" else None for cell in row] for row in reader]


def count_outside_quotes(line: str, separator: str) -> int:
    inside, count = False, 0
    for ch in line:
        if ch == '"':
            inside = not inside
        elif ch == separator and not inside:
            count += 1
    return count


def rows_of_book(path: Path) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
        sheets = [book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in names]
    except Exception as error:  # calamine raises its own error types for damaged or protected files
        raise UserError(f"« {path.name} » n'a pas pu être lu comme un classeur ({type(error).__name__})",
                        "ouvrez-le dans Excel, enregistrez-le en .xlsx puis relancez ; rien n'a été modifié") from error
    filled = [s for s in sheets if trimmed(s)]
    rows = filled[0] if filled else []
    return [[None if v == "" else v for v in row] for row in rows]


def trimmed(rows: list[list[object]]) -> list[list[object]]:
    rows = [list(r) for r in rows]
    while rows and all(is_blank(v) for v in rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    while width and all(len(r) < width or is_blank(r[width - 1]) for r in rows):
        width -= 1
    return [(r + [None] * width)[:width] for r in rows]


def detect_tool(header: list[object], path: Path) -> str:
    """« LimeSurvey », « Google Forms », « Microsoft Forms », or the file's name when the layout is unknown."""
    from demarche_xl.survey.tools import tool_of

    return tool_of(header) or path.stem


def sheet_name(prefix: str, source: str) -> str:
    """« Q - source » within Excel's limits (31 characters, no : \\ / ? * [ ])."""
    cleaned = "".join(" " if ch in ':\\/?*[]' else ch for ch in source).strip(" '") or "Export"
    return (prefix + cleaned)[:31].rstrip()
