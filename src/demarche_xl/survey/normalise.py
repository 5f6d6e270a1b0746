"""Turning raw answer cells into reference values (pure): display names and matching keys, e-mails, Likert words to
numbers, yes/no, single and multiple choices (options that contain commas split right), and the timestamps every
survey tool writes. Also the per-option 0/1 view of a multiple-choice answer for the analysis, and `per_distinct`,
which converts a column once per distinct value."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import pandas as pd

from demarche_xl.schema.lists import list_def
from demarche_xl.survey.questions import Question
from demarche_xl.tableio import FALSE_WORDS, TRUE_WORDS, is_blank, parse_date_text
from demarche_xl.text import normalise

JOIN = "; "  # how `Réponses` keeps several options in one cell
AGREEMENT = ("Pas du tout d'accord", "Plutôt pas d'accord", "Ni d'accord ni pas d'accord", "Plutôt d'accord",
             "Tout à fait d'accord")
AGREEMENT_4 = ("Pas du tout d'accord", "Plutôt pas d'accord", "Plutôt d'accord", "Tout à fait d'accord")
FREQUENCY = ("Jamais", "Rarement", "Parfois", "Souvent", "Très souvent")
GENERIC_SCALES = (AGREEMENT, AGREEMENT_4, FREQUENCY)
SLASH_DATE = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?")
CHECKED = {"y", "oui", "yes", "x", "1", "vrai", "true", "coche", "selectionne"}
ANSWER_CODE = re.compile(r"^a0*(\d+)$")  # LimeSurvey answer codes A1, A2… when exported as codes


@lru_cache(maxsize=200_000)
def _fold_text(text: str) -> str:
    return normalise(text)


def fold(value: object) -> str:
    """`text.normalise`, remembered: the same answers come back thousands of times."""
    return "" if value is None else _fold_text(value if isinstance(value, str) else str(value))


@lru_cache(maxsize=1024)
def keyed(options: tuple[str, ...]) -> dict[str, str]:
    """Folded spelling → option, for a list of options (computed once per list)."""
    return {fold(o): o for o in options}


@lru_cache(maxsize=1024)
def widest(options: tuple[str, ...]) -> int:
    """The most commas an option holds once folded: pieces of a cell whose commas are more cannot spell one."""
    return max((key.count(",") for key in keyed(options)), default=0)


def clean(value: object) -> str | None:
    """Text with spaces collapsed, or None when blank; numbers that are whole shown without « .0 »."""
    if value is None:
        return None
    if isinstance(value, str):
        return _collapsed(value)
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        if value.is_integer():
            value = int(value)
    return _collapsed(str(value))


@lru_cache(maxsize=200_000)
def _collapsed(text: str) -> str | None:
    return " ".join(text.split()) or None  # spaces, tabs, line breaks, non-breaking spaces: as `\s+` does


def clean_text(value: object) -> str | None:
    """Free text as typed, its line breaks kept (a list, several paragraphs): spaces collapsed within each line,
    Windows and Mac line ends made « \\n », blank lines at the ends dropped and runs of them reduced to one."""
    if is_blank(value):
        return None
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    if "\n" not in text:
        return clean(text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text or None


def display_name(value: object) -> str | None:
    """« DUPONT » or « jean-pierre » become « Dupont », « Jean-Pierre »; names typed with mixed case are kept."""
    text = clean(value)
    if text is None or (text != text.upper() and text != text.lower()):
        return text
    return re.sub(r"[^\W\d_]+", lambda m: m[0][:1].upper() + m[0][1:].lower(), text)


def email_key(value: object) -> str:
    """An e-mail as compared: lower case, no spaces, no « mailto: »; "" when it is not an address."""
    text = clean(value)
    return _email(text) if text else ""


@lru_cache(maxsize=100_000)
def _email(text: str) -> str:
    text = text.lower().replace(" ", "")
    text = text[7:] if text.startswith("mailto:") else text
    return text if "@" in text else ""


def options_of(question: Question, lists: dict[str, list[str]]) -> list[str]:
    if question.options:
        return list(question.options)
    if not question.option_list:
        return []
    return list(lists.get(question.option_list) or list_def(question.option_list).values)


def number_of(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = (clean(value) or "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def scale_level(value: object, options: list[str], top: int | None = None) -> int | None:
    """1-based level of a scale answer: its place among the options, a generic French scale, or a number typed;
    a number on a scale of `top` points (« de 1 à 5 » in the heading) is brought to the options' scale."""
    text = clean(value)
    if text is None:
        return None
    key = fold(text)
    for scale in (tuple(options), *GENERIC_SCALES):
        keys = list(keyed(scale))
        if key in keys:
            return keys.index(key) + 1
    code = ANSWER_CODE.match(text.lower())  # LimeSurvey answer codes A1…A4 when exported as codes
    if code and 1 <= int(code[1]) <= len(options):
        return int(code[1])
    found = re.match(r"^\s*(\d+(?:[.,]0+)?)\s*(?:[-–:)/.]|$)", text)
    if found and top and options and top != len(options):
        number = number_of(found[1])
        if number is not None and 1 <= number <= top:
            return int(round(1 + (number - 1) * (len(options) - 1) / (top - 1) + 1e-9))
    if found:
        number = number_of(found[1])
        if number is not None and number.is_integer() and 1 <= number <= max(len(options), 5):
            return int(number)
    return None


