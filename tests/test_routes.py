"""Routes on real workbooks: example collège and pooled event from the CLI, every route and free-choice seat
passing the shared rule check, the fairness report, and impossible events explained in French."""
from __future__ import annotations

from demarche_xl.routing import rules
from demarche_xl.steps.base import StepInput
from demarche_xl.steps.routes import event_from
from demarche_xl.store.file_store import FileStore
from demarche_xl.routing.domain import Plan
from demarche_xl.workbook.reader import WorkbookReader

from test_groups import example, write_table


def plan_from_sheets(path):
    reader = WorkbookReader(FileStore(path))
    tables = {k: reader.table(k) for k in ("groups", "workshops", "slots", "facilitators", "free_choices",
                                           "constraints")}
    event = event_from(StepInput(tables, reader.params(), reader.lists()))
    schedules = reader.table("schedules")
    plan = Plan()
    free = {s.slot_id for s in event.slots if s.free_choice}
    for r in schedules.to_dict("records"):
        if r["slot_id"] in free:
            plan.free[r["teacher_id"]] = r["workshop_id"]
        elif r["workshop_id"]:
            plan.routes[r["group_id"], r["slot_id"]] = r["workshop_id"]
    return event, plan, reader


def test_example_routes_pass_the_shared_check(tmp_path, cli):
    path = example(tmp_path)
    assert cli("groupes", path, "--temps", "10")[0] == 0
    code, out = cli("parcours", path, "--temps", "10")
    assert code == 0, out
    assert "libre choix : 1er vœu" in out and "solution optimale prouvée" in out
    event, plan, reader = plan_from_sheets(path)
    assert rules.violations(event, plan) == []
    assert len(plan.routes) == len(event.groups) * event.group_sessions
    assert len(plan.free) == len(event.teachers())
    routes = reader.table("routes")
    assert (routes["note"] == "sur la préoccupation du groupe").sum() >= len(event.groups)
    seats = {w.workshop_id: w.capacity for w in event.workshops}
    for w in plan.free.values():
        seats[w] -= 1
    attended = {(t, w) for g in event.groups for (gg, _), w in plan.routes.items() if gg == g.group_id
                for t in g.members}
    for teacher, got in plan.free.items():  # nobody is left below a wish still open to them
        wishes = event.choices.get(teacher, [])
        better = wishes[: wishes.index(got)] if got in wishes else wishes
        open_ = set(plan.free.values())
        assert not [w for w in better if w in open_ and seats[w] > 0 and (teacher, w) not in attended], teacher


def test_pooled_event_routes(tmp_path, cli):
    path = example(tmp_path, teachers=40, schools=5)
    assert cli("groupes", path, "--temps", "20")[0] == 0
    code, out = cli("parcours", path, "--temps", "20")
    assert code == 0, out
    event, plan, _ = plan_from_sheets(path)
    assert rules.violations(event, plan) == []


def test_a_hand_made_route_breaking_rules_is_caught(tmp_path, cli):
    path = example(tmp_path)
    assert cli("groupes", path, "--temps", "10")[0] == 0
    assert cli("parcours", path, "--temps", "10")[0] == 0
    event, plan, _ = plan_from_sheets(path)
    group = event.groups[0].group_id
    first, second = [s.slot_id for s in event.group_slots][:2]
    plan.routes[group, second] = plan.routes[group, first]  # same workshop twice
    messages = [c.message for c in rules.violations(event, plan)]
    assert any("deux fois" in m for m in messages), messages


def test_too_little_capacity_is_explained(tmp_path, cli):
    path = example(tmp_path)
    assert cli("groupes", path, "--temps", "10")[0] == 0
    workshops = WorkbookReader(FileStore(path)).table("workshops").drop(columns="_row")
    workshops["capacity"] = 4
    write_table(path, "workshops", workshops)
    code, out = cli("parcours", path, "--temps", "5")
    assert code == 1
    assert "capacité totale" in out and "plus que la plus grande capacité" in out, out
    assert WorkbookReader(FileStore(path)).table("routes").empty
