"""CSV for spreadsheets: one row per place and therapy, and the Frictionless descriptor that documents it.

The columns are defined once, in `COLUMNS`, with the Table Schema type, constraints and description
of each; the header, the rows and `datapackage.json` all come from that table, so the CSV and its
descriptor cannot disagree.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from psylegal import __version__
from psylegal.law.access import NARROW_ROUTES, PATIENT_ROUTES, TRIAL_ROUTES
from psylegal.law.model import DISCLAIMER, AccessRoute, Kind, Route, RouteState, Source, Status
from psylegal.query import DatasetAnswer, PlaceAnswer, TherapyAnswer

# Table Schema patterns match the whole value (XML Schema regular expressions): no anchors.
PARTIAL_DATE = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
# What a spreadsheet would run as a formula when a cell starts with it (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Routes that justify each route-based status: the eligibility columns describe one of these.
DECIDING_ROUTES = {Status.AVAILABLE: PATIENT_ROUTES, Status.LIMITED: NARROW_ROUTES, Status.RESEARCH: TRIAL_ROUTES}


class Row(NamedTuple):
    """One CSV row's inputs: a place's answer and one therapy's answer in it."""

    place: PlaceAnswer
    answer: TherapyAnswer

    @property
    def open_routes(self) -> tuple[AccessRoute, ...]:
        return tuple(placed.access for placed in self.answer.routes if placed.access.state is RouteState.OPEN)

    @property
    def main_route(self) -> AccessRoute | None:
        """The open route the eligibility columns describe: one that gives the status, else the first open one."""
        routes = self.open_routes
        deciding = DECIDING_ROUTES.get(self.answer.status, frozenset())
        return next((route for route in routes if route.route in deciding), routes[0] if routes else None)

    @property
    def first_source(self) -> Source | None:
        return self.answer.sources[0] if self.answer.sources else None


class Column(NamedTuple):
    name: str
    type: str  # a Table Schema field type
    description: str
    value: Callable[[Row], str | int | bool | None]
    constraints: dict[str, Any] = {}  # noqa: RUF012 (a NamedTuple default; never mutated)


def _eligibility(row: Row, field: str) -> Any:
    route = row.main_route
    if route is None or route.eligibility is None:
        return None
    return getattr(route.eligibility, field)