def yes_no(value: object) -> bool | None:
    key = fold(value)
    if not key:
        return None
    first = re.split(r"[ ,;!]", key)[0]
    if key in TRUE_WORDS or first in ("oui", "yes"):
        return True
    if key in FALSE_WORDS or first in ("non", "no"):
        return False
    return None


def single_choice(value: object, options: list[str]) -> str | None:
    """The option as `Listes` spells it when it matches (accents, case, spaces ignored), else the text as typed."""
    text = clean(value)
    if text is None:
        return None
    by_key = keyed(tuple(options))
    if fold(text) in by_key:
        return by_key[fold(text)]
    code = ANSWER_CODE.match(text.lower())
    if code and 1 <= int(code[1]) <= len(options):
        return options[int(code[1]) - 1]
    return text


def split_choices(value: object, options: list[str]) -> list[str]:
    """Options ticked in one cell: Google Forms joins with ", ", Microsoft Forms ends each with ";", LimeSurvey and
    hand typing use ";" or ",". Pieces are glued back while they spell a known option (longest first), so
    « Quiz, sondages interactifs » stays one option; other pieces are kept as typed (an « autre » answer)."""
    text = clean(value)
    if text is None:
        return []
    pieces = [p.strip() for p in re.split(r"[;,]", text)]
    known = keyed(tuple(options))
    reach = widest(tuple(options))
    solid = [k for k, piece in enumerate(pieces) if fold(piece)]  # pieces that stay once folded, and their commas
    out: list[str] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            inside = [k for k in solid if i <= k < j]
            if inside and inside[-1] - inside[0] > reach:  # more commas than any option holds: no need to look
                continue
            option = known.get(fold(", ".join(pieces[i:j])))
            if option is not None:
                out.append(option)
                i = j
                break
        else:
            if pieces[i]:
                out.append(pieces[i])
            i += 1
    return list(dict.fromkeys(out))


def multi_value(choices: list[str], options: list[str]) -> str | None:
    """Several options in one cell, in the list's order, joined by « ; »."""
    order = {o: i for i, o in enumerate(options)}
    unique = list(dict.fromkeys(choices))
    unique.sort(key=lambda c: order.get(c, len(order)))
    return JOIN.join(unique) or None


def is_checked(value: object, option: str) -> bool:
    """A per-option column (LimeSurvey `Y`/blank, « Oui », « X », 1, or the option's own text) is ticked."""
    key = fold(value)
    return bool(key) and (key in CHECKED or key == fold(option))


def timestamp(value: object) -> dt.datetime | None:
    """ISO (LimeSurvey), dd/mm/yyyy hh:mm:ss (Google Forms, French Excel), yyyy/mm/dd (Google in English), Excel
    serial numbers (also with a decimal comma) and real datetimes (Microsoft Forms read from .xlsx)."""
    if is_blank(value) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    number = None if isinstance(value, str) and (":" in value or "/" in value) else number_of(value)  # not a number
    if number is not None and 20000 < number < 80000:
        return (dt.datetime(1899, 12, 30) + dt.timedelta(days=number)).replace(microsecond=0)
    text = str(value).strip()
    parsed = parse_date_text(text)
    if parsed is not None:
        return parsed
    m = SLASH_DATE.match(text)
    if not m:
        return None
    hour = int(m[4] or 0) % 12 + (12 if (m[7] or "").lower() == "pm" else 0) if m[7] else int(m[4] or 0)
    try:
        return dt.datetime(int(m[1]), int(m[2]), int(m[3]), hour, int(m[5] or 0), int(m[6] or 0))
    except ValueError:
        return None


def option_columns(answers: pd.DataFrame, question: Question, lists: dict[str, list[str]] | None = None
                   ) -> pd.DataFrame:
    """One 0/1 column per option of a multiple-choice question (the `Réponses` cell splits on « ; »), same index
    as `answers`; answers outside the list get a column of their own, after the list's options."""
    options = options_of(question, lists or {})
    cells = answers[question.target] if question.target in answers else pd.Series([None] * len(answers),
                                                                                 index=answers.index)
    chosen = [[p.strip() for p in str(v).split(";") if p.strip()] if not is_blank(v) else [] for v in cells]
    extra = sorted({c for row in chosen for c in row} - set(options))
    columns = [*options, *extra]
    data = [[int(option in row) for option in columns] for row in chosen]
    return pd.DataFrame(data, index=answers.index, columns=columns, dtype="int64")


def per_distinct(cells, function) -> list:
    """`function` of each cell, computed once per distinct cell, in the order the cells are first met (1, 1.0 and
    True are told apart): answers repeat the same few values thousands of times."""
    cells = list(cells)
    distinct = dict.fromkeys(cells)
    if all(cell is None or cell.__class__ is str for cell in distinct):  # text (the usual case): no such pair
        results = {cell: function(cell) for cell in distinct}
        return list(map(results.__getitem__, cells))
    keys = list(zip(map(type, cells), cells))
    results = {key: function(key[1]) for key in dict.fromkeys(keys)}
    return list(map(results.__getitem__, keys))
