"""One raw row → one respondent's reference values (pure). The columns of a tab are planned once (which question
each feeds, which option it ticks, the date, LimeSurvey's submission date) and each question's values are
converted through a small cache, since the same answers come back thousands of times. Free text keeps its line
breaks; names are shown as typed (capitals tidied); a ranked series (PREO1–PREO3) typed in one cell is spread over
its questions; a rating scale named in the heading (« de 1 à 5 ») is read on the question's own scale."""
from __future__ import annotations

from dataclasses import dataclass, field

from demarche_xl.survey import headings, normalise as norm
from demarche_xl.survey.headings import IGNORE, TIMESTAMP
from demarche_xl.survey.questions import EMAIL, FULL_NAME_KIND, MULTI, SCALE, TEXT, YESNO, Question

NAME_TARGETS = ("last_name", "first_name")
OTHER_CODES = {"-oth-", "-other-"}  # LimeSurvey's « Autre » answer: the text is in the « [other] » column
OTHER_WORDS = {"autre", "other", "autres"}  # the same in full answers: kept only when no text was typed


@dataclass
class Plan:
    """Where a tab's answers are: (position, code, scale top) of answer columns, (position, code, option) of
    per-option columns, the date columns, and LimeSurvey's submission date (empty = abandoned)."""

    answers: list[tuple[int, str, int | None]] = field(default_factory=list)
    ticks: list[tuple[int, str, str]] = field(default_factory=list)
    stamps: list[int] = field(default_factory=list)
    submission: int | None = None


def plan_of(targets: list, submission: int | None) -> Plan:
    plan = Plan(submission=submission)
    for position, target in enumerate(targets):
        if target is None or target.code == IGNORE:
            continue
        if target.code == TIMESTAMP:
            plan.stamps.append(position)
        elif target.option:
            plan.ticks.append((position, target.code, target.option))
        else:
            plan.answers.append((position, target.code, target.top))
    return plan


class Reader:
    """Turns rows into records for one question bank and the workbook's lists."""

    def __init__(self, bank: tuple[Question, ...], lists: dict[str, list[str]]) -> None:
        self.bank = bank
        self.options = {q.code: norm.options_of(q, lists) for q in bank}
        self.cache: dict[tuple, dict] = {}
        self.series = [s for s in {tuple(q.code for q in headings.series_of(q, bank)) for q in bank} if len(s) > 1]
        self.blank: dict[str, object] = {}  # what unanswered questions give
        for question in bank:
            self.blank.update(self.converted(question, None, None))

    def record(self, row: list, plan: Plan) -> dict | None:
        """One respondent's reference values; None for a row with no answer to any question of the bank."""
        width = len(row)
        raw: dict[str, tuple[object, int | None]] = {}
        other: dict[str, tuple[object, int | None]] = {}  # « Autre » chosen: the text typed beside it comes first
        for position, code, top in plan.answers:
            if position >= width or code in raw:
                continue
            value = row[position]
            if value is None or value == "":
                continue
            if isinstance(value, str):
                word = value.strip().lower()
                if not word or word in OTHER_CODES:
                    continue
                if word in OTHER_WORDS:
                    other.setdefault(code, (value, top))
                    continue
            raw[code] = (value, top)
        for code, value in other.items():
            raw.setdefault(code, value)
        ticked: dict[str, list[str]] = {}
        for position, code, option in plan.ticks:
            value = row[position] if position < width else None
            if value is not None and value != "" and norm.is_checked(value, option):
                ticked.setdefault(code, []).append(option)
        if not raw and not ticked:
            return None
        submitted = None
        for position in plan.stamps:
            submitted = norm.timestamp(row[position]) if position < width else None
            if submitted is not None:
                break
        done = plan.submission is None or (plan.submission < width and norm.clean(row[plan.submission]) is not None)
        if self.series:
            self.spread_series(raw)
        record = dict(self.blank)
        record["submitted"], record["complete"] = submitted, done
        for question in self.bank:
            if question.code in raw or question.code in ticked:
                value, top = raw.get(question.code, (None, None))
                record.update(self.value_of(question, value, top, ticked.get(question.code)))
        return record

    def spread_series(self, raw: dict[str, tuple[object, int | None]]) -> None:
        """« Évaluer autrement, Motiver les élèves » in the first concern alone: one per rank, in the order given."""
        for series in self.series:
            first = raw.get(series[0])
            if first is None or any(code in raw for code in series[1:]):
                continue
            options = self.options[series[0]]
            chosen = [c for c in norm.split_choices(first[0], options) if c in options]
            if len(chosen) > 1:
                for code, choice in zip(series, chosen):
                    raw[code] = (choice, None)

    def value_of(self, question: Question, value: object, top: int | None, ticked: list[str] | None) -> dict:
        if question.kind == MULTI:
            if not ticked:
                return self.cached(question, value, top)
            options = self.options[question.code]
            return {question.target: norm.multi_value(ticked + norm.split_choices(value, options), options)}
        if question.kind == TEXT and question.target not in NAME_TARGETS:
            return {question.target: norm.clean_text(value) if not isinstance(value, (int, float)) else value}
        return self.cached(question, value, top)

    def cached(self, question: Question, value: object, top: int | None) -> dict:
        """The converted value, computed once per distinct answer (the dict returned is shared: never changed)."""
        key = (question.code, value if isinstance(value, (str, int, float)) else repr(value), top)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self.converted(question, value, top)
        return found

    def converted(self, question: Question, value: object, top: int | None) -> dict:
        options = self.options[question.code]
        target = question.target
        if question.kind == MULTI:
            return {target: norm.multi_value(norm.split_choices(value, options), options)}
        if question.kind == SCALE:
            level = norm.scale_level(value, options, top)
            label = options[level - 1] if level and level <= len(options) else norm.clean(value)
            if question.options:  # a fixed Likert scale: the consolidated column holds the number
                return {target: level, f"{target}_label": label}
            return {target: label, f"{target}_level": level}
        if question.kind == YESNO:
            return {target: norm.yes_no(value)}
        if question.kind == EMAIL:
            return {target: norm.email_key(value) or norm.clean(value)}
        if question.kind == FULL_NAME_KIND:
            return {target: norm.clean(value)}
        if target in NAME_TARGETS:
            return {target: norm.display_name(value)}
        if options:
            return {target: norm.single_choice(value, options)}
        return {target: norm.clean(value) if not isinstance(value, (int, float)) else value}
