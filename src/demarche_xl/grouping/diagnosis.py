"""Why no grouping can meet the obligatory rules, said in French row by row with the changes that would make one
possible: checks made before solving (sizes, catalysts, pairs), and the conflicting `Contraintes` rows found by
`feasibility.conflicts`, each fix proposed only after checking that it works.
"""
from __future__ import annotations

import math

from demarche_xl import french
from demarche_xl.grouping import feasibility, heuristic
from demarche_xl.grouping.domain import Instance, Teacher, even_sizes
from demarche_xl.grouping.rules import label, limits, where
from demarche_xl.problems import Problem

SHEET = "Contraintes"


def diagnose(instance: Instance) -> list[Problem]:
    """Everything that makes the rules impossible to meet, found before the solver runs."""
    s = instance.settings
    if not instance.teachers:
        return [Problem("aucun enseignant ne participe aux ateliers", "mettez « Oui » dans la colonne « Participe "
                        "aux ateliers » de la feuille Enseignants", "Enseignants", column="Participe aux ateliers")]
    if s.group_min > s.group_max:
        return [Problem(f"taille minimale {s.group_min} > taille maximale {s.group_max}",
                        "corrigez les tailles dans Paramètres", "Paramètres")]
    problems: list[Problem] = []
    for scope, teachers in instance.scopes().items():
        problems.extend(scope_problems(instance, scope, teachers))
    problems.extend(pair_problems(instance))
    if not problems:
        problems.extend(conflict_problems(instance))
    return problems


def scope_problems(instance: Instance, scope: str, teachers: list[Teacher]) -> list[Problem]:
    s, n = instance.settings, len(teachers)
    groups = instance.groups_needed(n)
    low, _ = even_sizes(n, groups)
    if low < s.group_min:
        sizes = f"{s.group_min}" if s.group_min == s.group_max else f"{s.group_min} à {s.group_max}"
        verb = "ne peut pas" if n < 2 else "ne peuvent pas"
        return [Problem(f"{where(scope)}{french.count(n, 'enseignant')} {verb} former "
                        f"{french.count(groups, 'groupe')} de {sizes}", "changez les tailles "
                        "dans Paramètres, ou passez en groupes « Mélangés » pour un événement mutualisé", "Paramètres")]
    catalysts = [t for t in teachers if t.catalyst]
    if len(catalysts) >= groups or s.allow_missing_catalysts:
        return []
    missing = groups - len(catalysts)
    volunteers = [t.name for t in teachers if t.volunteer and not t.catalyst]
    larger = math.ceil(n / max(1, len(catalysts))) if catalysts else None
    choices = [f"désigner {french.count(missing, 'catalyseur')} de plus (feuille Enseignants, colonne Catalyseur)"
               + (f" — volontaires dans le questionnaire : {', '.join(volunteers[:8])}" if volunteers else ""),
               f"accepter {french.count(missing, 'groupe')} sans catalyseur : relancez avec « --sans-catalyseur »"]
    if larger:
        choices.append(f"former {french.count(len(catalysts), 'groupe')} plus grands (jusqu'à {larger}) : mettez "
                       f"{larger} en « Taille maximale des groupes » (Paramètres), au-delà des 6 conseillés si besoin")
    return [Problem(f"{where(scope)}{french.count(groups, 'groupe nécessaire', 'groupes nécessaires')} "
                    f"({french.count(n, 'enseignant')}, {s.group_max} au plus par groupe), "
                    f"{french.count(len(catalysts), 'catalyseur')}", " ; ou ".join(choices), "Enseignants",
                    column="Catalyseur")]


