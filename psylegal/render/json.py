"""JSON for scripts: formats the answer records of psylegal.query, and nothing else.

The shapes are a contract documented in the README and published as a JSON Schema
(`psylegal schema output`, psylegal/render/contract.py); bump SCHEMA_VERSION on any change that is
not a pure addition.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from psylegal.data.problems import Problem
from psylegal.law.model import DISCLAIMER, AccessRoute, Eligibility, Providers, Source, Therapy
from psylegal.query import PlaceAnswer, PlacedRoute, PlaceList, TherapyAnswer, TherapyOverview, entry_sources
from psylegal.render import Output

# 2: routes carry their state and eligibility, sources their `accessed` date, each therapy its
# `own_status`; `list` prints an object instead of a bare array. The README has the migration note.
SCHEMA_VERSION = 2
# `validate --format json` did not change shape with version 2 of the answers.
PROBLEMS_SCHEMA_VERSION = 1


def dump(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def source_json(source: Source) -> dict[str, Any]:
    """A source: `date` is the page's own date (null when the page is undated), `accessed` the day it was read."""
    return {
        "title": source.title,
        "url": source.url,
        "date": source.date,
        "accessed": source.accessed,
        "publisher": source.publisher,
    }


def sources_json(sources: Sequence[Source]) -> list[dict[str, Any]]:
    return [source_json(source) for source in sources]


def eligibility_json(eligibility: Eligibility | None, cited: bool) -> dict[str, Any]:
    """Every field, null (or empty) where the data does not say: unknown, never a guess."""
    if eligibility is None:
        eligibility = Eligibility(sources=())
    cost = eligibility.cost
    document = {
        "min_age": eligibility.min_age,
        "residents_only": eligibility.residents_only,
        "diagnosis_required": eligibility.diagnosis_required,
        "conditions": list(eligibility.conditions),
        "prescription_required": eligibility.prescription_required,
        "setting": [setting.value for setting in eligibility.setting],
        "cost": None
        if cost is None
        else {"min": cost.min, "max": cost.max, "currency": cost.currency, "note": cost.note},
    }
    return {**document, "sources": sources_json(eligibility.sources)} if cited else document


def providers_json(providers: Providers | None, cited: bool) -> dict[str, Any] | None:
    if providers is None:
        return None
    document = {"count": providers.number, "unit": providers.unit, "as_of": providers.as_of}
    return {**document, "sources": sources_json(providers.sources)} if cited else document


def route_json(placed: PlacedRoute, cited: bool = True) -> dict[str, Any]:
    route: AccessRoute = placed.access
    document = {
        "route": route.route.value,
        "state": route.state.value,
        "jurisdiction": placed.creator,
        "listed_by": placed.jurisdiction.id,
        "since": route.since,
        "until": route.until,
        "expected": route.expected,
        "who": route.who,
        "eligibility": eligibility_json(route.eligibility, cited),
        "providers": providers_json(route.providers, cited),
        "recheck": route.recheck,
    }
    return {**document, "sources": sources_json(placed.sources)} if cited else document


def routes_json(answer: TherapyAnswer, cited: bool = True) -> list[dict[str, Any]]:
    """Every route that applies, in every state (only `open` ones are access), nearest layer first.

    Listings leave out the sources (`cited=False`): they would repeat the same pages for every
    place and make `list --json` forty times larger; `where` cites them.
    """
    return [route_json(placed, cited) for placed in answer.routes]


def answer_json(answer: TherapyAnswer) -> dict[str, Any]:
    return {
        "status": answer.status.value,
        "own_status": answer.own_status.value if answer.own_status else None,
        "since": answer.since,
        "decided_by": answer.decided_by.id if answer.decided_by else None,
        "routes": routes_json(answer),
        "notes": [{"jurisdiction": note.jurisdiction.id, "text": note.text} for note in answer.notes],
        "conflicts": [
            {"jurisdiction": layer.jurisdiction.id, "status": layer.entry.status.value} for layer in answer.conflicts
        ],
        "sources": sources_json(answer.sources),
        "layers": [
            {
                "jurisdiction": layer.jurisdiction.id,
                "own_status": layer.entry.status.value,
                "since": layer.entry.since,
                "recheck": layer.entry.recheck,
                "note": layer.entry.note,
                "sources": sources_json(entry_sources(layer.entry)),
            }
            for layer in answer.layers
        ],
    }


