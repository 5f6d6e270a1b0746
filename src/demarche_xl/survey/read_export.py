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
    if not path.is_file():
        raise UserError(f"« {path} » est un dossier, pas un export", "donnez le chemin du fichier .csv ou .xlsx de "
                        "l'export ; rien n'a été modifié")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        rows = rows_of_text(decode(read_bytes(path), path.name), path.name)
    elif suffix in BOOK_SUFFIXES:
        rows = rows_of_book(path)
    else:
        raise UserError(f"« {path.name} » n'est pas un export reconnu (extension « {path.suffix or 'aucune'} »)",
                        "exportez les réponses en .csv ou .xlsx depuis LimeSurvey, Google Forms ou Microsoft Forms")
    rows = trimmed(rows)
    refuse_past_limits(rows, path.name)
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
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return _printable(data.decode("utf-16"), name)
        if data.startswith(b"\xef\xbb\xbf"):
            return _printable(data[3:].decode("utf-8", errors="strict"), name)
    except UnicodeDecodeError:
        return _printable("\0", name)  # a byte order mark, then bytes of another encoding
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # what a French Excel writes for « CSV (séparateur : point-virgule) »
        except UnicodeDecodeError:
            text = "\0"  # bytes cp1252 leaves undefined (0x81, 0x8d, 0x9d…): not a text export
    return _printable(text, name)


def _printable(text: str, name: str) -> str:
    if "\0" in text or sum(not (ch.isprintable() or ch in "\r\n\t") for ch in text[:5000]) > 5:
        raise UserError(f"« {name} » n'est pas lisible comme un fichier texte (encodage inconnu ou fichier binaire)",
                        "ouvrez l'export dans Excel et enregistrez-le en « CSV UTF-8 » ou en .xlsx ; rien n'a été "
                        "modifié")
    return text


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UserError(f"« {path.name} » ne peut pas être lu ({error.strerror})", "fermez-le s'il est ouvert dans "
                        "un autre programme, vérifiez vos droits sur le fichier, puis relancez ; rien n'a été "
                        "modifié") from error


def rows_of_text(text: str, name: str = "") -> list[list[object]]:
    first_line = text.split("\n", 1)[0]
    counts = {sep: count_outside_quotes(first_line, sep) for sep in (";", "\t", ",")}
    separator = max(counts, key=lambda s: (counts[s], s == ";"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        return [[cell if cell != "" else None for cell in row] for row in reader]
    except csv.Error as error:
        raise UserError(f"« {name} », ligne {reader.line_num} : le fichier CSV est mal formé ({error})",
                        FIX_EXPORT) from error


def refuse_past_limits(rows: list[list[object]], name: str) -> None:
    """An export larger than a sheet holds is refused (Excel would drop the rest when opening the workbook); texts
    longer than a cell holds are cut when written, and said (`store.limits`)."""
    from demarche_xl import french
    from demarche_xl.store.limits import MAX_COLUMNS, MAX_ROWS

    if len(rows) > MAX_ROWS:
        raise UserError(f"« {name} » a {french.number(len(rows))} lignes : une feuille Excel n'en contient que "
                        f"{french.number(MAX_ROWS)}", "coupez l'export en plusieurs fichiers (par période ou par "
                        "établissement) et importez-les ensemble ; rien n'a été modifié")
    width = max((len(r) for r in rows), default=0)
    if width > MAX_COLUMNS:
        raise UserError(f"« {name} » a {french.number(width)} colonnes : une feuille Excel n'en contient que "
                        f"{french.number(MAX_COLUMNS)}", "réexportez seulement les questions utiles (sans les "
                        "colonnes techniques), puis relancez ; rien n'a été modifié")


def count_outside_quotes(line: str, separator: str) -> int:
    if '"' not in line:  # a line of a million columns is counted at once
        return line.count(separator)
    inside, count = False, 0
    for ch in line:
        if ch == '"':
            inside = not inside
        elif ch == separator and not inside:
            count += 1
    return count


def rows_of_book(path: Path) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    if path.suffix.lower() in (".xlsx", ".xlsm"):
        _check_sheets(path)
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


def _check_sheets(path: Path) -> None:
    """Sheets calamine could not lay out (a value in Excel's last cell) are refused before it reads them."""
    import zipfile

    from demarche_xl.store.guard import sheet_parts
    from demarche_xl.store.readable import check_sheet

    try:
        with zipfile.ZipFile(path) as package:
            parts = sheet_parts(package)
    except (zipfile.BadZipFile, OSError):
        return  # calamine says the file is damaged
    for sheet, part in parts.items():
        check_sheet(path, part, sheet)


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
