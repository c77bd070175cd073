"""The installed console script, run as a user runs it: a real process, real exit codes and streams."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = shutil.which("psylegal", path=str(Path(sys.executable).parent))
pytestmark = [
    pytest.mark.installed,
    pytest.mark.skipif(SCRIPT is None, reason="psylegal is not installed in this environment"),
]


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PSYLEGAL_DATA")}
    environment.update({"TERM": "xterm-256color", **(env or {})})
    return subprocess.run(
        [SCRIPT, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,  # type: ignore[list-item]
        timeout=60,
        check=False,
    )


def test_where_from_another_directory(tmp_path: Path) -> None:
    result = run("where", "colorado", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("Colorado\nstate in United States · id us-co")
    assert "\x1b" not in result.stdout  # piped: no colour even with a colour TERM


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (["where", "colorad"], 1, "psylegal: error: no place matches 'colorad'; did you mean Colorado (us-co)?\n"),
        (["where", "oregon", "--therapy", "nothing"], 1, "psylegal: error: no therapy matches 'nothing'"),
        (["list", "--status", "legal"], 2, "psylegal: error: --status must be one of"),
        (["list", "--data-dir", "/nonexistent"], 3, "psylegal: error: --data-dir: '/nonexistent' is not a directory\n"),
        (["validate", "--format", "xml"], 2, "psylegal: error: --format must be one of text, json, github"),
        (["where", "colorado", "--foo"], 2, "psylegal: error: No such option: --foo (see 'psylegal where --help')\n"),
        (["where"], 2, "psylegal: error: Missing argument 'PLACE'. (see 'psylegal where --help')\n"),
        (["wher", "colorado"], 2, "psylegal: error: No such command 'wher'. Did you mean 'where'?"),
        (
            ["where", "oregon", "-t", "mdma", "-t", "lsd"],
            2,
            "psylegal: error: --therapy/-t was given 2 times; give it once (see 'psylegal where --help')\n",
        ),
        (
            ["list", "--kind", "state", "--kind=city"],
            2,
            "psylegal: error: --kind was given 2 times; give it once (see 'psylegal list --help')\n",
        ),
    ],
)
def test_error_paths(tmp_path: Path, args: list[str], code: int, stderr: str) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == code
    assert stderr in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1  # one line, whatever went wrong
    assert result.stdout == ""


def test_ambiguous_place(tmp_path: Path) -> None:
    result = run("where", "CO", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("psylegal: error: 'CO' matches several places: co (Colombia, country); us-co")


def test_data_dir_without_catalog_exits_3(tmp_path: Path) -> None:
    result = run("where", "colorado", cwd=tmp_path, env={"PSYLEGAL_DATA": str(tmp_path)})
    assert result.returncode == 3 and result.stderr.count("\n") == 1


def test_json_commands(tmp_path: Path) -> None:
    where = json.loads(run("where", "us-nm", "--json", cwd=tmp_path).stdout)
    assert where["therapies"]["psilocybin"]["layers"][0] == {
        **where["therapies"]["psilocybin"]["layers"][0],
        "jurisdiction": "us-nm",
        "own_status": "pending",
    }
    listing = json.loads(run("list", "--json", "--kind", "country", cwd=tmp_path).stdout)
    assert {item["id"] for item in listing["places"]} >= {"us", "mx", "jm", "cr", "nl"}
    therapy = json.loads(run("therapy", "ayahuasca", "--json", cwd=tmp_path).stdout)
    assert therapy["therapy"]["name"] == "Ayahuasca / DMT"


def test_validate_shipped_data(tmp_path: Path) -> None:
    result = run("validate", "--strict", cwd=tmp_path)
    # Source-quality advice (republished copies) stays a warning under --strict; nothing else may remain.
    last = result.stdout.splitlines()[-1]
    assert result.returncode == 0 and "error" not in last


def test_bare_command_shows_help(tmp_path: Path) -> None:
    result = run(cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("Usage: psylegal [OPTIONS] COMMAND")


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "psylegal", "--version"], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 0 and result.stdout.startswith("psylegal ")


def test_output_closed_early_is_not_an_error(tmp_path: Path) -> None:
    process = subprocess.Popen([SCRIPT, "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)  # type: ignore[list-item]
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read().decode()
    process.stderr.close()
    process.wait(timeout=60)
    assert "Traceback" not in error


def test_python_api_from_a_script(tmp_path: Path) -> None:
    """A script imports the installed package (typed: it ships py.typed) and asks it directly."""
    script = (
        "import pathlib, psylegal\n"
        "answer = psylegal.where('denver', therapy='psilocybin')\n"
        "print(answer.place.id, answer.therapies[0].status.value, answer.therapies[0].decided_by.id)\n"
        "print((pathlib.Path(psylegal.__file__).parent / 'py.typed').is_file())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=False, timeout=60
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "us-co-denver available us-co\nTrue\n"
