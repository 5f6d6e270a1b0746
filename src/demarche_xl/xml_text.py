"""Text put into and read from XML as `xml.sax.saxutils` does it (`escape`, `quoteattr`, `unescape`), without importing
that module: it loads `urllib.request`, and with it `http` and `ssl`, a few hundredths of a second at every start
of the command."""
from __future__ import annotations

_ATTRIBUTE = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def escape(text: str) -> str:
    """`&`, `<` and `>` as entities."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """An attribute value with its quotes: escaped, line breaks and tabs as character references, in double quotes
    unless it holds some (then in single quotes, or with `&quot;` when it holds both)."""
    text = escape(text)
    for character, reference in _ATTRIBUTE.items():
        text = text.replace(character, reference)
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))


def unescape(text: str, entities: dict[str, str] | None = None) -> str:
    """`&lt;` and `&gt;`, then `entities`, then `&amp;` back to characters."""
    text = text.replace("&lt;", "<").replace("&gt;", ">")
    for entity, character in (entities or {}).items():
        text = text.replace(entity, character)
    return text.replace("&amp;", "&")
