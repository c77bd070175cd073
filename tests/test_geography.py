"""Towns resolve to the place whose law governs them, through every command that takes a place."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from psylegal.cli import app
from psylegal.data.catalog import Catalog
from psylegal.geography import place_point, resolve_place
from psylegal.law import gazetteer

from .conftest import ROOT


def run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_a_town_answers_with_its_state_and_says_so(runner: CliRunner) -> None:
    result = run(runner, "where", "austin", "-t", "psilocybin")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Texas\n")
    flat = " ".join(result.stdout.split())
    assert "Austin is not covered on its own; the Texas answer applies." in flat
    assert "Local measures of Austin's city or county, if any, are not known to psylegal." in flat


def test_a_town_in_a_country_without_local_measures_does_not_mention_them(runner: CliRunner) -> None:
    result = run(runner, "where", "zurich", "-t", "lsd")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "Zürich is not covered on its own; the Switzerland answer applies." in flat
    assert "Local measures" not in flat


def test_the_json_answer_names_the_town(runner: CliRunner) -> None:
    town = json.loads(run(runner, "where", "Austin", "--json").stdout)["town"]
    assert (town["name"], town["country"], town["subdivision"]) == ("Austin", "US", "US-TX")
    assert town["local_law_unknown"] is True
    assert json.loads(run(runner, "where", "texas", "--json").stdout)["town"] is None


def test_a_town_of_several_places_is_listed_with_ids_not_guessed(runner: CliRunner) -> None:
    result = run(runner, "where", "portland")
    assert result.exit_code == 1  # as for any ambiguous place
    assert result.stdout == ""
    assert "Portland, Oregon (us-or)" in result.stderr and "Portland, Maine (us-me)" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(("query", "name"), [("portland, oregon", "Oregon"), ("Portland, ME", "Maine")])
def test_a_town_with_its_state_answers_that_state(runner: CliRunner, query: str, name: str) -> None:
    result = run(runner, "where", query, "-t", "psilocybin")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{name}\n")


@pytest.mark.parametrize(("query", "never"), [("Portland", "United Kingdom"), ("Austin", "Austria")])
def test_a_town_is_never_offered_a_country_that_is_only_spelt_alike(runner: CliRunner, query: str, never: str) -> None:
    result = run(runner, "where", query)
    assert never not in result.stdout + result.stderr


def test_a_town_in_an_uncovered_country_is_named_as_one(runner: CliRunner, shipped: Catalog) -> None:
    assert "is" not in shipped.places  # Iceland
    result = run(runner, "where", "reykjavik")
    assert result.exit_code == 1
    assert "a town in a country psylegal does not cover (IS)" in result.stderr
    assert "did you mean" not in result.stderr


def test_a_large_uncovered_town_is_not_answered_by_a_tiny_covered_namesake(shipped: Catalog) -> None:
    # Atlantis is first a South African town of 80,000; Atlantis, Florida has 2,000 people.
    located = resolve_place(shipped, "atlantis")
    assert located.place.id != "us-fl"


def test_data_names_win_over_towns(shipped: Catalog) -> None:
    # Denver has a file of its own; Washington is the state, not the capital.
    assert resolve_place(shipped, "denver") == (shipped.get("us-co-denver"), None)
    assert resolve_place(shipped, "washington").place.id == "us-wa"


def test_a_town_with_an_unknown_region_says_which_part_failed(runner: CliRunner) -> None:
    result = run(runner, "where", "portland, atlantis")
    assert result.exit_code == 1
    assert "'portland' is a town, but psylegal covers no place named 'atlantis'" in result.stderr


def test_a_damaged_gazetteer_is_one_line_and_a_data_error(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: object, key: str) -> list[str]:
        raise gazetteer.GazetteerError("gazetteer.tsv is damaged; reinstall psylegal")

    monkeypatch.setattr(gazetteer, "_lines_with_key", broken)
    result = run(runner, "where", "austin")
    assert result.exit_code == 3
    assert result.stderr == "psylegal: error: gazetteer.tsv is damaged; reinstall psylegal\n"


def test_places_have_points_from_their_iso_code_or_their_town(shipped: Catalog) -> None:
    colorado = place_point(shipped, shipped.get("us-co"))
    denver = place_point(shipped, shipped.get("us-co-denver"))
    assert colorado is not None and denver is not None
    assert 37 < colorado[0] < 41 and -109 < colorado[1] < -102  # inside Colorado's box
    assert denver == pytest.approx((39.74, -104.98), abs=0.05)


def test_a_lookup_in_the_data_never_loads_the_gazetteer(tmp_path: object) -> None:
    code = (
        "from psylegal.cli import main\nimport sys\nsys.argv = ['psylegal', 'where', 'colorado']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(m for m in sys.modules if m.startswith('psylegal')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    loaded = set(result.stderr.split())
    assert "psylegal.query" in loaded
    assert not loaded & {"psylegal.law.gazetteer", "psylegal.law.towns"}
