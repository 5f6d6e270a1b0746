"""Benchmark: forming groups on example instances (N = 40 … 2,160 on the roster, pooled beyond 60) with our staged
PuLP model (the step's own choice, `steps.groups.new_groups`), our greedy + swap heuristic given the same time,
and the `team-formation` package (CP-SAT), all scored with OUR rules (`grouping.penalties.score` /
`rules.violations`); then the whole command `demarche-xl groupes` on an académie-sized workbook (wall time, peak
memory, same groups from the same workbook, rerun, a shorter time limit). Prints Markdown tables; not run by tests.

    python benchmarks/groupes.py [--limite 60] [--pair /chemin/python-avec-team-formation] [--sans-commande]

OR-Tools and highspy cannot live in one process: the peer runs in a subprocess (`peer_team_formation.py`).
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from demarche_xl.example.fill import ranked_concerns
from demarche_xl.example.roster import make_teachers
from demarche_xl.grouping import heuristic, penalties, rules
from demarche_xl.grouping.domain import Grouping, Instance, Settings, Teacher
from demarche_xl.steps.groups import new_groups

SIZES = ((40, 1), (60, 1), (120, 2), (300, 5), (600, 10))
LARGE = ((1260, 12), (2160, 20))  # about 1,200 and 2,000 participants
HERE = Path(__file__).parent
CLI = Path(sys.executable).with_name("demarche-xl")


def instance(n: int, schools: int, limit: float, mixed: bool = False, seed: int = 1) -> Instance:
    roster, _ = make_teachers(random.Random(seed), n // schools, schools)
    retained = ranked_concerns(roster)[:3]
    teachers = [Teacher(t.teacher_id, f"{t.first_name} {t.last_name}", t.discipline, t.school, t.catalyst, t.comfort,
                        tuple(t.concerns) if t.answers else ()) for t in roster if t.participates]
    return Instance(teachers, retained, settings=Settings(per_school=not mixed, time_limit=limit))


def judged(inst: Instance, grouping: Grouping | None) -> tuple[str, int]:
    if grouping is None:
        return "—", 0
    return f"{penalties.score(inst, grouping)['total']:g}", sum(c.hard for c in rules.violations(inst, grouping))


def peer(inst: Instance, python: str, limit: float) -> tuple[Grouping | None, float]:
    payload = {"limit": limit, "size": inst.settings.group_max, "retained": inst.retained,
               "teachers": [{"id": t.teacher_id, "school": inst.scope_of(t), "discipline": t.discipline,
                             "comfort": t.comfort or 0, "catalyst": t.catalyst,
                             "concerns": [c for c in t.concerns if c in inst.retained]} for t in inst.teachers]}
    started = time.perf_counter()
    try:
        done = subprocess.run([python, str(HERE / "peer_team_formation.py")], input=json.dumps(payload),
                              capture_output=True, text=True, timeout=limit * 20 + 60)
    except subprocess.TimeoutExpired:
        return None, time.perf_counter() - started
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stderr[-500:], file=sys.stderr)
        return None, seconds
    members = json.loads(done.stdout.strip().splitlines()[-1])
    grouping = Grouping({}, {}, {})
    for g, ids in members.items():
        grouping.members[g] = ids
        grouping.scopes[g] = inst.scope_of(inst.by_id[ids[0]])
        grouping.concerns[g] = penalties.best_concern(inst, [inst.by_id[t] for t in ids])
    return grouping, seconds


def model_table(args: argparse.Namespace) -> None:
    print("| N (collèges, mode) | participants | model time (s) | model objective | bound | gap | status | "
          "heuristic (same time) | × heuristic | team-formation time (s) | team-formation objective | "
          "hard violations m/h/t |")
    print("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|")
    cases = [(n, s, False) for n, s in SIZES] + [(300, 5, True), (600, 10, True)]
    cases += [(n, s, mixed) for n, s in LARGE for mixed in (False, True)]
    for n, schools, mixed in cases:
        inst = instance(n, schools, args.limite, mixed)
        started = time.perf_counter()
        found, status = new_groups(inst)
        seconds = time.perf_counter() - started
        baseline = heuristic.heuristic(inst, seconds=max(1.0, seconds))
        other, peer_seconds = peer(inst, args.pair, args.limite_pair) if args.pair else (None, 0.0)
        objective, model_bad = judged(inst, found)
        total = penalties.score(inst, found)["total"]
        bound = found.bound
        gap = f"{(total - bound) / total * 100:.2f} %" if bound is not None and total else "—"
        h_obj, h_bad = judged(inst, baseline)
        ratio = f"{float(h_obj) / total:.3f}" if total else "—"
        p_obj, p_bad = judged(inst, other)
        mode = "mélangés" if mixed else "par collège"
        print(f"| {n} ({schools}, {mode}) | {len(inst.teachers)} | {seconds:.2f} | {objective} | "
              f"{'—' if bound is None else f'{bound:g}'} | {gap} | {status.split(' — ')[0]} | {h_obj} | {ratio} | "
              f"{peer_seconds:.1f} | {p_obj} | {model_bad}/{h_bad}/{p_bad} |", flush=True)


def retain_proposed(path: Path) -> None:
    """The team's decision before `groupes`: « Oui » in « Retenue » for the concerns the tool proposes."""
    from demarche_xl.example.decisions import accept_proposals
    from demarche_xl.store.file_store import FileStore

    accept_proposals(FileStore(path), "concern_ranking", "retained")


