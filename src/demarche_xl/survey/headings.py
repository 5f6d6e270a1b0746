"""Reading a column heading of a survey export (pure): which question it holds, however it was written — our codes
and labels, LimeSurvey's « CODE[SQ001] », « CODE. texte » and « texte [option] » (also abbreviated « texte.. »),
the numbered paper and forms versions (« 3. … * », « (plusieurs réponses possibles) »), and the rewordings a
teacher makes while building the form (« Merci d'indiquer… », « Q3 - », ordinals written any way, shorter titles),
matched through each question's `signs`. The metadata columns of each tool are in `survey.tools`."""
from __future__ import annotations

import difflib
import functools
import re

from demarche_xl.survey.normalise import options_of
from demarche_xl.survey.questions import MULTI, Question
from demarche_xl.text import normalise

IGNORE, TIMESTAMP = "ignorer", "horodatage"
BRACKETED = re.compile(r"^(.*?)\s*\[([^\[\]]+)\]\s*$")
CODE_AND_TEXT = re.compile(r"^([A-Za-z][A-Za-z0-9_]*(?:\s?\[[^\]]+\])?)\.\s+\S")  # LimeSurvey « NOM. Nom »
CODE_TIME = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)Time$")  # LimeSurvey's time spent on a question
DEDUP_SUFFIX = re.compile(r"^(.*\D)(\d)$|^(.*?)\s*\((\d+)\)$")
NUMBERED = re.compile(r"^\s*(?:(?:q|question|n°|no)\s*\.?\s*\d{1,3}\s*[.):/°\-–—]*\s+|\d{1,3}\s*(?:[.):/°\-–—]+|\s-)"
                      r"\s*)(?=\S)", re.IGNORECASE)
HINT_WORDS = {"plusieurs", "possible", "possibles", "seule", "reponse", "reponses", "choix", "cochez", "cocher",
              "facultatif", "facultative", "obligatoire", "optionnel", "optionnelle", "multiple", "multiples",
              "selectionnez", "majuscule", "majuscules", "capitales", "lettres", "merci", "case", "cases"}
POLITE = re.compile(r"^(?:merci (?:de |d ?'? ?)|veuillez |pourriez vous |pouvez vous |svp |please )?"
                    r"(?:(?:indiqu|precis|renseign|saisi|donn|ecri|choisi|selectionn|coch|entr|not)(?:er|ez|r|ssez|vez)"
                    r" )?(?:(?:votre|vos|ton|ta|tes|le|la|les|l'|l|your) )?")
STOP = {"le", "la", "les", "l", "de", "du", "des", "d", "un", "une", "et", "ou", "a", "au", "aux", "en", "pour",
        "par", "sur", "dans", "avec", "votre", "vos", "ton", "ta", "tes", "mon", "ma", "mes", "vous", "tu", "je",
        "j", "est", "sont", "etes", "avez", "quel", "quelle", "quels", "quelles", "qu", "que", "qui", "quoi", "il",
        "ce", "cet", "cette", "ces", "s", "y", "the", "your", "you", "what", "is", "are", "of", "do", "please",
        "merci", "veuillez", "svp", "plait", "comment", "deja", "actuellement", "actuel", "actuels", "actuelle",
        "actuelles", "vous-meme", "ne", "pas", "n", "se", "si"}
FILLER = {"enseignant", "enseignante", "professeur", "professeure", "collegue", "repondant", "repondante",
          "obligatoire", "facultatif", "majuscule", "majuscules", "minuscules", "capitales", "lettres", "usuel",
          "usuelle", "indiquer", "indiquez", "preciser", "precisez", "renseigner", "renseignez", "saisir",
          "saisissez", "ecrire", "ecrivez", "entrer", "entrez", "noter", "notez", "donner", "donnez", "enter"}
ORDINAL_WORDS = {"1re": 1, "1ere": 1, "1er": 1, "1st": 1, "premiere": 1, "premier": 1, "principale": 1,
                 "principal": 1, "2e": 2, "2eme": 2, "2nde": 2, "2nd": 2, "2de": 2, "2d": 2,
                 "deuxieme": 2, "seconde": 2, "second": 2, "3e": 3, "3eme": 3, "3rd": 3, "troisieme": 3,
                 "1e": 1, "1eme": 1, "4e": 4, "4eme": 4, "quatrieme": 4, "5e": 5, "cinquieme": 5}
RANK_IN_BRACKETS = re.compile(r"^(?:rang|ranking|classement|choix|position|priorite|n|no|#)?\s*(\d{1,2})$")
SCALE_RANGE = re.compile(r"\b[01]\s*(?:a|-|–|to|/)\s*(\d{1,2})\b|\bsur\s*(\d{1,2})\b|/\s*(\d{1,2})\b|"
                         r"\bde\s*[01]\b[^0-9]{0,40}?\b(?:a|jusqu'a)\s*(\d{1,2})\b|\(\s*[01]\s+(\d{1,2})\s*\)")


