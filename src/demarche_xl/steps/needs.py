"""What a step needs before it can run, declared once in each `StepSpec.needs` (and `DOCUMENT_NEEDS` for the Word
documents): a table that must have rows, questionnaire answers, a decision the team must have taken; plus the sheets
it cannot run without. Checked on raw rows through any view of the sheets (`rows(sheet)`, `sheet_names()`), so the
runner's refusal, `verifier` and `Accueil` say the same thing in the same words."""
from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Protocol

from demarche_xl.french import join
from demarche_xl.problems import NOTHING_CHANGED, Problem, UserError
from demarche_xl.schema.model import ROW_ID, USER, Table
from demarche_xl.schema.registry import RAW_SATISFACTION_PREFIX, RAW_SURVEY_PREFIX, table
from demarche_xl.tableio import TRUE_WORDS, is_blank, match_headers
from demarche_xl.text import normalise

WORKBOOK = "classeur.xlsx"
# the step that writes a table, as the team reads it on `Accueil` (owner → label)
STEP_LABELS = {"consolider": "Consolider les questionnaires", "groupes": "Former les groupes",
               "parcours": "Construire les parcours", "referents": "Proposer les référents", "bilan": "Faire le bilan",
               "pilotage": "Proposer la feuille de route", "fusionner": "Fusionner une copie"}
ALWAYS_READ = ("parameters", "lists")  # every step reads the settings and the dropdown lists
ROW_NOUNS = {"teachers": "enseignant", "workshops": "atelier", "facilitators": "animateur", "slots": "créneau",
             "practices": "fiche de mise en pratique", "impressions": "enseignant et par moment",
             "experience_reports": "retour d'expérience", "action_plan": "action", "satisfaction": "réponse"}


class SheetsView(Protocol):
    def sheet_names(self) -> list[str]: ...

    def rows(self, sheet: str) -> list[list[object]]: ...


def filled_rows(view: SheetsView, declared: Table) -> int:
    """Rows of a table's sheet with at least one value in a declared column (row references aside); counted once
    per view (every step's needs ask again), and once for a view over another (`PlanView`) that leaves the sheet as
    it is."""
    counted = view.__dict__.setdefault("_filled_rows", {})  # table key -> (the rows counted, how many are filled)
    if declared.key not in counted:
        rows = view.rows(declared.sheet) if declared.sheet in view.sheet_names() else []
        known = getattr(getattr(view, "base", None), "__dict__", {}).get("_filled_rows", {}).get(declared.key)
        counted[declared.key] = known if known is not None and known[0] is rows else (rows, _filled(declared, rows))
    return counted[declared.key][1]


def _filled(declared: Table, rows: list[list[object]]) -> int:
    found = match_headers(declared, rows[0])[0] if rows else {}
    positions = [p for key, p in found.items() if key != ROW_ID]
    body = rows[1:]
    if not positions or not body:
        return 0
    width = max(positions) + 1
    if min(map(len, body)) < width:
        body = [row if len(row) >= width else [*row, *[None] * (width - len(row))] for row in body]
    pick = itemgetter(*positions) if len(positions) > 1 else lambda row: (row[positions[0]],)
    return sum(1 for values in map(pick, body) if not all(map(is_blank, values)))


def run_first(step: str) -> str:
    return f"lancez d'abord « demarche-xl {step} {WORKBOOK} » ({STEP_LABELS.get(step, step)})"


def fill_fix(declared: Table) -> str:
    if declared.owner == USER:
        noun = ROW_NOUNS.get(declared.key)
        return "remplissez-la" + (f" (une ligne par {noun})" if noun else "")
    return run_first(declared.owner)


def fill_short(declared: Table) -> str:
    if declared.owner == USER:
        return f"remplissez la feuille « {declared.sheet} »"
    return f"lancez d'abord « {STEP_LABELS.get(declared.owner, declared.owner)} »"


@dataclass(frozen=True)
class Filled:
    """The table must have at least one row (typed by the team, or written by an earlier step)."""

    table: str
    fix: str = ""

    def missing(self, view: SheetsView) -> Problem | None:
        declared = table(self.table)
        if filled_rows(view, declared):
            return None
        return Problem("aucune ligne remplie", self.fix or fill_fix(declared), declared.sheet)

    def short(self) -> str:
        return fill_short(table(self.table))


