"""Domain objects of group formation: teachers, settings, an instance to solve, and a grouping (the answer).

Solvers, rules and explanations only see these dataclasses, never cells or DataFrames.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

NO_CONCERN_RANK = 4  # cost multiplier for a member who does not share the group's concern


@dataclass(frozen=True)
class Teacher:
    teacher_id: str
    name: str
    discipline: str = ""
    school: str = ""
    catalyst: bool = False
    comfort: int | None = None  # 1..4, None when unknown
    concerns: tuple[str, ...] = ()  # ranked, as answered
    others: tuple[tuple[str, str], ...] = ()  # (column, value) of the extra columns to diversify
    volunteer: bool = False  # volunteered as catalyst in the questionnaire

    def rank(self, concern: str | None) -> int | None:
        """1-based rank of `concern` among this teacher's concerns, None when absent."""
        if concern in self.concerns:
            return self.concerns.index(concern) + 1
        return None


@dataclass(frozen=True)
class Settings:
    group_min: int = 3
    group_max: int = 6
    weight_concern: float = 10.0
    weight_discipline: float = 3.0
    weight_comfort: float = 2.0
    weight_other: float = 1.0
    weight_balance: float = 3.0  # per teacher a group's size is away from the even sizes (a preference, not a rule)
    per_school: bool = True
    time_limit: float = 60.0
    solver: str = "Automatique"
    allow_missing_catalysts: bool = False  # the team chose groups without a catalyst over more catalysts


@dataclass
class Instance:
    teachers: list[Teacher]
    retained: list[str]
    together: list[tuple[str, str]] = field(default_factory=list)
    apart: list[tuple[str, str]] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    rows: dict[str, int] = field(default_factory=dict)  # Excel row of each teacher in `Enseignants`, for messages
    pair_rows: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (kind, a, b) -> row in `Contraintes`

    def __post_init__(self) -> None:
        self.by_id = {t.teacher_id: t for t in self.teachers}

    def scope_of(self, teacher: Teacher) -> str:
        """Teachers of different scopes never share a group (one scope per collège, or one for a mixed event)."""
        return teacher.school if self.settings.per_school else ""

    def scopes(self) -> dict[str, list[Teacher]]:
        result: dict[str, list[Teacher]] = {}
        for teacher in self.teachers:
            result.setdefault(self.scope_of(teacher), []).append(teacher)
        return result

    def groups_needed(self, count: int) -> int:
        return math.ceil(count / self.settings.group_max) if count else 0

    def concern_cost(self, teacher: Teacher, concern: str | None) -> float:
        """Cost of placing `teacher` in a group whose common concern is `concern` (0 for a 1st choice)."""
        if not any(c in self.retained for c in teacher.concerns):
            return 0.0  # did not answer, or none of their concerns was retained: any group suits them
        rank = teacher.rank(concern)
        return self.settings.weight_concern * ((rank or NO_CONCERN_RANK) - 1)

    def shares_concern(self, teacher: Teacher, concern: str | None) -> bool:
        return self.concern_cost(teacher, concern) == 0 or teacher.rank(concern) is not None


@dataclass(frozen=True)
class GroupSlot:
    """A group to fill: its name, its scope (collège or ""), and its common concern when already decided."""

    group_id: str
    scope: str = ""
    concern: str | None = None


@dataclass
class Grouping:
    """An answer: members of each group and each group's common concern."""

    members: dict[str, list[str]]  # group_id -> teacher ids
    concerns: dict[str, str | None] = field(default_factory=dict)
    scopes: dict[str, str] = field(default_factory=dict)
    status: str = ""  # French: « solution optimale prouvée », « écart de 2,1 % à la meilleure borne »…
    bound: float | None = None

    def group_of(self) -> dict[str, str]:
        return {t: g for g, members in self.members.items() for t in members}

    def slots(self) -> list[GroupSlot]:
        return [GroupSlot(g, self.scopes.get(g, ""), self.concerns.get(g)) for g in self.members]


def group_name(index: int) -> str:
    return f"G{index + 1:02d}"


def even_sizes(count: int, groups: int) -> tuple[int, int]:
    """Smallest and largest size when `count` teachers are split as evenly as possible into `groups`."""
    if groups <= 0:
        return 0, 0
    return count // groups, math.ceil(count / groups)
