"""Raw questionnaire tabs as the survey tools really export them, messiness included: LimeSurvey (code headings,
Y/blank sub-questions), Google Forms (Horodateur, checkboxes joined by ", "), Microsoft Forms (metadata first,
multi-select ending in ";"). Also the satisfaction questionnaire tab."""
from __future__ import annotations

import datetime as dt
import random

from demarche_xl.example.roster import Teacher, comfort_label, email_of
from demarche_xl.schema.lists import list_def
from demarche_xl.survey.questions import MULTI, SATISFACTION, SURVEY, Question

SURVEY_OPEN = dt.datetime(2026, 10, 5, 8, 0)
LIMESURVEY_META = ("id", "submitdate", "lastpage", "startlanguage", "seed")
MSFORMS_META = ("ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom",
                "Heure de la dernière modification")
COMMENTS = ("", "", "", "Intéressé(e) par la classe inversée.", "Besoin de temps pour se former !",
            "=Pas de formule ici", "Les tablettes sont souvent déchargées ; prévoir une charge.",
            "+ de temps d'échange entre collègues", "Volontiers pour partager mes pratiques & outils.")


def answers_of(teacher: Teacher, rng: random.Random) -> dict[str, object]:
    """One teacher's answers keyed by question code; multi-choice answers as lists."""
    uses = list_def("uses").values
    equipment = list_def("equipment").values
    n_uses = {1: 1, 2: 2, 3: 3, 4: 4}[teacher.comfort]
    chosen_uses = rng.sample(uses[:-1], n_uses) if teacher.comfort > 1 or rng.random() < 0.5 else [uses[-1]]
    return {
        "NOM": teacher.last_name, "PRENOM": teacher.first_name, "COURRIEL": teacher.email,
        "DISC": teacher.discipline, "PREO1": teacher.concerns[0], "PREO2": teacher.concerns[1],
        "PREO3": teacher.concerns[2], "AISANCE": comfort_label(teacher.comfort), "USAGES": chosen_uses,
        "EQUIP": rng.sample(equipment[:-1], rng.randint(1, 3)), "ENVIE": teacher.willing,
        "CATA": "Oui" if teacher.catalyst or (teacher.comfort == 4 and rng.random() < 0.3) else "Non",
        "EQUIPE": "Oui" if teacher.project_team else "Non", "COMM": rng.choice(COMMENTS),
    }


def _options(question: Question) -> tuple[str, ...]:
    return question.options or list_def(question.option_list).values


def limesurvey_tab(rows: list[tuple[dt.datetime, dict]]) -> list[list[object]]:
    header: list[str] = list(LIMESURVEY_META)
    for q in SURVEY:
        if q.kind == MULTI:
            header += [f"{q.code}[SQ{i + 1:03d}]" for i in range(len(_options(q)))]
        else:
            header.append(q.code)
    out = [header]
    for n, (when, answers) in enumerate(rows, start=1):
        if answers is None:
            out.append([None] * len(header))
            continue
        line: list[object] = [n, when.strftime("%Y-%m-%d %H:%M:%S"), 4, "fr", 1000 + n]
        for q in SURVEY:
            if q.kind == MULTI:
                line += ["Y" if option in answers[q.code] else None for option in _options(q)]
            else:
                line.append(answers.get(q.code) or None)
        out.append(line)
    return out


def google_forms_tab(rows: list[tuple[dt.datetime, dict]]) -> list[list[object]]:
    out: list[list[object]] = [["Horodateur", *[q.label for q in SURVEY]]]
    for when, answers in rows:
        if answers is None:
            out.append([None] * len(out[0]))
            continue
        line: list[object] = [when.strftime("%d/%m/%Y %H:%M:%S")]
        for q in SURVEY:
            value = answers.get(q.code)
            line.append(", ".join(value) if isinstance(value, list) else (value or None))
        out.append(line)
    return out


def ms_forms_tab(rows: list[tuple[dt.datetime, dict]]) -> list[list[object]]:
    labels = [q.label + ("2" if q.label in MSFORMS_META else "") for q in SURVEY]  # Excel dedups "Nom" → "Nom2"
    out: list[list[object]] = [[*MSFORMS_META, *labels]]
    for n, (when, answers) in enumerate(rows, start=1):
        if answers is None:
            continue
        line: list[object] = [n, when - dt.timedelta(minutes=7), when, "anonymous", None, None]
        for q in SURVEY:
            value = answers.get(q.code)
            line.append("".join(v + ";" for v in value) if isinstance(value, list) else (value or None))
        out.append(line)
    return out


