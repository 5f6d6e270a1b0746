"""Peer of `groupes.py`: reads an instance (JSON on stdin), forms teams with the `team-formation` package (CP-SAT:
diversify discipline, comfort and catalyst, cluster on retained concerns), one run per collège, and prints
{group: [teacher ids]} as JSON. Runs in its own process: OR-Tools and highspy cannot share one.
"""
from __future__ import annotations

import json
import sys

import pandas as pd
from team_formation import TeamAssignment


def main() -> None:
    data = json.load(sys.stdin)
    limit = float(data["limit"])
    schools = sorted({t["school"] for t in data["teachers"]})
    groups: dict[str, list[str]] = {}
    for school in schools:
        rows = [t for t in data["teachers"] if t["school"] == school]
        frame = pd.DataFrame([{"id": t["id"], "discipline": t["discipline"], "comfort": str(t["comfort"]),
                               "catalyst": str(t["catalyst"]), "concerns": t["concerns"] or ["aucune"]}
                              for t in rows])
        constraints = pd.DataFrame(columns=["attribute", "type", "weight"], data=[
            ["concerns", "cluster", 10], ["catalyst", "diversify", 5], ["discipline", "diversify", 3],
            ["comfort", "diversify", 2]])
        assignment = TeamAssignment(frame, constraints, int(data["size"]), less_than_target=True)
        assignment.solve(max_time_in_seconds=limit / len(schools))
        if not assignment.solution_found:
            sys.exit(1)
        for team, members in assignment.participants.groupby("team_num"):
            groups[f"P{len(groups) + 1:03d}"] = list(members["id"])
    print(json.dumps(groups))


if __name__ == "__main__":
    main()
