"""The JSON output contract (schema version 2) as a JSON Schema, for scripts that read `--json`.

`psylegal schema output` prints it. The `where`, `list`, `therapy`, `therapies`, `changes`, `bills`,
`stale`, `find` and `compare` documents, and the one `export --format json` writes, are each one of its `$defs`; the
schema as a whole accepts any of them. Vocabularies come from the model's enums, so a new status or
route state reaches the contract by itself; tests validate the real output of every command against
it. Objects allow no other keys: a view that adds one adds it
here too, so the contract never falls behind the output.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from psylegal.finder import FINDABLE
from psylegal.law.model import BillStage, EventType, Kind, Route, RouteState, Setting, Status
from psylegal.query import Match
from psylegal.render.json import SCHEMA_VERSION
from psylegal.tracking import ChangeType, StaleKind

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# The documents `--json` prints, one `$defs` entry each.
DOCUMENTS = ("where", "list", "therapy", "therapies", "changes", "bills", "stale", "find", "compare", "export")


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
DAY = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
PARTIAL_DATE = {
    "type": "string",
    "pattern": "^[0-9]{4}(-[0-9]{2}){0,2}$",
    "description": "YYYY, YYYY-MM or YYYY-MM-DD.",
}
AS_OF = {**_nullable(DAY), "description": "--as-of: the law at the end of this day; null for today's answer."}
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
            "searched": {**TEXT_OR_NULL, "description": "For maintainers: what was searched and not found."},
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
            "safety": {
                "type": "array",
                "description": "The catalog's medical cautions, wherever the therapy is offered or an open route"
                " applies (decriminalised personal use, a tolerated retreat); empty elsewhere.",
                "items": _object({"text": STRING, "sources": SOURCES}),
            },
            # Historical answers (--as-of) only; empty otherwise.
            "unrecorded": {
                "type": "array",
                "description": "Layers with no record yet on the day asked about, with their earliest record.",
                "items": _object({"jurisdiction": ID, "earliest": PARTIAL_DATE}),
            },
            "imprecise": {
                "type": "array",
                "description": "Layers whose record in effect is dated only to a year or month.",
                "items": _object({"jurisdiction": ID, "date": PARTIAL_DATE}),
            },
            "layers": {"type": "array", "items": layer},
        }
    )
    bill = _object(
        {
            "jurisdiction": ID,
            "number": STRING,
            "title": STRING,
            "session": TEXT_OR_NULL,
            "stage": _words(BillStage),
            "final": {"type": "boolean", "description": "Signed, vetoed, failed or approved by voters."},
            "date": PARTIAL_DATE,
            "therapies": {"type": "array", "items": STRING},
            "text": STRING,
            "sources": SOURCES,
        }
    )
    expiry = _object(
        {
            "jurisdiction": ID,
            "therapy": TEXT_OR_NULL,
            "what": STRING,
            "date": PARTIAL_DATE,
            "kind": {"enum": ["recheck", "expected"]},
        }
    )
    expiry["description"] = "A recheck or expected date that has passed: this part may be out of date."
    therapy = _object({"id": STRING, "name": STRING, "description": STRING, "aliases": {"type": "array"}})
    town = _object(
        {
            "name": STRING,
            "country": {**STRING, "description": "ISO 3166-1 alpha-2 code, e.g. US."},
            "subdivision": {**TEXT_OR_NULL, "description": "ISO 3166-2 code, e.g. US-TX; null when not known."},
            "latitude": {"type": "number", "minimum": -90, "maximum": 90},
            "longitude": {"type": "number", "minimum": -180, "maximum": 180},
            "local_law_unknown": {
                "type": "boolean",
                "description": "True when psylegal has no data on the town's own city or county measures.",
            },
        }
    )
    town["description"] = (
        "The town asked for (`where austin`), when it has no file of its own and this place's law governs it."
    )
    town_or_null = {
        **_nullable({"$ref": "#/$defs/town"}),
        "description": "The town asked for, when this place's law governs it; null when the place was asked for.",
    }
    version = {"const": SCHEMA_VERSION}
    match = {**_nullable(_words(Match)), "description": "With --status: which status matched; else null."}
    where = _object(
        {
            "schema_version": version,
            "as_of": AS_OF,
            "id": ID,
            "name": STRING,
            "kind": _words(Kind),
            "iso": TEXT_OR_NULL,
            "parents": {"type": "array", "items": ID},
            "town": town_or_null,
            "reviewed": STRING,
            "review_stale": {"type": "boolean"},
            "summary": {**TEXT_OR_NULL, "description": "Today's summary; null in a historical (--as-of) answer."},
            "summary_sources": SOURCES,
            "therapies": {"type": "object", "additionalProperties": {"$ref": "#/$defs/answer"}},
            "due_diligence": {
                "type": "array",
                "description": "What to check before going, for the therapies shown.",
                "items": _object(
                    {
                        "jurisdiction": ID,
                        "text": STRING,
                        "therapies": {
                            "type": "array",
                            "items": STRING,
                            "description": "The therapies the advice concerns; empty: every therapy.",
                        },
                        "sources": SOURCES,
                    }
                ),
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
            "pending_bills": {"type": "array", "items": {"$ref": "#/$defs/bill"}},
            "out_of_date": {"type": "array", "items": expiry},
            "sources": SOURCES,
            "disclaimer": STRING,
        }
    )
    listing = _object(
        {
            "schema_version": version,
            "as_of": AS_OF,
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
            "as_of": AS_OF,
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
    change = _object(
        {
            "id": {**STRING, "description": "Stable from run to run (the Atom entry's id)."},
            "date": PARTIAL_DATE,
            "jurisdiction": ID,
            "name": STRING,
            "therapies": {"type": "array", "items": STRING, "description": "Empty: every therapy."},
            "type": _words(ChangeType),
            "event_type": _nullable(_words(EventType)),
            "status_before": _nullable(STATUS),
            "status_after": _nullable(STATUS),
            "route": _nullable(_words(Route)),
            "bill": TEXT_OR_NULL,
            "text": STRING,
            "sources": SOURCES,
        }
    )
    feed = _object(
        {
            "schema_version": version,
            "today": DAY,
            "upcoming": {"type": "boolean"},
            "since": _nullable(DAY),
            "until": _nullable(DAY),
            "place": _nullable(ID),
            "therapy": TEXT_OR_NULL,
            "type": {
                **_nullable({"enum": [*_words(ChangeType)["enum"], *_words(EventType)["enum"]]}),
                "description": "--type: a change type or an event type; null when not filtered.",
            },
            "count": {"type": "integer", "minimum": 0},
            "changes": {"type": "array", "items": change},
        }
    )
    bills = _object(
        {
            "schema_version": version,
            "count": {"type": "integer", "minimum": 0},
            "bills": {"type": "array", "items": {"$ref": "#/$defs/bill"}},
        }
    )
    stale = _object(
        {
            "schema_version": version,
            "today": DAY,
            "days": {"type": "integer", "minimum": 0},
            "kinds": {"type": "array", "items": _words(StaleKind), "minItems": 1, "uniqueItems": True},
            "counts": _object(
                {kind.value: {"type": "integer", "minimum": 0} for kind in StaleKind},
                optional=tuple(kind.value for kind in StaleKind),  # one per kind asked for (`kinds`)
            ),
            "items": {
                "type": "array",
                "items": _object(
                    {
                        "kind": _words(StaleKind),
                        "date": PARTIAL_DATE,
                        "jurisdiction": ID,
                        "therapy": TEXT_OR_NULL,
                        "text": STRING,
                        "source": _nullable({"$ref": "#/$defs/source"}),
                    }
                ),
            },
        }
    )
    distance = {
        **_nullable({"type": "number", "minimum": 0}),
        "description": "Great-circle km from --from, 0 for the place it lies in; null without --from or a point.",
    }
    found_routes = {
        "type": "array",
        "items": {"$ref": "#/$defs/listed_route"},
        "description": "The open routes that fit the person, nearest layer first, without sources (as in `list`).",
    }
    findable = {"enum": [status.value for status in FINDABLE], "description": "Only statuses `find` can list."}
    finding = _object(
        {
            "schema_version": version,
            "therapy": {**STRING, "description": "The therapy's id."},
            "as_of": AS_OF,
            "from": {
                **_nullable(_object({"id": ID, "town": {**TEXT_OR_NULL, "description": "The town named, if any."}})),
                "description": "--from: the place (and town) distances are measured from; null without it.",
            },
            "needs": _object(
                {
                    "routes": {"type": "array", "items": _words(Route), "description": "Empty: any but personal use."},
                    "no_diagnosis": {"type": "boolean"},
                    "non_resident": {"type": "boolean"},
                    "age": _nullable({"type": "integer", "minimum": 0}),
                    "statuses": {"type": "array", "items": findable, "minItems": 1},
                }
            ),
            "places": {
                "type": "array",
                "description": "The places that fit, nearest first (by name without --from).",
                "items": _object(
                    {
                        "id": ID,
                        "name": STRING,
                        "kind": _words(Kind),
                        "status": findable,
                        "distance_km": distance,
                        "routes": {**found_routes, "minItems": 1},
                    }
                ),
            },
            "coming": {
                "type": "array",
                "description": "The nearest few places where a route of the kinds asked for is upcoming.",
                "items": _object(
                    {
                        "id": ID,
                        "name": STRING,
                        "distance_km": distance,
                        "routes": {
                            "type": "array",
                            "items": {"$ref": "#/$defs/listed_route"},
                            "minItems": 1,
                            "description": "The place's own upcoming routes, without sources.",
                        },
                    }
                ),
            },
            "disclaimer": STRING,
        }
    )
    compared = _object(
        {
            "place": {**ID, "description": "The place this column answers for."},
            **answer["properties"],
            "open_routes": {
                "type": "array",
                "items": _words(Route),
                "description": "The kinds of open route, sorted: what the `differs` mark compares with the status.",
            },
        }
    )
    comparison = _object(
        {
            "schema_version": version,
            "as_of": AS_OF,
            "places": {
                "type": "array",
                "minItems": 2,
                "items": _object({"id": ID, "name": STRING, "town": town_or_null}),
            },
            "therapies": {
                "type": "array",
                "description": "One row per therapy shown, in catalog order.",
                "items": _object(
                    {
                        "therapy": {**STRING, "description": "The therapy's id."},
                        "differs": {"type": "boolean", "description": "The places differ in status or open routes."},
                        "answers": {
                            "type": "array",
                            "description": "One per place, in the order of `places`: a `where` answer, plus these.",
                            "items": compared,
                        },
                    }
                ),
            },
            "disclaimer": STRING,
        }
    )
    export = _object(
        {
            "schema_version": version,
            "generated": {**DAY, "description": "The day the export was made."},
            "as_of": AS_OF,
            "therapies": {"type": "array", "items": therapy},
            "places": {
                "type": "array",
                "description": "Every place's `where --json` document, parents before their children.",
                "items": {"$ref": "#/$defs/where"},
            },
            "disclaimer": STRING,
        }
    )
    return {
        "$schema": DRAFT,
        "title": f"psylegal --json output, schema version {SCHEMA_VERSION}",
        "description": "One document of `where`, `list`, `therapy`, `therapies`, `changes`, `bills`, `stale`,"
        " `find` or `compare` `--json`, or of `export --format json` (see $defs).",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in DOCUMENTS],
        "$defs": {
            "source": source,
            "eligibility": eligibility,
            "providers": providers,
            "route": route,
            "listed_route": _uncited(route, eligibility, providers),
            "answer": answer,
            "bill": bill,
            "town": town,
            "where": where,
            "list": listing,
            "therapy": overview,
            "therapies": catalog,
            "changes": feed,
            "bills": bills,
            "stale": stale,
            "find": finding,
            "compare": comparison,
            "export": export,
        },
    }
