"""What goes wrong, said in French: a problem names the sheet, row and column, what is wrong and how to fix it.

Every layer reports through `Problem`; `UserError` carries problems up to the CLI or the Excel button, which show
them instead of a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "erreur"
WARNING = "avertissement"


@dataclass(frozen=True)
class Problem:
    message: str
    fix: str = ""
    sheet: str = ""
    row: int | None = None  # Excel row number (1 = header)
    column: str = ""  # French header
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"feuille « {self.sheet} »")
        if self.row:
            parts.append(f"ligne {self.row}")
        if self.column:
            parts.append(f"colonne « {self.column} »")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        text = f"{where} : {self.message}" if where else self.message
        if self.fix:
            text += f" → {self.fix}"
        return text


class UserError(Exception):
    """A failure the user can fix; carries French problems, never shown as a traceback."""

    def __init__(self, problems: list[Problem] | Problem | str, fix: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, fix)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Report:
    """What a step tells the user: lines of information, problems, and key figures for `Accueil`."""

    title: str = ""
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    figures: dict[str, object] = field(default_factory=dict)

    def info(self, line: str) -> None:
        self.lines.append(line)

    def warn(self, message: str, fix: str = "", **where: object) -> None:
        self.problems.append(Problem(message, fix, severity=WARNING, **where))  # type: ignore[arg-type]

    def error(self, message: str, fix: str = "", **where: object) -> None:
        self.problems.append(Problem(message, fix, severity=ERROR, **where))  # type: ignore[arg-type]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def extend(self, other: "Report") -> None:
        self.lines.extend(other.lines)
        self.problems.extend(other.problems)
        self.figures.update(other.figures)

    def summary(self) -> str:
        """One line for the `Journal` sheet."""
        text = "; ".join(self.lines[:6])
        if self.warnings:
            text += f" ({len(self.warnings)} {'avertissement' if len(self.warnings) < 2 else 'avertissements'})"
        return text[:1000]


NOTHING_CHANGED = "rien n'a été modifié"


def refusal_lines(problems: list[Problem], limit: int, full_list: str) -> list[str]:
    """What an Excel door shows when a step refuses: the problems as bullets (at most `limit`, then how many more and
    `full_list`, where to see them all), and the reassurance that the workbook did not change unless a problem
    already says so."""
    lines = ["L'étape n'a pas pu aboutir :", *bullets(problems, limit, full_list)]
    if not any(NOTHING_CHANGED in str(p) for p in problems):
        lines.append("Le classeur n'a pas été modifié.")
    return lines


def bullets(problems: list[Problem], limit: int, full_list: str) -> list[str]:
    """The problems as bullets, at most `limit`, then how many more and `full_list`, where to see them all."""
    from demarche_xl.french import count

    lines = [f"• {p}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"• … et {count(len(problems) - limit, 'autre')} : {full_list}")
    return lines
