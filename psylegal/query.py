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
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from psylegal.data.catalog import Catalog
from psylegal.law.dates import PartialDate
from psylegal.law.layers import Layer, answer
from psylegal.law.model import (
    FINAL_BILL_STAGES,
    LOCAL_KINDS,
    AccessRoute,
    Bill,
    DueDiligence,
    Event,
    Jurisdiction,
    Kind,
    Route,
    RouteState,
    SafetyItem,
    Source,
    Status,
    Therapy,
    TherapyEntry,
)

if TYPE_CHECKING:  # psylegal.law.history is imported only by answers that need it (see expiring())
    from psylegal.geography import TownContext
    from psylegal.law.history import Expiry, Restated

# Statuses under which a person can actually take the therapy here (by prescription, a narrow
# route, a trial or an unregulated grey area), so the catalog's medical cautions come with them;
# so do open routes under any other status (see TherapyAnswer.safety).
OFFERED = frozenset({Status.AVAILABLE, Status.LIMITED, Status.RESEARCH, Status.UNREGULATED})


class PlacedRoute(NamedTuple):
    """An access route, with the layer that lists it and the jurisdiction whose law creates it."""

    jurisdiction: Jurisdiction  # the layer (data file) that lists the route
    access: AccessRoute
    entry_sources: tuple[Source, ...] = ()  # the sources of the entry that lists it

    @property
    def sources(self) -> tuple[Source, ...]:
        """The route's own sources, or else its entry's."""
        return self.access.sources or self.entry_sources

    @property
    def state(self) -> RouteState:
        return self.access.state

    @property
    def creator(self) -> str:
        """The id of the place whose law creates the route: the data names it, else the listing layer."""
        return self.access.jurisdiction or self.jurisdiction.id


# The order routes are shown in: what a patient can use today first, then what is coming, then
# what no source confirms, then history.
STATE_ORDER = (RouteState.OPEN, RouteState.UPCOMING, RouteState.UNKNOWN, RouteState.CLOSED)


class Match(str, Enum):
    """Why a place matched `--status S`: its effective status is S, or only its own law says S."""

    EFFECTIVE = "effective"
    OWN = "own"


class AccessFilter(NamedTuple):
    """What a patient needs of a route: of a kind, open to people without a diagnosis, open to visitors.

    Only open routes match, and only on what the data states: a route whose eligibility does not say
    whether a diagnosis is needed never matches `no_diagnosis` (unknown is not "no").
    """

    route: Route | None = None
    no_diagnosis: bool = False
    non_resident: bool = False

    @property
    def active(self) -> bool:
        return self.route is not None or self.no_diagnosis or self.non_resident

    def admits(self, route: AccessRoute) -> bool:
        if route.state is not RouteState.OPEN:
            return False
        if self.route is not None and route.route is not self.route:
            return False
        eligibility = route.eligibility
        if self.no_diagnosis and (eligibility is None or eligibility.diagnosis_required is not False):
            return False
        return not (self.non_resident and (eligibility is None or eligibility.residents_only is not False))


class Note(NamedTuple):
    jurisdiction: Jurisdiction
    text: str


class LayerDate(NamedTuple):
    """A layer of law and a date that qualifies its answer (see psylegal.law.history)."""

    jurisdiction: Jurisdiction
    date: PartialDate


