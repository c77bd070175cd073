"""Answer records for following the law over time: what changed, what is coming, which bills are on
their way, and the maintainers' queue of facts that may have gone out of date.

Like psylegal.query, each builder decides everything its answer holds (filters, order, counts);
renderers only format the records. Events come from the data only: `history` entries (a status
change, with the status before and after), timeline events, route openings and closings, upcoming
routes' expected dates, bills, and recheck dates.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import NamedTuple

from psylegal.data.catalog import Catalog
from psylegal.law.dates import PartialDate
from psylegal.law.history import Expiry, dated_facts, records
from psylegal.law.model import (
    REVIEW_STALE_AFTER_DAYS,
    AccessRoute,
    Bill,
    BillStage,
    EventType,
    Jurisdiction,
    RouteState,
    Source,
    Status,
    Therapy,
)
from psylegal.query import PlacedBill


class ChangeType(str, Enum):
    """What kind of change an item of the feed records."""

    STATUS = "status"  # a dated status change in a place's own law (its `history`)
    EVENT = "event"  # a timeline event: a law passed, a ballot, a ruling, a rollback …
    ROUTE_OPENED = "route-opened"
    ROUTE_CLOSED = "route-closed"
    ROUTE_EXPECTED = "route-expected"  # an upcoming route's expected opening
    BILL = "bill"  # a bill or ballot measure reached its latest stage
    RECHECK = "recheck"  # a date after which a fact may be out of date

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")


# Within one day, the feed lists status changes first, then what explains them.
_TYPE_ORDER = {member: index for index, member in enumerate(ChangeType)}


class Change(NamedTuple):
    """One dated item of the change feed."""

    date: PartialDate
    place: Jurisdiction
    type: ChangeType
    text: str
    sources: tuple[Source, ...]
    therapies: tuple[str, ...] = ()  # empty: it concerns every therapy
    before: Status | None = None  # status changes: the status before (None for the earliest record)
    after: Status | None = None  # status changes: the status from this date
    event: EventType | None = None  # timeline events: their type
    bill: Bill | None = None
    route: AccessRoute | None = None

    @property
    def key(self) -> str:
        """What identifies this change across runs: place, type, therapies and date (see render/atom.py)."""
        kind = self.event.value if self.event is not None else self.type.value
        detail = self.route.route.value if self.route is not None else self.bill.number if self.bill else ""
        return "/".join(part for part in (self.place.id, ",".join(self.therapies) or "all", kind, detail) if part)


class ChangeFeed(NamedTuple):
    """Changes across places, newest first (or, for what is coming, soonest first)."""

    changes: tuple[Change, ...]
    upcoming: bool
    today: datetime.date
    since: datetime.date | None = None
    until: datetime.date | None = None
    place: Jurisdiction | None = None
    therapy: Therapy | None = None
    type: str | None = None

    @property
    def months(self) -> tuple[tuple[str, tuple[Change, ...]], ...]:
        """The changes grouped by month ("2024-09"; a year-only date groups under its year), in order."""
        groups: dict[str, list[Change]] = {}
        for change in self.changes:
            date = change.date
            groups.setdefault(f"{date.year:04d}-{date.month:02d}" if date.month else f"{date.year:04d}", []).append(
                change
            )
        return tuple((month, tuple(items)) for month, items in groups.items())


def place_changes(place: Jurisdiction) -> Iterator[Change]:
    """Every dated change one place's data records (past and future), in no particular order."""
    for therapy, entry in (*place.therapies.items(), *place.lapsed.items()):
        if entry.history:
            for record in records(entry, place.reviewed):
                yield Change(
                    record.date,
                    place,
                    ChangeType.STATUS,
                    record.text or "",
                    record.sources,
                    (therapy,),
                    before=record.before,
                    after=record.status,
                )
        for route in entry.routes:
            sources = route.sources or entry.sources
            for date, kind, what in _route_events(route):
                yield Change(
                    PartialDate.parse(date),
                    place,
                    kind,
                    f"{route.route.label} route {what}: {route.who}",
                    sources,
                    (therapy,),
                    route=route,
                )
    for event in place.timeline:
        yield Change(
            PartialDate.parse(event.date),
            place,
            ChangeType.EVENT,
            event.text,
            event.sources,
            event.therapies,
            event=event.type,
        )
    for bill in place.bills:
        yield Change(
            PartialDate.parse(bill.date),
            place,
            ChangeType.BILL,
            f"{bill.number} ({bill.title}) {bill.stage.label}: {bill.text}",
            bill.sources,
            bill.therapies,
            bill=bill,
        )


