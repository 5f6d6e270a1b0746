"""`verifier`: every table checked against its declaration, plus the references between tables, in French; a
method sheet deleted or renamed is an error (a renamed one is named, `--reparer` gives it its name back); and what is
still missing for the next step of the method, in its order (the same needs as the runner and `Accueil`)."""
from __future__ import annotations

from demarche_xl.french import count
from demarche_xl.problems import WARNING, Problem, Report
from demarche_xl.schema.registry import ALL_TABLES, META_SHEET, SCHEMA_VERSION
from demarche_xl.steps import needs
from demarche_xl.store.base import Store
from demarche_xl.tableio import ROW
from demarche_xl.workbook.reader import WorkbookReader

RECREATED = ("run_log", "conflicts")  # written whole by the toolkit when absent: not an error

# (table, column) must exist in (table, column): a teacher, facilitator, slot or workshop that is not declared
REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("constraints", "teacher_a", "teachers", "teacher_id"),
    ("constraints", "teacher_b", "teachers", "teacher_id"),
    ("constraints", "slot", "slots", "slot_id"),
    ("workshops", "facilitator_id", "facilitators", "facilitator_id"),
    ("groups", "teacher_id", "teachers", "teacher_id"),
    ("free_choices", "teacher_id", "teachers", "teacher_id"),
    ("free_choices", "choice_1", "workshops", "workshop_id"),
    ("free_choices", "choice_2", "workshops", "workshop_id"),
    ("free_choices", "choice_3", "workshops", "workshop_id"),
    ("impressions", "teacher_id", "teachers", "teacher_id"),
    ("practices", "lead_teacher_id", "teachers", "teacher_id"),
    ("indicators", "action_id", "action_plan", "action_id"),
    ("diagnosis", "retex_id", "experience_reports", "retex_id"),
)


def verify(store: Store) -> Report:
    reader = WorkbookReader(store)
    report = Report("Vérification du classeur")
    version = schema_version(store)
    if version is not None:  # a démarche workbook: its method sheets must all be there
        absent = needs.missing_sheets(reader, [t.key for t in ALL_TABLES if t.key not in RECREATED])
        report.problems.extend(absent)
    if version is None:
        report.warn("ce classeur n'a pas été créé par demarche-xl (version du modèle inconnue)",
                    "créez-le avec « demarche-xl nouveau » ou ajoutez les feuilles avec « nouveau --dans »")
    elif version > SCHEMA_VERSION:
        report.error(f"ce classeur vient d'une version plus récente de l'outil (modèle {version})",
                     "mettez à jour demarche-xl")
    counts = {}
    reader.params()
    for declared in ALL_TABLES:
        if not reader.has_sheet(declared.sheet):
            continue
        frame = reader.table(declared.key)
        counts[declared.sheet] = len(frame)
        for cells in store.merged_ranges(declared.sheet):
            report.error(f"cellules fusionnées ({cells}) dans un tableau", "défusionnez-les (Accueil › Fusionner)",
                         sheet=declared.sheet)
    report.problems.extend(reader.problems)
    report.problems.extend(reference_problems(reader))
    filled = {sheet: n for sheet, n in counts.items() if n}
    report.info(f"{count(len(counts), 'feuille vérifiée', 'feuilles vérifiées')}, "
                f"{count(sum(filled.values()), 'ligne remplie', 'lignes remplies')}")
    if version is not None:
        report.lines.extend(next_step_lines(reader))
    return report


def next_step_lines(reader: WorkbookReader) -> list[str]:
    """What the team does next, in the method's order, and what is still missing for it."""
    from demarche_xl import progress

    found = progress.next_step(reader, progress.runs_from_journal(reader.rows("Journal")))
    if found is None:
        return ["toutes les étapes de la démarche sont faites"]
    step, status = found
    how = f" (« demarche-xl {step.command} »)" if step.command and step.command != "verifier" else ""
    lines = [f"étape suivante : {step.label}{how} — {status}"]
    spec = progress.spec_for(step) if step.kind == progress.COMMAND else None
    declared = (spec.needs if spec is not None else ()) or (*step.after, *step.done_when)
    for problem in needs.unmet(reader, declared):
        lines.append(f"  il manque : {problem}")
    return lines


def reference_problems(reader: WorkbookReader) -> list[Problem]:
    from demarche_xl.schema.registry import table

    problems = []
    for source, column, target, target_column in REFERENCES:
        if not (reader.has_sheet(table(source).sheet) and reader.has_sheet(table(target).sheet)):
            continue
        known = {str(v).strip().lower() for v in reader.table(target)[target_column] if v is not None}
        frame = reader.table(source)
        for value, row in zip(frame[column], frame[ROW]):
            if value is None:
                continue
            for part in str(value).split(";"):
                if part.strip() and part.strip().lower() not in known:
                    problems.append(Problem(
                        f"« {part.strip()} » ne correspond à aucune ligne de la feuille « {table(target).sheet} »",
                        f"utilisez un identifiant de la colonne « {table(target).column(target_column).header} » "
                        f"de « {table(target).sheet} »", table(source).sheet, int(row),
                        table(source).column(column).header))
    return problems


def schema_version(store: Store) -> int | None:
    if META_SHEET not in store.sheet_names():
        return None
    for row in store.read_rows(META_SHEET):
        if row and row[0] == "version_schema":
            try:
                return int(float(row[1]))
            except (TypeError, ValueError):
                return None
    return None


def demo_step(workbook, folder, context: dict) -> Report:
    """Demo chain: verify the freshly filled example; it must be clean, errors stop the demo."""
    from demarche_xl.problems import UserError
    from demarche_xl.store.file_store import FileStore

    report = verify(FileStore(workbook))
    errors = [p for p in report.problems if p.severity != WARNING]
    if errors:
        raise UserError(errors)
    return report