class TherapyAnswer(NamedTuple):
    """One therapy in one place: the effective status and every layer of law behind it."""

    therapy: Therapy
    place: Jurisdiction
    status: Status
    deciding: Layer | None  # the layer whose status is the answer
    layers: tuple[Layer, ...]  # every layer that speaks, most specific first
    applying: tuple[Layer, ...]  # the layers that shape today's answer (their routes apply)
    conflicts: tuple[Layer, ...]  # broader layers stricter than the answer
    # Historical answers (--as-of) only: layers with no record yet on that day (each with its
    # earliest record), and layers whose record in effect is dated only to a year or month.
    unrecorded: tuple[LayerDate, ...] = ()
    imprecise: tuple[LayerDate, ...] = ()

    @property
    def since(self) -> str | None:
        """Since when the answer holds: the deciding entry's `since`, else the date of its last change."""
        if self.deciding is None:
            return None
        entry = self.deciding.entry
        return entry.since or (entry.history[-1].date if entry.history else None)

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
        """The routes that apply, in every state, nearest layer first."""
        return tuple(
            PlacedRoute(layer.jurisdiction, route, layer.entry.sources)
            for layer in self.applying
            for route in layer.entry.routes
        )

    def routes_in(self, state: RouteState) -> tuple[PlacedRoute, ...]:
        """The routes that apply in one state: `OPEN` ones are access, `CLOSED` ones history."""
        return tuple(placed for placed in self.routes if placed.access.state is state)

    def match(self, status: Status) -> Match | None:
        """Whether this answer matches a `--status` filter, and how (its effective status wins)."""
        if self.status is status:
            return Match.EFFECTIVE
        return Match.OWN if self.own_status is status else None

    def admits(self, access: AccessFilter) -> bool:
        """Whether an open route that applies here meets what `access` asks for."""
        return any(access.admits(placed.access) for placed in self.routes)

    @property
    def notes(self) -> tuple[Note, ...]:
        return tuple(Note(layer.jurisdiction, layer.entry.note) for layer in self.layers if layer.entry.note)

    @property
    def sources(self) -> tuple[Source, ...]:
        """The sources behind today's answer (the applying layers and their routes), each once."""
        return _unique(source for layer in self.applying for source in _cited_by(layer.entry))

    @property
    def layer_sources(self) -> tuple[Source, ...]:
        """The sources of every layer shown, conflicts and overridden layers included, each once."""
        return _unique(source for layer in self.layers for source in _cited_by(layer.entry))

    @property
    def safety(self) -> tuple[SafetyItem, ...]:
        """The therapy's medical cautions (from the catalog) wherever people take it here: where it is
        offered, or where an open route applies without a lawful supply (a tolerated retreat, personal
        use under decriminalisation). None elsewhere."""
        if self.status in OFFERED or self.routes_in(RouteState.OPEN):
            return self.therapy.safety
        return ()


class DueDiligenceItem(NamedTuple):
    jurisdiction: Jurisdiction
    item: DueDiligence


class LocalMeasure(NamedTuple):
    """A city's or county's own decriminalization measure on the way to an answer.

    What such a measure cannot do is the same in every city (it binds only the place's own
    officials, inside its limits, licenses no one and can be repealed), so the answer says it once
    for each, rather than each file carrying a copy of the same uncited warning.
    """

    place: Jurisdiction
    newest_source: PartialDate | None  # the newest own date among the sources read for the place


def local_measures(chain: Sequence[Jurisdiction], therapies: Sequence[Therapy]) -> tuple[LocalMeasure, ...]:
    """The cities and counties in `chain` whose own decriminalization of one of `therapies` still
    matters, nearest first: not where a broader law already lets people possess it (Colorado's
    Proposition 122 has overtaken Denver's psilocybin ordinance)."""
    measures: list[LocalMeasure] = []
    for depth, place in enumerate(chain):
        if place.kind not in LOCAL_KINDS:
            continue
        broader = chain[depth + 1 :]
        if any(
            (entry := place.therapies.get(therapy.id)) is not None
            and entry.status is Status.DECRIMINALIZED
            and not any(_lets_people_possess(above.therapies.get(therapy.id)) for above in broader)
            for therapy in therapies
        ):
            dated = (PartialDate.parse(source.date) for source in place.sources if source.date)
            measures.append(LocalMeasure(place, max(dated, default=None)))
    return tuple(measures)


def _lets_people_possess(entry: TherapyEntry | None) -> bool:
    return entry is not None and (
        entry.status in {Status.DECRIMINALIZED, Status.UNREGULATED}
        or any(r.route is Route.PERSONAL_USE and r.state is RouteState.OPEN for r in entry.routes)
    )


class TimelineEntry(NamedTuple):
    jurisdiction: Jurisdiction
    date: PartialDate
    event: Event


