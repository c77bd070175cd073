"""The query layer: complete answer records, built in one place, for every view to format.

A record holds everything a question's answer contains (the effective statuses and the layers
behind them, conflicts, routes, notes, due diligence, the timeline and every source cited), with
the therapy filter already applied to all of it. Renderers only format records; they never gather,
filter or sort, so text, JSON and any later format show the same answer.

Records are typed NamedTuples of the model's own records (psylegal.law.model), so fields the model
gains reach every format without a copy here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from psylegal.data.catalog import Catalog
from psylegal.law.dates import PartialDate
from psylegal.law.layers import Layer, answer
from psylegal.law.model import (
    AccessRoute,
    DueDiligence,
    Event,
    Jurisdiction,
    Kind,
    Source,
    Status,
    Therapy,
)

if TYPE_CHECKING:
    from psylegal.geography import TownContext


class PlacedRoute(NamedTuple):
    """An access route, with the jurisdiction whose law creates it."""

    jurisdiction: Jurisdiction
    access: AccessRoute


class Note(NamedTuple):
    jurisdiction: Jurisdiction
    text: str


class TherapyAnswer(NamedTuple):
    """One therapy in one place: the effective status and every layer of law behind it."""

    therapy: Therapy
    place: Jurisdiction
    status: Status
    deciding: Layer | None  # the layer whose status is the answer
    layers: tuple[Layer, ...]  # every layer that speaks, most specific first
    applying: tuple[Layer, ...]  # the layers that shape today's answer (their routes apply)
    conflicts: tuple[Layer, ...]  # broader layers stricter than the answer

    @property
    def since(self) -> str | None:
        return self.deciding.entry.since if self.deciding else None

    @property
    def decided_by(self) -> Jurisdiction | None:
        return self.deciding.jurisdiction if self.deciding else None

    @property
    def own_status(self) -> Status | None:
        """What the place's own law says, when it says anything about this therapy."""
        entry = self.place.therapies.get(self.therapy.id)
        return entry.status if entry is not None else None

    @property
    def routes(self) -> tuple[PlacedRoute, ...]:
        """The routes that apply, nearest layer first."""
        return tuple(PlacedRoute(layer.jurisdiction, route) for layer in self.applying for route in layer.entry.routes)

    @property
    def notes(self) -> tuple[Note, ...]:
        return tuple(Note(layer.jurisdiction, layer.entry.note) for layer in self.layers if layer.entry.note)

    @property
    def sources(self) -> tuple[Source, ...]:
        """The sources behind today's answer (the applying layers), each once."""
        return _unique(source for layer in self.applying for source in layer.entry.sources)

    @property
    def layer_sources(self) -> tuple[Source, ...]:
        """The sources of every layer shown, conflicts and overridden layers included, each once."""
        return _unique(source for layer in self.layers for source in layer.entry.sources)


class DueDiligenceItem(NamedTuple):
    jurisdiction: Jurisdiction
    item: DueDiligence


class TimelineEntry(NamedTuple):
    jurisdiction: Jurisdiction
    date: PartialDate
    event: Event


class PlaceAnswer(NamedTuple):
    """Everything `where` answers about one place, for the therapies asked about."""

    place: Jurisdiction
    parents: tuple[Jurisdiction, ...]  # nearest first
    therapies: tuple[TherapyAnswer, ...]  # in catalog order
    due_diligence: tuple[DueDiligenceItem, ...]  # the place's own first, then its parents'
    timeline: tuple[TimelineEntry, ...]  # oldest first
    sources: tuple[Source, ...]  # every source the answer cites, in the order first cited
    review_stale: bool  # the place's facts were last checked over a year before `today`
    today: datetime.date
    town: TownContext | None = None  # the town asked for, when `place` is the one governing it

    @property
    def chain(self) -> tuple[Jurisdiction, ...]:
        return (self.place, *self.parents)

    def therapy(self, ident: str) -> TherapyAnswer:
        """The answer for one therapy id (KeyError if it was not asked about)."""
        for result in self.therapies:
            if result.therapy.id == ident:
                return result
        raise KeyError(ident)


class PlaceRow(NamedTuple):
    place: Jurisdiction
    depth: int  # 0 for a root; filtered listings are flat
    therapies: tuple[TherapyAnswer, ...]


