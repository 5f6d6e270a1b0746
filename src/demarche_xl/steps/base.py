"""What a step is: its declaration (which tables it reads and owns, what it needs before it can run) and the values
it receives and returns."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from demarche_xl.problems import Report


@dataclass
class StepInput:
    """Everything a pure step may look at; built by the runner from any store."""

    tables: dict[str, pd.DataFrame]
    params: dict[str, object]
    lists: dict[str, list[str]]
    raw: dict[str, list[list[object]]] = field(default_factory=dict)  # raw questionnaire tabs by sheet name
    today: dt.date = field(default_factory=dt.date.today)
    options: dict[str, object] = field(default_factory=dict)


@dataclass
class StepOutput:
    """Tables the step owns, new raw tabs (imports only), and what to tell the user."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    report: Report = field(default_factory=Report)
    raw: dict[str, list[list[object]]] = field(default_factory=dict)
    inherited_history: list = field(default_factory=list)  # `share.history.History` of merged copies


@dataclass(frozen=True)
class StepSpec:
    name: str  # the CLI command, e.g. "consolider"
    label: str  # French, e.g. "Consolider les questionnaires"
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    run: Callable[[StepInput], StepOutput]
    raw_prefixes: tuple[str, ...] = ()
    writes_raw: bool = False
    tolerate_input_errors: bool = False  # e.g. `verifier`-like steps that report rather than refuse
    carries_team_edits: bool = False  # `fusionner`: writes the team's tables with edits merged from copies
    # what must be in the workbook before the step runs (`steps.needs`: rows, answers, a team decision), in method
    # order; the runner refuses when one is missing, and `verifier` and `Accueil` say the same
    needs: tuple = ()
    # tables it writes whose team columns are also its input (Retenue, Confirmé, Statut…): a team edit there makes
    # the step « À relancer » on `Accueil`, like a change in the tables it reads
    watches: tuple[str, ...] = ()
