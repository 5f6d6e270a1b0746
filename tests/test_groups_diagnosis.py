"""Groups the rules allow and groups no rule allows, on real workbooks through the CLI: balanced sizes are a
preference the score counts (an unbalanced grouping `verifier-groupes` accepts never beats « optimale prouvée »),
and impossible `Contraintes` are named row by row with fixes that were checked — two catalysts forced together when
there are as many catalysts as groups, a chain « Ensemble » A–B, B–C with « Séparés » A–C, a pair of two collèges
in « Par établissement » mode — told apart from a time limit reached without a solution."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from demarche_xl.grouping import inputs, penalties, rules
from demarche_xl.grouping.domain import Grouping
from demarche_xl.store.file_store import FileStore
from demarche_xl.workbook.reader import WorkbookReader

from test_groups import example, groups_of, write_table


def set_constraints(path: Path, rows: list[tuple[str, str, str]]) -> None:
    write_table(path, "constraints", pd.DataFrame([{"kind": k, "teacher_a": a, "teacher_b": b, "reason": "test"}
                                                   for k, a, b in rows]))


def participants(path: Path) -> pd.DataFrame:
    teachers = WorkbookReader(FileStore(path)).table("teachers")
    return teachers[teachers["participates"] == True]  # noqa: E712


def name(path: Path, teacher: str) -> str:
    row = participants(path).set_index("teacher_id").loc[teacher]
    return f"{row['first_name']} {row['last_name']}"


def instance_of(path: Path):
    reader = WorkbookReader(FileStore(path))
    tables = {k: reader.table(k) for k in ("teachers", "answers", "concern_ranking", "constraints", "groups")}
    return inputs.instance_from(tables, reader.params(), {})[0], tables


def test_unbalanced_groups_are_allowed_and_never_beat_a_proven_optimum(tmp_path, cli):
    path = tmp_path / "b.xlsx"  # the pooled 2 × 26 example, with the catalyst the tool asks for
    assert cli("exemple", path, "--enseignants", 26, "--etablissements", 2, "--graine", 3)[0] == 0
    assert cli("consolider", path)[0] == 0
    code, out = cli("groupes", path, "--temps", 20)
    assert code == 1 and "1 catalyseur de plus" in out and "volontaires dans le questionnaire : " in out, out
    volunteer = out.split("volontaires dans le questionnaire : ")[1].split(",")[0].split(" ;")[0].strip()
    teachers = WorkbookReader(FileStore(path)).table("teachers").drop(columns="_row")
    named = teachers["first_name"] + " " + teachers["last_name"]
    teachers.loc[named == volunteer, "catalyst"] = True
    write_table(path, "teachers", teachers)
    code, out = cli("groupes", path, "--temps", 20)
    assert code == 0 and "solution optimale prouvée" in out, out
    instance, tables = instance_of(path)
    grouping = inputs.previous_grouping(instance, tables["groups"])
    best = penalties.score(instance, grouping)["total"]
    tried = 0
    for group, members in grouping.members.items():  # every move of one teacher the rules allow, sizes unbalanced
        for teacher in members:
            for other in grouping.members:
                if other == group or grouping.scopes[other] != grouping.scopes[group]:
                    continue
                moved = Grouping({g: [t for t in ms if t != teacher] + ([teacher] if g == other else [])
                                         for g, ms in grouping.members.items()}, dict(grouping.concerns),
                                        dict(grouping.scopes))
                if not any(c.hard for c in rules.violations(instance, moved)):
                    tried += 1
                    assert penalties.score(instance, moved)["total"] >= best, (teacher, other)
    assert tried > 20
    frame = groups_of(path).drop(columns="_row")  # the team makes a group of 4 next to a group of 6
    sizes = frame.groupby("group_id").size()
    schools = frame.groupby("group_id")["school"].first()
    small = next(g for g in sizes.index if sizes[g] == 5 and (schools == schools[g]).sum() > 1 and
                 any(sizes[o] == 5 for o in sizes.index if o != g and schools[o] == schools[g]))
    large = next(o for o in sizes.index if o != small and schools[o] == schools[small] and sizes[o] == 5)
    mover = frame[(frame["group_id"] == small) & ~frame["catalyst"].astype(bool)].iloc[0]["teacher_id"]
    frame.loc[frame["teacher_id"] == mover, "group_id"] = large
    write_table(path, "groups", frame)
    code, out = cli("verifier-groupes", path)
    assert code == 0 and f"groupe {small} : 4 enseignants, hors des tailles les plus égales" in out, out
    assert "une préférence, pas une règle obligatoire" in out and "conformes à toutes les règles obligatoires" in out


def test_two_catalysts_forced_together_are_named_with_checked_fixes(tmp_path, cli):
    path = example(tmp_path, teachers=40)
    catalysts = participants(path)[participants(path)["catalyst"] == True]  # noqa: E712
    a, b = catalysts.iloc[0], catalysts.iloc[1]
    set_constraints(path, [("Séparés", catalysts.iloc[2]["teacher_id"], catalysts.iloc[3]["teacher_id"]),
                           ("Ensemble", a["teacher_id"], b["teacher_id"])])
    code, out = cli("groupes", path, "--temps", 20)
    assert code == 1, out
    assert f"feuille « Contraintes », ligne 3 : « Ensemble » {a['first_name']} {a['last_name']}" in out, out
    assert "sont catalyseurs et se retrouveraient dans le même groupe" in out and "7 catalyseurs pour 7 groupes" in out
    assert "ce n'est pas une question de temps de calcul" in out and "supprimez la ligne 3" in out
    assert "désignez un catalyseur de plus" in out and "feuille « Contraintes », ligne 2" not in out, out
    assert groups_of(path).empty
    spare = participants(path)[participants(path)["catalyst"] != True].iloc[0]["teacher_id"]  # noqa: E712
    teachers = WorkbookReader(FileStore(path)).table("teachers").drop(columns="_row")
    teachers.loc[teachers["teacher_id"] == spare, "catalyst"] = True  # the first fix proposed
    write_table(path, "teachers", teachers)
    code, out = cli("groupes", path, "--temps", 20)
    assert code == 0, out
    frame = groups_of(path)
    assert frame.set_index("teacher_id").loc[[a["teacher_id"], b["teacher_id"]], "group_id"].nunique() == 1
    assert cli("verifier-groupes", path)[0] == 0


def test_a_chain_of_constraints_is_named_row_by_row(tmp_path, cli):
    path = example(tmp_path, teachers=40)
    plain = participants(path)[participants(path)["catalyst"] != True]["teacher_id"].tolist()  # noqa: E712
    x, y, z = plain[:3]
    set_constraints(path, [("Ensemble", x, y), ("Ensemble", y, z), ("Séparés", x, z), ("Séparés", plain[5], plain[6])])
    code, out = cli("groupes", path, "--temps", 20)
    assert code == 1, out
    for row in (2, 3, 4):
        assert f"feuille « Contraintes », ligne {row} :" in out, out
    assert "feuille « Contraintes », ligne 5 :" not in out, out  # the unrelated row is not blamed
    assert "en conflit avec les lignes 3 et 4" in out, out
    assert f"les lignes « Ensemble » mettent {name(path, x)} ({x}) et {name(path, z)} ({z}) dans le même groupe, alors " \
           "que « Séparés » (ligne 4) veut les séparer" in out, out
    assert "aucune répartition ne respecte les lignes 2, 3 et 4 de Contraintes" in out
    assert "supprimez l'une de ces lignes (lignes 2, 3 et 4)" in out and "temps de calcul est écoulé" not in out


def test_a_pair_of_two_colleges_is_named_in_per_college_mode(tmp_path, cli):
    path = example(tmp_path, teachers=24, schools=3)
    people = participants(path)
    first = people[people["school"] == people["school"].iloc[0]].iloc[0]
    other = people[people["school"] != first["school"]].iloc[0]
    set_constraints(path, [("Ensemble", first["teacher_id"], other["teacher_id"])])
    code, out = cli("groupes", path, "--temps", 20)
    assert code == 1 and "feuille « Contraintes », ligne 2 :" in out, out
    assert "de collèges différents et les groupes restent par établissement" in out
    assert "passez en groupes « Mélangés »" in out, out


def test_time_limit_without_a_solution_is_not_called_impossible(tmp_path, cli, monkeypatch):
    from demarche_xl.grouping import heuristic, model

    path = example(tmp_path, teachers=40)
    monkeypatch.setattr(model, "solve_groups", lambda instance, seconds=None: None)  # a solver out of time
    monkeypatch.setattr(heuristic, "valid", lambda instance, grouping: False)
    code, out = cli("groupes", path, "--temps", 5)
    assert code == 1 and "le temps de calcul est écoulé avant qu'une répartition soit trouvée" in out, out
    assert "une répartition existe pourtant (vérifié)" in out and "--temps 120" in out