class PlacedBill(NamedTuple):
    jurisdiction: Jurisdiction
    bill: Bill


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
    as_of: datetime.date | None = None  # a historical answer: the law at the end of that day
    bills: tuple[PlacedBill, ...] = ()  # pending bills (stage not final) of the place and its parents
    expired: tuple[Expiry, ...] = ()  # recheck and expected dates that have passed: may be out of date
    town: TownContext | None = None  # the town asked for, when `place` is the one governing it
    local_measures: tuple[LocalMeasure, ...] = ()  # cities and counties on the way that decriminalize

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
    match: Match | None = None  # with a status filter: whether the effective or only the own status matched


class PlaceList(NamedTuple):
    """Places at a glance: one row per place, one answer per therapy shown."""

    rows: tuple[PlaceRow, ...]
    therapies: tuple[Therapy, ...]
    as_of: datetime.date | None = None  # a historical listing: the law at the end of that day


class TherapyOverview(NamedTuple):
    """Where one therapy stands everywhere: places grouped by effective status, in Status order."""

    therapy: Therapy
    groups: dict[Status, tuple[TherapyAnswer, ...]]  # every status, possibly with no places
    status: Status | None = None  # the status asked for, if any
    matches: dict[str, Match] | None = None  # with a status filter: place id → how it matched
    as_of: datetime.date | None = None  # a historical overview: the law at the end of that day


class DatasetAnswer(NamedTuple):
    """The whole dataset for an export: every place's full answer, in tree order."""

    places: tuple[PlaceAnswer, ...]
    therapies: tuple[Therapy, ...]
    today: datetime.date
    as_of: datetime.date | None = None  # a historical export: the law at the end of that day


def answer_therapy(chain: Sequence[Jurisdiction], therapy: Therapy, then: Then | None = None) -> TherapyAnswer:
    """One therapy's answer along a chain of jurisdictions, nearest first (psylegal.law.layers decides).

    With `then`, the answer as it stood on that day: each layer restated from its dated records.
    """
    if then is not None:
        return then.answer(chain, therapy)
    result = answer(list(chain), therapy.id)
    return TherapyAnswer(
        therapy, chain[0], result.status, result.deciding, result.layers, result.applying, result.conflicts
    )


class Then:
    """The law at the end of one day: places restated from their dated records, each once."""

    def __init__(self, day: datetime.date) -> None:
        self.day = day
        self._restated: dict[str, Restated] = {}

    def place(self, jurisdiction: Jurisdiction) -> Jurisdiction:
        return self._restate(jurisdiction).jurisdiction

    def _restate(self, jurisdiction: Jurisdiction) -> Restated:
        if jurisdiction.id not in self._restated:
            from psylegal.law.history import restate

            self._restated[jurisdiction.id] = restate(jurisdiction, self.day)
        return self._restated[jurisdiction.id]

    def answer(self, chain: Sequence[Jurisdiction], therapy: Therapy) -> TherapyAnswer:
        restated = [self._restate(j) for j in chain]
        result = answer([j for j, _, _ in restated], therapy.id)
        unrecorded = tuple(LayerDate(j, gaps[therapy.id]) for j, gaps, _ in restated if therapy.id in gaps)
        imprecise = tuple(LayerDate(j, dates[therapy.id]) for j, _, dates in restated if therapy.id in dates)
        return TherapyAnswer(
            therapy,
            restated[0][0],
            result.status,
            result.deciding,
            result.layers,
            result.applying,
            result.conflicts,
            unrecorded,
            imprecise,
        )