@functools.lru_cache(maxsize=4096)
def bare(text: str) -> str:
    """A heading without what changes from one form to another: numbering, required star, hints in parentheses
    (« (plusieurs réponses possibles) »), « Merci d'indiquer votre… », final punctuation; accents and case folded."""
    text = NUMBERED.sub("", str(text), count=1)
    key = normalise(text)
    key = re.sub(r"\s*\(([^()]*)\)", lambda m: "" if words(m[1]) & HINT_WORDS else m[0], key)
    key = re.sub(r"\s*[-–—:,]?\s*plusieurs (?:reponses|choix) (?:sont )?possibles?", "", key)
    key = key.replace("*", " ")
    key = POLITE.sub("", key.strip(" ?!.:;,-–"), count=1)
    return re.sub(r"\s+", " ", key).strip(" ?!.:;,-–")


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", normalise(text).replace("'", " ")))


@functools.lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[str, ...]:
    """The meaningful words of a heading, ordinals written « #1 » whatever their spelling (« 1re », « première »,
    « principale », « n°1 », « Préoccupation 2 »…), small words left out."""
    raw = re.findall(r"[a-z]+[0-9]*|[0-9]+[a-z]*", bare(text).replace("'", " "))
    out: list[str] = []
    for index, word in enumerate(raw):
        following = raw[index + 1] if index + 1 < len(raw) else ""
        if word in ORDINAL_WORDS:
            out.append(f"#{ORDINAL_WORDS[word]}")
        elif word.isdigit() and 1 <= int(word) <= 9 and not (len(following) > 3 and following.endswith("s")):
            out.append(f"#{word}")  # « Préoccupation 2 », not « 3 préoccupations »
        elif word == "plus" and following.startswith("important"):
            out.append("#1")
        elif word not in STOP:
            out.append(word)
    return tuple(out)


@functools.lru_cache(maxsize=512)
def parsed(sign: str) -> tuple[int, bool, tuple[tuple[str, ...], ...]]:
    """(weight, exclusive, groups of word starts) of a question's sign (see `survey.questions`)."""
    weight = 0
    found = re.match(r"^(\d+):", sign)
    if found:
        weight, sign = int(found[1]), sign[found.end():]
    exclusive = sign.startswith("!")
    groups = tuple(tuple(group.split("|")) for group in sign.lstrip("!").split(" "))
    return weight or len(groups), exclusive, groups


def fits(alternative: str, word: str) -> bool:
    return word == alternative[1:] if alternative.startswith("=") else (
        word == alternative if alternative.startswith("#") else word.startswith(alternative))


def sign_score(sign: str, heading_words: tuple[str, ...]) -> int:
    weight, exclusive, groups = parsed(sign)
    used: set[str] = set()
    for group in groups:
        hit = [w for w in heading_words if any(fits(a, w) for a in group)]
        if not hit:
            return 0
        used.update(hit)
    if exclusive and any(w not in used and w not in FILLER for w in heading_words):
        return 0
    return weight


def by_signs(heading: str, bank: tuple[Question, ...]) -> Question | None:
    """The question whose signs a heading carries best; None when none, or when two questions tie."""
    heading_words = tokens(heading)
    if not heading_words:
        return None
    scores = {q.code: max((sign_score(s, heading_words) for s in q.signs), default=0) for q in bank}
    best = max(scores.values(), default=0)
    winners = [q for q in bank if best and scores[q.code] == best]
    return winners[0] if len(winners) == 1 else None


def exact(text: str, bank: tuple[Question, ...]) -> Question | None:
    """By code or label, as written or without numbering, stars, hints and polite words."""
    by_key, by_plain = spellings(bank)
    found = by_key.get(normalise(text))
    return found if found is not None else by_plain.get(bare(text) or "\0")


@functools.lru_cache(maxsize=16)
def spellings(bank: tuple[Question, ...]) -> tuple[dict[str, Question], dict[str, Question]]:
    """Each question by its folded code and label, and by its code and bare label (first question wins)."""
    by_key: dict[str, Question] = {}
    by_plain: dict[str, Question] = {}
    for question in bank:
        for key in (normalise(question.code), normalise(question.label)):
            by_key.setdefault(key, question)
        for key in (normalise(question.code), bare(question.label)):
            by_plain.setdefault(key, question)
    return by_key, by_plain


def question_for(text: str, bank: tuple[Question, ...], fuzzy: bool = True) -> Question | None:
    """By code or label (accents, case, numbering and hints ignored); `fuzzy`: also by the words a reworded heading
    carries (`signs`), a near label, or a short heading whose words all belong to one label only."""
    found = exact(text, bank)
    if found is not None or not fuzzy:
        return found
    if text.rstrip().endswith(("..", "…")):  # LimeSurvey's abbreviated headings: « De quels équipe.. »
        start = bare(text.rstrip().rstrip(".…"))
        starting = [q for q in bank if start and bare(q.label).startswith(start)]
        if len(starting) == 1:
            return starting[0]
    found = by_signs(text, bank)
    if found is not None:
        return found
    key = bare(text)
    labels = {bare(q.label): q for q in bank}
    close = difflib.get_close_matches(key, list(labels), n=1, cutoff=0.88)
    if close and len(key) > 12:
        return labels[close[0]]
    heading_words = set(re.findall(r"[a-z]{3,}", key))
    holding = [q for label, q in labels.items() if heading_words and heading_words <= set(re.findall(r"[a-z]{3,}",
                                                                                                      label))]
    return holding[0] if len(holding) == 1 else None


