"""`compare`: places side by side, differences marked, three places in 80 columns."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from psylegal.cli import app


def run(runner: CliRunner, *args: str, columns: int = 80):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"COLUMNS": str(columns)})


def test_three_places_fit_80_columns_and_mark_what_differs(runner: CliRunner) -> None:
    result = run(runner, "compare", "texas", "colorado", "oregon")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert re.match(r" +Texas \(us-tx\) +Colorado \(us-co\) +Oregon \(us-or\)$", lines[0])
    assert re.search(r"^≠ Psilocybin +research +available +available$", result.stdout, re.M)
    assert re.search(r"^  Ketamine +available +available +available$", result.stdout, re.M)


def test_narrow_terminals_wrap_rather_than_overflow(runner: CliRunner) -> None:
    result = run(runner, "compare", "texas", "colorado", "oregon", "denver", columns=60)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80  # four columns of at least 12


def test_the_same_place_twice_differs_nowhere(runner: CliRunner) -> None:
    result = run(runner, "compare", "texas", "austin", "-t", "psilocybin")
    assert result.exit_code == 0
    assert "≠" not in result.stdout.split("\n\n")[0]
    assert "Austin → Texas (us-tx)" in result.stdout
    assert "These places do not differ on the therapies shown." in result.stdout


def test_json_marks_the_same_rows(runner: CliRunner) -> None:
    data = json.loads(run(runner, "compare", "texas", "oregon", "--json").stdout)
    assert [place["id"] for place in data["places"]] == ["us-tx", "us-or"]
    rows = {row["therapy"]: row for row in data["therapies"]}
    assert rows["psilocybin"]["differs"] is True and rows["ketamine"]["differs"] is False
    assert [a["status"] for a in rows["psilocybin"]["answers"]] == ["research", "available"]
    table = run(runner, "compare", "texas", "oregon").stdout.split("\n\n")[0]
    marked = [line.split()[1].lower() for line in table.splitlines() if line.startswith("≠")]
    assert marked == [row["therapy"] for row in data["therapies"] if row["differs"]]


def test_one_place_or_two_therapies_are_refused(runner: CliRunner) -> None:
    result = run(runner, "compare", "texas")
    assert result.exit_code == 2 and "at least two places" in result.stderr
    result = run(runner, "compare", "texas", "oregon", "-t", "mdma", "-t", "lsd")
    assert result.exit_code == 2 and "give --therapy once" in result.stderr


def test_as_of_a_day_the_columns_show_that_day(runner: CliRunner) -> None:
    data = json.loads(
        run(runner, "compare", "oregon", "colorado", "-t", "psilocybin", "--as-of", "2022", "--json").stdout
    )
    assert data["as_of"] == "2022-12-31"
    [row] = data["therapies"]
    assert [answer["status"] for answer in row["answers"]] == ["research", "research"]
    text = run(runner, "compare", "oregon", "colorado", "-t", "psilocybin", "--as-of", "2022").stdout
    assert text.startswith("Historical answer: the law as it stood at the end of 2022-12-31")


def test_only_open_routes_are_access_and_coming_ones_say_so(runner: CliRunner) -> None:
    # New Mexico's licensed program is upcoming: never shown as a way in, but as "Coming".
    result = run(runner, "compare", "colorado", "new mexico", "--therapy", "psilocybin", columns=100)
    assert result.exit_code == 0, result.stderr
    assert re.search(r"^≠ Psilocybin +available +research$", result.stdout, re.M)
    assert re.search(r"^ +Licensed program; Personal use +Clinical trial$", result.stdout, re.M)
    assert re.search(r"^ +Coming: Licensed program, expected", result.stdout, re.M)
