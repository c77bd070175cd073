"""JSON for scripts: formats the answer records of psylegal.query, and nothing else.

The shapes are a contract documented in the README and published as a JSON Schema
(`psylegal schema output`, psylegal/render/contract.py); bump SCHEMA_VERSION on any change that is
not a pure addition.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from psylegal.errors import DataError
from psylegal.law.model import (
    DISCLAIMER,
    FINAL_BILL_STAGES,
    AccessRoute,
    Eligibility,
    Providers,
    Source,
    Status,
    Therapy,
)
from psylegal.query import (
    DatasetAnswer,
    PlaceAnswer,
    PlacedBill,
    PlacedRoute,
    PlaceList,
    TherapyAnswer,
    TherapyOverview,
    entry_sources,
)
from psylegal.render import Output

if TYPE_CHECKING:  # the law-over-time records; imported only when those views run
    from psylegal.law.history import Expiry
    from psylegal.law.layers import Layer
    from psylegal.tracking import BillList, Change, ChangeFeed, StaleQueue

# 2: routes carry their state and eligibility, sources their `accessed` date, each therapy its
# `own_status`; `list` prints an object instead of a bare array. The README has the migration note.
# Law over time (as_of, unrecorded, imprecise, pending_bills, out_of_date, changes, bills, stale)
# arrived with version 2. `validate --format json` has its own version (psylegal/render/problems.py).
SCHEMA_VERSION = 2


# What a JSON writer says when a NaN or an infinity reaches it: `validate` refuses them in the data
# (rule non-finite), so this is the last guard, never the first.
NOT_FINITE = "a number in the data is NaN or infinite, which JSON cannot hold; run 'psylegal validate'"


def encode(document: Any, **options: Any) -> str:
    """`json.dumps` with non-ASCII text as itself, refusing NaN and the infinities with a one-line error.

    Python's `json` writes them as NaN and Infinity, which are not JSON: a script reading the output
    would fail, or read a price of NaN.
    """
    try:
        return json.dumps(document, ensure_ascii=False, allow_nan=False, **options)
    except ValueError as error:
        if not str(error).startswith("Out of range float values"):
            raise  # a circular document, say: a bug, not the data
        raise DataError(NOT_FINITE) from None


def dump(document: Any) -> str:
    """A document's JSON text: two-space indentation, non-ASCII text as itself, no NaN or infinity."""
    return encode(document, indent=2)


def dump_large(document: Any) -> str:
    """`dump(document)`, byte for byte, for documents that grow with the dataset (every place).

    With `indent`, the standard library falls back to its pure-Python encoder: 2.7 s for the 109 MB
    of `list --json` at 10,000 places. python-rapidjson encodes it in C in 0.3 s and, unlike orjson,
    writes floats as `repr` does (1e-05, 1e+16) and refuses what `json` refuses, NaN and the
    infinities included. Its one difference, upper-case hex in the escape of a control character
    (\\u001B), sends the document back to the standard encoder, as does anything it refuses: that one
    then writes the same text or raises the error `dump` raises. Imported here only, so that a lookup
    (`where`) never pays for it.
    """
    import rapidjson

    try:
        text: str = rapidjson.dumps(
            document,
            ensure_ascii=False,
            indent=2,
            number_mode=rapidjson.NM_NONE,  # NaN and the infinities refused, as `dump` refuses them
            datetime_mode=rapidjson.DM_NONE,
            uuid_mode=rapidjson.UM_NONE,
            bytes_mode=rapidjson.BM_NONE,
            iterable_mode=rapidjson.IM_ONLY_LISTS,
            mapping_mode=rapidjson.MM_ONLY_DICTS,
            default=_tuple_as_list,
        )
    except (TypeError, ValueError, OverflowError, RecursionError):
        return dump(document)
    return dump(document) if "\\u00" in text else text


def _tuple_as_list(value: Any) -> list[Any]:
    """A tuple is an array, as `json` writes it; anything else the fast encoder refuses is refused."""
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


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


def status_json(answer: TherapyAnswer) -> dict[str, Any]:
    """The statuses of a therapy's answer: what `where` and the listings both start with."""
    return {
        "status": answer.status.value,
        "own_status": answer.own_status.value if answer.own_status else None,
        "since": answer.since,
        "decided_by": answer.decided_by.id if answer.decided_by else None,
    }


