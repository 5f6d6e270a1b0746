"""Small text helpers shared by every layer: normalising for comparison, identifiers, text that looks like a formula."""
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


def looks_like_formula(value: object) -> bool:
    """Whether a text would be taken for a formula by Excel, LibreOffice or a program reading a CSV export of it
    (OWASP: = + - @, after any leading space): stores write such text as text, shown as typed (`quotePrefix`)."""
    return isinstance(value, str) and value.lstrip()[:1] in FORMULA_STARTS
