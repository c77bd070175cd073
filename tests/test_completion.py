"""Shell completion: the script, and place and therapy names completed as the shell asks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from psylegal.cli import app
from psylegal.completion import place_names, therapy_names

from .conftest import ROOT, VALID


def test_places_complete_by_id_and_name_from_what_is_typed() -> None:
    assert {"colombia", "colorado"} <= set(place_names("col"))
    assert "us-co-denver" in place_names("us-co-")
    assert "Zedland" in place_names("Ze", VALID) and "zedland" in place_names("ze", VALID)
    assert place_names("narnia") == []


def test_therapies_complete_by_id_name_and_alias() -> None:
    assert {"psilocybin", "psilocybin mushrooms"} <= set(therapy_names("psi"))
    assert "mdma" in therapy_names("MD".lower())


def test_a_broken_data_directory_completes_nothing_and_says_nothing(tmp_path: Path) -> None:
    assert place_names("co", tmp_path) == [] and therapy_names("p", tmp_path) == []


def test_the_completion_script_and_a_bad_shell(runner: CliRunner) -> None:
    result = runner.invoke(app, ["completion", "bash"])
    assert result.exit_code == 0 and "_PSYLEGAL_COMPLETE" in result.stdout
    result = runner.invoke(app, ["completion", "tcsh"])
    assert result.exit_code == 2 and "shell must be one of bash" in result.stderr


def test_the_shell_gets_completions_from_the_console_script() -> None:
    env = {**os.environ, "COMP_WORDS": "psylegal check oregon psi", "COMP_CWORD": "3"}
    env["_PSYLEGAL_COMPLETE"] = "complete_bash"
    script = Path(sys.executable).parent / "psylegal"  # the shell runs the console script by its name
    result = subprocess.run([str(script)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert "psilocybin" in result.stdout.split()
