"""A corpus of corrupted and hostile inputs (built by `fixtures.hostile`, ≥ 80 cases) meets the commands that read
them: never a traceback or an unexpected error, a French refusal naming the file and what to do when the input
cannot be used, every input file left as it was (the workbook too when the command refused), and no temporary or
lock file left behind."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from fixtures.hostile import COPY, EXPORT, WORKBOOK
from fixtures.hostile_cases import all_cases

CASES = all_cases()


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 80
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.fixture(scope="module")
def valid(tmp_path_factory) -> Path:
    from demarche_xl.example.fill import fill_example
    from demarche_xl.store.file_store import FileStore

    path = tmp_path_factory.mktemp("valide") / "valide.xlsx"
    fill_example(FileStore(path, must_exist=False), teachers=12, seed=3)
    return path


@pytest.mark.parametrize("case", CASES, ids=[f"{c.kind}: {c.name}" for c in CASES])
def test_a_hostile_input_gets_a_french_answer_and_changes_nothing(case, valid: Path, tmp_path: Path, cli):
    folder = tmp_path / "entrees"
    folder.mkdir()
    master = tmp_path / "maitre.xlsx"
    shutil.copy(valid, master)
    hostile = case.build(folder, valid)
    if case.kind == WORKBOOK:
        runs = [tuple(hostile if word == "{}" else word for word in command.split()) if "{}" in command
                else (command, hostile) for command in case.commands]
    elif case.kind == EXPORT:
        runs = [("importer", master, hostile)]
    else:
        runs = [("fusionner", master, hostile)]
    for args in runs:
        before = {path: digest(path) for path in (hostile, master)}
        code, out = cli(*args)
        assert code in (0, 1), f"{args[0]} : code {code}\n{out}"
        assert "Traceback" not in out and "Erreur inattendue" not in out, out
        if case.outcome == "refused":
            assert code == 1, out
        if code == 1:
            assert "→" in out or "rien n'a été modifié" in out, out  # says what to do
            assert {path: digest(path) for path in (hostile, master)} == before, "a refused command changed a file"
        elif args[0] in ("verifier",) or case.kind in (EXPORT, COPY):
            assert digest(hostile) == before[hostile], "an input was changed"
        leftovers = [p.name for p in [*folder.iterdir(), *tmp_path.iterdir()] if p.name.startswith("~demarche.")]
        assert not leftovers, leftovers