def survey_tabs(teachers: list[Teacher], rng: random.Random) -> dict[str, list[list[object]]]:
    """Split respondents over three tools and add what real exports contain."""
    buckets: dict[str, list[tuple[dt.datetime, dict | None]]] = {"LimeSurvey": [], "Google Forms": [],
                                                                 "Microsoft Forms": []}
    for teacher in teachers:
        if not teacher.answers:
            continue
        tool = rng.choices(list(buckets), [40, 35, 25])[0]
        when = SURVEY_OPEN + dt.timedelta(days=rng.randint(0, 12), minutes=rng.randint(0, 600))
        answers = answers_of(teacher, rng)
        if rng.random() < 0.12:  # accents and case typed differently, stray spaces
            from demarche_xl.text import strip_accents
            answers["NOM"] = " " + strip_accents(teacher.last_name).upper() + " "
            answers["PRENOM"] = strip_accents(teacher.first_name).lower()
            answers["COURRIEL"] = teacher.email.upper() if rng.random() < 0.5 else ""
        buckets[tool].append((when, answers))
    respondents = [t for t in teachers if t.answers]
    for teacher in respondents[3:5]:  # two teachers answered twice; the later answer changes their mind
        when = SURVEY_OPEN + dt.timedelta(days=13, hours=2)
        answers = answers_of(teacher, rng)
        answers["PREO1"], answers["PREO2"] = answers["PREO2"], answers["PREO1"]
        buckets["Google Forms"].append((when, answers))
    newcomer = Teacher("", "Ludovic", "Ferrand", email_of("Ludovic", "Ferrand"), "Technologie",
                       teachers[0].school, False, False, 3, teachers[0].concerns, True, "Oui, certainement")
    buckets["Google Forms"].append((SURVEY_OPEN + dt.timedelta(days=30), answers_of(newcomer, rng)))  # late answer
    anonymous = answers_of(respondents[-1], rng) | {"NOM": None, "PRENOM": None, "COURRIEL": None}
    buckets["Microsoft Forms"].append((SURVEY_OPEN + dt.timedelta(days=2), anonymous))
    for rows in buckets.values():
        rows.sort(key=lambda r: r[0])
    for tool in ("LimeSurvey", "Google Forms"):  # blank rows left by hand edits
        buckets[tool].insert(len(buckets[tool]) // 2, (SURVEY_OPEN, None))
    return {"Q - LimeSurvey": limesurvey_tab(buckets["LimeSurvey"]),
            "Q - Google Forms": google_forms_tab(buckets["Google Forms"]),
            "Q - Microsoft Forms": ms_forms_tab(buckets["Microsoft Forms"])}


KEEP = ("Les échanges entre collègues de disciplines différentes", "Les démonstrations concrètes des animateurs",
        "Le travail en petit groupe", "Le libre choix d'un atelier", "Le journal de bord")
IMPROVE = ("Plus de temps pour essayer les outils", "Des ateliers plus courts", "Un suivi plus régulier au temps 3",
           "Mieux annoncer le programme", "")
NEEDS = {"Équipement": "Une classe mobile de tablettes pour le 2e étage", "Formation": "Une formation à l'ENT",
         "Ressources": "Des séquences clés en main", "Accompagnement": "Un temps de co-intervention avec un référent"}


def satisfaction_tab(teachers: list[Teacher], rng: random.Random) -> list[list[object]]:
    """Google Forms layout of the satisfaction questionnaire, answered by most participants."""
    scale = _options(SATISFACTION[3])
    out: list[list[object]] = [["Horodateur", *[q.label for q in SATISFACTION]]]
    for teacher in teachers:
        if not teacher.participates or rng.random() > 0.7:
            continue
        interest = rng.choices(scale, [1, 2, 4, 10, 9])[0]
        kind = rng.choice(list(NEEDS))
        when = dt.datetime(2027, 5, 20, 17, 0) + dt.timedelta(hours=rng.randint(0, 200))
        values = {"NOM": teacher.last_name, "PRENOM": teacher.first_name, "COURRIEL": teacher.email,
                  "INTERET": interest, "CONTINUER": "Oui" if scale.index(interest) >= 2 else "Non",
                  "GARDER": rng.choice(KEEP), "AMELIORER": rng.choice(IMPROVE), "BESOIN": kind, "BESOINS": NEEDS[kind]}
        out.append([when.strftime("%d/%m/%Y %H:%M:%S"), *[values[q.code] or None for q in SATISFACTION]])
    return out


