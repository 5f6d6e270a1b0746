"""The command line speaks French, and turns failures into French messages rather than tracebacks."""
from __future__ import annotations

from pathlib import Path


def test_help_is_in_french(cli):
    code, output = cli("--help")
    assert code == 0
    assert "Utilisation" in output and "Commandes" in output and "Afficher cette aide" in output
    for command in ("nouveau", "exemple", "verifier", "demo"):
        assert command in output
    code, output = cli("verifier", "--help")
    assert "Le classeur de la démarche" in output and "Usage" not in output


def test_missing_file_is_a_french_message_not_a_traceback(cli, tmp_path: Path):
    code, output = cli("verifier", tmp_path / "absent.xlsx")
    assert code == 1
    assert "n'existe pas" in output and "Traceback" not in output


def test_unexpected_failure_points_to_a_log_file(cli, monkeypatch, tmp_path: Path):
    import demarche_xl.validate as validate

    def broken(store):
        raise ValueError("panne simulée")

    monkeypatch.setattr(validate, "verify", broken)
    path = tmp_path / "d.xlsx"
    cli("nouveau", path)
    code, output = cli("verifier", path)
    assert code == 2
    assert "Erreur inattendue" in output and "demarche-xl-erreur.log" in output and "Traceback" not in output
