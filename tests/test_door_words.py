"""A step that cannot run yet tells the team how to run the one before, in the words of the door they use: the
command with their own workbook on the command line, the task pane's script in xlwings Lite, the row of `Accueil`
and the button with the desktop add-in."""
from __future__ import annotations

from pathlib import Path

import pytest

from demarche_xl.excel.messages import failure
from demarche_xl.problems import UserError
from demarche_xl.runner import run_step
from demarche_xl.steps.groups import GROUPS
from demarche_xl.store.file_store import FileStore
from fixtures.lite_run import click


@pytest.fixture
def fresh(tmp_path: Path, cli) -> Path:
    """A new workbook with a space in its name, as a school names it."""
    path = tmp_path / "Collège Jean Moulin.xlsx"
    assert cli("nouveau", path)[0] == 0
    return path


def test_the_command_line_names_the_workbook_typed(fresh: Path, cli):
    code, out = cli("groupes", fresh)
    said = " ".join(out.split())
    assert code == 1
    assert f'« demarche-xl consolider "{fresh}" » (Consolider les questionnaires)' in said, said
    assert "classeur.xlsx" not in said


def test_xlwings_lite_names_the_script_of_its_pane(fresh: Path):
    result = click(fresh, "former_les_groupes")
    said = " ".join(result.plain.split())
    assert "lancez d'abord « Consolider les questionnaires » dans le volet xlwings Lite" in said, said
    assert "demarche-xl" not in said and result.actions == []


def test_the_desktop_add_in_names_the_row_of_accueil_and_its_button(fresh: Path):
    with pytest.raises(UserError) as refused:
        run_step(FileStore(fresh), GROUPS)
    said = " ".join(failure(refused.value.problems).split())
    assert ("lancez d'abord l'étape « Consolider les questionnaires » (cliquez sa ligne sur « Accueil », puis "
            "« Lancer l'étape »)") in said, said
    assert "demarche-xl consolider" not in said
