"""`find`: who can get a therapy where, nearest first; unknown eligibility never fits a filter."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psylegal.cli import app
from psylegal.finder import Needs
from psylegal.law.model import AccessRoute, Eligibility, Route, RouteState


def run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def listed(output: str) -> list[str]:
    """The ids of the places found, in the order shown."""
    return re.findall(r"^ *\d+\. .+? \(([a-z-]+)\) — ", output, re.M)


def test_from_texas_a_visitor_without_a_diagnosis_goes_to_colorado_before_oregon(runner: CliRunner) -> None:
    result = run(runner, "find", "psilocybin", "--from", "texas", "--non-resident", "--no-diagnosis")
    assert result.exit_code == 0, result.stderr
    places = listed(result.stdout)
    assert places.index("us-co") < places.index("us-or")
    assert "us" not in places  # clinical trials are research, not asked for
    distances = [int(d.replace(",", "")) for d in re.findall(r"— ([\d,]+) km$", result.stdout, re.M)]
    assert distances == sorted(distances) and len(distances) == len(places)


def test_from_oregon_the_order_turns_round(runner: CliRunner) -> None:
    places = listed(run(runner, "find", "psilocybin", "--from", "portland, oregon").stdout)
    assert places[0] == "us-or"
    assert places.index("us-co") > places.index("ca-ab")  # Alberta lies nearer Portland than Colorado
    assert "you are here" in run(runner, "find", "psilocybin", "--from", "oregon").stdout


def test_cities_that_only_inherit_their_state_are_not_repeated(runner: CliRunner) -> None:
    places = listed(run(runner, "find", "psilocybin").stdout)
    assert "us-co" in places and "us-co-denver" not in places


def test_an_age_below_every_known_minimum_finds_nothing(runner: CliRunner) -> None:
    assert listed(run(runner, "find", "psilocybin", "--min-age", "20").stdout) == []
    assert {"us-co", "us-or"} <= set(listed(run(runner, "find", "psilocybin", "--min-age", "21").stdout))


def test_research_is_only_listed_when_asked_for(runner: CliRunner) -> None:
    result = run(runner, "find", "mdma", "--status", "research", "--from", "austin")
    assert result.exit_code == 0, result.stderr
    places = listed(result.stdout)
    assert places[0] == "us"  # Austin lies in the United States, whose trials are open
    assert re.search(r"\(us\) — research — you are here", result.stdout)


def test_repeated_statuses_and_routes_combine(runner: CliRunner) -> None:
    statuses = ["--status", "available", "--status", "limited", "--status", "research"]
    both = set(listed(run(runner, "find", "psilocybin", *statuses).stdout))
    available = set(listed(run(runner, "find", "psilocybin").stdout))
    research = set(listed(run(runner, "find", "psilocybin", "--status", "research").stdout))
    assert both == available | research and available and research
    trials = listed(run(runner, "find", "psilocybin", "--status", "research", "--route", "clinical-trial").stdout)
    assert set(trials) == research
    # Only the routes asked for are shown: Australia's trials, not its authorised prescribers.
    only_trials = run(runner, "find", "psilocybin", "--route", "clinical-trial").stdout
    assert "Clinical trial" in only_trials and "Authorised prescriber" not in only_trials


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--status", "prohibited"], "status must be available, limited, research"),
        (["--route", "teleport"], "route must be one of"),
        (["--from", ""], "give a place to measure from"),
        (["--from", "narnia"], "no place matches 'narnia'"),
        (["--min-age", "-3"], "age must be between 0 and 150"),
    ],
)
def test_bad_options_are_one_line(runner: CliRunner, args: list[str], message: str) -> None:
    result = run(runner, "find", "psilocybin", *args)
    assert result.exit_code in (1, 2)
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_json_lists_the_same_places_with_eligibility(runner: CliRunner) -> None:
    args = ["find", "psilocybin", "--from", "texas", "--non-resident"]
    data = json.loads(run(runner, *args, "--json").stdout)
    assert [place["id"] for place in data["places"]] == listed(run(runner, *args).stdout)
    colorado = data["places"][0]
    assert colorado["id"] == "us-co" and colorado["distance_km"] > 500
    assert colorado["routes"][0]["eligibility"]["residents_only"] is False
    assert data["needs"]["non_resident"] is True and data["from"] == {"id": "us-tx", "town": None}


def test_what_is_coming_nearby_is_shown(runner: CliRunner, us_data: Path) -> None:
    result = run(runner, "find", "mdma", "--from", "texas", "--data-dir", str(us_data))
    assert result.exit_code == 0, result.stderr
    assert listed(result.stdout) == []
    coming = result.stdout.split("\nComing\n", 1)[1]
    assert re.match(r" +• Colorado \(us-co\), [\d,]+ km: Pilot program, expected 2027-06", coming)


# -- the eligibility rule ----------------------------------------------------------------------
def _route(eligibility: Eligibility | None) -> AccessRoute:
    return AccessRoute(Route.LICENSED_PROGRAM, RouteState.OPEN, "Adults.", eligibility=eligibility)


@pytest.mark.parametrize("needs", [Needs(no_diagnosis=True), Needs(non_resident=True), Needs(age=40)])
def test_unknown_eligibility_never_fits_a_filter_that_needs_a_value(needs: Needs) -> None:
    assert not needs.fit(_route(None))
    assert not needs.fit(_route(Eligibility(sources=())))
    stated = Eligibility(sources=(), min_age=21, residents_only=False, diagnosis_required=False)
    assert needs.fit(_route(stated))
    refused = Eligibility(sources=(), min_age=41, residents_only=True, diagnosis_required=True)
    assert not needs.fit(_route(refused))


def test_without_filters_any_open_route_but_personal_use_fits() -> None:
    assert Needs().fit(_route(None))
    assert not Needs().fit(AccessRoute(Route.PERSONAL_USE, RouteState.OPEN, "Adults."))
    assert Needs(routes=frozenset({Route.PERSONAL_USE})).fit(AccessRoute(Route.PERSONAL_USE, RouteState.OPEN, "."))


def test_as_of_a_day_before_a_program_opened_it_is_not_listed(runner: CliRunner) -> None:
    before = run(runner, "find", "psilocybin", "--from", "texas", "--as-of", "2023-01-01")
    assert before.exit_code == 0, before.stderr
    assert before.stdout.startswith("Psilocybin: where it could be had on 2023-01-01, nearest to Texas first")
    assert not {"us-co", "us-or"} & set(listed(before.stdout))
    data = json.loads(run(runner, "find", "psilocybin", "--as-of", "2023-01-01", "--json").stdout)
    assert data["as_of"] == "2023-01-01"