def _route_events(route: AccessRoute) -> Iterator[tuple[str, ChangeType, str]]:
    """A route's dated changes: the day it opened, the day it closed, the day it is expected to open."""
    if route.since is not None:
        yield route.since, ChangeType.ROUTE_OPENED, "opened"
    if route.state is RouteState.CLOSED and route.until is not None:
        yield route.until, ChangeType.ROUTE_CLOSED, "closed"
    if route.state is RouteState.UPCOMING and route.expected is not None:
        yield route.expected, ChangeType.ROUTE_EXPECTED, "expected to open"


def _rechecks(place: Jurisdiction) -> Iterator[Change]:
    for item in dated_facts(place):
        if item.expected:
            continue  # already a route-expected change
        yield Change(
            item.date,
            place,
            ChangeType.RECHECK,
            f"Recheck {item.what}: after this date it may be out of date.",
            _expiry_sources(item),
            (item.therapy,) if item.therapy else (),
        )


def _expiry_sources(item: Expiry) -> tuple[Source, ...]:
    entry = item.jurisdiction.therapies.get(item.therapy or "")
    return entry.sources if entry is not None else item.jurisdiction.summary_sources


_FORESEEN = frozenset({ChangeType.ROUTE_EXPECTED, ChangeType.RECHECK})


def _in_window(change: Change, today: datetime.date, upcoming: bool) -> bool:
    """Past feed: what has happened by `today`. Upcoming: expected openings and recheck dates not yet
    wholly past ("2026-12" is still to come on 2026-12-02), and anything dated after today."""
    if upcoming:
        return change.date.first_day > today or (change.type in _FORESEEN and change.date.last_day >= today)
    return change.type not in _FORESEEN and change.date.first_day <= today


def within(catalog: Catalog, place: Jurisdiction | None) -> list[Jurisdiction]:
    """Every place, or `place` and every place inside it."""
    everyone = catalog.all()
    if place is None:
        return everyone
    return [j for j in everyone if place.id in {link.id for link in catalog.chain(j)}]


def parse_change_type(value: str | None) -> ChangeType | EventType | None:
    """A `--type`: a kind of change (status, event, route-opened, …, bill, recheck) or an event type."""
    if value is None:
        return None
    word = value.strip().lower()
    for enum in (ChangeType, EventType):
        for member in enum:
            if member.value == word:
                return member
    from psylegal.errors import UsageError

    allowed = ", ".join([*(m.value for m in ChangeType), *(m.value for m in EventType)])
    raise UsageError(f"--type must be one of {allowed}; got '{value}'")


def change_feed(
    catalog: Catalog,
    today: datetime.date,
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    place: Jurisdiction | None = None,
    therapy: Therapy | None = None,
    kind: ChangeType | EventType | None = None,
    upcoming: bool = False,
) -> ChangeFeed:
    """Changes across places (a place includes its children), newest first.

    With `upcoming`, what is coming instead: expected openings and recheck dates on or after
    `today`, soonest first; never a past date. A partial date is in a range when any of its days is.
    """
    found: list[Change] = []
    for member in within(catalog, place):
        items: Iterable[Change] = place_changes(member)
        if upcoming:
            items = [*items, *_rechecks(member)]
        for change in items:
            if not _in_window(change, today, upcoming):
                continue
            if since is not None and change.date.last_day < since:
                continue
            if until is not None and change.date.first_day > until:
                continue
            if therapy is not None and change.therapies and therapy.id not in change.therapies:
                continue
            if kind is not None and kind not in (change.type, change.event):
                continue
            found.append(change)
    # Two stable sorts: by date, and within a date status changes first, then by place.
    found.sort(key=lambda c: (_TYPE_ORDER[c.type], c.place.id))
    found.sort(key=lambda c: c.date, reverse=not upcoming)
    return ChangeFeed(
        tuple(found),
        upcoming,
        today,
        since,
        until,
        place,
        therapy,
        (kind.value if kind is not None else None),
    )


class BillList(NamedTuple):
    """Bills and ballot measures, newest stage first."""

    bills: tuple[PlacedBill, ...]
    stage: BillStage | None = None


