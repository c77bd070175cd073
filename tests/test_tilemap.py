"""`map`: the US tile map, checked as a golden with colour off, and with colour on."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from psylegal.cli import app

from .conftest import PINNED_TODAY

GOLDEN = """\
Psilocybin in the US states and DC: effective status

AK -                                              ME -
                                             VT - NH -
WA - ID - MT - ND - MN - IL - WI - MI - NY - RI - MA -
OR - NV - WY - SD - IA - IN - OH - PA - NJ - CT -
CA - UT - CO A NE - MO - KY - WV - VA - MD - DE -
     AZ - NM - KS - AR - TN - NC - SC - DC -
               OK - LA - MS - AL - GA -
HI -           TX R                     FL -

Legend:  A available  U unregulated  L limited  R research  P pending
         D decriminalized  X prohibited  ? unknown
Each tile is a state's effective status (state law, else federal law); cities
may differ. - not in the data. 'psylegal where STATE' shows why.

psylegal is information, not legal or medical advice. Laws change and this data
can be wrong or out of date: check the sources, and talk to a qualified
professional before acting.
"""


def test_the_map_of_fixture_data_matches_the_golden(runner: CliRunner, us_data: Path) -> None:
    result = runner.invoke(app, ["map", "--data-dir", str(us_data)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == GOLDEN


def test_colour_draws_tiles_in_their_status_colour(runner: CliRunner, us_data: Path) -> None:
    result = runner.invoke(app, ["map", "-t", "esketamine", "--data-dir", str(us_data)], env={"FORCE_COLOR": "1"})
    assert "\x1b[7;31mCO X\x1b[0m" in result.stdout  # Colorado bans esketamine: red
    assert "\x1b[7;32mTX A\x1b[0m" in result.stdout  # Texas follows federal law: available, green


def test_every_shipped_state_has_a_status(runner: CliRunner) -> None:
    result = runner.invoke(app, ["map", "-t", "psilocybin"])
    assert result.exit_code == 0
    assert " -" not in result.stdout.split("Legend")[0]
    assert "OR A" in result.stdout and "CO A" in result.stdout


def test_an_unknown_therapy_is_one_line(runner: CliRunner) -> None:
    result = runner.invoke(app, ["map", "-t", "coffee"])
    assert result.exit_code == 1 and result.stderr.startswith("psylegal: error: no therapy matches 'coffee'")


# -- --as-of: the map as the law stood at the end of a day ---------------------------------------------
# The history fixtures placed in the US (conftest.us_history): Oregon decriminalized MDMA from
# 2021-02-01 until the rollback of 2024-09-01; New Mexico and federal law have no MDMA record before 2026.
HISTORICAL_GOLDEN = """\
MDMA in the US states and DC as the law stood at the end of 2022-01-01

AK -                                              ME -
                                             VT - NH -
WA - ID - MT - ND - MN - IL - WI - MI - NY - RI - MA -
OR D NV - WY - SD - IA - IN - OH - PA - NJ - CT -
CA - UT - CO - NE - MO - KY - WV - VA - MD - DE -
     AZ - NM ? KS - AR - TN - NC - SC - DC -
               OK - LA - MS - AL - GA -
HI -           TX -                     FL -

Legend:  A available  U unregulated  L limited  R research  P pending
         D decriminalized  X prohibited  ? unknown
Each tile is a state's effective status (state law, else federal law); cities
may differ. - not in the data. Historical, from dated records: a state with no
record yet for that day takes federal law's status, or ? when federal law has
none either; today's map may differ. 'psylegal where STATE' shows why.

psylegal is information, not legal or medical advice. Laws change and this data
can be wrong or out of date: check the sources, and talk to a qualified
professional before acting.
"""


def tile_map(runner: CliRunner, data: Path, *args: str) -> str:
    result = runner.invoke(app, ["map", "-t", "mdma", "--data-dir", str(data), *args], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_map_as_of_a_past_day_matches_its_golden(runner: CliRunner, us_history: Path) -> None:
    assert tile_map(runner, us_history, "--as-of", "2022-01-01") == HISTORICAL_GOLDEN
    today = tile_map(runner, us_history)
    assert today.startswith("MDMA in the US states and DC: effective status\n")
    assert "OR X" in today and "NM X" in today and "Historical" not in today  # after the rollback


@pytest.mark.parametrize(
    ("day", "title_day", "oregon"),
    [
        ("2021", "2021-12-31", "OR D"),  # a year alone is its last day (its first, 2021-01-01, had no record)
        ("2024-08", "2024-08-31", "OR D"),
        ("2024-09", "2024-09-30", "OR X"),
        ("2021-01-31", "2021-01-31", "OR ?"),  # the day before the first record: no answer, no guess
    ],
)
def test_as_of_a_year_or_month_means_its_last_day(
    runner: CliRunner, us_history: Path, day: str, title_day: str, oregon: str
) -> None:
    shown = tile_map(runner, us_history, "--as-of", day)
    assert shown.splitlines()[0] == f"MDMA in the US states and DC as the law stood at the end of {title_day}"
    assert oregon in shown


def test_a_map_after_today_is_refused_as_where_refuses_it(runner: CliRunner, us_history: Path) -> None:
    for command in (["map", "-t", "mdma"], ["where", "oregon", "-t", "mdma"]):
        result = runner.invoke(app, [*command, "--as-of", "2030-01-01", "--data-dir", str(us_history)])
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"psylegal: error: --as-of 2030-01-01 is after today ({PINNED_TODAY});"
            " 'psylegal changes --upcoming' lists what is expected\n"
        )
    bad = runner.invoke(app, ["map", "--as-of", "2021-02-30", "--data-dir", str(us_history)])
    assert bad.exit_code == 2 and "--as-of: '2021-02-30' is not a date" in bad.stderr


def test_the_shipped_map_before_oregons_program_opened(runner: CliRunner) -> None:
    """Oregon's licensed psilocybin program opened in 2023-06: on 2022-01-01 its tile was not yet available."""
    then = runner.invoke(app, ["map", "--as-of", "2022-01-01"]).stdout
    now = runner.invoke(app, ["map"]).stdout
    assert "OR A" in now and "OR A" not in then
