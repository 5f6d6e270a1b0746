"""Groups on real workbooks: the example collège and a pooled 5-collège event from the CLI, the shared rule check,
hand edits surviving a « changer le moins possible » rerun, and infeasible cases explained in French."""
from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from fixtures.decisions import retain_most_cited

from demarche_xl.example.fill import fill_example
from demarche_xl.example.roster import make_teachers
from demarche_xl.schema.registry import table
from demarche_xl.store.base import SheetWrite, WritePlan
from demarche_xl.store.file_store import FileStore
from demarche_xl.tableio import rows_from_frame
from demarche_xl.workbook.reader import WorkbookReader


def write_table(path: Path, key: str, frame: pd.DataFrame) -> None:
    declared = table(key)
    FileStore(path).apply(WritePlan([SheetWrite(declared.sheet, declared.headers, rows_from_frame(declared, frame),
                                                table=declared)]))


def answers_for(teachers: int, schools: int, seed: int = 1) -> pd.DataFrame:
    """`Réponses` as the consolidation would write them for the example (same roster, same seed)."""
    roster, _ = make_teachers(random.Random(seed), teachers, schools)
    return pd.DataFrame([{"answer_id": f"R{i:04d}", "teacher_id": t.teacher_id, "concern_1": t.concerns[0],
                          "concern_2": t.concerns[1], "concern_3": t.concerns[2], "comfort_level": t.comfort}
                         for i, t in enumerate(roster) if t.answers])


def example(tmp_path: Path, teachers: int = 55, schools: int = 1, name: str = "c.xlsx") -> Path:
    path = tmp_path / name
    fill_example(FileStore(path, must_exist=False), teachers=teachers, schools=schools)
    write_table(path, "answers", answers_for(teachers, schools))
    retain_most_cited(path)  # the team's decision: groups are formed on the retained concerns only
    return path


def groups_of(path: Path) -> pd.DataFrame:
    return WorkbookReader(FileStore(path)).table("groups")


def test_example_college_groups_pass_the_shared_check(tmp_path, cli):
    path = example(tmp_path)
    code, out = cli("groupes", path, "--temps", "10")
    assert code == 0, out
    assert "solution optimale prouvée" in out
    frame = groups_of(path)
    teachers = WorkbookReader(FileStore(path)).table("teachers")
    assert set(frame["teacher_id"]) == set(teachers.loc[teachers["participates"] == True, "teacher_id"])  # noqa: E712
    sizes = frame.groupby("group_id").size()
    assert sizes.max() <= 6 and sizes.min() >= 3 and sizes.max() - sizes.min() <= 1
    assert (frame.groupby("group_id")["catalyst"].sum() == 1).all()
    assert frame["concern"].notna().all() and frame["why"].str.contains("groupe :").all()
    code, out = cli("verifier-groupes", path)
    assert code == 0 and "conformes" in out, out
    log = WorkbookReader(FileStore(path)).table("run_log")
    assert log["summary"].str.contains("solution optimale prouvée").any()


def test_pooled_event_keeps_each_group_in_one_college(tmp_path, cli):
    path = example(tmp_path, teachers=40, schools=5)
    code, out = cli("groupes", path, "--temps", "20")
    assert code == 0, out
    frame = groups_of(path)
    assert (frame.groupby("group_id")["school"].nunique() == 1).all()
    assert frame["school"].nunique() == 5
    assert cli("verifier-groupes", path)[0] == 0