def option_for(text: str, options: list[str]) -> str | None:
    """The option a sub-question names: LimeSurvey's `SQ003` (3rd option), its text, or its text cut « Classe in.. »."""
    code = re.fullmatch(r"SQ0*(\d+)", text.strip(), re.IGNORECASE)
    if code:
        index = int(code[1]) - 1
        return options[index] if 0 <= index < len(options) else None
    by_key = {normalise(o): o for o in options}
    key = normalise(text)
    if key in by_key:
        return by_key[key]
    if text.rstrip().endswith(("..", "…")):
        start = normalise(text.rstrip().rstrip(".…"))
        starting = [o for k, o in by_key.items() if start and k.startswith(start)]
        return starting[0] if len(starting) == 1 else None
    return None


def series_of(question: Question, bank: tuple[Question, ...]) -> list[Question]:
    """The ranked series a question belongs to (PREO1, PREO2, PREO3: same stem, numbered, same options)."""
    stem = re.match(r"^(.*?)(\d+)$", question.code)
    if not stem:
        return [question]
    members = [q for q in bank if re.fullmatch(re.escape(stem[1]) + r"\d+", q.code) and
               (q.option_list, q.options) == (question.option_list, question.options)]
    return sorted(members, key=lambda q: int(q.code[len(stem[1]):]))


def rank_of(text: str) -> int | None:
    """The rank a sub-question names: « 2 », « Rang 2 », « Ranking 2 », « 2e choix », « Deuxième »."""
    found = RANK_IN_BRACKETS.match(normalise(text))
    if found:
        return int(found[1])
    ranks = [w for w in tokens(text) if w.startswith("#")]
    return int(ranks[0][1:]) if len(ranks) == 1 else None


def scale_top(heading: str) -> int | None:
    """The highest point of a rating scale named in a heading (« de 1 à 5 », « (1-10) », « note sur 4 »)."""
    found = SCALE_RANGE.search(normalise(heading))
    if not found:
        return None
    top = int(next(g for g in found.groups() if g))
    return top if 2 <= top <= 10 else None


def suggest_question(heading: str, bank: tuple[Question, ...], lists: dict[str, list[str]]) -> str | None:
    """The reference a question heading holds, as written in `Question de référence` (« CODE » or
    « CODE:option »); None when unknown. Metadata columns are the caller's (`survey.tools`)."""
    found = exact(heading, bank)
    if found is not None:
        return found.code
    coded = CODE_AND_TEXT.match(heading)  # LimeSurvey « CODE. texte » / « CODE[SQ001]. texte [option] »
    if coded and exact(BRACKETED.sub(r"\1", coded[1]), bank) is not None:
        return suggest_question(coded[1].replace(" [", "["), bank, lists)
    timed = CODE_TIME.match(heading.strip())
    if timed and exact(timed[1], bank) is not None:
        return IGNORE
    bracket = BRACKETED.match(heading)
    if bracket:
        return bracketed(bracket[1], bracket[2], bank, lists)
    holders = [q for q in bank if q.kind == MULTI and option_for(heading, options_of(q, lists))]
    if len(holders) == 1:  # a column per option typed by hand: « Classe inversée »
        return f"{holders[0].code}:{option_for(heading, options_of(holders[0], lists))}"
    dedup = DEDUP_SUFFIX.match(heading.strip())
    if dedup:  # « Nom2 », « Nom (2) »: a heading repeated by Excel or Microsoft Forms
        question = exact(dedup[1] if dedup[1] is not None else dedup[3], bank)
        if question is not None:
            return question.code
    found = question_for(heading, bank)
    return found.code if found is not None else None


def bracketed(base: str, inside: str, bank: tuple[Question, ...], lists: dict[str, list[str]]) -> str | None:
    """« question [option] » (LimeSurvey's sub-questions, full text or codes), « question [Autre] », a rank
    « PREO[2] » / « Classez… [Rang 2] », or a quiz's « question [Score] » (ignored)."""
    key = normalise(inside)
    if key in ("score", "points", "feedback", "commentaires", "commentaire", "comment", "note") or \
            re.fullmatch(r"(?:sq\d+|other)comment", key):
        return IGNORE
    question = question_for(base, bank)
    if question is None:
        stem_series = [q for q in bank if rank_of(inside) is not None and q.code == base.strip() + str(rank_of(inside))]
        return stem_series[0].code if stem_series else None
    if key in ("other", "autre", "autres"):  # the text typed in « Autre : … »: read as an answer of its own
        return question.code
    if question.kind == MULTI:
        option = option_for(inside, options_of(question, lists))
        return f"{question.code}:{option}" if option else None
    series = series_of(question, bank)
    rank = rank_of(inside)
    if len(series) > 1 and rank is not None and rank <= len(series):
        return series[rank - 1].code
    return None
