"""The groups' « solution optimale prouvée » checked against an independent exact method on 240 small random events
(1 to 3 collèges, groups per collège or mixed, `Contraintes` rows, few or many catalysts, random weights).

The exact method below is written from the rules as the README states them, without the tool's code: it lists
every possible group of each collège (or of the whole event when groups are mixed) that keeps the obligatory rules,
scores it, and finds the cheapest partition into exactly ⌈participants / taille maximale⌉ groups by dynamic
programming over subsets. The tool must then: refuse exactly when no grouping exists (and not blame the time
limit), give a grouping that keeps every obligatory rule, never score below the exact optimum, report a bound no
higher than it, and reach it whenever it says « solution optimale prouvée ». The exact optimum's own grouping must
pass `verifier-groupes`' rules and be scored the same by the tool. About 30 s on 2 cores.
"""
from __future__ import annotations

import math
import random
from functools import lru_cache

import pytest

from demarche_xl.grouping import penalties, rules
from demarche_xl.grouping.domain import Grouping, Instance, Settings, Teacher
from demarche_xl.problems import UserError
from demarche_xl.steps.groups import new_groups

CONCERNS = ("numérique", "évaluation", "oral", "différenciation")
DISCIPLINES = ("Français", "Mathématiques", "Anglais", "EPS", "Histoire")
CHUNKS, PER_CHUNK = 8, 30


def random_event(rng: random.Random) -> Instance:
    per_school = rng.random() < 0.6
    schools = rng.choice((1, 2, 3))
    low = rng.choice((2, 3, 3))
    high = rng.choice([h for h in (3, 4, 5, 6, 6) if h >= low])
    many = rng.random() < 0.5  # many catalysts, or few
    teachers: list[Teacher] = []
    sizes = [rng.randint(4, 9) for _ in range(schools)] if per_school else [rng.randint(5, 12)]
    homes = [s for s, size in enumerate(sizes) for _ in range(size)] if per_school else \
        [rng.randrange(schools) for _ in range(sizes[0])]
    for i, home in enumerate(homes):
        school = f"Collège {1 + home}"
        ranked = tuple(rng.sample(CONCERNS, rng.choice((0, 1, 2, 3, 3))))
        others = (("Niveau", rng.choice(("6e", "3e"))),) if rng.random() < 0.3 else ()
        teachers.append(Teacher(f"E{i:02d}", f"Prof {i}", rng.choice(DISCIPLINES[: rng.randint(2, 5)]), school,
                                rng.random() < (0.5 if many else 0.12), rng.choice((None, 1, 2, 3, 4)), ranked,
                                others))
    retained = rng.sample(CONCERNS, rng.randint(1, 3))
    together, apart = [], []
    for _ in range(rng.choice((0, 0, 1, 2, 3))):
        a, b = rng.sample([t.teacher_id for t in teachers], 2)
        (together if rng.random() < 0.5 else apart).append((a, b))
    settings = Settings(group_min=low, group_max=high, weight_concern=rng.choice((10.0, 4.0)),
                        weight_discipline=rng.choice((3.0, 1.0, 0.0)), weight_comfort=rng.choice((2.0, 0.0)),
                        weight_other=rng.choice((1.0, 0.0)), weight_balance=rng.choice((3.0, 1.0, 0.0)),
                        per_school=per_school, time_limit=30, allow_missing_catalysts=rng.random() < 0.8)
    return Instance(teachers, retained, together, apart, settings)


# the independent exact method ---------------------------------------------------------------------------------
def concern_cost(event: Instance, teacher: Teacher, concern: str) -> float:
    if not set(teacher.concerns) & set(event.retained):
        return 0.0
    rank = teacher.concerns.index(concern) + 1 if concern in teacher.concerns else 4
    return event.settings.weight_concern * (rank - 1)


def group_cost(event: Instance, members: list[Teacher], low: int, high: int) -> tuple[float, str]:
    s = event.settings
    diversity = 0.0
    for weight, value in ((s.weight_discipline, lambda t: t.discipline), (s.weight_comfort, lambda t: t.comfort),
                          (s.weight_other, lambda t: dict(t.others).get("Niveau"))):
        values = [value(t) for t in members if value(t) not in (None, "")]
        diversity += weight * sum(values.count(v) - 1 for v in set(values))
    size = len(members)
    balance = s.weight_balance * (max(0, low - size) + max(0, size - high))
    concern = min(event.retained, key=lambda c: sum(concern_cost(event, t, c) for t in members))
    return sum(concern_cost(event, t, concern) for t in members) + diversity + balance, concern


