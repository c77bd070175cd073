"""JSON for scripts: formats the answer records of psylegal.query, and nothing else.

The shapes are a contract documented in the README; bump SCHEMA_VERSION on any change that is not a
pure addition.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from psylegal.law.model import DISCLAIMER, FINAL_BILL_STAGES, Source, Therapy
from psylegal.query import DatasetAnswer, PlaceAnswer, PlacedBill, PlaceList, TherapyAnswer, TherapyOverview
from psylegal.render import Output

if TYPE_CHECKING:  # the law-over-time records; imported only when those views run
    from psylegal.law.history import Expiry
    from psylegal.tracking import BillList, Change, ChangeFeed, StaleQueue

SCHEMA_VERSION = 1


def dump(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def source_json(source: Source) -> dict[str, Any]:
    return {
        "title": source.title,
        "url": source.url,
        "date": source.date,
        "accessed": source.accessed,
        "publisher": source.publisher,
    }


def answer_json(answer: TherapyAnswer) -> dict[str, Any]:
    return {
        "status": answer.status.value,
        "since": answer.since,
        "decided_by": answer.decided_by.id if answer.decided_by else None,
        "routes": [
            {
                "route": placed.access.route.value,
                "state": placed.access.state.value,
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
        # Historical answers: layers with no record yet that day, and records dated only to a year or month.
        "unrecorded": [{"jurisdiction": gap.jurisdiction.id, "earliest": str(gap.date)} for gap in answer.unrecorded],
        "imprecise": [{"jurisdiction": item.jurisdiction.id, "date": str(item.date)} for item in answer.imprecise],
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
        "as_of": answer.as_of.isoformat() if answer.as_of else None,
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
        "pending_bills": [bill_json(placed) for placed in answer.bills],
        "out_of_date": [expiry_json(item) for item in answer.expired],
        "sources": [source_json(s) for s in answer.sources],
        "disclaimer": DISCLAIMER,
    }


def where(answer: PlaceAnswer, output: Output) -> str:
    return dump(where_json(answer))


def places(listing: PlaceList, output: Output) -> str:
    # An array, as before; a historical listing is the same array, each row saying its `as_of`.
    as_of = {"as_of": listing.as_of.isoformat()} if listing.as_of else {}
    return dump(
        [
            {
                "id": row.place.id,
                "name": row.place.name,
                "kind": row.place.kind.value,
                "parent": row.place.parent,
                **as_of,
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
            "as_of": overview.as_of.isoformat() if overview.as_of else None,
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


# -- law over time (psylegal/law/history.py, psylegal/tracking.py) -----------------------------------
def bill_json(placed: PlacedBill) -> dict[str, Any]:
    bill = placed.bill
    return {
        "jurisdiction": placed.jurisdiction.id,
        "number": bill.number,
        "title": bill.title,
        "session": bill.session,
        "stage": bill.stage.value,
        "final": bill.stage in FINAL_BILL_STAGES,
        "date": bill.date,
        "therapies": list(bill.therapies),
        "text": bill.text,
        "sources": [source_json(s) for s in bill.sources],
    }


def expiry_json(item: Expiry) -> dict[str, Any]:
    return {
        "jurisdiction": item.jurisdiction.id,
        "therapy": item.therapy,
        "what": item.what,
        "date": str(item.date),
        "kind": "expected" if item.expected else "recheck",
    }


def change_json(change: Change) -> dict[str, Any]:
    return {
        "id": change.key,
        "date": str(change.date),
        "jurisdiction": change.place.id,
        "name": change.place.name,
        "therapies": list(change.therapies),
        "type": change.type.value,
        "event_type": change.event.value if change.event else None,
        "status_before": change.before.value if change.before else None,
        "status_after": change.after.value if change.after else None,
        "route": change.route.route.value if change.route else None,
        "bill": change.bill.number if change.bill else None,
        "text": change.text,
        "sources": [source_json(s) for s in change.sources],
    }


def changes(feed: ChangeFeed, output: Output) -> str:
    return dump(
        {
            "schema_version": SCHEMA_VERSION,
            "today": feed.today.isoformat(),
            "upcoming": feed.upcoming,
            "since": feed.since.isoformat() if feed.since else None,
            "until": feed.until.isoformat() if feed.until else None,
            "place": feed.place.id if feed.place else None,
            "therapy": feed.therapy.id if feed.therapy else None,
            "type": feed.type,
            "count": len(feed.changes),
            "changes": [change_json(change) for change in feed.changes],
        }
    )


def bills(listing: BillList, output: Output) -> str:
    return dump(
        {
            "schema_version": SCHEMA_VERSION,
            "count": len(listing.bills),
            "bills": [bill_json(placed) for placed in listing.bills],
        }
    )


def stale(queue: StaleQueue, output: Output) -> str:
    from psylegal.tracking import StaleKind

    return dump(
        {
            "schema_version": SCHEMA_VERSION,
            "today": queue.today.isoformat(),
            "days": queue.days,
            "counts": {kind.value: queue.number(kind) for kind in StaleKind},
            "items": [
                {
                    "kind": item.kind.value,
                    "date": str(item.date),
                    "jurisdiction": item.place.id,
                    "therapy": item.therapy,
                    "text": item.text,
                    "source": source_json(item.source) if item.source else None,
                }
                for item in queue.items
            ],
        }
    )


# --- `psylegal export --format json`: every place's `where --json` record in one document ---
def export(dataset: DatasetAnswer) -> str:
    return dump(
        {
            "schema_version": SCHEMA_VERSION,
            "generated": dataset.today.isoformat(),
            "therapies": [therapy_record(t) for t in dataset.therapies],
            "places": [where_json(answer) for answer in dataset.places],
            "disclaimer": DISCLAIMER,
        }
    )
