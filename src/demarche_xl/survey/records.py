"""The rows of one raw tab → each respondent's reference values (pure). The columns of a tab are planned once (which
question each feeds, which option it ticks, the date, LimeSurvey's submission date), then read column by column:
each distinct answer of a column is judged and converted once, since the same answers come back thousands of
times (the conversions are also kept across tabs). Free text keeps its line breaks; names are shown as typed
(capitals tidied); a ranked series (PREO1–PREO3) typed in one cell is spread over its questions; a rating scale
named in the heading (« de 1 à 5 ») is read on the question's own scale."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from itertools import compress, repeat, zip_longest
from operator import is_not

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
        self.keys: dict[str, list[str]] = {}  # the keys each question fills
        for question in bank:
            self.keys[question.code] = list(self.converted(question, None, None))
            self.blank.update(self.converted(question, None, None))

    def records(self, rows: list[list], plan: Plan) -> list[dict | None]:
        """Each row's reference values, in order; None for a row with no answer to any question of the bank.
        Worked column by column: each distinct answer of a column is judged and converted once."""
        count = len(rows)
        columns = list(zip_longest(*rows))  # rows of any length: the cells they lack are None
        empty = (None,) * count

        def column(position: int | None) -> tuple:
            return columns[position] if position is not None and position < len(columns) else empty

        answers = self.answers(column, plan)
        ticked = self.ticked(column, plan, count)
        if self.series:
            self.spread_series(answers, count)
        answered: set[int] = set()
        for cells, _ in answers.values():
            answered.update(compress(range(count), map(is_not, cells, repeat(None))))
        for ticks in ticked.values():
            answered.update(compress(range(count), ticks))  # option lists are never empty
        kept = sorted(answered)
        values = {key: [blank] * len(kept) for key, blank in self.blank.items()}
        for question in self.bank:
            chosen, ticks = answers.get(question.code), ticked.get(question.code)
            if chosen is not None or ticks is not None:
                cells, tops = chosen or (empty, empty)
                converted = self.column_of(question, [cells[i] for i in kept], [tops[i] for i in kept],
                                           [ticks[i] for i in kept] if ticks else None)
                for key in self.keys[question.code]:
                    blank = self.blank[key]
                    values[key] = [blank if c is None else c.get(key, blank) for c in converted]
        stamps = [column(position) for position in plan.stamps]
        values["submitted"] = [first_timestamp(cells[i] for cells in stamps) for i in kept]
        submission = column(plan.submission)
        values["complete"] = [plan.submission is None or norm.clean(submission[i]) is not None for i in kept]
        records: list[dict | None] = [None] * count
        names = list(values)
        for index, row in zip(kept, zip(*values.values())):
            records[index] = dict(zip(names, row))
        return records

    def column_of(self, question: Question, cells: list, tops: list, ticks: list | None) -> list[dict | None]:
        """The converted values of one question for each row (answer, scale top of its heading, options ticked);
        None for a row that does not answer it."""
        if ticks is not None:
            return [None if value is None and options is None else self.value_of(question, value, top, options)
                    for value, top, options in zip(cells, tops, ticks)]
        if question.kind == TEXT and question.target not in NAME_TARGETS:
            return [None if value is None else self.value_of(question, value, top, None)
                    for value, top in zip(cells, tops)]
        distinct = dict.fromkeys(zip(cells, tops))
        if not all(value is None or value.__class__ is str for value, _ in distinct):
            return [None if value is None else self.cached(question, value, top) for value, top in zip(cells, tops)]
        found = {(value, top): None if value is None else self.cached(question, value, top)
                 for value, top in distinct}
        return list(map(found.__getitem__, zip(cells, tops)))  # text answers: each converted once, in order

    @staticmethod
    def answers(column, plan: Plan) -> dict[str, tuple[list, list]]:
        """Question code → each row's answer (None when unanswered) and the scale top of its heading: the first of
        the question's columns holding an answer, else the first holding « Autre » alone (the text typed beside it
        comes first); LimeSurvey's « -oth- » and blank cells are no answer."""
        found: dict[str, tuple[list, list]] = {}
        fallback: dict[str, tuple[list, list]] = {}
        for position, code, top in plan.answers:
            cells = column(position)
            kinds = norm.per_distinct(cells, answer_kind)
            for store, wanted in ((found, REAL), (fallback, OTHER)):
                if wanted in kinds:
                    picked = [cell if kind is wanted else None for cell, kind in zip(cells, kinds)]
                    store[code] = first_of(store.get(code), (picked, [top] * len(cells)))
        for code, other in fallback.items():
            found[code] = first_of(found.get(code), other)
        return found

    @staticmethod
    def ticked(column, plan: Plan, count: int) -> dict[str, list]:
        """Question code → each row's options ticked in per-option columns, in column order (None when none)."""
        found: dict[str, list] = {}
        for position, code, option in plan.ticks:
            chosen = found.setdefault(code, [None] * count)
            cells = column(position)
            for index, hit in enumerate(norm.per_distinct(cells, partial(is_ticked, option=option))):
                if hit:
                    if chosen[index] is None:
                        chosen[index] = [option]
                    else:
                        chosen[index].append(option)
        return found

    def spread_series(self, answers: dict[str, tuple[list, list]], count: int) -> None:
        """« Évaluer autrement, Motiver les élèves » in the first concern alone: one per rank, in the order given."""
        for series in self.series:
            if series[0] not in answers:
                continue
            rest = [answers[code][0] for code in series[1:] if code in answers]
            options = self.options[series[0]]
            known: dict[tuple, list[str]] = {}
            for index, value in enumerate(answers[series[0]][0]):
                if value is None or any(later[index] is not None for later in rest):
                    continue
                key = (value.__class__, value)
                if key not in known:
                    known[key] = [c for c in norm.split_choices(value, options) if c in options]
                chosen = known[key]
                if len(chosen) > 1:
                    for code, choice in zip(series, chosen):
                        cells, tops = answers.setdefault(code, ([None] * count, [None] * count))
                        cells[index], tops[index] = choice, None

    def value_of(self, question: Question, value: object, top: int | None, ticked: list[str] | None) -> dict:
        if question.kind == MULTI:
            if not ticked:
                return self.cached(question, value, top)
            key = ("ticked", question.code, tuple(ticked), value.__class__,
                   value if isinstance(value, (str, int, float)) else repr(value))
            found = self.cache.get(key)
            if found is None:
                options = self.options[question.code]
                found = self.cache[key] = {
                    question.target: norm.multi_value(ticked + norm.split_choices(value, options), options)}
            return found
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


SKIP, OTHER, REAL = "skip", "other", "real"  # what a cell of an answer column holds


def answer_kind(value: object) -> str:
    """SKIP for a blank cell or LimeSurvey's « -oth- », OTHER for « Autre » alone, REAL for an answer."""
    if value is None or value == "":
        return SKIP
    if isinstance(value, str):
        word = value.strip().lower()
        if not word or word in OTHER_CODES:
            return SKIP
        if word in OTHER_WORDS:
            return OTHER
    return REAL


def first_of(earlier: tuple[list, list] | None, later: tuple[list, list]) -> tuple[list, list]:
    """Each row's (answer, top) from `earlier` where it has an answer, else from `later`."""
    if earlier is None:
        return later
    (cells, tops), (more, more_tops) = earlier, later
    return ([cell if cell is not None else other for cell, other in zip(cells, more)],
            [top if cell is not None else other for cell, top, other in zip(cells, tops, more_tops)])


def first_timestamp(cells) -> object:
    """The first date read among a row's date columns."""
    for cell in cells:
        found = norm.timestamp(cell)
        if found is not None:
            return found
    return None


def is_ticked(value: object, option: str) -> bool:
    return value is not None and value != "" and norm.is_checked(value, option)
