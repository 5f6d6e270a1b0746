"""Domain objects of the routes: workshops, slots, groups to route, free choices, and the event to plan."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Workshop:
    workshop_id: str
    title: str
    concern: str
    facilitator_id: str
    facilitator: str = ""
    room: str = ""
    capacity: int = 0
    max_runs: int = 0  # 0 = as many as there are slots


@dataclass(frozen=True)
class Slot:
    slot_id: str
    free_choice: bool = False
    label: str = ""


@dataclass(frozen=True)
class RouteGroup:
    group_id: str
    concern: str | None
    members: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class Event:
    workshops: list[Workshop]
    slots: list[Slot]
    groups: list[RouteGroup]
    sessions: int  # sessions per group, the free-choice one included when there is a free slot
    unavailable: set[tuple[str, str]] = field(default_factory=set)  # (facilitator id, slot id)
    absent: set[tuple[str, str]] = field(default_factory=set)  # (teacher id, slot id)
    choices: dict[str, list[str]] = field(default_factory=dict)  # teacher id -> ranked workshop ids
    names: dict[str, str] = field(default_factory=dict)  # teacher id -> name
    time_limit: float = 60.0
    solver: str = "Automatique"
    concern_weight: float = 10.0

    @property
    def free_slot(self) -> Slot | None:
        return next((s for s in self.slots if s.free_choice), None)

    @property
    def group_slots(self) -> list[Slot]:
        return [s for s in self.slots if not s.free_choice]

    @property
    def group_sessions(self) -> int:
        """Sessions each group attends together (the free-choice one is individual)."""
        return self.sessions - 1 if self.free_slot else self.sessions

    def runs(self, workshop: Workshop) -> int:
        return workshop.max_runs or len(self.slots)

    def teachers(self) -> list[str]:
        return [t for g in self.groups for t in g.members]


@dataclass
class Plan:
    """Routes (group, slot) -> workshop id and free-choice seats teacher -> workshop id."""

    routes: dict[tuple[str, str], str] = field(default_factory=dict)
    free: dict[str, str] = field(default_factory=dict)
    open_free: set[str] = field(default_factory=set)  # workshops that run at the free slot

    def runs(self, event: Event) -> set[tuple[str, str]]:
        """(slot, workshop) pairs that take place."""
        taken = {(s, w) for (_, s), w in self.routes.items()}
        if event.free_slot:
            taken |= {(event.free_slot.slot_id, w) for w in {*self.free.values(), *self.open_free}}
        return taken