def timed(*args: object) -> tuple[float, float, str]:
    """Wall seconds, peak memory (MiB) and output of one `demarche-xl` command in a fresh process."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", str(CLI), *map(str, args)], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = float(done.stderr.strip().splitlines()[-1]) / 1024
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)
    return seconds, peak, done.stdout


def sheet(path: Path) -> list[tuple]:
    from demarche_xl.store.file_store import FileStore
    from demarche_xl.workbook.reader import WorkbookReader

    frame = WorkbookReader(FileStore(path)).table("groups")
    return sorted(zip(frame["group_id"], frame["teacher_id"]))


def command_table(args: argparse.Namespace) -> None:
    """`demarche-xl groupes` on the example event of 20 collèges × 108 teachers, both modes."""
    folder = Path(tempfile.mkdtemp(prefix="bench-groupes-"))
    base = folder / "base.xlsx"
    subprocess.run([str(CLI), "exemple", str(base), "--enseignants", "108", "--etablissements", "20"], check=True,
                   capture_output=True)
    subprocess.run([str(CLI), "consolider", str(base)], check=True, capture_output=True)
    retain_proposed(base)
    print("\n| mode | run | wall time (s) | × time limit | peak memory (MiB) | result |")
    print("|---|---|---:|---:|---:|---|")
    for mode in ("Par établissement", "Mélangés"):
        source = folder / f"{mode[:3]}.xlsx"
        shutil.copy(base, source)
        set_mode(source, mode)
        runs = []
        for label, extra in (("first run", ()), ("same workbook again", ()), ("--temps 20", ("--temps", 20))):
            copy = folder / f"run-{len(runs)}.xlsx"
            shutil.copy(source, copy)
            seconds, peak, out = timed("groupes", copy, *extra)
            runs.append(copy)
            limit = 20 if extra else args.limite
            same = " ; same groups as the first run" if len(runs) > 1 and sheet(copy) == sheet(runs[0]) else ""
            print(f"| {mode} | {label} | {seconds:.1f} | {seconds / limit:.2f} | {peak:.0f} | "
                  f"{' '.join(out.split())[8:150]}{same} |", flush=True)
        seconds, peak, out = timed("groupes", runs[0])
        print(f"| {mode} | rerun (« changer le moins possible ») | {seconds:.1f} | {seconds / args.limite:.2f} | "
              f"{peak:.0f} | {' '.join(out.split()).split('mode « changer le moins possible » : ')[-1][:40]} |")
    shutil.rmtree(folder, ignore_errors=True)


def write_table(path: Path, key: str, frame) -> None:
    from demarche_xl.schema.registry import table
    from demarche_xl.store.base import SheetWrite, WritePlan
    from demarche_xl.store.file_store import FileStore
    from demarche_xl.tableio import rows_from_frame

    declared = table(key)
    FileStore(path).apply(WritePlan([SheetWrite(declared.sheet, declared.headers, rows_from_frame(declared, frame),
                                                table=declared)]))


def set_mode(path: Path, mode: str) -> None:
    from demarche_xl.store.file_store import FileStore
    from demarche_xl.workbook.reader import WorkbookReader

    params = WorkbookReader(FileStore(path)).table("parameters").drop(columns="_row")
    params.loc[params["label"] == "Groupes d'un événement mutualisé", "value"] = mode
    write_table(path, "parameters", params)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limite", type=float, default=60)
    parser.add_argument("--pair", default="", help="Python where team-formation is installed")
    parser.add_argument("--limite-pair", type=float, default=20)
    parser.add_argument("--sans-commande", action="store_true", help="only the model table")
    parser.add_argument("--commande-seulement", action="store_true", help="only the command table")
    args = parser.parse_args()
    if not args.commande_seulement:
        model_table(args)
    if not args.sans_commande:
        command_table(args)


if __name__ == "__main__":
    main()
