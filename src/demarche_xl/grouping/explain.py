"""Explaining in French: why an instance cannot be solved (said before solving, with the team's choices), and
the « pourquoi » of each member's place in a group (shared concern, mixed disciplines, rules not met).
"""
from __future__ import annotations

import math
from collections import Counter

from demarche_xl.grouping import rules
from demarche_xl.grouping.domain import Grouping, Instance, Teacher, even_sizes
from demarche_xl.problems import WARNING, Problem

RANKS = {1: "1er choix", 2: "2e choix", 3: "3e choix"}


def where(scope: str) -> str:
    return f"{scope} : " if scope else ""


def diagnose(instance: Instance) -> list[Problem]:
    """Everything that makes the rules impossible to meet, found without calling the solver."""
    s = instance.settings
    problems: list[Problem] = []
    if not instance.teachers:
        return [Problem("aucun enseignant ne participe aux ateliers", "mettez « Oui » dans la colonne « Participe "
                        "aux ateliers » de la feuille Enseignants", "Enseignants", column="Participe aux ateliers")]
    if s.group_min > s.group_max:
        problems.append(Problem(f"taille minimale {s.group_min} > taille maximale {s.group_max}",
                                "corrigez les tailles dans Paramètres", "Paramètres"))
        return problems
    for scope, teachers in instance.scopes().items():
        problems.extend(scope_problems(instance, scope, teachers))
    problems.extend(pair_problems(instance))
    return problems


def scope_problems(instance: Instance, scope: str, teachers: list[Teacher]) -> list[Problem]:
    s, n = instance.settings, len(teachers)
    groups = instance.groups_needed(n)
    low, _ = even_sizes(n, groups)
    if low < s.group_min:
        return [Problem(f"{where(scope)}{n} enseignants ne peuvent pas former des groupes de {s.group_min} à "
                        f"{s.group_max}", "changez les tailles dans Paramètres, ou passez en groupes « Mélangés » "
                        "pour un événement mutualisé", "Paramètres")]
    catalysts = [t for t in teachers if t.catalyst]
    if len(catalysts) >= groups or s.allow_missing_catalysts:
        return []
    missing = groups - len(catalysts)
    volunteers = [t.name for t in teachers if t.volunteer and not t.catalyst]
    larger = math.ceil(n / max(1, len(catalysts))) if catalysts else None
    choices = [f"désigner {missing} catalyseur(s) de plus (feuille Enseignants, colonne Catalyseur)"
               + (f" — volontaires dans le questionnaire : {', '.join(volunteers[:8])}" if volunteers else ""),
               f"accepter {missing} groupe(s) sans catalyseur : relancez avec « --sans-catalyseur »"]
    if larger:
        choices.append(f"former {len(catalysts)} groupes plus grands (jusqu'à {larger}) : mettez {larger} en "
                       "« Taille maximale des groupes » (Paramètres), au-delà des 6 conseillés si besoin")
    return [Problem(f"{where(scope)}{groups} groupes nécessaires ({n} enseignants, {s.group_max} au plus par "
                    f"groupe), {len(catalysts)} catalyseurs", " ; ou ".join(choices), "Enseignants",
                    column="Catalyseur")]


def pair_problems(instance: Instance) -> list[Problem]:
    problems = []
    together = {frozenset(p) for p in instance.together}
    for pair in instance.apart:
        if frozenset(pair) in together:
            problems.append(Problem(f"{pair[0]} et {pair[1]} doivent être à la fois ensemble et séparés",
                                    "supprimez l'une des deux lignes", "Contraintes"))
    for a, b in instance.together:
        ta, tb = instance.by_id[a], instance.by_id[b]
        if instance.scope_of(ta) != instance.scope_of(tb):
            problems.append(Problem(f"{rules.label(ta)} et {rules.label(tb)} doivent être ensemble mais sont de "
                                    "collèges différents, et les groupes restent par établissement",
                                    "passez en groupes « Mélangés » (Paramètres) ou supprimez la contrainte",
                                    "Contraintes"))
    from demarche_xl.grouping.heuristic import blocks_of

    for block in blocks_of(instance, instance.teachers):
        if len(block) > instance.settings.group_max:
            problems.append(Problem(f"{len(block)} enseignants doivent être ensemble (« Ensemble » en chaîne), plus "
                                    f"que la taille maximale {instance.settings.group_max}",
                                    "retirez une contrainte « Ensemble »", "Contraintes"))
    return problems


def after_failure(instance: Instance) -> Problem:
    """When the solver found nothing although the checks passed: say what to relax."""
    return Problem("aucune répartition ne respecte toutes les règles dans le temps imparti",
                   "augmentez le « Temps de calcul maximal » (Paramètres), ou relâchez une contrainte « Ensemble » / "
                   "« Séparés », ou passez en groupes « Mélangés »", "Contraintes")


def member_why(instance: Instance, teacher: Teacher, concern: str | None) -> str:
    rank = teacher.rank(concern)
    if rank:
        return f"partage « {concern} » ({RANKS.get(rank, f'{rank}e choix')})"
    if not teacher.concerns:
        return "pas de réponse au questionnaire : placé pour équilibrer les groupes"
    if not any(c in instance.retained for c in teacher.concerns):
        return "ses préoccupations n'ont pas été retenues : placé pour équilibrer les groupes"
    return f"ne partage pas « {concern} » : aucune place dans un groupe de ses préoccupations"


def group_why(instance: Instance, members: list[Teacher]) -> str:
    disciplines = Counter(t.discipline for t in members if t.discipline)
    comforts = sorted({t.comfort for t in members if t.comfort})
    parts = [f"{len(disciplines)} discipline(s) pour {len(members)}"]
    if comforts:
        parts.append("aisances " + ", ".join(rules.COMFORT_LABELS[c - 1] for c in comforts))
    catalysts = sum(t.catalyst for t in members)
    parts.append(f"{catalysts} catalyseur(s)" if catalysts else "sans catalyseur")
    return " ; ".join(parts)


def why_texts(instance: Instance, grouping: Grouping) -> dict[str, str]:
    """The « Pourquoi » of each teacher: their own reason, the group's mix, and any rule not met."""
    broken: dict[str, list[str]] = {}
    for check in rules.violations(instance, grouping):
        broken.setdefault(check.group, []).append(check.message)
    texts = {}
    for group, ids in grouping.members.items():
        members = [instance.by_id[t] for t in ids]
        common = group_why(instance, members)
        unmet = "; règle non respectée : " + " ; ".join(broken[group]) if broken.get(group) else ""
        for t in members:
            role = "catalyseur ; " if t.catalyst else ""
            texts[t.teacher_id] = f"{role}{member_why(instance, t, grouping.concerns.get(group))} ; groupe : " \
                                  f"{common}{unmet}"
    return texts


def catalyst_warnings(instance: Instance, grouping: Grouping) -> list[Problem]:
    empty = [g for g, ids in grouping.members.items() if not any(instance.by_id[t].catalyst for t in ids)]
    if not empty:
        return []
    return [Problem(f"{len(empty)} groupe(s) sans catalyseur : {', '.join(empty)}", "désignez des catalyseurs "
                    "puis relancez avec « changer le moins possible »", "Groupes", severity=WARNING)]
