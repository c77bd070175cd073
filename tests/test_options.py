"""Options behave: a single-valued option given twice is refused, never silently the last one;
options that take several values combine; empty values are refused with a clear message."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from psylegal.cli import app


def run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


@pytest.mark.parametrize(
    "args",
    [
        ["where", "oregon", "-t", "mdma", "-t", "psilocybin"],
        ["where", "oregon", "--therapy=mdma", "-t", "psilocybin"],
        ["list", "--status", "available", "--status", "prohibited"],
        ["list", "--kind", "state", "--kind=city"],
        ["therapy", "mdma", "--status", "research", "--status", "limited"],
        ["map", "-t", "mdma", "-t", "lsd"],
    ],
)
def test_a_single_valued_option_given_twice_is_refused(runner: CliRunner, args: list[str]) -> None:
    result = run(runner, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "was given 2 times; give it once" in result.stderr  # one line from the console script (test_installed)


def test_options_that_take_several_values_combine(runner: CliRunner) -> None:
    result = run(runner, "find", "psilocybin", "--status", "available", "--status", "research")
    assert result.exit_code == 0, result.stderr
    assert "status available or research" in result.stdout.lower()


def test_an_argument_that_looks_like_an_option_after_double_dash_is_not_counted(runner: CliRunner) -> None:
    assert run(runner, "where", "-t", "mdma", "--", "oregon").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["where", ""], "give a place"),
        (["where", "oregon", "-t", ""], "give a therapy"),
        (["list", "--parent", ""], "give a place"),
        (["therapy", " "], "give a therapy"),
        (["find", ""], "give a therapy"),
        (["compare", "oregon", ""], "give a place"),
        (["check", "oregon", ""], "give a therapy"),
    ],
)
def test_empty_values_are_refused_with_a_clear_message(runner: CliRunner, args: list[str], message: str) -> None:
    result = run(runner, *args)
    assert result.exit_code in (1, 2)
    assert message in result.stderr and result.stderr.count("\n") == 1