def pair_problems(instance: Instance) -> list[Problem]:
    """Pairs that conflict on their own: both « Ensemble » and « Séparés », or « Ensemble » chains too large."""
    problems = []
    together = {frozenset(p): p for p in instance.together}
    for a, b in instance.apart:
        if frozenset((a, b)) in together:
            x, y = together[frozenset((a, b))]
            rows = [row_of(instance, ("Ensemble", x, y)), row_of(instance, ("Séparés", a, b))]
            problems.append(Problem(f"{names(instance, a, b)} doivent être à la fois ensemble et séparés "
                                    f"({lines(rows)})", "supprimez l'une des deux lignes", SHEET, rows[0]))
    for block in heuristic.blocks_of(instance, instance.teachers):
        if len(block) > instance.settings.group_max:
            ids = {t.teacher_id for t in block}
            rows = sorted(r for (k, a, b), r in instance.pair_rows.items() if k == "Ensemble" and a in ids)
            problems.append(Problem(f"{len(block)} enseignants doivent être ensemble (« Ensemble » en chaîne : "
                                    f"{lines(rows)}), plus que la taille maximale {instance.settings.group_max}",
                                    "retirez une de ces lignes « Ensemble »", SHEET, rows[0] if rows else None))
    return problems


def conflict_problems(instance: Instance) -> list[Problem]:
    """Each minimal set of conflicting `Contraintes` rows: one problem per row, then the checked fixes."""
    problems = []
    for core in feasibility.conflicts(instance):
        rows = [row_of(instance, r) for r in core]
        reason = why(instance, core)
        others = lambda r: [x for x in rows if x != r and x]  # noqa: E731
        for row, (kind, a, b) in zip(rows, core):
            with_others = f", en conflit avec {lines(others(row), True)}" if others(row) else ""
            problems.append(Problem(f"« {kind} » {names(instance, a, b)}{with_others} : {reason}",
                                    "supprimez cette ligne ou une autre du conflit" if len(core) > 1 else
                                    "supprimez cette ligne", SHEET, row))
        fixes = checked_fixes(instance, core)
        problems.append(Problem(f"aucune répartition ne respecte {lines(rows, True) or 'ces lignes'} de Contraintes avec "
                                "les règles obligatoires (vérifié : ce n'est pas une question de temps de calcul)",
                                " ; ou ".join(fixes), SHEET))
    return problems


def why(instance: Instance, core: list[feasibility.Row]) -> str:
    """The reason a conflicting set of rows cannot be met, in a few words."""
    kinds = {k for k, _, _ in core}
    a, b = core[0][1], core[0][2]
    if len(core) == 1 and instance.scope_of(instance.by_id[a]) != instance.scope_of(instance.by_id[b]):
        return "ils sont de collèges différents et les groupes restent par établissement"
    if kinds == {"Ensemble", "Séparés"}:
        chained = feasibility.with_rows(instance, [r for r in core if r[0] == "Ensemble"])
        block = {t.teacher_id: i for i, b in enumerate(heuristic.blocks_of(chained, chained.teachers)) for t in b}
        split = [(x, y) for k, x, y in core if k == "Séparés" and block[x] == block[y]]
        if split:
            x, y = split[0]
            return (f"les lignes « Ensemble » mettent {names(instance, x, y)} dans le même groupe, alors que "
                    f"« Séparés » ({lines([row_of(instance, ('Séparés', x, y))])}) veut les séparer")
    named = {t for _, x, y in core for t in (x, y)}
    catalysts = [instance.by_id[t] for t in sorted(named) if instance.by_id[t].catalyst]
    lim = limits(instance)[instance.scope_of(instance.by_id[a])]
    if len(catalysts) > 1 and "Ensemble" in kinds:
        spread = ("chaque groupe doit en avoir exactement un" if lim.catalyst_max == 1 else
                  f"aucun groupe ne peut en avoir plus de {lim.catalyst_max}")
        return (f"{french.join([label(t) for t in catalysts])} sont catalyseurs et se retrouveraient dans le même "
                f"groupe ; or il y a {french.count(lim.catalysts, 'catalyseur')} pour "
                f"{french.count(lim.groups, 'groupe')} : {spread}")
    return (f"avec {french.count(lim.groups, 'groupe')} de {lim.size_min} à {lim.size_max} enseignants et "
            f"{french.count(lim.catalysts, 'catalyseur')}, ces lignes ne peuvent pas être respectées ensemble")


