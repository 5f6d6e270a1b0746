"""Steps `groupes` (form the groups, or « changer le moins possible » when `Groupes` is already filled) and
`verifier-groupes` (check any `Groupes` sheet, hand-edited or not, against the shared rules), and the demo step.
Pure functions: tables in, tables and a French report out.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from demarche_xl.grouping import explain, heuristic, inputs, model, rules, solving, stability
from demarche_xl.grouping.domain import Grouping, Instance
from demarche_xl.problems import ERROR, WARNING, Problem, Report, UserError
from demarche_xl.schema.lists import COMFORT
from demarche_xl.steps.base import StepInput, StepOutput, StepSpec
from demarche_xl.steps.needs import RETAINED, Filled

READS = ("teachers", "answers", "concern_ranking", "constraints")


def form_groups(step: StepInput) -> StepOutput:
    instance, problems = inputs.instance_from(step.tables, step.params, step.options)
    report = Report("Groupes", problems=list(problems))
    previous = None if step.options.get("restart") else inputs.previous_grouping(instance, step.tables.get("groups"))
    if previous is not None:
        grouping, notes = keep_groups(instance, previous)
        report.info(f"mode « changer le moins possible » : {sum('→' in n for n in notes)} changement(s)")
        report.lines.extend(notes[:40])
        status = "groupes existants gardés sauf obligation d'une règle"
    else:
        grouping, status = new_groups(instance)
    summarise(instance, grouping, status, report)
    report.problems.extend(explain.catalyst_warnings(instance, grouping))
    return StepOutput({"groups": groups_frame(instance, grouping)}, report)


def new_groups(instance: Instance) -> tuple[Grouping, str]:
    blocking = [p for p in explain.diagnose(instance) if p.is_error]
    if blocking:
        raise UserError(blocking + [Problem("aucun groupe n'a été formé ; rien n'a été modifié")])
    limit = instance.settings.time_limit
    baseline = heuristic.heuristic(instance, seconds=min(2.0, 0.1 * limit))
    try:
        found = model.solve_groups(instance, warm=baseline)
    except ValueError:
        found = None
    candidates = [g for g in (found, baseline) if g is not None and not any(
        c.hard for c in rules.violations(instance, g))]
    if not candidates:
        raise UserError([explain.after_failure(instance)])
    best = min(candidates, key=lambda g: rules.score(instance, g)["total"])
    bound = found.bound if found is not None else None
    best.bound = bound
    status = model.describe(instance, best)
    if best is baseline and found is None:
        status += " (solution de l'heuristique : le solveur n'a rien trouvé à temps)"
    solver = solving.solver_name(instance.settings.solver)
    return best, f"{status} — solveur {solver}"


def keep_groups(instance: Instance, previous: Grouping) -> tuple[Grouping, list[str]]:
    blocking = [p for p in explain.diagnose(instance) if p.is_error and "catalyseur" not in p.message]
    if blocking:
        raise UserError(blocking)
    try:
        grouping, notes = stability.repair(instance, previous)
    except ValueError as error:
        raise UserError([Problem(str(error), "corrigez la feuille Groupes ou relancez avec « --tout-refaire »",
                                 "Groupes")]) from error
    if grouping is None:
        raise UserError([explain.after_failure(instance), Problem(
            "les groupes actuels ne peuvent pas être gardés", "relancez avec « --tout-refaire » pour tout refaire")])
    return grouping, notes


def summarise(instance: Instance, grouping: Grouping, status: str, report: Report) -> None:
    sizes = [len(ms) for ms in grouping.members.values()]
    parts = rules.score(instance, grouping)
    report.lines.insert(0, f"{len(instance.teachers)} enseignants en {len(sizes)} groupes de {min(sizes)} à "
                           f"{max(sizes)} ; {status}")
    shared = sum(1 for g, ms in grouping.members.items() for t in ms
                 if instance.by_id[t].rank(grouping.concerns.get(g)) == 1)
    report.lines.insert(1, f"{shared} enseignant(s) sur leur 1re préoccupation ; pénalité totale "
                           f"{parts['total']:g} (préoccupations retenues : {', '.join(instance.retained) or 'aucune'})")
    for check in rules.violations(instance, grouping):
        report.warn(check.message, "voir la colonne « Pourquoi » de la feuille Groupes", sheet="Groupes")
    report.figures["Groupes formés"] = len(sizes)


def groups_frame(instance: Instance, grouping: Grouping) -> pd.DataFrame:
    why = explain.why_texts(instance, grouping)
    rows = []
    for group in sorted(grouping.members):
        members = sorted((instance.by_id[t] for t in grouping.members[group]), key=lambda t: (not t.catalyst, t.name))
        for t in members:
            rows.append({"group_id": group, "teacher_id": t.teacher_id, "name": t.name, "discipline": t.discipline,
                         "school": t.school, "catalyst": t.catalyst,
                         "comfort": COMFORT.values[t.comfort - 1] if t.comfort else None,
                         "concern": grouping.concerns.get(group), "why": why.get(t.teacher_id)})
    return pd.DataFrame(rows, columns=["group_id", "teacher_id", "name", "discipline", "school", "catalyst",
                                       "comfort", "concern", "why"])


def verify_groups(step: StepInput) -> StepOutput:
    instance, problems = inputs.instance_from(step.tables, step.params, {"without_catalyst": True})
    report = Report("Vérification des groupes", problems=list(problems))
    frame = step.tables.get("groups")
    grouping = inputs.previous_grouping(instance, frame)
    if grouping is None:
        raise UserError("la feuille « Groupes » est vide", "lancez d'abord « demarche-xl groupes »")
    rows = inputs.rows_of(frame)
    for group, members in grouping.members.items():
        for t in [t for t in members if t not in instance.by_id]:
            report.error(f"« {t} » n'est pas un enseignant qui participe aux ateliers", "corrigez l'identifiant, "
                         "ou mettez « Oui » dans « Participe aux ateliers » (Enseignants)", sheet="Groupes",
                         row=rows.get(t), column="ID enseignant")
        grouping.members[group] = [t for t in members if t in instance.by_id]
    for check in rules.violations(instance, grouping):
        concerned = check.teachers or tuple(grouping.members.get(check.group, ()))
        row = min((rows[t] for t in concerned if t in rows), default=None)
        report.problems.append(Problem(check.message, "déplacez un enseignant puis relancez la vérification, ou "
                                       "« demarche-xl groupes » pour corriger en changeant le moins possible",
                                       "Groupes", row, "Groupe", ERROR if check.hard else WARNING))
    if not report.errors:
        report.info(f"{len(grouping.members)} groupes conformes à toutes les règles obligatoires "
                    f"({len(report.warnings)} remarque(s))")
    return StepOutput({}, report)


GROUPS = StepSpec("groupes", "Former les groupes", READS, ("groups",), form_groups,
                  needs=(Filled("teachers"), Filled("answers"), RETAINED))
VERIFY_GROUPS = StepSpec("verifier-groupes", "Vérifier les groupes", (*READS, "groups"), (), verify_groups,
                         tolerate_input_errors=True, needs=(Filled("groups"),))


def demo_step(workbook: Path, folder: Path, context: dict) -> Report:
    from demarche_xl.runner import run_step
    from demarche_xl.store.file_store import FileStore

    report = run_step(FileStore(workbook), GROUPS, {"time_limit": 20, "restart": True})
    checked = run_step(FileStore(workbook), VERIFY_GROUPS)
    report.lines.extend(checked.lines)
    return report
