"""The README stays true: its two commands lead, and every step of the catalogue is documented."""
from __future__ import annotations

from pathlib import Path

from demarche_xl.catalog import STEPS

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
CI = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8")


def test_two_commands_at_the_top_and_ci_runs_the_test_one():
    blocks = README.split("```bash\n")[1:3]
    demo, tests = (b.split("\n```")[0].strip() for b in blocks)
    assert demo.endswith("demarche-xl demo demo-sortie") and "pip install" in demo
    assert tests.endswith("python -m pytest")
    assert tests in CI


def test_every_catalogue_command_is_in_the_readme():
    for step in STEPS:
        command = step.command.split(" ")[0]
        assert f"demarche-xl {command}" in README, command