@dataclass(frozen=True)
class AnyFilled:
    """At least one of the tables must have a row (the workshop kit: any of its sheets)."""

    tables: tuple[str, ...]

    def missing(self, view: SheetsView) -> Problem | None:
        if any(filled_rows(view, table(key)) for key in self.tables):
            return None
        sheets = join([f"« {table(key).sheet} »" for key in self.tables], "ou")
        return Problem(f"aucune ligne remplie dans les feuilles {join([f'« {table(k).sheet} »' for k in self.tables])}",
                       f"remplissez au moins une des feuilles {sheets} pendant ou après les ateliers, puis relancez")

    def short(self) -> str:
        return f"remplissez {join([f'« {table(k).sheet} »' for k in self.tables], 'ou')}"


@dataclass(frozen=True)
class Answers:
    """Questionnaire answers: a raw tab « Q - … » or « S - … » with at least one answer row, or (`or_table`) the
    consolidated sheet typed by hand."""

    prefix: str
    or_table: str = ""

    def missing(self, view: SheetsView) -> Problem | None:
        for name in view.sheet_names():
            if name.startswith(self.prefix) and any(any(not is_blank(v) for v in row) for row in view.rows(name)[1:]):
                return None
        if self.or_table and filled_rows(view, table(self.or_table)):
            return None
        if self.prefix == RAW_SATISFACTION_PREFIX:
            return Problem("aucune réponse au questionnaire de satisfaction : pas d'onglet « S - … » avec des réponses"
                           + (f", feuille « {table(self.or_table).sheet} » vide" if self.or_table else ""),
                           f"importez l'export avec « demarche-xl importer {WORKBOOK} export.csv --satisfaction », "
                           "ou collez-le dans un onglet nommé « S - Google Forms » (titres en ligne 1)")
        return Problem(f"aucune réponse à consolider : pas d'onglet « {self.prefix}… » avec des réponses",
                       f"importez l'export avec « demarche-xl importer {WORKBOOK} export.csv », ou collez-le dans un "
                       "onglet nommé « Q - Papier » (titres en ligne 1)")

    def short(self) -> str:
        if self.prefix == RAW_SATISFACTION_PREFIX:
            return "importez les réponses au questionnaire de satisfaction (onglet « S - … »)"
        return "importez les réponses au questionnaire (onglet « Q - … »)"


@dataclass(frozen=True)
class Decided:
    """The team has taken a decision: at least one « Oui » typed in its column (`Retenue`, `Confirmé`)."""

    table: str
    column: str
    what: str  # « l'équipe n'a pas encore retenu de préoccupation »
    fix: str

    def chosen(self, view: SheetsView, show: str = "") -> list:
        """The rows where the team typed « Oui » (or their value in column `show`)."""
        declared = table(self.table)
        rows = view.rows(declared.sheet) if declared.sheet in view.sheet_names() else []
        if not rows:
            return []
        found = match_headers(declared, rows[0])[0]
        position = found.get(self.column)
        if position is None:
            return []
        chosen = [row for row in rows[1:] if position < len(row) and is_yes(row[position])]
        if not show:
            return chosen
        at = found.get(show)
        return [row[at] for row in chosen if at is not None and at < len(row) and not is_blank(row[at])]

    def missing(self, view: SheetsView) -> Problem | None:
        if self.chosen(view):
            return None
        declared = table(self.table)
        return Problem(self.what, self.fix, declared.sheet, column=declared.column(self.column).header)

    def short(self) -> str:
        declared = table(self.table)
        return f"{self.what} ({declared.sheet}, colonne « {declared.column(self.column).header} »)"


def is_yes(value: object) -> bool:
    return value is True or (isinstance(value, str) and normalise(value) in TRUE_WORDS)


RETAINED = Decided("concern_ranking", "retained", "l'équipe n'a pas encore retenu de préoccupation",
                   "tapez « Oui » dans la colonne « Retenue » pour les 3 ou 4 préoccupations choisies (la colonne "
                   "« Proposition de l'outil » montre ce que l'outil propose), puis relancez")
CONFIRMED = Decided("lead_teachers", "confirmed", "l'équipe n'a pas encore confirmé de référent",
                    "tapez « Oui » dans la colonne « Confirmé » pour chaque référent choisi (« Non » pour écarter une "
                    "proposition)")
SURVEY_ANSWERS = Answers(RAW_SURVEY_PREFIX)
SATISFACTION_ANSWERS = Answers(RAW_SATISFACTION_PREFIX, "satisfaction")

