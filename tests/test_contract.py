"""The JSON output contract: the published JSON Schema describes what every `--json` command prints."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from psylegal.cli import app
from psylegal.law.model import Route, RouteState, Setting, Status
from psylegal.render.contract import output_schema
from psylegal.render.json import SCHEMA_VERSION

from .conftest import FIXTURES

ROUTES = FIXTURES / "routes"


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
        (["list"], "list"),
        (["list", "--status", "decriminalized", "-t", "psilocybin"], "list"),
        (["therapy", "psilocybin"], "therapy"),
        (["therapy", "mdma", "--status", "research", "--route", "clinical-trial"], "therapy"),
        (["therapies"], "therapies"),
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


def test_the_schema_names_every_vocabulary_member() -> None:
    defs = output_schema()["$defs"]
    route = defs["route"]["properties"]
    assert route["route"]["enum"] == [member.value for member in Route]
    assert route["state"]["enum"] == [member.value for member in RouteState]
    assert defs["eligibility"]["properties"]["setting"]["items"]["enum"] == [member.value for member in Setting]
    assert defs["answer"]["properties"]["status"]["enum"] == [member.value for member in Status]


def test_psylegal_schema_output_prints_it(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "output"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == output_schema()
    # `psylegal schema` alone still prints the data-file schema.
    assert json.loads(runner.invoke(app, ["schema"]).stdout)["title"] == "psylegal jurisdiction"
