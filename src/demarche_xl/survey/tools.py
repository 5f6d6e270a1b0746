"""The survey tools' own columns (pure): what LimeSurvey (headings as codes or as texts, in French or English),
Google Forms and Microsoft Forms add around the answers, so a tab is recognised as coming from one of them and its
metadata columns are marked « ignorer » (or read as the answer's date, or as the collected e-mail) by themselves.
Also which rows of a LimeSurvey export were abandoned before the end (no submission date)."""
from __future__ import annotations

import re

from demarche_xl.survey.headings import IGNORE, TIMESTAMP
from demarche_xl.text import normalise

LIMESURVEY, GOOGLE, MICROSOFT = "LimeSurvey", "Google Forms", "Microsoft Forms"
EMAIL = "courriel"  # the tool's collected address: read as the bank's e-mail question

# LimeSurvey: field names (headings as codes) and their French / English texts (headings as question texts)
LIMESURVEY_SUBMIT = {"submitdate", "date de soumission", "date submitted", "date d'envoi", "date de validation"}
LIMESURVEY_MARKERS = LIMESURVEY_SUBMIT | {
    "lastpage", "derniere page", "last page", "startlanguage", "langue de depart", "start language", "seed",
    "tete de serie", "id de la reponse", "response id", "identifiant de la reponse", "datestamp", "startdate",
    "date de la derniere action", "date last action", "interviewtime"}
LIMESURVEY_IGNORED = LIMESURVEY_MARKERS - LIMESURVEY_SUBMIT | {
    "id", "date de debut", "date started", "date de depart", "ipaddr", "adresse ip", "ip address", "refurl",
    "url de reference", "referrer url", "referring url", "url referente", "url de provenance", "token",
    "code d'acces", "access code", "jeton", "temps total", "total time", "optout", "emailstatus"}
LIMESURVEY_TIMES = re.compile(r"^(?:grouptime\d+|(?:temps pour le groupe|temps pour la question|temps du groupe|"
                              r"temps de la question|group time|question time)\b.*)$")
# Google Forms: the time stamp first, the collected address, a quiz's score
GOOGLE_TIMESTAMP = {"horodateur", "horodatage", "timestamp", "marque temporelle"}
GOOGLE_EMAIL = {"adresse e mail", "adresse email", "email address", "adresse courriel", "adresse de courriel",
                "nom d'utilisateur", "username"}
GOOGLE_IGNORED = {"score", "total score", "score total", "points", "note totale"}
# Microsoft Forms: a leading block of metadata (French and English), and a quiz's points and feedback
MICROSOFT_START = {"heure de debut", "start time"}
MICROSOFT_END = {"heure de fin", "completion time", "heure d'achevement"}
MICROSOFT_SLOTS = {"id": "id", "adresse de messagerie": "email", "email": "email", "adresse e mail": "email",
                   "nom": "name", "name": "name", "heure de la derniere modification": "modified",
                   "last modified time": "modified", "langue": "language", "language": "language",
                   **{k: "start" for k in MICROSOFT_START}, **{k: "end" for k in MICROSOFT_END}}
MICROSOFT_IGNORED = {"total des points", "total points", "commentaires sur le questionnaire", "quiz feedback",
                     "heure de publication des notes", "grade posted time", "commentaires sur le quiz"}
MICROSOFT_PER_QUESTION = re.compile(r"^\s*(?:points|commentaires|feedback)\s+-\s+\S", re.IGNORECASE)


def tool_of(headers: list[object]) -> str | None:
    """« LimeSurvey », « Google Forms » or « Microsoft Forms » when the headings carry that tool's columns."""
    keys = [key_of(h) for h in headers if h is not None and str(h).strip()]
    present = set(keys)
    if present & MICROSOFT_START and present & MICROSOFT_END:
        return MICROSOFT
    if present & LIMESURVEY_MARKERS or any(re.search(r"\[sq\d+\]", k) or LIMESURVEY_TIMES.match(k)
                                           for k in keys):
        return LIMESURVEY
    if present & GOOGLE_TIMESTAMP and (keys[0] in GOOGLE_TIMESTAMP or present & (GOOGLE_EMAIL | GOOGLE_IGNORED)):
        return GOOGLE  # « Horodateur » first, or moved but with Google's address or score beside it
    return None


def metadata_roles(headers: list[object]) -> list[str | None]:
    """For each column: IGNORE, TIMESTAMP or EMAIL when it is the tool's own column, None for an answer column."""
    tool = tool_of(headers)
    keys = [key_of(h) for h in headers]
    roles: list[str | None] = [role_of(key, str(h or ""), tool) for key, h in zip(keys, headers)]
    if tool == MICROSOFT:  # « ID, Heure de début, …, Nom »: the leading block only; a later « Nom » is a question
        used: set[str] = set()
        for position, key in enumerate(keys):
            slot = MICROSOFT_SLOTS.get(key)
            if slot is None or slot in used:
                break
            used.add(slot)
            roles[position] = TIMESTAMP if key in MICROSOFT_END else IGNORE
    return roles


def key_of(heading: object) -> str:
    """The folded heading; LimeSurvey's « code & question text » (« submitdate. Date de soumission ») as its code."""
    key = normalise(heading)
    coded = re.match(r"^([a-z0-9_]+)\. \S", key)
    return coded[1] if coded and (coded[1] in LIMESURVEY_MARKERS | LIMESURVEY_IGNORED or
                                  LIMESURVEY_TIMES.match(coded[1])) else key


def role_of(key: str, heading: str, tool: str | None) -> str | None:
    if key in LIMESURVEY_SUBMIT or key in GOOGLE_TIMESTAMP:
        return TIMESTAMP
    if key in LIMESURVEY_IGNORED or LIMESURVEY_TIMES.match(key) or key in GOOGLE_IGNORED:
        return IGNORE
    if key in MICROSOFT_IGNORED or (tool == MICROSOFT and MICROSOFT_PER_QUESTION.match(heading)):
        return IGNORE
    if key in GOOGLE_EMAIL:
        return EMAIL
    return None


def submission_column(headers: list[object]) -> int | None:
    """The position of LimeSurvey's submission date: a row where it is empty was abandoned before the end."""
    if tool_of(headers) != LIMESURVEY:
        return None
    return next((i for i, h in enumerate(headers) if key_of(h) in LIMESURVEY_SUBMIT), None)