def test_hand_edits_survive_a_rerun_and_latecomers_are_placed(tmp_path, cli):
    path = example(tmp_path)
    assert cli("groupes", path, "--temps", "10")[0] == 0
    frame = groups_of(path).drop(columns="_row")
    plain = frame[~frame["catalyst"].astype(bool)]
    a, b = plain.iloc[0], plain[plain["group_id"] != plain.iloc[0]["group_id"]].iloc[0]
    frame.loc[frame["teacher_id"] == a["teacher_id"], "group_id"] = b["group_id"]  # the team swaps two teachers
    frame.loc[frame["teacher_id"] == b["teacher_id"], "group_id"] = a["group_id"]
    write_table(path, "groups", frame)
    code, out = cli("groupes", path, "--temps", "10")
    assert code == 0 and "« changer le moins possible » : 0 changement" in out, out
    after = groups_of(path).set_index("teacher_id")["group_id"]
    assert after[a["teacher_id"]] == b["group_id"] and after[b["teacher_id"]] == a["group_id"]
    teachers = WorkbookReader(FileStore(path)).table("teachers").drop(columns="_row")
    late = teachers[teachers["participates"] != True].iloc[0]["teacher_id"]  # noqa: E712
    teachers.loc[teachers["teacher_id"] == late, "participates"] = True
    write_table(path, "teachers", teachers)
    code, out = cli("groupes", path, "--temps", "10")
    assert code == 0, out
    assert "changer le moins possible" in out and f"({late}) (nouveau) →" in out
    after = groups_of(path).set_index("teacher_id")["group_id"]
    before = frame.set_index("teacher_id")["group_id"]
    moved = [t for t in before.index if after[t] != before[t]]
    assert len(moved) == 2, moved  # 55 teachers need a 10th group of at least 3: two must join the latecomer
    assert all(f"({t}) : {before[t]} → {after[t]}" in out for t in moved), out
    assert cli("verifier-groupes", path)[0] == 0


def test_hand_edit_breaking_a_rule_is_listed_with_its_row(tmp_path, cli):
    path = example(tmp_path)
    assert cli("groupes", path, "--temps", "10")[0] == 0
    frame = groups_of(path).drop(columns="_row")
    catalysts = frame[frame["catalyst"].astype(bool)]
    frame.loc[frame["teacher_id"] == catalysts.iloc[1]["teacher_id"], "group_id"] = catalysts.iloc[0]["group_id"]
    write_table(path, "groups", frame)
    code, out = cli("verifier-groupes", path)
    assert code == 1
    assert "plus de 6 enseignants" in out or "aucun catalyseur" in out, out
    assert "feuille « Groupes », ligne" in out


def test_too_few_catalysts_is_explained_before_solving(tmp_path, cli):
    path = example(tmp_path)
    teachers = WorkbookReader(FileStore(path)).table("teachers").drop(columns="_row")
    keep = teachers.index[teachers["catalyst"] == True][:3]  # noqa: E712
    teachers["catalyst"] = teachers.index.isin(keep)
    write_table(path, "teachers", teachers)
    code, out = cli("groupes", path, "--temps", "5")
    assert code == 1
    assert "groupes nécessaires" in out and "3 catalyseurs" in out and "--sans-catalyseur" in out, out
    assert groups_of(path).empty
    code, out = cli("groupes", path, "--temps", "10", "--sans-catalyseur")
    assert code == 0 and "sans catalyseur" in out, out


def test_impossible_sizes_are_explained(tmp_path, cli):
    path = example(tmp_path)
    params = WorkbookReader(FileStore(path)).table("parameters").drop(columns="_row")
    params.loc[params["label"].str.startswith("Taille m"), "value"] = 5  # 54 teachers cannot make groups of 5
    write_table(path, "parameters", params)
    code, out = cli("groupes", path, "--temps", "5")
    assert code == 1 and "54 enseignants ne peuvent pas former 11 groupes de 5 →" in out, out


def set_mode(path: Path, mode: str) -> None:
    params = WorkbookReader(FileStore(path)).table("parameters").drop(columns="_row")
    params.loc[params["label"] == "Groupes d'un événement mutualisé", "value"] = mode
    write_table(path, "parameters", params)


