"""Small text helpers shared by every layer: normalising for comparison, identifiers, text that looks like a formula."""
from __future__ import annotations

import functools
import re
import unicodedata

FORMULA_STARTS = ("=", "+", "-", "@")
SEPARATORS = re.compile(r"[\s\u00a0_\-]+")  # runs of spaces, underscores and dashes: one space when comparing


class _CombiningMarks(dict):
    """`str.translate` table that deletes combining marks (accents once decomposed), filled as characters appear."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        self[code] = None if unicodedata.combining(char) else char
        return self[code]


COMBINING_MARKS = _CombiningMarks()


def strip_accents(text: str) -> str:
    if text.isascii():  # nothing to decompose (most names and answers): the text as it is
        return text
    return unicodedata.normalize("NFKD", text).translate(COMBINING_MARKS)


def normalise(text: object) -> str:
    """Lower case, no accents, apostrophes/dashes/spaces folded: for matching headers, names, answers."""
    if text is None:
        return ""
    return _normalise_text(text if isinstance(text, str) else str(text))


@functools.lru_cache(maxsize=65536)  # answers repeat the same few labels thousands of times
def _normalise_text(text: str) -> str:
    s = strip_accents(text).lower()
    s = s.replace("’", "'").replace("‘", "'").replace("œ", "oe").replace("æ", "ae")
    s = SEPARATORS.sub(" ", s)
    return s.strip(" .:;,")


def ascii_identifier(text: str) -> str:
    s = strip_accents(text)
    s = re.sub(r"[^0-9A-Za-z]+", "_", s).strip("_")
    return s or "x"


def looks_like_formula(value: object) -> bool:
    """Whether a text would be taken for a formula by Excel, LibreOffice or a program reading a CSV export of it
    (OWASP: = + - @, after any leading space): stores write such text as text, shown as typed (`quotePrefix`)."""
    return isinstance(value, str) and value.lstrip()[:1] in FORMULA_STARTS
