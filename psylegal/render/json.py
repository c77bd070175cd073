"""JSON for scripts: formats the answer records of psylegal.query, and nothing else.

The shapes are a contract documented in the README; bump SCHEMA_VERSION on any change that is not a
pure addition.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from psylegal.data.problems import Problem
from psylegal.law.model import DISCLAIMER, Source, Therapy
from psylegal.query import PlaceAnswer, PlaceList, TherapyAnswer, TherapyOverview
from psylegal.render import Output

SCHEMA_VERSION = 1


def dump(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def source_json(source: Source) -> dict[str, Any]:
    return {"title": source.title, "url": source.url, "date": source.date, "publisher": source.publisher}


def answer_json(answer: TherapyAnswer) -> dict[str, Any]:
    return {
        "status": answer.status.value,
        "since": answer.since,
        "decided_by": answer.decided_by.id if answer.decided_by else None,
        "routes": [
            {
                "route": placed.access.route.value,
                "who": placed.access.who,
                "since": placed.access.since,
                "jurisdiction": placed.jurisdiction.id,
            }
            for placed in answer.routes
        ],
        "notes": [{"jurisdiction": note.jurisdiction.id, "text": note.text} for note in answer.notes],
        "conflicts": [
            {"jurisdiction": layer.jurisdiction.id, "status": layer.entry.status.value} for layer in answer.conflicts
        ],
        "sources": [source_json(s) for s in answer.sources],
        "layers": [
            {
                "jurisdiction": layer.jurisdiction.id,
                "status": layer.entry.status.value,
                "since": layer.entry.since,
                "note": layer.entry.note,
                "sources": [source_json(s) for s in layer.entry.sources],
            }
            for layer in answer.layers
        ],
    }


def town_json(answer: PlaceAnswer) -> dict[str, Any] | None:
    if answer.town is None:
        return None
    town = answer.town.town
    return {
        "name": town.name,
        "country": town.country,
        "subdivision": town.subdivision or None,
        "latitude": town.latitude,
        "longitude": town.longitude,
        "local_law_unknown": answer.town.local_law_unknown,
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
        # The town asked for, when this place is the one governing it (`where austin` → Texas).
        "town": town_json(answer),
        "reviewed": place.reviewed,
        "review_stale": answer.review_stale,
        "summary": place.summary,
        "summary_sources": [source_json(s) for s in place.summary_sources],
        "therapies": {result.therapy.id: answer_json(result) for result in answer.therapies},
        "due_diligence": [
            {
                "jurisdiction": entry.jurisdiction.id,
                "text": entry.item.text,
                "sources": [source_json(s) for s in entry.item.sources],
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
                "sources": [source_json(s) for s in entry.event.sources],
            }
            for entry in answer.timeline
        ],
        "sources": [source_json(s) for s in answer.sources],
        "disclaimer": DISCLAIMER,
    }


def where(answer: PlaceAnswer, output: Output) -> str:
    return dump(where_json(answer))


def places(listing: PlaceList, output: Output) -> str:
    return dump(
        [
            {
                "id": row.place.id,
                "name": row.place.name,
                "kind": row.place.kind.value,
                "parent": row.place.parent,
                "reviewed": row.place.reviewed,
                "statuses": {result.therapy.id: result.status.value for result in row.therapies},
                # What the place's own law says, where it says something: Denver's lowest-priority
                # ordinance, New Mexico's passed-but-not-running program.
                "own_statuses": {
                    result.therapy.id: result.own_status.value
                    for result in row.therapies
                    if result.own_status is not None
                },
            }
            for row in listing.rows
        ]
    )


def therapy(overview: TherapyOverview, output: Output) -> str:
    return dump(
        {
            "schema_version": SCHEMA_VERSION,
            "therapy": therapy_record(overview.therapy),
            "statuses": {
                status.value: [
                    {
                        "id": result.place.id,
                        "name": result.place.name,
                        "kind": result.place.kind.value,
                        "since": result.since,
                        "routes": [placed.access.route.value for placed in result.routes],
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
        "schema_version": SCHEMA_VERSION,
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
