"""`map`: the US tile map, checked as a golden with colour off, and with colour on."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from psylegal.cli import app

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