class PlaceList(NamedTuple):
    """Places at a glance: one row per place, one answer per therapy shown."""

    rows: tuple[PlaceRow, ...]
    therapies: tuple[Therapy, ...]


class TherapyOverview(NamedTuple):
    """Where one therapy stands everywhere: places grouped by effective status, in Status order."""

    therapy: Therapy
    groups: dict[Status, tuple[TherapyAnswer, ...]]  # every status, possibly with no places


def answer_therapy(chain: Sequence[Jurisdiction], therapy: Therapy) -> TherapyAnswer:
    """One therapy's answer along a chain of jurisdictions, nearest first (psylegal.law.layers decides)."""
    result = answer(list(chain), therapy.id)
    return TherapyAnswer(
        therapy, chain[0], result.status, result.deciding, result.layers, result.applying, result.conflicts
    )


def concerns(mentioned: Iterable[str], therapies: Sequence[Therapy]) -> bool:
    """Whether an item about `mentioned` therapies belongs in an answer about `therapies`.

    An item that names no therapy concerns them all (a general warning, a law on every controlled
    substance).
    """
    named = set(mentioned)
    return not named or any(therapy.id in named for therapy in therapies)


def answer_place(
    catalog: Catalog, place: Jurisdiction, therapies: Sequence[Therapy], today: datetime.date
) -> PlaceAnswer:
    chain = catalog.chain(place)
    answers = tuple(answer_therapy(chain, therapy) for therapy in therapies)
    due_diligence = tuple(
        DueDiligenceItem(j, item) for j in chain for item in j.due_diligence if concerns(item.therapies, therapies)
    )
    # A stable sort: events on the same date keep the place's own before its parents'.
    timeline = tuple(
        sorted(
            (
                TimelineEntry(j, PartialDate.parse(event.date), event)
                for j in chain
                for event in j.timeline
                if concerns(event.therapies, therapies)
            ),
            key=lambda entry: entry.date,
        )
    )
    # Sources in the order a reader meets them: summary, each therapy, due diligence, timeline.
    cited = _unique(
        [
            *place.summary_sources,
            *(source for result in answers for source in result.layer_sources),
            *(source for entry in due_diligence for source in entry.item.sources),
            *(source for entry in timeline for source in entry.event.sources),
        ]
    )
    return PlaceAnswer(
        place=place,
        parents=tuple(chain[1:]),
        therapies=answers,
        due_diligence=due_diligence,
        timeline=timeline,
        sources=cited,
        review_stale=place.review_is_stale(today),
        today=today,
    )


def list_places(
    catalog: Catalog,
    therapies: Sequence[Therapy],
    kind: Kind | None = None,
    within: Jurisdiction | None = None,
    status: Status | None = None,
) -> PlaceList:
    """Every place in tree order, or those of a kind, inside a place, or with a shown therapy at a status."""
    rows: list[PlaceRow] = []
    for place, depth in catalog.in_tree_order():
        if kind is not None and place.kind is not kind:
            continue
        chain = catalog.chain(place)
        if within is not None and within.id not in [j.id for j in chain[1:]]:
            continue
        answers = tuple(answer_therapy(chain, therapy) for therapy in therapies)
        if status is not None and all(result.status is not status for result in answers):
            continue
        rows.append(PlaceRow(place, depth, answers))
    if kind is not None or within is not None or status is not None:
        # Filtered rows lose their parents, so indentation would mislead.
        rows = [row._replace(depth=0) for row in rows]
    return PlaceList(tuple(rows), tuple(therapies))


def overview(catalog: Catalog, therapy: Therapy, status: Status | None = None) -> TherapyOverview:
    groups: dict[Status, list[TherapyAnswer]] = {member: [] for member in Status}
    for place, _ in catalog.in_tree_order():
        result = answer_therapy(catalog.chain(place), therapy)
        if status is None or result.status is status:
            groups[result.status].append(result)
    return TherapyOverview(therapy, {member: tuple(places) for member, places in groups.items()})


def _unique(sources: Iterable[Source]) -> tuple[Source, ...]:
    """Each source once (the same page cited by two files is one source), in first-seen order."""
    seen: dict[str, Source] = {}
    for source in sources:
        seen.setdefault(source.url, source)
    return tuple(seen.values())
