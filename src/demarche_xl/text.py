"""Small text helpers shared by every layer: normalising for comparison, identifiers, formula neutralising."""
from __future__ import annotations

import functools
import re
import unicodedata

FORMULA_STARTS = ("=", "+", "-", "@")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: object) -> str:
    """Lower case, no accents, apostrophes/dashes/spaces folded: for matching headers, names, answers."""
    if text is None:
        return ""
    return _normalise_text(text if isinstance(text, str) else str(text))


@functools.lru_cache(maxsize=65536)  # answers repeat the same few labels thousands of times
def _normalise_text(text: str) -> str:
    s = strip_accents(text).lower()
    s = s.replace("’", "'").replace("‘", "'").replace("œ", "oe").replace("æ", "ae")
    s = re.sub(r"[\s\u00a0_\-]+", " ", s)
    return s.strip(" .:;,")


def ascii_identifier(text: str) -> str:
    s = strip_accents(text)
    s = re.sub(r"[^0-9A-Za-z]+", "_", s).strip("_")
    return s or "x"


def neutralise_formula(value: object) -> object:
    """Text coming from outside must never be read as a formula: prefix it with an apostrophe (OWASP advice).

    openpyxl and xlwings both turn a string starting with '=' into a formula, and Excel, LibreOffice or a later CSV
    export may evaluate + - @ too. Plain negative numbers written as text ("-3") are left alone.
    """
    if isinstance(value, str) and value and value.lstrip()[:1] in FORMULA_STARTS:
        stripped = value.lstrip()
        if stripped[:1] == "-" and _looks_like_number(stripped):
            return value
        return "'" + value
    return value


def _looks_like_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True
