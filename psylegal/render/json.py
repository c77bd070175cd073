"""JSON views for scripts. The shapes are a contract documented in the README; bump
SCHEMA_VERSION on any change that is not a pure addition."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from psylegal.law.layers import Answer, PlaceAnswer
from psylegal.law.model import DISCLAIMER, Jurisdiction, Source, Status, Therapy

SCHEMA_VERSION = 1


def dump(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def source_json(source: Source) -> dict[str, Any]:
    return {"title": source.title, "url": source.url, "date": source.date, "publisher": source.publisher}


def answer_json(answer: Answer) -> dict[str, Any]:
    return {
        "status": answer.status.value,
        "since": answer.since,
        "decided_by": answer.deciding.jurisdiction.id if answer.deciding else None,
        "routes": [
            {"route": r.route.value, "who": r.who, "since": r.since, "jurisdiction": layer.jurisdiction.id}
            for layer in answer.applying
            for r in layer.entry.routes
        ],
        "notes": [
            {"jurisdiction": layer.jurisdiction.id, "text": layer.entry.note}
            for layer in answer.layers
            if layer.entry.note
        ],
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


def where_json(place: PlaceAnswer, stale: bool) -> dict[str, Any]:
    j = place.jurisdiction
    return {
        "schema_version": SCHEMA_VERSION,
        "id": j.id,
        "name": j.name,
        "kind": j.kind.value,
        "iso": j.iso,
        "parents": [p.id for p in place.chain[1:]],
        "reviewed": j.reviewed,
        "review_stale": stale,
        "summary": j.summary,
        "summary_sources": [source_json(s) for s in j.summary_sources],
        "therapies": {t.id: answer_json(place.answers[t.id]) for t in place.therapies},
        "due_diligence": [
            {"jurisdiction": jur.id, "text": d.text, "sources": [source_json(s) for s in d.sources]}
            for jur in place.chain
            for d in jur.due_diligence
        ],
        "timeline": sorted(
            (
                {
                    "jurisdiction": jur.id,
                    "date": e.date,
                    "type": e.type.value,
                    "text": e.text,
                    "therapies": list(e.therapies),
                    "sources": [source_json(s) for s in e.sources],
                }
                for jur in place.chain
                for e in jur.timeline
            ),
            key=lambda event: event["date"],
        ),
        "disclaimer": DISCLAIMER,
    }


def list_json(rows: Sequence[tuple[Jurisdiction, int, dict[str, Answer]]]) -> list[dict[str, Any]]:
    return [
        {
            "id": j.id,
            "name": j.name,
            "kind": j.kind.value,
            "parent": j.parent,
            "reviewed": j.reviewed,
            "statuses": {therapy: a.status.value for therapy, a in answers.items()},
            # What the place's own law says, where it says something: Denver's lowest-priority
            # ordinance, New Mexico's passed-but-not-running program.
            "own_statuses": {
                therapy: j.therapies[therapy].status.value for therapy in answers if therapy in j.therapies
            },
        }
        for j, _, answers in rows
    ]


def therapy_json(therapy: Therapy, groups: dict[Status, list[tuple[Jurisdiction, Answer]]]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "therapy": therapy_record(therapy),
        "statuses": {
            status.value: [
                {
                    "id": j.id,
                    "name": j.name,
                    "kind": j.kind.value,
                    "since": a.since,
                    "routes": [r.route.value for layer in a.applying for r in layer.entry.routes],
                }
                for j, a in groups.get(status, [])
            ]
            for status in Status
        },
        "disclaimer": DISCLAIMER,
    }


def therapy_record(therapy: Therapy) -> dict[str, Any]:
    return {
        "id": therapy.id,
        "name": therapy.name,
        "description": therapy.description,
        "aliases": list(therapy.aliases),
    }
