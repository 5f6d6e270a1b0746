"""Cleaning free text of personal data: e-mail addresses, French phone numbers, the roster's IDs and every known
person's names (full name in either order, « Mme Nom », « H. Nom », the last or first name alone), matched without
regard to case or accents, on word boundaries.

A name that points to one person becomes that person's pseudonym; a first name alone or a last name shared by
several people becomes « [nom] ». Words equal to a known name are replaced even when used as ordinary words
(« Petit », « Claire »): better too much than too little.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
PHONE = re.compile(r"(?<!\d)(?:(?:\+|00)\s?33\s?(?:\(0\))?\s?[1-9]|0[1-9])(?:[\s.\-/]?\d{2}){4}(?!\d)")
EMAIL_GONE, PHONE_GONE, NAME_GONE = "[courriel retiré]", "[téléphone retiré]", "[nom]"
TITLES = r"(?:madame|monsieur|mademoiselle|mme|mlle|mr|m)\.?\s+"
SEPARATOR = r"[\s\-'’.]+"


@dataclass(frozen=True)
class Person:
    """Someone whose names must not leave the workbook, and what replaces them."""

    pseudonym: str
    first_name: str = ""
    last_name: str = ""
    ids: tuple[str, ...] = ()


def fold(text: str) -> str:
    """Lower case without accents, one character for one (so positions match the original text)."""
    return "".join((unicodedata.normalize("NFKD", ch)[:1] or ch).lower() for ch in text)


def _pattern(name: str) -> str:
    parts = [re.escape(p) for p in re.split(SEPARATOR, fold(name).strip()) if p]
    return SEPARATOR.join(parts)


class Scrubber:
    """Built once from everyone known (teachers, respondents, facilitators); cleans any text."""

    def __init__(self, people: list[Person]) -> None:
        self._full: dict[str, str] = {}  # folded variant → pseudonym, or NAME_GONE when several people share it
        lasts: dict[str, set[str]] = {}
        firsts: set[str] = set()
        self._ids: dict[str, str] = {}
        for person in people:
            first, last = person.first_name.strip(), person.last_name.strip()
            if len(_key(first)) >= 2:
                firsts.add(_key(first))
            if len(_key(last)) >= 2:
                lasts.setdefault(_key(last), set()).add(person.pseudonym)
            if first and last:
                for variant in (f"{first} {last}", f"{last} {first}", f"{first[0]} {last}", f"{first} {last[0]}"):
                    key = _key(variant)
                    known = self._full.setdefault(key, person.pseudonym)
                    if known != person.pseudonym:
                        self._full[key] = NAME_GONE
            self._ids.update({ident: person.pseudonym for ident in person.ids if ident})
        self._single: dict[str, str] = {key: NAME_GONE for key in firsts}
        for key, owners in lasts.items():
            self._single[key] = next(iter(owners)) if len(owners) == 1 and key not in firsts else NAME_GONE
        self._full_re = _alternation(self._full)
        self._single_re = _alternation(self._single)
        self._ids_re = re.compile(r"(?<![\w-])(" + "|".join(re.escape(i) for i in sorted(self._ids, key=len,
                                                                                        reverse=True))
                                  + r")(?![\w-])") if self._ids else None

    def text(self, value: object) -> object:
        """The cleaned text; anything that is not text is returned as it is."""
        if not isinstance(value, str) or not value:
            return value
        text = unicodedata.normalize("NFC", value)
        text = EMAIL.sub(EMAIL_GONE, text)
        text = PHONE.sub(PHONE_GONE, text)
        if self._ids_re is not None:
            text = self._ids_re.sub(lambda m: self._ids[m.group(1)], text)
        for regex, table in ((self._full_re, self._full), (self._single_re, self._single)):
            if regex is not None:
                text = _replace(regex, table, text)
        return text

    def names(self, value: object) -> str | None:
        """The pseudonym a whole cell names (« Dupont Hélène », « H. Dupont »), or None."""
        if not isinstance(value, str):
            return None
        key = _key(re.sub(TITLES, "", fold(value).strip()))
        found = self._full.get(key) or self._single.get(key)
        return found if found != NAME_GONE else None


def _key(name: str) -> str:
    return " ".join(p for p in re.split(SEPARATOR, fold(name).strip()) if p)


def _alternation(table: dict[str, str]) -> re.Pattern | None:
    if not table:
        return None
    body = "|".join(_pattern(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<!\w)((?:{TITLES})?)({body})(?!\w)")


def _replace(regex: re.Pattern, table: dict[str, str], text: str) -> str:
    folded = fold(text)
    out, last = [], 0
    for match in regex.finditer(folded):
        replacement = table.get(_key(match.group(2)))
        if replacement is None:
            continue
        if replacement == NAME_GONE:  # keep the title: « Mme [nom] » still reads
            replacement = text[match.start(1):match.end(1)] + replacement
        out.append(text[last:match.start()])
        out.append(replacement)
        last = match.end()
    out.append(text[last:])
    return "".join(out)