def exact(event: Instance) -> tuple[float, Grouping] | None:
    s = event.settings
    scopes: dict[str, list[Teacher]] = {}
    for t in event.teachers:
        scopes.setdefault(t.school if s.per_school else "", []).append(t)
    home = {t.teacher_id: (t.school if s.per_school else "") for t in event.teachers}
    if any(home[a] != home[b] for a, b in event.together):
        return None
    total, grouping = 0.0, Grouping({}, {}, {})
    for scope, people in scopes.items():
        n, groups = len(people), math.ceil(len(people) / s.group_max)
        catalysts = sum(t.catalyst for t in people)
        fewest, most = (1 if catalysts >= groups else 0), math.ceil(catalysts / groups)
        index = {t.teacher_id: i for i, t in enumerate(people)}
        valid: dict[int, list[tuple[int, float, str]]] = {i: [] for i in range(n)}
        for mask in range(1, 1 << n):
            members = [people[i] for i in range(n) if mask >> i & 1]
            inside = {t.teacher_id for t in members}
            if not s.group_min <= len(members) <= s.group_max:
                continue
            if not fewest <= sum(t.catalyst for t in members) <= most:
                continue
            if any((a in inside) != (b in inside) for a, b in event.together if a in index):
                continue
            if any(a in inside and b in inside for a, b in event.apart):
                continue
            cost, concern = group_cost(event, members, n // groups, math.ceil(n / groups))
            valid[(mask & -mask).bit_length() - 1].append((mask, cost, concern))

        @lru_cache(maxsize=None)
        def best(left: int, count: int) -> tuple[float, tuple]:
            if left == 0:
                return (0.0, ()) if count == 0 else (math.inf, ())
            if count == 0:
                return math.inf, ()
            found: tuple[float, tuple] = (math.inf, ())
            for mask, cost, concern in valid[(left & -left).bit_length() - 1]:
                if mask & left == mask:
                    rest, chosen = best(left & ~mask, count - 1)
                    if cost + rest < found[0]:
                        found = (cost + rest, ((mask, concern),) + chosen)
            return found

        value, chosen = best((1 << n) - 1, groups)
        if value == math.inf:
            return None
        total += value
        for mask, concern in chosen:
            name = f"X{len(grouping.members):02d}"
            grouping.members[name] = [people[i].teacher_id for i in range(n) if mask >> i & 1]
            grouping.concerns[name], grouping.scopes[name] = concern, scope
    return total, grouping


# the property -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_groups_match_an_independent_exact_method(chunk):
    counts = {"prouvée": 0, "formés": 0, "impossible": 0, "refus catalyseurs": 0}
    for seed in range(chunk * PER_CHUNK, (chunk + 1) * PER_CHUNK):
        event = random_event(random.Random(seed))
        truth = exact(event)
        try:
            grouping, status = new_groups(event)
        except UserError as refusal:
            text = str(refusal)
            lacking = not event.settings.allow_missing_catalysts and "--sans-catalyseur" in text
            assert truth is None or lacking, f"graine {seed} : refus alors qu'une répartition existe : {text}"
            assert "temps de calcul est écoulé" not in text, f"graine {seed} : {text}"
            counts["refus catalyseurs" if lacking else "impossible"] += 1
            continue
        assert truth is not None, f"graine {seed} : groupes formés alors qu'aucune répartition n'existe"
        optimum, witness = truth
        assert not [c.message for c in rules.violations(event, witness) if c.hard], f"graine {seed}"
        assert penalties.score(event, witness)["total"] == pytest.approx(optimum), f"graine {seed}"
        assert not [c.message for c in rules.violations(event, grouping) if c.hard], f"graine {seed}"
        got = penalties.score(event, grouping)["total"]
        counts["formés"] += 1
        assert got >= optimum - 1e-6, f"graine {seed} : {got} < optimum {optimum}"
        assert grouping.bound is None or grouping.bound <= optimum + 1e-6, f"graine {seed} : borne {grouping.bound}"
        assert "heuristique" not in status, f"graine {seed} : {status}"
        if "solution optimale prouvée" in status:
            assert got == pytest.approx(optimum), f"graine {seed} : « prouvée » à {got}, optimum {optimum}"
            counts["prouvée"] += 1
    assert counts["formés"] >= PER_CHUNK // 3 and counts["impossible"] >= 1, counts  # both kinds are met
    assert counts["prouvée"] >= counts["formés"] * 0.9, counts  # small events are proven optimal
