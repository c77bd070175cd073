"""The JSON output contract (schema version 2) as a JSON Schema, for scripts that read `--json`.

`psylegal schema output` prints it. The `where`, `list`, `therapy` and `therapies` documents are
each one of its `$defs`; the schema as a whole accepts any of them. Vocabularies come from the
model's enums, so a new status or route state reaches the contract by itself; tests validate the
real output of every command against it. Objects allow no other keys: a view that adds one adds it
here too, so the contract never falls behind the output.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from psylegal.law.model import EventType, Kind, Route, RouteState, Setting, Status
from psylegal.query import Match
from psylegal.render.json import SCHEMA_VERSION

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _words(enum: type[Enum]) -> dict[str, Any]:
    return {"enum": [member.value for member in enum]}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """An object with exactly these keys (all required except `optional`)."""
    return {
        "type": "object",
        "properties": properties,
        "required": [key for key in properties if key not in optional],
        "additionalProperties": False,
    }


STRING = {"type": "string"}
TEXT_OR_NULL = _nullable(STRING)
ID = {"type": "string", "pattern": "^[a-z]{2}(-[a-z0-9]+)*$"}
SOURCES = {"type": "array", "items": {"$ref": "#/$defs/source"}}
STATUS = _words(Status)


def _uncited(route: dict[str, Any], eligibility: dict[str, Any], providers: dict[str, Any]) -> dict[str, Any]:
    """A route as `list` and `therapy` print it: the same fields, without any `sources`."""

    def without_sources(schema: dict[str, Any]) -> dict[str, Any]:
        return {
            **schema,
            "properties": {key: value for key, value in schema["properties"].items() if key != "sources"},
            "required": [key for key in schema["required"] if key != "sources"],
        }

    listed = without_sources(route)
    listed["properties"]["eligibility"] = without_sources(eligibility)
    listed["properties"]["providers"] = _nullable(without_sources(providers))
    return listed


def output_schema() -> dict[str, Any]:
    source = _object(
        {
            "title": STRING,
            "url": {"type": "string", "pattern": "^https://"},
            "date": {**TEXT_OR_NULL, "description": "The page's own date; null when the page is undated."},
            "accessed": {"type": "string", "description": "The day the page was read."},
            "publisher": TEXT_OR_NULL,
        }
    )
    eligibility = _object(
        {
            "min_age": _nullable({"type": "integer", "minimum": 0}),
            "residents_only": _nullable({"type": "boolean"}),
            "diagnosis_required": _nullable({"type": "boolean"}),
            "conditions": {"type": "array", "items": STRING},
            "prescription_required": _nullable({"type": "boolean"}),
            "setting": {"type": "array", "items": _words(Setting)},
            "cost": _nullable(
                _object(
                    {
                        "min": _nullable({"type": "number"}),
                        "max": _nullable({"type": "number"}),
                        "currency": STRING,
                        "note": TEXT_OR_NULL,
                    }
                )
            ),
            "sources": SOURCES,
        }
    )
    eligibility["description"] = "null or empty means unknown: no source says, and nothing is guessed."
    providers = _object({"count": {"type": "integer"}, "unit": STRING, "as_of": STRING, "sources": SOURCES})
    route = _object(
        {
            "route": _words(Route),
            "state": {**_words(RouteState), "description": "Only 'open' routes are access."},
            "jurisdiction": {**ID, "description": "The place whose law creates the route."},
            "listed_by": {**ID, "description": "The place whose data file lists the route."},
            "since": TEXT_OR_NULL,
            "until": TEXT_OR_NULL,
            "expected": TEXT_OR_NULL,
            "who": STRING,
            "eligibility": {"$ref": "#/$defs/eligibility"},
            "providers": _nullable({"$ref": "#/$defs/providers"}),
            "recheck": TEXT_OR_NULL,
            "sources": SOURCES,
        }
    )
    status_fields = {
        "status": STATUS,
        "own_status": {**_nullable(STATUS), "description": "What the place's own law says; null when silent."},
        "since": TEXT_OR_NULL,
        "decided_by": _nullable(ID),
    }
    listed = {**status_fields, "routes": {"type": "array", "items": {"$ref": "#/$defs/listed_route"}}}
    layer = _object(
        {
            "jurisdiction": ID,
            "own_status": STATUS,
            "since": TEXT_OR_NULL,
            "recheck": TEXT_OR_NULL,
            "note": TEXT_OR_NULL,
            "sources": SOURCES,
        }
    )
    answer = _object(
        {
            **status_fields,
            "routes": {"type": "array", "items": {"$ref": "#/$defs/route"}},
            "notes": {"type": "array", "items": _object({"jurisdiction": ID, "text": STRING})},
            "conflicts": {"type": "array", "items": _object({"jurisdiction": ID, "status": STATUS})},
            "sources": SOURCES,
            "layers": {"type": "array", "items": layer},
        }
    )
    therapy = _object({"id": STRING, "name": STRING, "description": STRING, "aliases": {"type": "array"}})
    version = {"const": SCHEMA_VERSION}
    match = {**_nullable(_words(Match)), "description": "With --status: which status matched; else null."}
    where = _object(
        {
            "schema_version": version,
            "id": ID,
            "name": STRING,
            "kind": _words(Kind),
            "iso": TEXT_OR_NULL,
            "parents": {"type": "array", "items": ID},
            "reviewed": STRING,
            "review_stale": {"type": "boolean"},
            "summary": STRING,
            "summary_sources": SOURCES,
            "therapies": {"type": "object", "additionalProperties": {"$ref": "#/$defs/answer"}},
            "due_diligence": {
                "type": "array",
                "items": _object({"jurisdiction": ID, "text": STRING, "sources": SOURCES}),
            },
            "timeline": {
                "type": "array",
                "items": _object(
                    {
                        "jurisdiction": ID,
                        "date": STRING,
                        "type": _words(EventType),
                        "text": STRING,
                        "therapies": {"type": "array", "items": STRING},
                        "sources": SOURCES,
                    }
                ),
            },
            "sources": SOURCES,
            "disclaimer": STRING,
        }
    )
    listing = _object(
        {
            "schema_version": version,
            "places": {
                "type": "array",
                "items": _object(
                    {
                        "id": ID,
                        "name": STRING,
                        "kind": _words(Kind),
                        "parent": _nullable(ID),
                        "reviewed": STRING,
                        "match": match,
                        "therapies": {"type": "object", "additionalProperties": _object(listed)},
                    }
                ),
            },
            "disclaimer": STRING,
        }
    )
    place = _object({"id": ID, "name": STRING, "kind": _words(Kind), "match": match, **listed})
    overview = _object(
        {
            "schema_version": version,
            "therapy": therapy,
            "filter_status": _nullable(STATUS),
            "statuses": {
                "type": "object",
                "properties": {status.value: {"type": "array", "items": place} for status in Status},
                "required": [status.value for status in Status],
                "additionalProperties": False,
            },
            "disclaimer": STRING,
        }
    )
    catalog = _object({"schema_version": version, "therapies": {"type": "array", "items": therapy}})
    return {
        "$schema": DRAFT,
        "title": f"psylegal --json output, schema version {SCHEMA_VERSION}",
        "description": "One document of `where`, `list`, `therapy` or `therapies --json` (see $defs).",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in ("where", "list", "therapy", "therapies")],
        "$defs": {
            "source": source,
            "eligibility": eligibility,
            "providers": providers,
            "route": route,
            "listed_route": _uncited(route, eligibility, providers),
            "answer": answer,
            "where": where,
            "list": listing,
            "therapy": overview,
            "therapies": catalog,
        },
    }
