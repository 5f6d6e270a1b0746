"""French wording, in one place: plurals agreed with their count, elision (« d'Amélie », « l'atelier »), French
numbers, percents and dates, and typography (non-breaking spaces before « : ; ! ? » and inside « »).

Every text a user reads (documents, sheets, CLI messages) is built with these helpers instead of « (s) » plurals,
« de » glued to a vowel or « 69.0 ». `elision_faults` and `plural_placeholders` find what slipped through, for the
tests that scan produced documents.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

NBSP = "\u00a0"  # the non-breaking space every Office font has (Word's French autocorrect inserts it too)
VOWELS = set("aeiouyàâäéèêëîïôöùûüœæ")
# words whose h is « aspiré » (no elision): the common ones, and those a collège's texts meet
ASPIRATED_H = {
    "hache", "haie", "haine", "hall", "halte", "hameau", "hamster", "hanche", "handball", "handicap", "handicapé",
    "handicapée", "handicapés", "handicapées", "hangar", "hanter", "harcèlement", "harceler", "hardi", "haricot",
    "harpe", "hasard", "hâte", "hausse", "haut", "haute", "hauteur", "hauts", "hautes", "hennir", "hérisson",
    "héros", "hêtre", "hibou", "hiérarchie", "hiérarchique", "hockey", "hollande", "hollandais", "homard", "hongrie",
    "hongrois", "honte", "honteux", "hors", "housse", "hublot", "huit", "huitième", "hurler", "hutte",
}
FUNCTION_WORDS = {"à", "au", "aux", "de", "du", "des", "d", "en", "et", "ou", "sur", "par", "pour", "dans", "avec",
                  "sans", "le", "la", "les", "l", "leur", "leurs", "son", "sa", "ses", "un", "une", "entre", "selon"}
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
NO_ELISION = {"onze", "onzième", "oui", "ouate", "ouistiti", "yaourt", "uhlan"}  # vowel sound, yet no elision
ELIDABLE = ("de", "le", "la", "que", "ce", "ne", "je", "me", "te", "se", "jusque", "lorsque", "puisque")


# elision ------------------------------------------------------------------------------------------------------------
def _first_word(text: str) -> str:
    match = re.match(r"[^\W\d_]+", text.strip())
    return match.group(0) if match else ""


def starts_with_vowel_sound(text: object) -> bool:
    """Whether the word (a name, a discipline, a noun) begins with a vowel sound, so « de » becomes « d' ».

    A mute h elides (« d'Hugo », « d'histoire »), an aspirated one does not (« de harcèlement »); a y elides
    before a consonant (« d'Yves ») but not before a vowel (« de Yannick »). Digits and symbols never elide."""
    word = _first_word(str(text or ""))
    if not word:
        return False
    lower = word.lower()
    first = lower[0]
    if lower in NO_ELISION:
        return False
    if first == "h":
        return lower not in ASPIRATED_H and len(lower) > 1
    if first == "y":
        return len(lower) > 1 and lower[1] not in VOWELS
    return first in VOWELS


def elide(word: str, following: object) -> str:
    """« de » + « Amélie » → « d'Amélie » ; « de » + « Paul » → « de Paul » (keeps the case of `word`)."""
    text = str(following if following is not None else "").strip()
    if word.lower() in ELIDABLE and starts_with_vowel_sound(text):
        return f"{word[:-1]}'{text}"
    return f"{word} {text}".rstrip()


def de(following: object) -> str:
    return elide("de", following)


def que(following: object) -> str:
    return elide("que", following)


def the(noun: object, feminine: bool = False) -> str:
    """« l'atelier », « le groupe », « la séance »."""
    return elide("la" if feminine else "le", noun)


def of_the(noun: object, feminine: bool = False) -> str:
    """« du groupe », « de la séance », « de l'atelier »."""
    text = str(noun)
    if starts_with_vowel_sound(text):
        return f"de l'{text}"
    return f"de la {text}" if feminine else f"du {text}"


def to_the(noun: object, feminine: bool = False) -> str:
    """« au groupe », « à la séance », « à l'atelier »."""
    text = str(noun)
    if starts_with_vowel_sound(text):
        return f"à l'{text}"
    return f"à la {text}" if feminine else f"au {text}"


# plurals ------------------------------------------------------------------------------------------------------------
def _plural_word(word: str) -> str:
    lower = word.lower()
    if not word or lower[-1] in "sxz" or not word[-1].isalpha():
        return word
    if lower.endswith(("eau", "eu", "au")) and lower not in ("pneu", "bleu"):
        return word + "x"
    if lower.endswith("al") and lower not in ("bal", "festival", "récital", "final", "carnaval", "chacal", "régal"):
        return word[:-2] + "aux"
    return word + "s"


def plural_form(singular: str) -> str:
    """« mise en pratique » → « mises en pratique », « groupe actif » → « groupes actifs »: every word up to the
    first small word (de, en, sur…) takes the plural; what follows it is a complement and stays."""
    words = singular.split(" ")
    out = []
    for index, word in enumerate(words):
        if word.lower().strip("'’") in FUNCTION_WORDS or "'" in word or "’" in word:
            out.extend(words[index:])
            break
        out.append(_plural_word(word))
    return " ".join(out)


def plural(n: float, singular: str, plural_text: str | None = None) -> str:
    """The noun agreed with `n`: singular below 2 (« 0 enseignant », « 1,5 heure »), plural from 2."""
    return singular if abs(n) < 2 else (plural_text or plural_form(singular))


def count(n: float, singular: str, plural_text: str | None = None, decimals: int = 0) -> str:
    """« 3 enseignants », « 1 groupe », « 1 234 réponses »."""
    return f"{number(n, decimals)} {plural(n, singular, plural_text)}"


# numbers and dates --------------------------------------------------------------------------------------------------
def number(value: object, decimals: int = 0) -> str:
    """French number: decimal comma, non-breaking space between thousands (« 1 234,5 »)."""
    if value is None or value == "":
        return ""
    try:
        amount = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if amount != amount:  # NaN
        return ""
    text = f"{amount:,.{decimals}f}"
    if text in ("-0", "-0." + "0" * decimals):
        text = text[1:]
    return text.replace(",", NBSP).replace(".", ",")


def percent(ratio: object, decimals: int = 0) -> str:
    """A share (0.53) written « 53 % »."""
    try:
        value = float(ratio) * 100  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(ratio or "")
    return f"{number(value, decimals)}{NBSP}%"


def score(value: object, out_of: int | None = None, decimals: int = 1) -> str:
    """« 4,0 / 5 » (or « 4,0 » without a scale)."""
    text = number(value, decimals)
    return f"{text}{NBSP}/{NBSP}{out_of}" if out_of and text else text


def date_long(day: dt.date | dt.datetime | None, weekday: bool = False) -> str:
    """« 1er décembre 2026 », « mardi 1er décembre 2026 »."""
    if day is None:
        return ""
    first = "1er" if day.day == 1 else str(day.day)
    text = f"{first} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def datetime_long(moment: dt.datetime) -> str:
    """« 1er décembre 2026 à 14 h 05 »."""
    return f"{date_long(moment)} à {moment.hour}{NBSP}h{NBSP}{moment.minute:02d}"


def join(items: list[str] | tuple[str, ...], last: str = "et") -> str:
    """« a, b et c »."""
    items = [str(i) for i in items if str(i)]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


# typography ---------------------------------------------------------------------------------------------------------
def quote(text: object) -> str:
    return f"«{NBSP}{text}{NBSP}»"


def typography(text: str) -> str:
    """Non-breaking spaces where French puts them: before « : ; ! ? » and inside « ». Idempotent; leaves times
    (14:30), addresses (https://) and drive letters (C:\\) alone."""
    if not text:
        return text
    text = re.sub(r"«[ \t\u00a0\u202f]*", "«" + NBSP, text)
    text = re.sub(r"[ \t\u00a0\u202f]*»", NBSP + "»", text)
    text = re.sub(r"[ \t\u202f]+([:;!?])", NBSP + r"\1", text)
    text = re.sub(r"(?<=[^\s\d\u00a0:/\\])([;!?])(?=\s|$)", NBSP + r"\1", text)
    text = re.sub(r"(?<=[^\W\d_])(:)(?=[ \t]|$)", NBSP + r"\1", text)
    return text


# checks, for tests and template checks ------------------------------------------------------------------------------
def elision_faults(text: str) -> list[str]:
    """Places where « de », « le », « la », « que »… stand before a vowel sound (« de Amélie »), or « d' » before a
    consonant (« d'Paul »)."""
    faults = []
    folded = unicodedata.normalize("NFC", text).replace(NBSP, " ")
    pattern = r"\b(" + "|".join(ELIDABLE) + r") ([^\W\d_][\w'’-]*)"
    for match in re.finditer(pattern, folded, flags=re.IGNORECASE):
        word, following = match.group(1), match.group(2)
        if starts_with_vowel_sound(following):
            faults.append(match.group(0))
    for match in re.finditer(r"\b([dlq]u?)['’]([^\W\d_][\w-]*)", folded, flags=re.IGNORECASE):
        if not starts_with_vowel_sound(match.group(2)) and match.group(1).lower() in ("d", "l", "qu"):
            faults.append(match.group(0))
    return faults


def plural_placeholders(text: str) -> list[str]:
    """« (s) », « (e) », « (es) » left in a text."""
    return re.findall(r"\w+\((?:s|e|es|x)\)", text)