def where_json(answer: PlaceAnswer) -> dict[str, Any]:
    place = answer.place
    return {
        "schema_version": SCHEMA_VERSION,
        "id": place.id,
        "name": place.name,
        "kind": place.kind.value,
        "iso": place.iso,
        "parents": [parent.id for parent in answer.parents],
        "reviewed": place.reviewed,
        "review_stale": answer.review_stale,
        "summary": place.summary,
        "summary_sources": sources_json(place.summary_sources),
        "therapies": {result.therapy.id: answer_json(result) for result in answer.therapies},
        "due_diligence": [
            {
                "jurisdiction": entry.jurisdiction.id,
                "text": entry.item.text,
                "sources": sources_json(entry.item.sources),
            }
            for entry in answer.due_diligence
        ],
        "timeline": [
            {
                "jurisdiction": entry.jurisdiction.id,
                "date": str(entry.date),
                "type": entry.event.type.value,
                "text": entry.event.text,
                "therapies": list(entry.event.therapies),
                "sources": sources_json(entry.event.sources),
            }
            for entry in answer.timeline
        ],
        "sources": sources_json(answer.sources),
        "disclaimer": DISCLAIMER,
    }


def where(answer: PlaceAnswer, output: Output) -> str:
    return dump(where_json(answer))


def places(listing: PlaceList, output: Output) -> str:
    return dump(
        {
            "schema_version": SCHEMA_VERSION,
            "places": [
                {
                    "id": row.place.id,
                    "name": row.place.name,
                    "kind": row.place.kind.value,
                    "parent": row.place.parent,
                    "reviewed": row.place.reviewed,
                    # With --status: "effective" or "own" (only the place's own law says it); else null.
                    "match": row.match.value if row.match else None,
                    "therapies": {result.therapy.id: listed_json(result) for result in row.therapies},
                }
                for row in listing.rows
            ],
            "disclaimer": DISCLAIMER,
        }
    )


def listed_json(answer: TherapyAnswer) -> dict[str, Any]:
    """A therapy in a listing: the statuses and every route that applies, without layers or sources."""
    return {
        "status": answer.status.value,
        "own_status": answer.own_status.value if answer.own_status else None,
        "since": answer.since,
        "decided_by": answer.decided_by.id if answer.decided_by else None,
        "routes": routes_json(answer, cited=False),
    }


def therapy(overview: TherapyOverview, output: Output) -> str:
    matches = overview.matches or {}
    return dump(
        {
            "schema_version": SCHEMA_VERSION,
            "therapy": therapy_record(overview.therapy),
            "filter_status": overview.status.value if overview.status else None,
            "statuses": {
                status.value: [
                    {
                        "id": result.place.id,
                        "name": result.place.name,
                        "kind": result.place.kind.value,
                        "match": matches[result.place.id].value if result.place.id in matches else None,
                        **listed_json(result),
                    }
                    for result in members
                ]
                for status, members in overview.groups.items()
            },
            "disclaimer": DISCLAIMER,
        }
    )


def therapies(therapies: Sequence[Therapy], output: Output) -> str:
    return dump({"schema_version": SCHEMA_VERSION, "therapies": [therapy_record(t) for t in therapies]})


def therapy_record(therapy: Therapy) -> dict[str, Any]:
    return {
        "id": therapy.id,
        "name": therapy.name,
        "description": therapy.description,
        "aliases": list(therapy.aliases),
    }


# `psylegal validate --format json` (the problem formats are moving to psylegal/render/problems.py).
def problems_json(problems: Sequence[Problem], files: int) -> dict[str, Any]:
    return {
        "schema_version": PROBLEMS_SCHEMA_VERSION,
        "files": files,
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "path": p.path,
                "message": p.message,
                "rule": p.rule,
                "severity": p.severity.value,
            }
            for p in problems
        ],
    }