def bill_list(
    catalog: Catalog,
    *,
    place: Jurisdiction | None = None,
    therapy: Therapy | None = None,
    stage: BillStage | None = None,
) -> BillList:
    """Every bill (of `place` and the places inside it), or those about `therapy`, or at `stage`."""
    found = [
        PlacedBill(member, bill)
        for member in within(catalog, place)
        for bill in member.bills
        if (stage is None or bill.stage is stage)
        and (therapy is None or not bill.therapies or therapy.id in bill.therapies)
    ]
    found.sort(key=lambda b: (b.jurisdiction.id, b.bill.number))
    found.sort(key=lambda b: PartialDate.parse(b.bill.date), reverse=True)
    return BillList(tuple(found), stage)


class StaleKind(str, Enum):
    """What in the data may have gone out of date."""

    RECHECK = "recheck"  # a recheck date has passed
    EXPECTED = "expected"  # an upcoming route's expected opening has passed, and nobody has updated it
    REVIEW = "review"  # a file last reviewed too long ago
    UNKNOWN = "unknown"  # a place's own law on a therapy is unknown: its note says what is missing
    UNDATED_SOURCE = "undated-source"  # a source with no date of its own: when was the page written?

    @property
    def label(self) -> str:
        return STALE_LABELS[self]


STALE_LABELS: dict[StaleKind, str] = {
    StaleKind.RECHECK: "Recheck dates passed",
    StaleKind.EXPECTED: "Expected openings passed",
    StaleKind.REVIEW: "Stale reviews",
    StaleKind.UNKNOWN: "Unknown answers",
    StaleKind.UNDATED_SOURCE: "Undated sources",
}


class StaleItem(NamedTuple):
    kind: StaleKind
    # the date that passed, the review date (also of an unknown answer), or the day an undated source was read
    date: PartialDate
    place: Jurisdiction
    text: str
    therapy: str | None = None
    source: Source | None = None


class StaleQueue(NamedTuple):
    """The maintainers' queue: what to recheck, oldest first within each kind, in StaleKind order."""

    items: tuple[StaleItem, ...]
    days: int  # a review older than this many days is stale
    today: datetime.date
    kinds: tuple[StaleKind, ...] = tuple(StaleKind)  # the kinds asked for (every kind by default)

    def number(self, kind: StaleKind) -> int:
        return sum(item.kind is kind for item in self.items)

    def of(self, kind: StaleKind) -> tuple[StaleItem, ...]:
        return tuple(item for item in self.items if item.kind is kind)


def stale_queue(
    catalog: Catalog,
    today: datetime.date,
    days: int = REVIEW_STALE_AFTER_DAYS,
    kinds: Iterable[StaleKind] = tuple(StaleKind),
) -> StaleQueue:
    items: list[StaleItem] = []
    for place in catalog.all():
        for fact in dated_facts(place):
            if fact.date.last_day >= today:
                continue
            kind = StaleKind.EXPECTED if fact.expected else StaleKind.RECHECK
            verb = "was expected to open by" if fact.expected else "was to be rechecked by"
            items.append(
                StaleItem(kind, fact.date, place, f"{fact.what.capitalize()} {verb} {fact.date}", fact.therapy)
            )
        reviewed = PartialDate.parse(place.reviewed)
        if (today - reviewed.first_day).days > days:
            items.append(StaleItem(StaleKind.REVIEW, reviewed, place, f"Last reviewed {place.reviewed}"))
        for therapy, entry in place.therapies.items():
            if entry.status is Status.UNKNOWN:  # validate requires a note saying what is missing
                text = " ".join(
                    filter(None, (entry.note or "No note.", entry.searched and f"Searched: {entry.searched}"))
                )
                items.append(StaleItem(StaleKind.UNKNOWN, reviewed, place, text, therapy))
        for source in place.sources:
            if source.date is None:
                items.append(
                    StaleItem(
                        StaleKind.UNDATED_SOURCE,
                        PartialDate.parse(source.accessed),
                        place,
                        f"'{source.id}' has no date of its own (read {source.accessed})",
                        source=source,
                    )
                )
    asked = set(kinds)
    wanted = tuple(kind for kind in StaleKind if kind in asked)  # in StaleKind order, each once
    order = {kind: index for index, kind in enumerate(StaleKind)}
    items = [item for item in items if item.kind in wanted]
    items.sort(key=lambda item: (order[item.kind], item.date, item.place.id, item.therapy or "", item.text))
    return StaleQueue(tuple(items), days, today, wanted)
