"""The JSON output contract: the published JSON Schema describes what every `--json` command prints."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from psylegal.cli import app
from psylegal.finder import FINDABLE
from psylegal.law.model import BillStage, Route, RouteState, Setting, Status
from psylegal.render.contract import output_schema
from psylegal.render.json import SCHEMA_VERSION
from psylegal.tracking import ChangeType, StaleKind

from .conftest import FIXTURES

ROUTES = FIXTURES / "routes"
HISTORY = FIXTURES / "history"


def validator() -> jsonschema.Draft202012Validator:
    schema = output_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def output(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("args", "kind"),
    [
        (["where", "denver"], "where"),
        (["where", "us-nm"], "where"),
        (["where", "texas", "--therapy", "mdma"], "where"),
        (["where", "qz", "--data-dir", str(ROUTES)], "where"),
        (["where", "austin"], "where"),  # a town governed by Texas: the `town` key is filled
        (["list"], "list"),
        (["list", "--status", "decriminalized", "-t", "psilocybin"], "list"),
        (["therapy", "psilocybin"], "therapy"),
        (["therapy", "mdma", "--status", "research", "--route", "clinical-trial"], "therapy"),
        (["therapies"], "therapies"),
        # Law over time: historical answers, with the filters; the change feed, bills, the stale queue.
        (["where", "yy-or", "--as-of", "2023-06-15", "--data-dir", str(HISTORY)], "where"),
        (["where", "yy-or", "--data-dir", str(HISTORY)], "where"),
        (["where", "australia", "--therapy", "mdma", "--as-of", "2023-06-30"], "where"),
        (["list", "--as-of", "2023-07-01", "--route", "licensed-program", "--data-dir", str(HISTORY)], "list"),
        (["list", "--as-of", "2024-09", "--status", "decriminalized", "-t", "psilocybin"], "list"),
        (["therapy", "psilocybin", "--as-of", "2024-01-01", "--non-resident"], "therapy"),
        (["changes"], "changes"),
        (["changes", "--upcoming"], "changes"),
        (["changes", "--place", "canada", "--type", "status", "--since", "2020"], "changes"),
        (["changes", "--type", "rollback", "--data-dir", str(HISTORY)], "changes"),
        (["bills"], "bills"),
        (["bills", "--stage", "filed"], "bills"),
        (["stale"], "stale"),
        (["stale", "--data-dir", str(HISTORY)], "stale"),
        (["stale", "--kind", "unknown", "--kind", "review"], "stale"),
        # Where can I go: `find` and `compare`.
        (["find", "psilocybin", "--from", "texas", "--non-resident", "--no-diagnosis"], "find"),
        (["find", "psilocybin", "--from", "austin", "--as-of", "2023-01-01"], "find"),
        (["find", "mdma", "--status", "research", "--route", "clinical-trial", "--min-age", "30"], "find"),
        (["compare", "texas", "colorado", "oregon"], "compare"),
        (["compare", "austin", "colorado", "oregon", "--therapy", "psilocybin"], "compare"),
        (["compare", "oregon", "colorado", "-t", "psilocybin", "--as-of", "2022"], "compare"),
    ],
)
def test_real_output_validates_against_the_published_schema(runner: CliRunner, args: list[str], kind: str) -> None:
    document = output(runner, *args)
    assert document["schema_version"] == SCHEMA_VERSION == 2
    checker = validator()
    errors = [error.message for error in checker.iter_errors(document)]
    assert errors == []
    # It is the document of its own kind, not merely one that happens to fit another.
    own_kind = {key: value for key, value in output_schema().items() if key != "oneOf"}
    jsonschema.validate(document, {**own_kind, "$ref": f"#/$defs/{kind}"})


def test_the_schema_rejects_what_breaks_the_contract(runner: CliRunner) -> None:
    document = output(runner, "where", "texas", "--therapy", "mdma")
    checker = validator()
    route = document["therapies"]["mdma"]["routes"][0]
    for broken in (
        {**route, "state": "closing"},
        {**route, "route": "prescription-ish"},
        {key: value for key, value in route.items() if key != "eligibility"},
        {**route, "extra": 1},
    ):
        document["therapies"]["mdma"]["routes"][0] = broken
        assert not checker.is_valid(document), broken
    document["therapies"]["mdma"]["routes"][0] = route
    document["schema_version"] = 1
    assert not checker.is_valid(document)


def test_the_law_over_time_keys_are_exercised_by_real_output(runner: CliRunner) -> None:
    # The cases above validate these keys only if they are filled somewhere: make sure they are.
    historical = output(runner, "where", "yy-or", "--as-of", "2023-06-15", "--data-dir", str(HISTORY))
    psilocybin = historical["therapies"]["psilocybin"]
    assert historical["as_of"] == "2023-06-15"
    assert psilocybin["unrecorded"] == [{"jurisdiction": "yy", "earliest": "2026-01-15"}]
    assert psilocybin["imprecise"] == [{"jurisdiction": "yy-or", "date": "2023-06"}]
    today = output(runner, "where", "yy-or", "--data-dir", str(HISTORY))
    assert today["as_of"] is None and today["therapies"]["psilocybin"]["unrecorded"] == []
    assert [bill["number"] for bill in today["pending_bills"]] == ["SB 1"]  # HB 2 is signed: not pending
    assert today["out_of_date"] and all(item["kind"] in ("recheck", "expected") for item in today["out_of_date"])
    feed = output(runner, "changes", "--type", "rollback", "--data-dir", str(HISTORY))
    assert feed["count"] == len(feed["changes"]) > 0 and feed["type"] == "rollback"
    assert output(runner, "bills")["bills"] and output(runner, "stale")["items"]
    checker = validator()
    historical["therapies"]["psilocybin"]["imprecise"][0]["date"] = "June 2023"
    assert not checker.is_valid(historical)
    today["pending_bills"][0]["stage"] = "tabled"
    assert not checker.is_valid(today)
    del feed["changes"][0]["status_before"]
    assert not checker.is_valid(feed)


def test_the_views_keys_are_exercised_by_real_output(runner: CliRunner) -> None:
    # `town` and the due-diligence `therapies` tags are validated above only if filled: make sure they are.
    town = output(runner, "where", "austin")
    assert town["id"] == "us-tx"
    assert town["town"]["name"] == "Austin" and town["town"]["subdivision"] == "US-TX"
    assert output(runner, "where", "texas")["town"] is None
    colorado = output(runner, "where", "colorado", "--therapy", "psilocybin")["due_diligence"]
    assert any(item["therapies"] == ["psilocybin"] for item in colorado)
    assert any(item["therapies"] == [] for item in colorado)  # untagged advice applies to every therapy
    assert all(not item["therapies"] or "psilocybin" in item["therapies"] for item in colorado)
    checker = validator()
    del town["town"]["local_law_unknown"]
    assert not checker.is_valid(town)
    town["town"] = "Austin"
    assert not checker.is_valid(town)
    everything = output(runner, "where", "colorado")
    everything["due_diligence"][0]["therapies"] = "psilocybin"
    assert not checker.is_valid(everything)


def test_the_find_and_compare_keys_are_exercised_and_broken_values_rejected(runner: CliRunner) -> None:
    # The cases above validate `from`, `coming` and each column's `town` only if they are filled.
    found = output(runner, "find", "psilocybin", "--from", "texas", "--non-resident", "--no-diagnosis")
    assert found["from"] == {"id": "us-tx", "town": None} and found["places"] and found["coming"]
    assert all(route["state"] == "open" for place in found["places"] for route in place["routes"])
    assert all(route["state"] == "upcoming" for place in found["coming"] for route in place["routes"])
    historical = output(runner, "find", "psilocybin", "--from", "austin", "--as-of", "2023-01-01")
    assert historical["as_of"] == "2023-01-01" and historical["from"] == {"id": "us-tx", "town": "Austin"}
    compared = output(runner, "compare", "austin", "colorado", "oregon", "--therapy", "psilocybin")
    assert [place["town"] and place["town"]["name"] for place in compared["places"]] == ["Austin", None, None]
    [row] = compared["therapies"]
    assert [answer["place"] for answer in row["answers"]] == ["us-tx", "us-co", "us-or"]
    checker = validator()
    assert checker.is_valid(found) and checker.is_valid(compared)

    place, route = found["places"][0], found["places"][0]["routes"][0]
    for broken_place in (
        {**place, "status": "banned"},  # `find` never lists a banned place
        {**place, "distance_km": "1,179 km"},
        {**place, "distance_km": -1},
        {**place, "routes": []},
        {**place, "routes": [{**route, "state": "closing"}]},
        {**place, "routes": [{**route, "sources": []}]},  # listed routes carry no sources
        {key: value for key, value in place.items() if key != "kind"},
    ):
        assert not checker.is_valid({**found, "places": [broken_place]}), broken_place
    for broken_needs in ({"statuses": ["maybe"]}, {"routes": ["teleport"]}, {"age": -1}, {"extra": True}):
        assert not checker.is_valid({**found, "needs": {**found["needs"], **broken_needs}}), broken_needs
    assert not checker.is_valid({**found, "from": "texas"})
    assert not checker.is_valid({**found, "schema_version": 1})

    answer = row["answers"][0]
    for broken_answer in (
        {**answer, "open_routes": ["teleport"]},
        {**answer, "status": "legal"},
        {key: value for key, value in answer.items() if key != "place"},
        {key: value for key, value in answer.items() if key != "layers"},  # still a whole `where` answer
    ):
        assert not checker.is_valid({**compared, "therapies": [{**row, "answers": [broken_answer]}]}), broken_answer
    assert not checker.is_valid({**compared, "therapies": [{**row, "differs": "yes"}]})
    assert not checker.is_valid({**compared, "places": compared["places"][:1]})
    town = compared["places"][0]
    assert not checker.is_valid({**compared, "places": [{**town, "town": "Austin"}, *compared["places"][1:]]})
    assert not checker.is_valid({**compared, "as_of": "2022"})


def test_the_schema_names_every_vocabulary_member() -> None:
    defs = output_schema()["$defs"]
    route = defs["route"]["properties"]
    assert route["route"]["enum"] == [member.value for member in Route]
    assert route["state"]["enum"] == [member.value for member in RouteState]
    assert defs["eligibility"]["properties"]["setting"]["items"]["enum"] == [member.value for member in Setting]
    assert defs["answer"]["properties"]["status"]["enum"] == [member.value for member in Status]
    assert defs["bill"]["properties"]["stage"]["enum"] == [member.value for member in BillStage]
    assert defs["changes"]["properties"]["changes"]["items"]["properties"]["type"]["enum"] == [
        member.value for member in ChangeType
    ]
    assert list(defs["stale"]["properties"]["counts"]["properties"]) == [member.value for member in StaleKind]
    assert defs["stale"]["properties"]["kinds"]["items"]["enum"] == [member.value for member in StaleKind]
    needs = defs["find"]["properties"]["needs"]["properties"]
    assert needs["routes"]["items"]["enum"] == [member.value for member in Route]
    assert needs["statuses"]["items"]["enum"] == [member.value for member in FINDABLE]
    compared = defs["compare"]["properties"]["therapies"]["items"]["properties"]["answers"]["items"]
    assert compared["properties"]["open_routes"]["items"]["enum"] == [member.value for member in Route]


def test_psylegal_schema_output_prints_it(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "output"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == output_schema()
    # `psylegal schema` alone still prints the data-file schema.
    assert json.loads(runner.invoke(app, ["schema"]).stdout)["title"] == "psylegal jurisdiction"


@pytest.mark.parametrize(
    "args",
    [
        ["-f", "json", "--data-dir", str(HISTORY)],
        ["-f", "json", "--as-of", "2023-06-15", "--data-dir", str(HISTORY)],
        ["-f", "json", "-t", "psilocybin", "--as-of", "2022-01-01"],
    ],
)
def test_the_json_export_validates_against_the_published_schema(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [error.message for error in validator().iter_errors(document)] == []
    own_kind = {key: value for key, value in output_schema().items() if key != "oneOf"}
    jsonschema.validate(document, {**own_kind, "$ref": "#/$defs/export"})
    # The day is said once on the document and again on each place, and a wrong one is caught.
    day = document["as_of"]
    assert {place["as_of"] for place in document["places"]} == {day}
    checker = validator()
    for broken in ("June 2023", 2023):
        assert not checker.is_valid({**document, "as_of": broken})
    assert not checker.is_valid({key: value for key, value in document.items() if key != "as_of"})
    document["places"][0]["as_of"] = "yesterday"
    assert not checker.is_valid(document)


def test_a_layer_carries_its_research_log(runner: CliRunner) -> None:
    from .conftest import VALID

    result = runner.invoke(app, ["where", "zz-aa-town", "--therapy", "lsd", "--json", "--data-dir", str(VALID)])
    assert result.exit_code == 0, result.stderr
    layers = json.loads(result.stdout)["therapies"]["lsd"]["layers"]
    assert next((layer["jurisdiction"], layer["searched"]) for layer in layers) == (
        "zz-aa-town",
        "The city clerk's archive and the town paper, for the resolution's full text.",
    )
    jsonschema.validate(json.loads(result.stdout), output_schema())