def test_pooled_reruns_per_college_keep_groups_and_repair_a_hand_edit(tmp_path, cli):
    path = example(tmp_path, teachers=24, schools=4)
    assert cli("groupes", path, "--temps", "20")[0] == 0
    first = groups_of(path).drop(columns="_row")
    code, out = cli("groupes", path, "--temps", "20")  # crashed with KeyError ('E064', 'G01') before
    assert code == 0 and "« changer le moins possible » : 0 changement" in out, out
    assert groups_of(path).drop(columns="_row")[["group_id", "teacher_id"]].equals(first[["group_id", "teacher_id"]])
    plain = first[~first["catalyst"].astype(bool)]
    mover = plain.iloc[0]
    target = first[first["school"] != mover["school"]].iloc[0]["group_id"]
    edited = first.copy()
    edited.loc[edited["teacher_id"] == mover["teacher_id"], "group_id"] = target  # into another collège's group
    write_table(path, "groups", edited)
    code, out = cli("verifier-groupes", path)
    assert code == 1 and f"({mover['teacher_id']}) ({mover['school']}) est dans le groupe {target}" in out, out
    code, out = cli("groupes", path, "--temps", "20")
    assert code == 0 and f"({mover['teacher_id']}) : {target} → " in out, out
    after = groups_of(path).set_index("teacher_id")
    assert after.loc[mover["teacher_id"], "school"] == after[after["group_id"] ==
                                                             after.loc[mover["teacher_id"], "group_id"]]["school"].iloc[0]
    assert (after.groupby("group_id")["school"].nunique() == 1).all()
    moved = [t for t in edited["teacher_id"] if after.loc[t, "group_id"] != edited.set_index("teacher_id").loc[t, "group_id"]]
    assert moved == [mover["teacher_id"]], moved
    assert cli("verifier-groupes", path)[0] == 0


def test_pooled_reruns_with_mixed_groups_place_latecomers_and_keep_the_rest(tmp_path, cli):
    path = example(tmp_path, teachers=24, schools=4)
    set_mode(path, "Mélangés")
    assert cli("groupes", path, "--temps", "20")[0] == 0
    first = groups_of(path).drop(columns="_row")
    assert (first.groupby("group_id")["school"].nunique() > 1).any()  # collèges mix
    code, out = cli("groupes", path, "--temps", "20")
    assert code == 0 and "« changer le moins possible » : 0 changement" in out, out
    teachers = WorkbookReader(FileStore(path)).table("teachers").drop(columns="_row")
    late = teachers[teachers["participates"] != True]["teacher_id"].iloc[:2].tolist()  # noqa: E712
    teachers.loc[teachers["teacher_id"].isin(late), "participates"] = True
    write_table(path, "teachers", teachers)
    code, out = cli("groupes", path, "--temps", "20")
    assert code == 0 and all(f"({t}) (nouveau) →" in out for t in late), out
    after = groups_of(path).set_index("teacher_id")["group_id"]
    before = first.set_index("teacher_id")["group_id"]
    moved = [t for t in before.index if after[t] != before[t]]
    assert len(moved) <= 2 and all(f"({t}) : {before[t]} → {after[t]}" in out for t in moved), (moved, out)
    assert cli("verifier-groupes", path)[0] == 0


def test_a_limit_shorter_than_reading_and_writing_the_workbook_is_said(tmp_path):
    import time

    from demarche_xl.runner import run_step
    from demarche_xl.steps.groups import GROUPS

    path = example(tmp_path)
    # as if reading the workbook had taken 3 s of a 4 s limit (a 2,000-teacher event with « --temps 10 »)
    report = run_step(FileStore(path), GROUPS, {"time_limit": 4, "started": time.monotonic() - 3, "restart": True})
    said = [p for p in report.problems if "ne suffit pas pour un classeur de cette taille" in p.message]
    assert len(said) == 1 and not said[0].is_error and said[0].sheet == "Paramètres", report.problems
    assert "laissez au moins 20 s" in said[0].fix and "--temps 20" in said[0].fix
    assert len(groups_of(path)) > 0  # the groups are still formed and written
    quick = run_step(FileStore(path), GROUPS, {"time_limit": 60, "started": time.monotonic(), "restart": True})
    assert not [p for p in quick.problems if "ne suffit pas" in p.message]
