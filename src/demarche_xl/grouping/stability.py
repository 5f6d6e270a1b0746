"""« Changer le moins possible »: rerun after the team edited `Groupes` by hand or teachers joined or left. Existing
groups (members and common concern as the team left them) are kept unless an obligatory rule forces a change;
newcomers fill the places left; groups are added or dissolved only when the number of groups must change; every
move is reported in French. Each scope (collège, or the whole event when groups are mixed) is repaired on its own.
"""
from __future__ import annotations

from demarche_xl import french
from demarche_xl.grouping import model, penalties, rules
from demarche_xl.grouping.domain import GroupSlot, Grouping, Instance, Teacher, group_name

FULL_MODEL_GROUPS = 40  # beyond, a teacher in a group that keeps every rule may only stay or go to a group to repair


def repair(instance: Instance, previous: Grouping) -> tuple[Grouping | None, list[str]]:
    """The closest grouping to `previous` that meets every obligatory rule, and the French list of what changed."""
    notes: list[str] = []
    gone = [t for ms in previous.members.values() for t in ms if t not in instance.by_id]
    if gone:
        notes.append(("retiré car absent" if len(gone) == 1 else "retirés car absents") +
                     f" des participants : {', '.join(gone)}")
    scope_limits = rules.limits(instance)
    taken = set(previous.members)
    grouping = Grouping({}, {}, {})
    budget, rest = model.Budget(instance.settings.time_limit * 0.85), len(instance.teachers)
    for scope, teachers in instance.scopes().items():
        slots, keep = scope_slots(instance, previous, scope, teachers, scope_limits[scope].groups, taken, notes)
        members, outcome = model.group_stage(instance, teachers, slots, budget.share(len(teachers), rest), keep,
                                             scope_limits, candidates(instance, teachers, slots, keep))
        if not outcome.found and len(slots) > FULL_MODEL_GROUPS:
            members, outcome = model.group_stage(instance, teachers, slots, budget.share(len(teachers), rest), keep,
                                                 scope_limits)
        rest -= len(teachers)
        if not outcome.found:
            return None, notes
        for slot in slots:
            grouping.members[slot.group_id] = members[slot.group_id]
            grouping.concerns[slot.group_id] = slot.concern
            grouping.scopes[slot.group_id] = scope
    kept = {t: g for g, ms in previous.members.items() for t in ms if t in instance.by_id}
    new_group = grouping.group_of()
    for t in instance.teachers:
        before, after = kept.get(t.teacher_id), new_group.get(t.teacher_id)
        if before is None:
            notes.append(f"{rules.label(t)} (nouveau) → {after}")
        elif before != after:
            notes.append(f"{rules.label(t)} : {before} → {after}")
    return grouping, notes


def scope_slots(instance: Instance, previous: Grouping, scope: str, teachers: list[Teacher], wanted: int,
                taken: set[str], notes: list[str]) -> tuple[list[GroupSlot], dict[str, str]]:
    """The groups of one scope (existing ones kept, dissolved or added to reach the number of groups the rules
    require) and where each of its teachers was."""
    ids = {t.teacher_id for t in teachers}
    existing = {g: [t for t in ms if t in ids] for g, ms in previous.members.items()
                if previous.scopes.get(g, "") == scope and any(t in ids for t in ms)}
    dissolved = sorted(existing, key=lambda g: (len(existing[g]), g))[: max(0, len(existing) - wanted)]
    for g in dissolved:
        notes.append(f"groupe {g} dissous : {french.count(wanted, 'groupe')} suffisent "
                     f"({french.count(len(teachers), 'participant')})")
    kept = [g for g in existing if g not in dissolved]
    slots = [GroupSlot(g, scope, previous.concerns.get(g) or
                       penalties.best_concern(instance, [instance.by_id[t] for t in existing[g]])) for g in kept]
    keep = {t: g for g in kept for t in existing[g]}
    newcomers = [t for t in teachers if t.teacher_id not in keep]
    for _ in range(wanted - len(slots)):
        index = 0
        while group_name(index) in taken:
            index += 1
        taken.add(group_name(index))
        slots.append(GroupSlot(group_name(index), scope, penalties.best_concern(instance, newcomers or teachers)))
    return slots, keep


def candidates(instance: Instance, teachers: list[Teacher], slots: list[GroupSlot], keep: dict[str, str]
               ) -> dict[str, list[str]] | None:
    """Where each teacher may go in a large scope: a teacher of a group that keeps every rule stays or fills a group
    to repair; newcomers and members of groups to repair may go anywhere. None: anywhere (small scopes)."""
    if len(slots) <= FULL_MODEL_GROUPS:
        return None
    current = Grouping({s.group_id: [t for t, g in keep.items() if g == s.group_id] for s in slots},
                       {s.group_id: s.concern for s in slots}, {s.group_id: s.scope for s in slots})
    broken = {c.group for c in rules.violations(instance, current) if c.hard and c.group}
    broken |= {g for a, b in instance.together for g in (keep.get(a), keep.get(b)) if keep.get(a) != keep.get(b)}
    broken |= {s.group_id for s in slots if not current.members[s.group_id]}
    broken.discard(None)  # type: ignore[arg-type]
    to_repair = [s.group_id for s in slots if s.group_id in broken]
    everywhere = [s.group_id for s in slots]
    return {t.teacher_id: everywhere if keep.get(t.teacher_id) in broken or t.teacher_id not in keep
            else [keep[t.teacher_id], *to_repair] for t in teachers}
