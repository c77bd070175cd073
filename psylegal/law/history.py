"""Law over time: a place's own law on a therapy, and its routes, as they stood at the end of a day.

The status on any day is derived from dated records, never stored twice (the way the tz database
derives a clock from dated transitions). One place × therapy's record is:

- its `history` (dated status changes, oldest first; the last one is the current status), else
- its current status, dated from `since`, else
- its current status, known only from the day the file was `reviewed`.

An entry with `until` has lapsed: from that day the place's own law adds nothing to the layers above
(Oregon's decriminalisation of possession, rolled back on 2024-09-01), so the layer is silent, as if
the entry were not there, and before it the entry is restated like any other.

Before the earliest record there is no answer: `standing()` says "no record before X" rather than
guessing, and the layers of law combine as they do today, with that layer silent.

Partial dates count from their first day, the order `PartialDate` sorts in: a change dated "2023"
holds from 2023-01-01 and one dated "2023-06" from 2023-06-01. When the day asked about falls inside
such a span, the change is counted and the answer is marked imprecise: the record does not say on
which day of 2023 it happened.

Each route's state at the end of day D comes from its own dates:

- a route that opened (`since`) after D did not exist yet, and is left out;
- a closed route was open before its `until` and closed from it; with no `until`, its state before
  the review date is unknown (it closed on a day nobody recorded);
- an open route with no `since` was open when the file was reviewed; before that its state is unknown;
- an upcoming route was still to come (nothing has recorded it opening).

Facts that expire: a `recheck` date, or an upcoming route's `expected` date, that has passed means
the part it dates may be out of date (`expired()`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import NamedTuple

from psylegal.law.dates import PartialDate
from psylegal.law.model import (
    AccessRoute,
    Jurisdiction,
    RouteState,
    Source,
    Status,
    TherapyEntry,
)


class Record(NamedTuple):
    """A dated status of one place's own law on one therapy."""

    date: PartialDate
    status: Status
    text: str | None  # what changed; None when the record is the undated current entry
    sources: tuple[Source, ...]
    before: Status | None  # the status before this change; None for the earliest record


class Standing(NamedTuple):
    """One place's own law on one therapy at the end of a day."""

    entry: TherapyEntry | None  # the entry as it stood; None before the earliest record
    record: Record | None  # the record in effect
    earliest: PartialDate  # the earliest record there is
    imprecise: bool  # the day falls inside the (year or month) date of the record in effect


class Expiry(NamedTuple):
    """A dated fact whose date has passed, so the part it dates may be out of date."""

    jurisdiction: Jurisdiction
    therapy: str | None  # None for a place-wide item (due diligence)
    what: str  # what the date dates, in words: "the entry", "the licensed program route", …
    date: PartialDate
    expected: bool  # an upcoming route's expected opening, rather than a recheck date


def records(entry: TherapyEntry, reviewed: str) -> tuple[Record, ...]:
    """Every dated status of an entry, oldest first."""
    if entry.history:
        result: list[Record] = []
        for change in entry.history:
            before = result[-1].status if result else None
            result.append(Record(PartialDate.parse(change.date), change.status, change.text, change.sources, before))
        return tuple(result)
    dated = entry.since if entry.since is not None else reviewed
    return (Record(PartialDate.parse(dated), entry.status, None, entry.sources, None),)


def standing(entry: TherapyEntry, reviewed: str, day: datetime.date) -> Standing:
    """What a place's own law said about one therapy at the end of `day`."""
    known = records(entry, reviewed)
    in_effect = [record for record in known if record.date.first_day <= day]
    if not in_effect:
        return Standing(None, None, known[0].date, False)
    record = in_effect[-1]
    imprecise = record.date.precision != "day" and record.date.contains(day)
    if record is known[-1]:  # the current entry: only its routes change with the day
        restated = entry._replace(
            since=entry.since or (str(record.date) if entry.history else None),
            routes=_routes_on(entry.routes, day, reviewed),
            recheck=None,
        )
    else:
        restated = TherapyEntry(
            therapy=entry.therapy,
            status=record.status,
            since=str(record.date),
            routes=_routes_on(entry.routes, day, reviewed),
            note=record.text,
            sources=record.sources,
            history=tuple(change for change in entry.history if PartialDate.parse(change.date).first_day <= day),
        )
    return Standing(restated, record, known[0].date, imprecise)