class TreeAnswers:
    """Effective answers over the whole tree for a listing, each (place, therapy) worked out once.

    Listings visit parents before their children. A place silent on a therapy has exactly its
    parent's layers, so its answer is the parent's with the place changed: only places that speak
    are worked out along their chain.
    """

    def __init__(self, catalog: Catalog, then: Then | None) -> None:
        self.catalog = catalog
        self.then = then
        self._chains: dict[str, list[Jurisdiction]] = {}
        self._answers: dict[tuple[str, str], TherapyAnswer] = {}

    def chain(self, place: Jurisdiction) -> list[Jurisdiction]:
        found = self._chains.get(place.id)
        if found is None:
            found = self._chains[place.id] = self.catalog.chain(place)
        return found

    def answer(self, place: Jurisdiction, therapy: Therapy) -> TherapyAnswer:
        key = (place.id, therapy.id)
        found = self._answers.get(key)
        if found is None:
            found = self._answers[key] = self._work_out(place, therapy)
        return found

    def _work_out(self, place: Jurisdiction, therapy: Therapy) -> TherapyAnswer:
        chain = self.chain(place)
        if self.then is None and therapy.id not in place.therapies and len(chain) > 1:
            parent = chain[1]
            # The parent's own chain is this one without the place (a chain is cut only at a
            # missing parent; its length bound only guards a hand-edited cache, so compare).
            if self.chain(parent) == chain[1:]:
                return self.answer(parent, therapy)._replace(place=place)
        return answer_therapy(chain, therapy, self.then)


def concerns(mentioned: Iterable[str], therapies: Sequence[Therapy]) -> bool:
    """Whether an item about `mentioned` therapies belongs in an answer about `therapies`.

    An item that names no therapy concerns them all (a general warning, a law on every controlled
    substance).
    """
    named = set(mentioned)
    return not named or any(therapy.id in named for therapy in therapies)


def answer_place(
    catalog: Catalog,
    place: Jurisdiction,
    therapies: Sequence[Therapy],
    today: datetime.date,
    as_of: datetime.date | None = None,
) -> PlaceAnswer:
    return _answer_place(catalog, place, therapies, today, Then(as_of) if as_of is not None else None)


