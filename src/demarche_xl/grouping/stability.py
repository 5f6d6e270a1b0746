"""« Changer le moins possible »: rerun after the team edited `Groupes` by hand or teachers joined late. Existing
groups (members and common concern as the team left them) are kept unless a rule forces a change; newcomers fill
the places left; every move is reported in French.
"""
from __future__ import annotations

import math

from demarche_xl.grouping import model, rules
from demarche_xl.grouping.domain import GroupSlot, Grouping, Instance, group_name


def repair(instance: Instance, previous: Grouping) -> tuple[Grouping | None, list[str]]:
    """The closest grouping to `previous` that meets every hard rule, and the French list of what changed."""
    notes: list[str] = []
    gone = [t for ms in previous.members.values() for t in ms if t not in instance.by_id]
    if gone:
        notes.append(f"retiré(s) car absent(s) des participants : {', '.join(gone)}")
    keep = {t: g for g, ms in previous.members.items() for t in ms if t in instance.by_id}
    slots = [GroupSlot(g, previous.scopes.get(g, ""), previous.concerns.get(g) or
                       rules.best_concern(instance, [instance.by_id[t] for t in ms if t in instance.by_id]))
             for g, ms in previous.members.items() if any(t in instance.by_id for t in ms)]
    slots += extra_slots(instance, slots, previous)
    grouping = Grouping({}, {s.group_id: s.concern for s in slots}, {s.group_id: s.scope for s in slots})
    members, outcome = model.group_stage(instance, instance.teachers, slots, instance.settings.time_limit, keep)
    if not outcome.found:
        return None, notes
    grouping.members = {g: ms for g, ms in members.items() if ms}
    grouping.bound = None
    new_group = grouping.group_of()
    for t in instance.teachers:
        before, after = keep.get(t.teacher_id), new_group.get(t.teacher_id)
        if before is None:
            notes.append(f"{rules.label(t)} (nouveau) → {after}")
        elif before != after:
            notes.append(f"{rules.label(t)} : {before} → {after}")
    return grouping, notes


def extra_slots(instance: Instance, slots: list[GroupSlot], previous: Grouping) -> list[GroupSlot]:
    """New groups when latecomers do not fit in the existing ones."""
    extra = []
    taken = set(previous.members)
    for scope, teachers in instance.scopes().items():
        existing = sum(1 for s in slots if s.scope == scope)
        needed = math.ceil(len(teachers) / instance.settings.group_max) - existing
        for _ in range(max(0, needed)):
            index = 0
            while group_name(index) in taken:
                index += 1
            taken.add(group_name(index))
            newcomers = [t for t in teachers if not any(t.teacher_id in ms for ms in previous.members.values())]
            extra.append(GroupSlot(group_name(index), scope, rules.best_concern(instance, newcomers or teachers)))
    return extra
