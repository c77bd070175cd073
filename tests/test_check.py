"""`check`: one line and an exit code scripts can rely on."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from psylegal.cli import app


def run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_an_upcoming_route_is_coming_never_access(runner: CliRunner) -> None:
    result = run(runner, "check", "new mexico", "psilocybin")
    assert result.exit_code == 1
    line = "New Mexico (us-nm): psilocybin is research — Clinical trial; Coming: Licensed program"
    assert result.stdout.startswith(line)


def test_available_is_exit_0(runner: CliRunner) -> None:
    result = run(runner, "check", "oregon", "magic mushrooms")
    assert (result.exit_code, result.stdout) == (0, "Oregon (us-or): psilocybin is available — Licensed program\n")


def test_another_known_status_is_exit_1_and_named(runner: CliRunner) -> None:
    result = run(runner, "check", "austin", "psilocybin")
    assert result.exit_code == 1
    assert result.stdout.startswith("Austin, governed by Texas (us-tx): psilocybin is research")


def test_unknown_is_exit_2(runner: CliRunner, data_copy: Path) -> None:
    result = run(runner, "check", "zz", "mescaline", "--data-dir", str(data_copy))
    assert result.exit_code == 2
    assert result.stdout.startswith("Zedland (zz): mescaline is unknown")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["narnia", "psilocybin"], "no place matches 'narnia'"),
        (["portland", "psilocybin"], "names several towns"),
        (["oregon", "nothing"], "no therapy matches 'nothing'"),
        (["oregon", " "], "give a therapy"),
        (["", "psilocybin"], "give a place"),
    ],
)
def test_bad_input_is_exit_2_with_one_line_on_stderr(runner: CliRunner, args: list[str], message: str) -> None:
    result = run(runner, "check", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_as_of_a_day_the_line_says_was_and_the_exit_code_follows_that_day(runner: CliRunner) -> None:
    result = run(runner, "check", "colorado", "psilocybin", "--as-of", "2023-01-01")
    assert result.exit_code == 1
    assert result.stdout.startswith("Colorado (us-co): psilocybin was research on 2023-01-01")
    assert run(runner, "check", "colorado", "psilocybin", "--as-of", "2099").exit_code == 2