def answer_json(answer: TherapyAnswer) -> dict[str, Any]:
    return {
        **status_json(answer),
        "routes": routes_json(answer),
        "notes": [{"jurisdiction": note.jurisdiction.id, "text": note.text} for note in answer.notes],
        "conflicts": [
            {"jurisdiction": layer.jurisdiction.id, "status": layer.entry.status.value} for layer in answer.conflicts
        ],
        "sources": sources_json(answer.sources),
        "safety": [{"text": item.text, "sources": sources_json(item.sources)} for item in answer.safety],
        # Historical answers: layers with no record yet that day, and records dated only to a year or month.
        "unrecorded": [{"jurisdiction": gap.jurisdiction.id, "earliest": str(gap.date)} for gap in answer.unrecorded],
        "imprecise": [{"jurisdiction": item.jurisdiction.id, "date": str(item.date)} for item in answer.imprecise],
        "layers": [
            {
                "jurisdiction": layer.jurisdiction.id,
                "own_status": layer.entry.status.value,
                "since": layer.entry.since,
                "recheck": layer.entry.recheck,
                "note": layer.entry.note,
                "searched": layer.entry.searched,
                "sources": sources_json(entry_sources(layer.entry)),
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
        # The summary describes today: a historical answer (--as-of) leaves it out, as the text does.
        "summary": place.summary if answer.as_of is None else None,
        "summary_sources": sources_json(place.summary_sources) if answer.as_of is None else [],
        "therapies": {result.therapy.id: answer_json(result) for result in answer.therapies},
        "due_diligence": [
            {
                "jurisdiction": entry.jurisdiction.id,
                "text": entry.item.text,
                "therapies": list(entry.item.therapies),
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
        "pending_bills": [bill_json(placed) for placed in answer.bills],
        "out_of_date": [expiry_json(item) for item in answer.expired],
        "sources": sources_json(answer.sources),
        "disclaimer": DISCLAIMER,
    }


def where(answer: PlaceAnswer, output: Output) -> str:
    return dump(where_json(answer))


def places(listing: PlaceList, output: Output) -> str:
    listed = Listed()
    return dump_large(
        {
            "schema_version": SCHEMA_VERSION,
            "as_of": listing.as_of.isoformat() if listing.as_of else None,
            "places": [
                {
                    "id": row.place.id,
                    "name": row.place.name,
                    "kind": row.place.kind.value,
                    "parent": row.place.parent,
                    "reviewed": row.place.reviewed,
                    # With --status: "effective" or "own" (only the place's own law says it); else null.
                    "match": row.match.value if row.match else None,
                    "therapies": {result.therapy.id: listed(result) for result in row.therapies},
                }
                for row in listing.rows
            ],
            "disclaimer": DISCLAIMER,
        }
    )


class Listed:
    """A therapy in a listing: the statuses and every route that applies, without layers or sources.

    One per document, so that each entry, list of routes and route is built once. A place silent on
    a therapy has its parent's answer with only the place changed (psylegal.query.TreeAnswers): the
    same deciding layer and the very tuple of applying layers, so the same entry unless the parent
    has a status of its own. A place with its own entry still lists its parents' routes. All are
    keyed by the identity of what decides them, which is kept with the value, so that no other
    object can take its id while this one lives.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[int, int, Status, Status | None], tuple[TherapyAnswer, dict[str, Any]]] = {}
        self._lists: dict[int, tuple[tuple[Layer, ...], list[dict[str, Any]]]] = {}
        self._routes: dict[tuple[str, int], tuple[AccessRoute, dict[str, Any]]] = {}

    def __call__(self, answer: TherapyAnswer) -> dict[str, Any]:
        # What status_json and the routes read: the status, the place's own status, the deciding
        # layer (since, decided_by) and the applying layers (routes).
        key = (id(answer.deciding), id(answer.applying), answer.status, answer.own_status)
        found = self._entries.get(key)
        if found is None:
            found = self._entries[key] = (answer, {**status_json(answer), "routes": self._routes_of(answer)})
        return found[1]

    def _routes_of(self, answer: TherapyAnswer) -> list[dict[str, Any]]:
        found = self._lists.get(id(answer.applying))
        if found is None:
            routes = [self._route(placed) for placed in answer.routes]
            found = self._lists[id(answer.applying)] = (answer.applying, routes)
        return found[1]

    def _route(self, placed: PlacedRoute) -> dict[str, Any]:
        # Without its sources, a route's JSON depends only on the route and the layer listing it.
        key = (placed.jurisdiction.id, id(placed.access))
        found = self._routes.get(key)
        if found is None:
            found = self._routes[key] = (placed.access, route_json(placed, cited=False))
        return found[1]


def therapy(overview: TherapyOverview, output: Output) -> str:
    matches = overview.matches or {}
    listed = Listed()
    return dump_large(
        {
            "schema_version": SCHEMA_VERSION,
            "as_of": overview.as_of.isoformat() if overview.as_of else None,
            "therapy": therapy_record(overview.therapy),
            "filter_status": overview.status.value if overview.status else None,
            "statuses": {
                status.value: [
                    {
                        "id": result.place.id,
                        "name": result.place.name,
                        "kind": result.place.kind.value,
                        "match": matches[result.place.id].value if result.place.id in matches else None,
                        **listed(result),
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
        "sources": sources_json(bill.sources),
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
        "sources": sources_json(change.sources),
    }


def changes(feed: ChangeFeed, output: Output) -> str:
    return dump_large(
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
    return dump_large(
        {
            "schema_version": SCHEMA_VERSION,
            "count": len(listing.bills),
            "bills": [bill_json(placed) for placed in listing.bills],
        }
    )


def stale(queue: StaleQueue, output: Output) -> str:
    return dump_large(
        {
            "schema_version": SCHEMA_VERSION,
            "today": queue.today.isoformat(),
            "days": queue.days,
            "kinds": [kind.value for kind in queue.kinds],
            "counts": {kind.value: queue.number(kind) for kind in queue.kinds},
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
    """`as_of` (null for today's law) is on the document and, as `where --json` has it, on each place."""
    return dump_large(
        {
            "schema_version": SCHEMA_VERSION,
            "generated": dataset.today.isoformat(),
            "as_of": dataset.as_of.isoformat() if dataset.as_of else None,
            "therapies": [therapy_record(t) for t in dataset.therapies],
            "places": [where_json(answer) for answer in dataset.places],
            "disclaimer": DISCLAIMER,
        }
    )
