"""The reference questionnaire written for the team's survey tool (pure text): a LimeSurvey tab-separated survey
structure (question codes = the headings LimeSurvey exports, `CODE[SQ00n]` for the n-th option), a plain list for
Google/Microsoft Forms (question, then one option per line, as pasted into those tools), or a printable paper
version. Options come from the workbook's `Listes` so exports come back with predictable columns."""
from __future__ import annotations

from demarche_xl.survey.normalise import options_of
from demarche_xl.survey.questions import EMAIL, MULTI, SCALE, SINGLE, TEXT, YESNO, Question

FORMATS = ("limesurvey", "forms", "texte")
LIMESURVEY_COLUMNS = ("class", "type/scale", "name", "relevance", "text", "help", "language", "validation",
                      "mandatory", "other", "default", "same_default")
LIMESURVEY_TYPES = {TEXT: "S", EMAIL: "S", SINGLE: "L", SCALE: "L", MULTI: "M", YESNO: "Y"}
LONG_TEXT_CODES = ("COMM", "GARDER", "AMELIORER", "BESOINS")
KIND_WORDS = {TEXT: "réponse courte", EMAIL: "réponse courte (adresse électronique)", SINGLE: "choix unique",
              SCALE: "choix unique (échelle)", MULTI: "cases à cocher (plusieurs réponses)",
              YESNO: "choix unique"}
EMAIL_CHECK = r"/^[^@\s]+@[^@\s]+\.[^@\s]+$/"


def render(bank: tuple[Question, ...], lists: dict[str, list[str]], fmt: str, title: str) -> str:
    if fmt == "limesurvey":
        return limesurvey(bank, lists, title)
    if fmt == "forms":
        return forms(bank, lists, title)
    return paper(bank, lists, title)


def choices(question: Question, lists: dict[str, list[str]]) -> list[str]:
    return ["Oui", "Non"] if question.kind == YESNO else options_of(question, lists)


def limesurvey(bank: tuple[Question, ...], lists: dict[str, list[str]], title: str) -> str:
    def line(**cells: str) -> str:
        return "\t".join(clean_cell(cells.get(c.replace("/", "_"), "")) for c in LIMESURVEY_COLUMNS)

    lines = ["\t".join(LIMESURVEY_COLUMNS),
             line(**{"class": "S", "name": "language", "text": "fr"}),
             line(**{"class": "S", "name": "format", "text": "G"}),
             line(**{"class": "SL", "name": "surveyls_title", "text": title, "language": "fr"}),
             line(**{"class": "G", "type_scale": "", "name": "Questionnaire", "relevance": "1", "language": "fr"})]
    for q in bank:
        kind = "T" if q.code in LONG_TEXT_CODES else LIMESURVEY_TYPES[q.kind]
        lines.append(line(**{"class": "Q", "type_scale": kind, "name": q.code, "relevance": "1", "text": q.label,
                             "help": q.help, "language": "fr", "validation": EMAIL_CHECK if q.kind == EMAIL else "",
                             "mandatory": "Y" if q.required else "N", "other": "N"}))
        if q.kind == MULTI:
            lines += [line(**{"class": "SQ", "name": f"SQ{i:03d}", "relevance": "1", "text": option,
                              "language": "fr"}) for i, option in enumerate(options_of(q, lists), start=1)]
        elif q.kind in (SINGLE, SCALE):
            lines += [line(**{"class": "A", "type_scale": "0", "name": f"A{i}", "text": option, "language": "fr"})
                      for i, option in enumerate(options_of(q, lists), start=1)]
    return "\n".join(lines) + "\n"


def clean_cell(text: str) -> str:
    return str(text).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def forms(bank: tuple[Question, ...], lists: dict[str, list[str]], title: str) -> str:
    out = [title, "=" * len(title), "Pour chaque question : copiez l'intitulé, choisissez le type indiqué, puis collez "
           "les options (une par ligne). Gardez les intitulés tels quels : la consolidation les reconnaît.", ""]
    for number, q in enumerate(bank, start=1):
        out.append(f"{number}. {q.label}")
        out.append(f"Type : {KIND_WORDS[q.kind]}" + (" — obligatoire" if q.required else ""))
        if q.help:
            out.append(f"Description : {q.help}")
        out += choices(q, lists)
        out.append("")
    return "\n".join(out)


def paper(bank: tuple[Question, ...], lists: dict[str, list[str]], title: str) -> str:
    out = [title, "=" * len(title), "Cochez une case (☐) par réponse, plusieurs quand c'est indiqué.", ""]
    for number, q in enumerate(bank, start=1):
        extra = " (plusieurs réponses possibles)" if q.kind == MULTI else ""
        out.append(f"{number}. {q.label}{extra}" + (" *" if q.required else ""))
        if q.help:
            out.append(f"   ({q.help})")
        options = choices(q, lists)
        if options:
            out += [f"   ☐ {option}" for option in options]
        else:
            lines = 3 if q.code in LONG_TEXT_CODES else 1
            out += ["   " + "_" * 60] * lines
        out.append("")
    out.append("* réponse obligatoire")
    return "\n".join(out) + "\n"
