"""The shipped JSON Schemas equal what the validator's rules generate, and accept the shipped data."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from psylegal.commands.schema import SCHEMAS, render

from .conftest import SHIPPED, VALID

SCHEMA_DIR = SHIPPED / "schema"


@pytest.mark.parametrize(
    ("which", "file"), [("jurisdiction", "jurisdiction.schema.json"), ("therapies", "therapies.schema.json")]
)
def test_shipped_schema_is_generated_from_the_rules(which: str, file: str) -> None:
    assert (SCHEMA_DIR / file).read_text(encoding="utf-8") == render(which), (
        f"regenerate with: psylegal schema {which} > jurisdictions/schema/{file}"
    )


def test_every_data_file_references_its_schema() -> None:
    for directory in (SHIPPED, VALID):
        for path in directory.glob("*.yaml"):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            name = "therapies" if path.name == "therapies.yaml" else "jurisdiction"
            assert first.startswith("# yaml-language-server: $schema="), path
            assert first.endswith(f"schema/{name}.schema.json"), path


def test_schema_accepts_shipped_data_and_rejects_typos() -> None:
    schema = json.loads((SCHEMA_DIR / "jurisdiction.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted(SHIPPED.glob("*.yaml")):
        if path.name != "therapies.yaml":
            validator.validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    broken = yaml.safe_load((VALID / "zz-aa.yaml").read_text(encoding="utf-8"))
    broken["sorces"] = broken.pop("sources")
    broken["therapies"]["psilocybin"]["status"] = "legal"
    messages = sorted(error.message for error in validator.iter_errors(broken))
    assert any("'sorces' was unexpected" in m for m in messages)
    assert any("'legal' is not one of" in m for m in messages)
    assert any("'sources' is a required property" in m for m in messages)


def test_unknown_schema_name() -> None:
    from psylegal.errors import UsageError

    with pytest.raises(UsageError, match="schema must be one of jurisdiction, therapies, output; got 'nope'"):
        render("nope")
    assert set(SCHEMAS) == {"jurisdiction", "therapies", "output"}


def test_schema_cannot_reject_nan_or_infinity_and_says_so() -> None:
    # YAML's .nan and .inf pass the schema's `number` (JSON Schema has no way to say "finite");
    # `psylegal validate` rejects them (corpus case number-not-finite), and the schema says so.
    schema = json.loads((SCHEMA_DIR / "jurisdiction.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    document = yaml.safe_load((VALID / "zz-aa.yaml").read_text(encoding="utf-8"))
    eligibility = document["therapies"]["psilocybin"]["routes"][0]["eligibility"]
    eligibility["cost"] = {"min": float("nan"), "max": float("inf"), "currency": "USD"}
    assert not list(validator.iter_errors(document))
    eligibility["min_age"] = float("inf")  # an integer field does turn it away
    assert [error.message for error in validator.iter_errors(document)] == ["inf is not of type 'integer'"]
    cost = schema["properties"]["therapies"]["additionalProperties"]["properties"]["routes"]["items"]["properties"]
    for bound in ("min", "max"):
        assert "non-finite" in cost["eligibility"]["properties"]["cost"]["properties"][bound]["$comment"]