def _text(value: str) -> str:
    """Free text, made safe to open in a spreadsheet: a leading formula character is quoted with '."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _source(row: Row, field: str) -> str | None:
    source = row.first_source
    return getattr(source, field) if source is not None else None


COLUMNS: tuple[Column, ...] = (
    Column("place_id", "string", "The place's id (ISO 3166 for countries and states).", lambda r: r.place.place.id),
    Column("place_name", "string", "The place's name.", lambda r: _text(r.place.place.name)),
    Column(
        "kind",
        "string",
        "What kind of place it is.",
        lambda r: r.place.place.kind.value,
        {"required": True, "enum": [kind.value for kind in Kind]},
    ),
    Column("parent", "string", "The id of the place it is in; empty for a country.", lambda r: r.place.place.parent),
    Column("therapy", "string", "The therapy's id.", lambda r: r.answer.therapy.id, {"required": True}),
    Column(
        "status",
        "string",
        "The effective status: what applies in this place once every layer of law (city, state, country) is weighed.",
        lambda r: r.answer.status.value,
        {"required": True, "enum": [status.value for status in Status]},
    ),
    Column(
        "own_status",
        "string",
        "What the place's own law says; empty when its law says nothing of this therapy.",
        lambda r: r.answer.own_status.value if r.answer.own_status is not None else None,
        {"enum": [status.value for status in Status]},
    ),
    Column(
        "decided_by",
        "string",
        "The id of the place whose law gives the effective status.",
        lambda r: r.answer.decided_by.id if r.answer.decided_by else None,
    ),
    Column(
        "since",
        "string",
        "Since when the effective status holds (YYYY, YYYY-MM or YYYY-MM-DD).",
        lambda r: r.answer.since,
        {"pattern": PARTIAL_DATE},
    ),
    Column(
        "open_routes",
        "string",
        "The open access routes that apply, separated by ';': " + ", ".join(route.value for route in Route) + ".",
        lambda r: ";".join(dict.fromkeys(route.route.value for route in r.open_routes)) or None,
    ),
    Column(
        "eligibility_route",
        "string",
        "The open route the eligibility columns describe: one that gives the status, else the first open route.",
        lambda r: r.main_route.route.value if r.main_route else None,
        {"enum": [route.value for route in Route]},
    ),
    Column(
        "min_age",
        "integer",
        "The minimum age for that route; empty when no source states it.",
        lambda r: _eligibility(r, "min_age"),
        {"minimum": 0},
    ),
    Column(
        "residents_only",
        "boolean",
        "Whether only residents may use that route; empty when no source states it.",
        lambda r: _eligibility(r, "residents_only"),
    ),
    Column(
        "diagnosis_required",
        "boolean",
        "Whether that route needs a diagnosis; empty when no source states it.",
        lambda r: _eligibility(r, "diagnosis_required"),
    ),
    Column(
        "prescription_required",
        "boolean",
        "Whether that route needs a prescription or referral; empty when no source states it.",
        lambda r: _eligibility(r, "prescription_required"),
    ),
    Column(
        "setting",
        "string",
        "Where that route's sessions take place, separated by ';'; empty when no source states it.",
        lambda r: ";".join(setting.value for setting in _eligibility(r, "setting") or ()) or None,
    ),
    Column(
        "reviewed",
        "date",
        "The day the place's facts were last checked.",
        lambda r: r.place.place.reviewed,
        {"required": True},
    ),
    Column(
        "source_title",
        "string",
        "The first source behind the effective status.",
        lambda r: _text(s) if (s := _source(r, "title")) else None,
    ),
    Column("source_url", "string", "Its address.", lambda r: _source(r, "url"), {"pattern": "https?://.+"}),
    Column(
        "source_date",
        "string",
        "The page's own date; empty when the page is undated.",
        lambda r: _source(r, "date"),
        {"pattern": PARTIAL_DATE},
    ),
    Column("source_accessed", "date", "The day the page was read.", lambda r: _source(r, "accessed")),
    Column(
        "as_of",
        "date",
        "A historical export (--as-of): the row gives the law as it stood at the end of this day;"
        " empty for the law as of the day of the export.",
        lambda r: r.place.as_of.isoformat() if r.place.as_of else None,
    ),
)


def rows(dataset: DatasetAnswer) -> list[Row]:
    return [Row(place, answer) for place in dataset.places for answer in place.therapies]


def _cell(value: str | int | bool | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def export(dataset: DatasetAnswer) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(column.name for column in COLUMNS)
    for row in rows(dataset):
        writer.writerow(_cell(column.value(row)) for column in COLUMNS)
    return buffer.getvalue()


def datapackage(dataset: DatasetAnswer, csv_name: str) -> str:
    """The Frictionless Data Package descriptor for the CSV written to `csv_name` (a name in the same directory)."""
    fields = [
        {"name": column.name, "type": column.type, "description": column.description}
        | ({"constraints": column.constraints} if column.constraints else {})
        for column in COLUMNS
    ]
    descriptor = {
        "profile": "tabular-data-package",
        "name": "psylegal",
        "title": "psylegal: legal status of psychedelic-assisted therapies",
        "description": (
            f"The effective legal status of {_therapy_names(dataset)} in every place psylegal covers, {_when(dataset)},"
            " with the open access routes, who may use them and the first source."
            f" {DISCLAIMER}"
        ),
        "version": __version__,
        "licenses": [
            {
                "name": "MIT",
                "title": "MIT License (the psylegal repository's licence)",
                "path": "https://opensource.org/licenses/MIT",
            }
        ],
        "sources": [{"title": source.title, "path": source.url} for source in _sources(dataset)],
        "resources": [
            {
                "name": "statuses",
                "title": "One row per place and therapy",
                "path": csv_name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": ["place_id", "therapy"], "missingValues": [""]},
            }
        ],
    }
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


def _when(dataset: DatasetAnswer) -> str:
    if dataset.as_of is None:
        return f"as of {dataset.today.isoformat()}"
    return (
        f"as the law stood at the end of {dataset.as_of.isoformat()} (a historical export, made on"
        f" {dataset.today.isoformat()}; see the as_of column)"
    )


def _therapy_names(dataset: DatasetAnswer) -> str:
    names: Sequence[str] = [therapy.name for therapy in dataset.therapies]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _sources(dataset: DatasetAnswer) -> list[Source]:
    """Every source the exported rows rest on, each once, in first-cited order."""
    seen: dict[str, Source] = {}
    for row in rows(dataset):
        for source in row.answer.sources:
            seen.setdefault(source.url, source)
    return list(seen.values())
