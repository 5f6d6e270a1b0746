"""The route rules, written once, used to build the route model and to check any plan (same idea as
`grouping/rules.py`): y[(group, slot, workshop)] a group attends, r[(slot, workshop)] a session runs,
z[(teacher, workshop)] a teacher's free-choice seat; PuLP variables when modelling, 0/1 when checking.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from demarche_xl import french
from demarche_xl.grouping.rules import Check
from demarche_xl.routing.domain import Event, Plan


@dataclass
class Frame:
    event: Event
    y: dict
    r: dict
    z: dict
    total: Callable[[Iterable[object]], object] = sum

    def __post_init__(self) -> None:
        self.index: dict[tuple, list[object]] = {}
        self.sized: dict[tuple[str, str], list[tuple[int, object]]] = {}  # (slot, workshop) -> (group size, y)
        self.seats: dict[str, list[object]] = {}  # workshop -> z of the teachers seated there at the free slot
        self.seated: dict[str, list[object]] = {}  # teacher -> z
        size = {g.group_id: g.size for g in self.event.groups}
        for (g, s, w), v in self.y.items():
            for key in (("g", g), ("gs", g, s), ("gw", g, w), ("sw", s, w)):
                self.index.setdefault(key, []).append(v)
            self.sized.setdefault((s, w), []).append((size[g], v))
        for (t, w), v in self.z.items():
            self.seats.setdefault(w, []).append(v)
            self.seated.setdefault(t, []).append(v)

    def ys(self, g: str | None = None, s: str | None = None, w: str | None = None) -> list[object]:
        if g is not None and s is not None:
            return self.index.get(("gs", g, s), [])
        if g is not None and w is not None:
            return self.index.get(("gw", g, w), [])
        if s is not None and w is not None:
            return self.index.get(("sw", s, w), [])
        return self.index.get(("g", g), [])


def sessions_per_group(f: Frame) -> Iterator[Check]:
    wanted = f.event.group_sessions
    for g in f.event.groups:
        yield Check("séances par groupe", f"groupe {g.group_id} : {french.count(wanted, 'séance')} en groupe "
                    f"{french.plural(wanted, 'attendue')}",
                    f.total(f.ys(g=g.group_id)) == wanted, g.group_id)


def one_place_at_a_time(f: Frame) -> Iterator[Check]:
    for g in f.event.groups:
        for s in f.event.group_slots:
            yield Check("une séance à la fois", f"groupe {g.group_id} : deux ateliers au créneau {s.slot_id}",
                        f.total(f.ys(g=g.group_id, s=s.slot_id)) <= 1, g.group_id)


def never_twice(f: Frame) -> Iterator[Check]:
    for g in f.event.groups:
        for w in f.event.workshops:
            yield Check("jamais deux fois le même atelier", f"groupe {g.group_id} : atelier {w.workshop_id} deux "
                        "fois", f.total(f.ys(g=g.group_id, w=w.workshop_id)) <= 1, g.group_id)
            seen = f.total(f.ys(g=g.group_id, w=w.workshop_id))
            for t in g.members:
                if (t, w.workshop_id) in f.z:
                    yield Check("jamais deux fois le même atelier", f"{f.event.names.get(t, t)} : atelier "
                                f"{w.workshop_id} déjà suivi avec son groupe", f.z[t, w.workshop_id] + seen <= 1,
                                g.group_id, (t,))


def session_capacity(f: Frame) -> Iterator[Check]:
    free = f.event.free_slot
    for w in f.event.workshops:
        for s in f.event.slots:
            runs = f.r.get((s.slot_id, w.workshop_id), 0)
            if free is not None and s.slot_id == free.slot_id:
                seats = f.total(f.seats.get(w.workshop_id, []))
            else:
                seats = f.total(n * v for n, v in f.sized.get((s.slot_id, w.workshop_id), []))
            yield Check("capacité", f"atelier {w.workshop_id} au créneau {s.slot_id} : plus de {w.capacity} "
                        "enseignants (ou atelier non prévu à ce créneau)", seats <= w.capacity * runs)


def runs_limit(f: Frame) -> Iterator[Check]:
    for w in f.event.workshops:
        yield Check("nombre de séances de l'atelier", f"atelier {w.workshop_id} : plus de "
                    f"{french.count(f.event.runs(w), 'séance')}", f.total(f.r.get((s.slot_id, w.workshop_id), 0) for s in f.event.slots)
                    <= f.event.runs(w))


def facilitator_in_one_place(f: Frame) -> Iterator[Check]:
    by_facilitator: dict[str, list[str]] = {}
    for w in f.event.workshops:
        by_facilitator.setdefault(w.facilitator_id, []).append(w.workshop_id)
    for facilitator, workshops in by_facilitator.items():
        for s in f.event.slots:
            running = f.total(f.r.get((s.slot_id, w), 0) for w in workshops)
            yield Check("animateur à un seul endroit", f"animateur {facilitator} : deux ateliers au créneau "
                        f"{s.slot_id}", running <= 1)
            if (facilitator, s.slot_id) in f.event.unavailable:
                yield Check("animateur disponible", f"animateur {facilitator} indisponible au créneau {s.slot_id}",
                            running == 0)


def one_free_seat_each(f: Frame) -> Iterator[Check]:
    if f.event.free_slot is None:
        return
    for t in f.event.teachers():
        yield Check("séance en libre choix", f"{f.event.names.get(t, t)} : une place et une seule en libre choix",
                    f.total(f.seated.get(t, [])) == 1, teachers=(t,))


RULES = (sessions_per_group, one_place_at_a_time, never_twice, session_capacity, runs_limit,
         facilitator_in_one_place, one_free_seat_each)


def frame_of(event: Event, plan: Plan) -> Frame:
    y = {(g, s, w): 1 for (g, s), w in plan.routes.items()}
    r = {key: 1 for key in plan.runs(event)}
    z = {(t, w): 1 for t, w in plan.free.items()}
    return Frame(event, y, r, z)


def violations(event: Event, plan: Plan) -> list[Check]:
    broken = [c for rule in RULES for c in rule(frame_of(event, plan)) if not c.holds]
    return list({c.message: c for c in broken}.values())