def _answer_place(
    catalog: Catalog, place: Jurisdiction, therapies: Sequence[Therapy], today: datetime.date, then: Then | None
) -> PlaceAnswer:
    as_of = then.day if then is not None else None
    chain = catalog.chain(place)
    answers = tuple(answer_therapy(chain, therapy, then) for therapy in therapies)
    if then is not None:
        chain = [then.place(j) for j in chain]
        place = chain[0]
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
    bills = tuple(
        PlacedBill(j, bill)
        for j in chain
        for bill in j.bills
        if bill.stage not in FINAL_BILL_STAGES and concerns(bill.therapies, therapies)
    )
    # Sources in the order a reader meets them: summary, each therapy (its layers, then its safety
    # cautions), bills, due diligence, timeline.
    cited = _unique(
        [
            *(place.summary_sources if as_of is None else ()),  # a historical answer shows no summary
            *(
                source
                for result in answers
                for source in (*result.layer_sources, *(s for item in result.safety for s in item.sources))
            ),
            *(source for placed in bills for source in placed.bill.sources),
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
        as_of=as_of,
        bills=bills,
        expired=expiring(chain, therapies, today) if as_of is None else (),
        local_measures=local_measures(chain, therapies),
    )


def expiring(chain: Sequence[Jurisdiction], therapies: Sequence[Therapy], today: datetime.date) -> tuple[Expiry, ...]:
    """Recheck and expected dates of the chain that have passed, for the therapies asked about."""
    dated = any(
        entry.recheck or any(route.recheck or route.expected for route in entry.routes)
        for j in chain
        for entry in j.therapies.values()
    ) or any(item.recheck for j in chain for item in j.due_diligence)
    if not dated:  # most places: no need to import the history module at all
        return ()
    from psylegal.law.history import expired

    asked = {t.id for t in therapies}
    return tuple(item for j in chain for item in expired(j, today) if item.therapy is None or item.therapy in asked)


def list_places(
    catalog: Catalog,
    therapies: Sequence[Therapy],
    kind: Kind | None = None,
    within: Jurisdiction | None = None,
    status: Status | None = None,
    access: AccessFilter | None = None,
    as_of: datetime.date | None = None,
) -> PlaceList:
    """Every place in tree order, or those of a kind, inside a place, or matching a shown therapy.

    A place matches `status` when a shown therapy's effective status is it, or the place's own law
    says it (Denver's lowest-priority ordinance under `decriminalized`); the row records which. With
    `access`, a shown therapy must also have an open route that meets it. With `as_of`, statuses and
    routes are those at the end of that day, and the filters apply to them.
    """
    access = access or AccessFilter()
    tree = TreeAnswers(catalog, Then(as_of) if as_of is not None else None)
    rows: list[PlaceRow] = []
    for place, depth in catalog.in_tree_order():
        if kind is not None and place.kind is not kind:
            continue
        chain = tree.chain(place)
        if within is not None and within.id not in [j.id for j in chain[1:]]:
            continue
        answers = tuple(tree.answer(place, therapy) for therapy in therapies)
        passes, match = _matching(answers, status, access)
        if passes:
            rows.append(PlaceRow(place, depth, answers, match))
    if kind is not None or within is not None or status is not None or access.active:
        # Filtered rows lose their parents, so indentation would mislead.
        rows = [row._replace(depth=0) for row in rows]
    return PlaceList(tuple(rows), tuple(therapies), as_of)


def overview(
    catalog: Catalog,
    therapy: Therapy,
    status: Status | None = None,
    access: AccessFilter | None = None,
    as_of: datetime.date | None = None,
) -> TherapyOverview:
    """Every place grouped by the therapy's effective status, or those matching `status` and `access`.

    With `as_of`, statuses and routes are those at the end of that day, and the filters apply to them.
    """
    access = access or AccessFilter()
    tree = TreeAnswers(catalog, Then(as_of) if as_of is not None else None)
    groups: dict[Status, list[TherapyAnswer]] = {member: [] for member in Status}
    matches: dict[str, Match] = {}
    for place, _ in catalog.in_tree_order():
        result = tree.answer(place, therapy)
        passes, match = _matching((result,), status, access)
        if not passes:
            continue
        groups[result.status].append(result)
        if match is not None:
            matches[place.id] = match
    return TherapyOverview(
        therapy,
        {member: tuple(places) for member, places in groups.items()},
        status,
        matches if status is not None else None,
        as_of,
    )


def _matching(
    answers: Sequence[TherapyAnswer], status: Status | None, access: AccessFilter
) -> tuple[bool, Match | None]:
    """Whether a place passes the filters and, with a status filter, how it matched.

    One therapy must meet every filter at once; an effective match is preferred to an own-law one.
    """
    kept = [result for result in answers if not access.active or result.admits(access)]
    if status is None:
        return bool(kept), None
    how = {result.match(status) for result in kept}
    for match in Match:
        if match in how:
            return True, match
    return False, None


def entry_sources(entry: TherapyEntry) -> tuple[Source, ...]:
    """An entry's sources, then those its routes cite for themselves, their eligibility and providers; each once."""
    return _unique(_cited_by(entry))


def _cited_by(entry: TherapyEntry) -> Iterable[Source]:
    yield from entry.sources
    for route in entry.routes:
        yield from route.sources
        if route.eligibility is not None:
            yield from route.eligibility.sources
        if route.providers is not None:
            yield from route.providers.sources


def answer_everywhere(
    catalog: Catalog, therapies: Sequence[Therapy], today: datetime.date, as_of: datetime.date | None = None
) -> DatasetAnswer:
    """Every place's answer (as `where` gives it) for `therapies`, parents before their children.

    With `as_of`, every answer as it stood at the end of that day; each place is restated once.
    """
    then = Then(as_of) if as_of is not None else None
    places = tuple(_answer_place(catalog, place, therapies, today, then) for place, _ in catalog.in_tree_order())
    return DatasetAnswer(places, tuple(therapies), today, as_of)


def _unique(sources: Iterable[Source]) -> tuple[Source, ...]:
    """Each source once (the same page cited by two files is one source), in first-seen order."""
    seen: dict[str, Source] = {}
    for source in sources:
        seen.setdefault(source.url, source)
    return tuple(seen.values())