def route_on(route: AccessRoute, day: datetime.date, reviewed: str) -> AccessRoute | None:
    """A route as it stood at the end of `day`, or None when it did not exist yet."""
    if route.since is not None and PartialDate.parse(route.since).first_day > day:
        return None
    checked = PartialDate.parse(reviewed).first_day <= day
    if route.state is RouteState.CLOSED:
        if route.until is not None:
            if PartialDate.parse(route.until).first_day <= day:
                return route
            return route._replace(state=RouteState.OPEN, until=None, recheck=None)
        return route if checked else route._replace(state=RouteState.UNKNOWN, recheck=None)
    if route.state is RouteState.OPEN and route.since is None and not checked:
        return route._replace(state=RouteState.UNKNOWN, recheck=None)
    return route._replace(recheck=None)


def _routes_on(routes: tuple[AccessRoute, ...], day: datetime.date, reviewed: str) -> tuple[AccessRoute, ...]:
    stood = (route_on(route, day, reviewed) for route in routes)
    return tuple(route for route in stood if route is not None)


class Restated(NamedTuple):
    """A place as it stood at the end of a day, with what it has no record of yet."""

    jurisdiction: Jurisdiction
    unrecorded: dict[str, PartialDate]  # therapy id → the earliest record, for entries not yet recorded
    imprecise: dict[str, PartialDate]  # therapy id → the imprecise date of the record in effect


def restate(jurisdiction: Jurisdiction, day: datetime.date) -> Restated:
    """The place as it stood at the end of `day`: statuses, routes, timeline and bills of then.

    Entries with no record yet are left out, so the layer is silent (and the answer says so).
    Due diligence describes what to check today and is left out of a historical answer.
    """
    therapies: dict[str, TherapyEntry] = {}
    unrecorded: dict[str, PartialDate] = {}
    imprecise: dict[str, PartialDate] = {}
    for therapy, entry in (*jurisdiction.therapies.items(), *jurisdiction.lapsed.items()):
        if entry.until is not None and PartialDate.parse(entry.until).first_day <= day:
            continue  # its own law had lapsed by then: silent, with nothing missing from the record
        stood = standing(entry, jurisdiction.reviewed, day)
        if stood.entry is None:
            unrecorded[therapy] = stood.earliest
            continue
        therapies[therapy] = stood.entry._replace(until=None)  # in force that day
        if stood.imprecise and stood.record is not None:
            imprecise[therapy] = stood.record.date
    then = jurisdiction._replace(
        therapies=therapies,
        lapsed={},
        due_diligence=(),
        timeline=tuple(event for event in jurisdiction.timeline if PartialDate.parse(event.date).first_day <= day),
        bills=tuple(bill for bill in jurisdiction.bills if PartialDate.parse(bill.date).first_day <= day),
    )
    return Restated(then, unrecorded, imprecise)


def expired(jurisdiction: Jurisdiction, today: datetime.date) -> tuple[Expiry, ...]:
    """Every recheck date, and every upcoming route's expected opening, that has passed by `today`."""
    return tuple(item for item in dated_facts(jurisdiction) if item.date.last_day < today)


def dated_facts(jurisdiction: Jurisdiction) -> Iterator[Expiry]:
    """Every date after which a fact may go out of date: recheck dates and expected openings."""
    for therapy, entry in jurisdiction.therapies.items():
        if entry.recheck is not None:
            yield Expiry(jurisdiction, therapy, "the entry", PartialDate.parse(entry.recheck), False)
        for route in entry.routes:
            label = f"the {route.route.label.lower()} route"
            if route.state is RouteState.UPCOMING and route.expected is not None:
                yield Expiry(jurisdiction, therapy, label, PartialDate.parse(route.expected), True)
            if route.recheck is not None:
                yield Expiry(jurisdiction, therapy, label, PartialDate.parse(route.recheck), False)
    for item in jurisdiction.due_diligence:
        if item.recheck is not None:
            text = item.text if len(item.text) <= 60 else item.text[:59].rstrip() + "…"
            yield Expiry(jurisdiction, None, f"the check '{text}'", PartialDate.parse(item.recheck), False)
