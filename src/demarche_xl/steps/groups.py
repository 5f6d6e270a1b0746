"""Steps `groupes` (form the groups, or « changer le moins possible » when `Groupes` is already filled) and
`verifier-groupes` (check any `Groupes` sheet, hand-edited or not, against the shared rules), and the demo step.
Pure functions: tables in, tables and a French report out.
"""
from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pandas as pd

from demarche_xl import french
from demarche_xl.grouping import diagnosis, explain, feasibility, heuristic, inputs, model, penalties, rules, solving
from demarche_xl.grouping import stability
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
        moves = sum('→' in n for n in notes)
        report.info(f"mode « changer le moins possible » : {french.count(moves, 'changement')}")
        report.lines.extend(notes[:40])
        status = "groupes existants gardés sauf obligation d'une règle"
    else:
        started = step.options.get("started")  # when the command began: reading the workbook took part of the time
        spent = time.monotonic() - started if started else 0.0
        grouping, status = new_groups(instance, spent)
        report.problems.extend(short_limit(instance.settings.time_limit, spent))
    summarise(instance, grouping, status, report)
    report.problems.extend(explain.catalyst_warnings(instance, grouping))
    return StepOutput({"groups": groups_frame(instance, grouping)}, report)


def new_groups(instance: Instance, spent: float = 0.0) -> tuple[Grouping, str]:
    """The model's groups; the heuristic's only when the model found nothing in time; a French refusal naming the
    conflicting rows when no grouping can meet the obligatory rules. `spent`: seconds of the time limit already
    used (reading the workbook); as much again is kept for writing it."""
    blocking = [p for p in diagnosis.diagnose(instance) if p.is_error]
    if blocking:
        raise UserError(blocking + [Problem("aucun groupe n'a été formé ; rien n'a été modifié")])
    limit = instance.settings.time_limit
    started = time.perf_counter()
    try:
        found = model.solve_groups(instance, max(0.3 * limit, 0.85 * limit - 2 * spent))
    except ValueError:
        found = None
    if found is not None and heuristic.valid(instance, found):
        status = model.describe(instance, found)
    else:
        left = max(0.5, limit - spent - (time.perf_counter() - started))
        found = heuristic.heuristic(instance, seconds=left, steps=200 * len(instance.teachers))
        if not heuristic.valid(instance, found):
            raise UserError([diagnosis.after_failure(instance, feasibility.feasible(instance))])
        status = "solution de l'heuristique : le solveur n'a rien trouvé dans le temps imparti"
    return found, f"{status} — solveur {solving.solver_name(instance.settings.solver)}"


def short_limit(limit: float, spent: float) -> list[Problem]:
    """A warning when reading the workbook took so much of the time limit that the whole command will go past it
    (the model keeps at least 30 % of the limit, and writing takes about as long as reading)."""
    if spent <= 0.275 * limit:
        return []
    enough = 10 * -(-4 * spent // 10)  # reading, writing and a fair share for the model, rounded up to 10 s
    return [Problem(f"le temps de calcul maximal ({french.number(limit)} s) ne suffit pas pour un classeur de cette "
                    f"taille : sa lecture a déjà pris {french.number(spent, 1)} s, et l'écriture en prend autant : la "
                    "commande durera plus longtemps que demandé",
                    f"laissez au moins {french.number(enough)} s (« Temps de calcul maximal » dans Paramètres, ou "
                    f"« --temps {french.number(enough)} »)", "Paramètres", severity=WARNING)]


def keep_groups(instance: Instance, previous: Grouping) -> tuple[Grouping, list[str]]:
    blocking = [p for p in diagnosis.diagnose(instance) if p.is_error and p.column != "Catalyseur"]
    if blocking:
        raise UserError(blocking)
    try:
        grouping, notes = stability.repair(instance, previous)
    except ValueError as error:
        raise UserError([Problem(str(error), "corrigez la feuille Groupes ou relancez avec « --tout-refaire »",
                                 "Groupes")]) from error
    if grouping is None:
        raise UserError([diagnosis.after_failure(instance, feasibility.feasible(instance)), Problem(
            "les groupes actuels ne peuvent pas être gardés", "relancez avec « --tout-refaire » pour tout refaire")])
    return grouping, notes


def summarise(instance: Instance, grouping: Grouping, status: str, report: Report) -> None:
    sizes = [len(ms) for ms in grouping.members.values()]
    span = f"{min(sizes)}" if min(sizes) == max(sizes) else f"{min(sizes)} à {max(sizes)}"
    report.lines.insert(0, f"{french.count(len(instance.teachers), 'enseignant')} en "
                           f"{french.count(len(sizes), 'groupe')} de {span} ; {status}")
    report.lines.insert(1, in_words(instance, grouping))
    for check in rules.violations(instance, grouping):
        report.warn(check.message, "voir la colonne « Pourquoi » de la feuille Groupes", sheet="Groupes")
    report.figures["Groupes formés"] = len(sizes)


def in_words(instance: Instance, grouping: Grouping) -> str:
    """The result for the team: teachers on their 1st, 2nd, 3rd concern, groups where a discipline or a comfort
    level repeats, the score for comparing two runs."""
    ranks = Counter(instance.by_id[t].rank(grouping.concerns.get(g)) for g, ms in grouping.members.items()
                    for t in ms)
    answered = sum(1 for t in instance.teachers if any(c in instance.retained for c in t.concerns))
    parts = [f"{french.count(ranks[1], 'enseignant')} sur leur 1re préoccupation"]
    parts += [f"{ranks[r]} sur leur {r}e" for r in (2, 3) if ranks[r]]
    others = answered - ranks[1] - ranks[2] - ranks[3]
    if others > 0:
        parts.append(f"{others} sur aucune de leurs préoccupations")
    repeats = sum(1 for ms in grouping.members.values()
                  if len({instance.by_id[t].discipline for t in ms if instance.by_id[t].discipline})
                  < sum(1 for t in ms if instance.by_id[t].discipline))
    parts.append(f"{french.count(repeats, 'groupe')} où une discipline revient" if repeats else
                 "aucune discipline en double dans un groupe")
    total = penalties.score(instance, grouping)["total"]
    return f"{', '.join(parts)} (score {french.number(total, 1 if total % 1 else 0)}, plus bas = mieux ; " \
           f"préoccupations retenues : {', '.join(instance.retained) or 'aucune'})"


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


FIX = "déplacez un enseignant puis relancez la vérification, ou « demarche-xl groupes » pour corriger en changeant " \
      "le moins possible"
FIXES = {
    "nombre de groupes": "répartissez les enseignants dans ce nombre de groupes, ou changez la « Taille maximale des "
                         "groupes » (Paramètres) ; « demarche-xl groupes » le fait en changeant le moins possible",
    "tailles équilibrées": "rien d'obligatoire : gardez-le si c'est voulu, sinon déplacez un enseignant",
}


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
        report.problems.append(Problem(check.message, FIXES.get(check.rule, FIX), "Groupes", row, "Groupe",
                                       ERROR if check.hard else WARNING))
    if not report.errors:
        report.info(f"{french.count(len(grouping.members), 'groupe conforme', 'groupes conformes')} à toutes les "
                    f"règles obligatoires ({french.count(len(report.warnings), 'remarque')})")
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