# what each Word document needs (`documents --quoi <clé>`); the documents are written from these sheets
DOCUMENT_NEEDS: dict[str, tuple] = {
    "synthese": (Filled("answers"), Filled("concern_ranking")),
    "convocations": (Filled("groups"), Filled("routes")),
    "animateurs": (Filled("workshops"), Filled("facilitators"), Filled("routes")),
    "journaux": (Filled("groups"), Filled("routes")),
    "bilan": (Filled("review"),),
    "plan-action": (),  # also a blank form for the workshop on action plans
}
DOCUMENT_READS: dict[str, tuple[str, ...]] = {
    "synthese": ("answers", "concern_ranking", "profile_map"),
    "convocations": ("teachers", "groups", "routes", "schedules"),
    "animateurs": ("workshops", "facilitators", "routes"),
    "journaux": ("groups", "routes"),
    "bilan": ("review", "practices", "satisfaction", "next_steps"),
    "plan-action": ("action_plan", "indicators"),
}


def document_spec(kind: str):
    """A Word document kind seen as a step: what it reads and needs, for the refusal, `Accueil` and `Journal`."""
    from demarche_xl.steps.base import StepSpec

    return StepSpec(f"documents:{kind}", f"Générer les documents ({kind})", DOCUMENT_READS[kind], (),
                    lambda step: None, needs=DOCUMENT_NEEDS[kind])


def unmet(view: SheetsView, needs: tuple) -> list[Problem]:
    """The needs not met, in the order they are declared (the method's)."""
    return [p for p in (need.missing(view) for need in needs) if p is not None]


def required_tables(spec) -> list[str]:
    """Tables whose sheet must exist for `spec` to run: what it reads and watches, the settings and lists; not the
    tables it owns (it writes them whole)."""
    keys = [*spec.reads, *spec.watches]
    if keys or spec.writes:
        keys = [*ALWAYS_READ, *keys]
    return [k for k in dict.fromkeys(keys) if table(k).owner != spec.name]


def missing_sheets(view: SheetsView, keys: list[str]) -> list[Problem]:
    """A French error per absent sheet; a sheet renamed by the team is recognised by its headers and named."""
    from demarche_xl.workbook.reader import renamed_sheet

    names = view.sheet_names()
    problems = []
    for key in keys:
        declared = table(key)
        if declared.sheet in names:
            continue
        other = renamed_sheet(declared, names, view.rows)
        if other is not None:
            problems.append(Problem(
                f"la feuille « {declared.sheet} » est absente, mais la feuille « {other} » a ses colonnes : elle a "
                "sans doute été renommée", f"renommez « {other} » en « {declared.sheet} » (clic droit sur l'onglet › "
                f"Renommer), ou lancez « demarche-xl verifier {WORKBOOK} --reparer »", declared.sheet))
        else:
            problems.append(Problem(
                f"la feuille « {declared.sheet} » est absente du classeur", "remettez-la depuis une sauvegarde (dossier "
                f"« sauvegardes »), ou lancez « demarche-xl verifier {WORKBOOK} --reparer » pour la recréer vide",
                declared.sheet))
    return problems


def refuse_unmet(view: SheetsView, spec) -> None:
    """Before anything is written: refuse in French when a required sheet is missing or a need is not met."""
    problems = missing_sheets(view, required_tables(spec))
    if not problems:
        problems = unmet(view, spec.needs)
    if problems:
        raise UserError([*problems, Problem(f"l'étape « {spec.label} » ne peut pas encore être lancée ; "
                                            f"{NOTHING_CHANGED}")])


def ready_documents(view: SheetsView, which: list[str] | None) -> tuple[list[str], list[Problem]]:
    """The document kinds asked for (all when `which` is empty) whose needs are met, and why the others must wait.
    Refuses (nothing written) when a kind asked for by name cannot be produced, or when none can."""
    from demarche_xl.documents.produce import chosen

    asked = [kind.key for kind in chosen(which)]
    waiting: list[Problem] = []
    ready = []
    for kind in asked:
        spec = document_spec(kind)
        problems = missing_sheets(view, required_tables(spec)) or unmet(view, spec.needs)
        if problems:
            first = problems[0]
            waiting.append(Problem(f"{kind} : pas encore possible — {first.message}", first.fix, first.sheet,
                                   first.row, first.column, "avertissement"))
        else:
            ready.append(kind)
    if waiting and (which or not ready):
        raise UserError([Problem(p.message, p.fix, p.sheet, p.row, p.column) for p in waiting]
                        + [Problem(f"aucun document n'a été écrit ; {NOTHING_CHANGED}")])
    return ready, waiting