def checked_fixes(instance: Instance, core: list[feasibility.Row]) -> list[str]:
    """The changes that make these rows possible, each checked with the feasibility model."""
    rows = [row_of(instance, r) for r in core]
    fixes = [f"supprimez l'une de ces lignes ({lines(rows)})" if len(core) > 1 else
             f"supprimez la ligne {rows[0]}" if rows[0] else "supprimez cette contrainte"]
    s = instance.settings
    named = {t for _, x, y in core for t in (x, y)}
    scope = instance.scope_of(instance.by_id[core[0][1]])
    spare = [t for t in instance.scopes().get(scope, []) if not t.catalyst and t.teacher_id not in named]
    spare.sort(key=lambda t: not t.volunteer)
    if spare and possible(instance, core, teachers=swap_flag(instance, spare[0])):
        fixes.append(f"désignez un catalyseur de plus (feuille Enseignants, colonne Catalyseur), par exemple "
                     f"{label(spare[0])}" + (" qui s'est porté volontaire" if spare[0].volunteer else ""))
    for t in [instance.by_id[t] for t in sorted(named) if instance.by_id[t].catalyst]:
        changed = swap_flag(instance, t)
        if possible(instance, core, teachers=changed):
            fewer = sum(x.catalyst for x in changed if instance.scope_of(x) == scope)
            short = fewer < limits(instance)[scope].groups
            fixes.append(f"retirez « Oui » de la colonne Catalyseur pour {label(t)} (feuille Enseignants"
                         f"{f', ligne {instance.rows[t.teacher_id]}' if t.teacher_id in instance.rows else ''})"
                         + (" et relancez avec « --sans-catalyseur »" if short else ""))
            break
    if possible(instance, core, group_max=s.group_max + 1):
        beyond = " (au-delà des 6 conseillés par la méthode)" if s.group_max + 1 > 6 else ""
        fixes.append(f"mettez {s.group_max + 1} en « Taille maximale des groupes » (Paramètres){beyond}")
    if s.per_school and len(instance.scopes()) > 1 and possible(instance, core, per_school=False):
        fixes.append("passez en groupes « Mélangés » (Paramètres, « Groupes d'un événement mutualisé »)")
    return fixes


def possible(instance: Instance, core: list[feasibility.Row], **changes: object) -> bool:
    return feasibility.feasible(feasibility.with_rows(instance, core, **changes)) is True


def swap_flag(instance: Instance, teacher: Teacher) -> list[Teacher]:
    from dataclasses import replace

    return [replace(t, catalyst=not t.catalyst) if t is teacher else t for t in instance.teachers]


def row_of(instance: Instance, row: feasibility.Row) -> int | None:
    kind, a, b = row
    return instance.pair_rows.get((kind, a, b)) or instance.pair_rows.get((kind, b, a))


def lines(rows: list[int | None], article: bool = False) -> str:
    """« ligne 4 », « lignes 4, 5 et 7 » (with `article`: « la ligne 4 », « les lignes 4, 5 et 7 »)."""
    known = [str(r) for r in rows if r]
    if not known:
        return ""
    if len(known) == 1:
        return f"{'la ' if article else ''}ligne {known[0]}"
    return f"{'les ' if article else ''}lignes {french.join(known)}"


def names(instance: Instance, a: str, b: str) -> str:
    return f"{label(instance.by_id[a])} et {label(instance.by_id[b])}"


def after_failure(instance: Instance, exists: bool | None) -> Problem:
    """When the solver found nothing in the time limit although a grouping exists (or could not be ruled out)."""
    proof = "une répartition existe pourtant (vérifié)" if exists else "aucune contradiction n'a été trouvée"
    return Problem(f"le temps de calcul est écoulé avant qu'une répartition soit trouvée ; {proof}",
                   "augmentez le « Temps de calcul maximal » (Paramètres) ou relancez avec « --temps 120 »",
                   "Paramètres", column="Valeur")
