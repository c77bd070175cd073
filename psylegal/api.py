"""The public Python API, the same one the command line uses.

    >>> import psylegal
    >>> oregon = psylegal.where("oregon", therapy="psilocybin")
    >>> oregon.therapies[0].status.value
    'available'

Each function loads the data (through the cache), answers, and returns a typed answer record from
psylegal.query. To ask many questions, load once with `psylegal.load()` and ask the `Dataset`.
Errors are `psylegal.PsylegalError` subclasses: `NotFound`, `Ambiguous`, `UsageError`, `DataError`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from psylegal.data.catalog import Catalog, locate_data_dir
from psylegal.data.problems import Problem
from psylegal.errors import UsageError
from psylegal.law.dates import DateError, PartialDate
from psylegal.law.model import BillStage, Kind, Route, Status, Therapy
from psylegal.query import (
    AccessFilter,
    DatasetAnswer,
    PlaceAnswer,
    PlaceList,
    TherapyOverview,
    answer_everywhere,
    answer_place,
    list_places,
    overview,
)

if TYPE_CHECKING:
    from psylegal.comparison import Comparison
    from psylegal.finder import FindAnswer
    from psylegal.tracking import BillList, ChangeFeed, StaleKind, StaleQueue

__all__ = [
    "Dataset",
    "as_of_day",
    "bills",
    "changes",
    "load",
    "parse_choice",
    "parse_day",
    "places",
    "stale",
    "therapies",
    "therapy",
    "where",
]

Day = datetime.date | str

Choice = TypeVar("Choice", bound=Enum)


class Dataset:
    """One data directory, loaded once, as it stands on `today`; answers any number of questions."""

    def __init__(self, catalog: Catalog, today: datetime.date) -> None:
        self._catalog = catalog
        self.today = today

    @property
    def data_dir(self) -> Path:
        return self._catalog.data_dir

    @property
    def broken(self) -> tuple[Problem, ...]:
        """The first problem of each data file left out of the answers."""
        return tuple(self._catalog.broken)

    @property
    def skipped(self) -> tuple[str, ...]:
        """Data files left out of every answer because they have problems (`psylegal validate` says which)."""
        return tuple(self._catalog.skipped)

    def where(self, place: str, therapy: str | None = None, *, as_of: Day | None = None) -> PlaceAnswer:
        """Every therapy's status in a place (name, alias, ISO code, id, or a town it governs), or `therapy`'s.

        With `as_of` (a date, or "YYYY[-MM[-DD]]"), the answer as it stood at the end of that day.
        """
        from psylegal.geography import resolve_place  # asks the gazetteer only when the data has no match

        day = self.as_of(as_of)
        located = resolve_place(self._catalog, place)
        answer = answer_place(self._catalog, located.place, self._therapies(therapy), self.today, day)
        return answer._replace(town=located.town)

    def places(
        self,
        *,
        kind: Kind | str | None = None,
        parent: str | None = None,
        therapy: str | None = None,
        status: Status | str | None = None,
        route: Route | str | None = None,
        no_diagnosis: bool = False,
        non_resident: bool = False,
        as_of: Day | None = None,
    ) -> PlaceList:
        """Every place, or those of a `kind`, inside `parent`, or where a shown therapy matches.

        A therapy matches `status` when its effective status is it or the place's own law says it
        (each row's `match` says which). `route`, `no_diagnosis` and `non_resident` keep places
        with an open route of that kind, stated to need no diagnosis, stated to admit visitors.
        With `as_of`, the places as they stood at the end of that day, filtered on that day's law.
        """
        wanted_kind = parse_choice(kind, Kind, "kind")
        wanted_status = parse_choice(status, Status, "status")
        access = access_filter(route, no_diagnosis, non_resident)
        day = self.as_of(as_of)
        therapies = self._therapies(therapy)
        within = self._catalog.resolve(parent) if parent is not None else None
        return list_places(self._catalog, therapies, wanted_kind, within, wanted_status, access, day)

    def therapy(
        self,
        name: str,
        *,
        status: Status | str | None = None,
        route: Route | str | None = None,
        no_diagnosis: bool = False,
        non_resident: bool = False,
        as_of: Day | None = None,
    ) -> TherapyOverview:
        """Where one therapy (by id, name or alias) stands everywhere, grouped by status; filters as in `places`."""
        wanted = parse_choice(status, Status, "status")
        access = access_filter(route, no_diagnosis, non_resident)
        day = self.as_of(as_of)
        [subject] = self._therapies(name)
        return overview(self._catalog, subject, wanted, access, day)

    def changes(
        self,
        *,
        since: Day | None = None,
        until: Day | None = None,
        place: str | None = None,
        therapy: str | None = None,
        type: str | None = None,
        upcoming: bool = False,
    ) -> ChangeFeed:
        """Dated changes across places (`place` includes the places inside it), newest first.

        `upcoming=True` lists what is coming instead (expected openings, recheck dates), soonest first.
        """
        from psylegal.tracking import change_feed, parse_change_type

        kind = parse_change_type(type)
        start = parse_day(since, "since", end=False)
        end = parse_day(until, "until")
        if start is not None and end is not None and start > end:
            raise UsageError(f"since ({start}) is after until ({end})")
        within = self._catalog.resolve(place) if place is not None else None
        subject = self._therapies(therapy)[0] if therapy is not None else None
        return change_feed(
            self._catalog,
            self.today,
            since=start,
            until=end,
            place=within,
            therapy=subject,
            kind=kind,
            upcoming=upcoming,
        )

    def bills(
        self, *, place: str | None = None, therapy: str | None = None, stage: BillStage | str | None = None
    ) -> BillList:
        """Bills and ballot measures (`place` includes the places inside it), newest first."""
        from psylegal.tracking import bill_list

        wanted = parse_choice(stage, BillStage, "stage")
        within = self._catalog.resolve(place) if place is not None else None
        subject = self._therapies(therapy)[0] if therapy is not None else None
        return bill_list(self._catalog, place=within, therapy=subject, stage=wanted)

    def stale(self, *, days: int | None = None, kinds: Iterable[StaleKind | str] | None = None) -> StaleQueue:
        """The maintainers' queue: passed recheck and expected dates, old reviews, unknown answers (with
        what each is missing) and undated sources; `kinds` keeps only those kinds (default: every kind)."""
        from psylegal.law.model import REVIEW_STALE_AFTER_DAYS
        from psylegal.tracking import StaleKind, stale_queue

        if days is not None and days < 0:
            raise UsageError(f"days must not be negative; got {days}")
        wanted = [parse_choice(kind, StaleKind, "kind") for kind in kinds or ()]
        return stale_queue(
            self._catalog,
            self.today,
            REVIEW_STALE_AFTER_DAYS if days is None else days,
            [kind for kind in wanted if kind is not None] or tuple(StaleKind),
        )

    def as_of(self, value: Day | None, name: str = "as_of") -> datetime.date | None:
        """A day to answer as of (the end of a year or month given alone), never after `today`."""
        return as_of_day(value, self.today, name)

    def find(
        self,
        therapy: str,
        *,
        origin: str | None = None,
        routes: Iterable[Route | str] = (),
        no_diagnosis: bool = False,
        non_resident: bool = False,
        age: int | None = None,
        statuses: Iterable[Status | str] = (),
        as_of: Day | None = None,
    ) -> FindAnswer:
        """Places where `therapy` can be had now by such a person, nearest to `origin` first.

        Filters that need a known value (`no_diagnosis`, `non_resident`, `age`) never match a route
        whose eligibility the data does not state. `statuses` defaults to available and limited.
        With `as_of`, as the law stood at the end of that day.
        """
        from psylegal.finder import FINDABLE, Needs, find
        from psylegal.geography import resolve_place

        day = self.as_of(as_of)
        [subject] = self._therapies(therapy)
        wanted = {parse_choice(status, Status, "status") for status in statuses}
        if not wanted <= set(FINDABLE):
            allowed = ", ".join(status.value for status in FINDABLE)
            raise UsageError(f"find lists places where a therapy can be had: status must be {allowed}")
        if age is not None and not 0 <= age <= 150:
            raise UsageError(f"age must be between 0 and 150; got {age}")
        kinds = {parse_choice(route, Route, "route") for route in routes}
        needs = Needs(
            routes=frozenset(kind for kind in kinds if kind is not None),
            no_diagnosis=no_diagnosis,
            non_resident=non_resident,
            age=age,
        )
        if wanted:
            needs = needs._replace(statuses=frozenset(status for status in wanted if status is not None))
        if origin is not None and not origin.strip():
            raise UsageError("give a place to measure from: a name, an alias, an id or a town")
        located = resolve_place(self._catalog, origin) if origin is not None else None
        return find(self._catalog, subject, needs, located, day)

    def compare(self, places: Sequence[str], *, therapy: str | None = None, as_of: Day | None = None) -> Comparison:
        """Several places side by side (each resolved like `where`), for every therapy or just `therapy`."""
        from psylegal.comparison import compare

        if len(places) < 2:
            raise UsageError("give at least two places to compare")
        return compare(tuple(self.where(place, therapy, as_of=as_of) for place in places))

    def export(self, therapy: str | None = None, *, as_of: Day | None = None) -> DatasetAnswer:
        """Every place's whole answer, parents before their children: what `psylegal export` writes.

        With `as_of`, every answer as the law stood at the end of that day.
        """
        day = self.as_of(as_of)
        return answer_everywhere(self._catalog, self._therapies(therapy), self.today, day)

    def therapies(self) -> tuple[Therapy, ...]:
        """The therapies covered, in catalog order."""
        return tuple(self._catalog.therapies())

    def _therapies(self, query: str | None) -> list[Therapy]:
        """Every therapy (None), or the one `query` names."""
        if query is None:
            return self._catalog.therapies()
        if not query.strip():
            raise UsageError("give a therapy: an id, a name or an alias such as 'psilocybin'")
        return [self._catalog.resolve_therapy(query)]


def parse_day(value: Day | None, name: str, *, end: bool = True) -> datetime.date | None:
    """A day from a date or "YYYY[-MM[-DD]]"; a year or month alone means its last day (`end`) or first."""
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        parsed = PartialDate.parse(value)
    except DateError as error:
        raise UsageError(f"{name}: {error}") from None
    return parsed.last_day if end else parsed.first_day


def as_of_day(value: Day | None, today: datetime.date, name: str = "as_of") -> datetime.date | None:
    """The day an `--as-of` means (a year or month alone: its last day); a `UsageError` if after `today`."""
    day = parse_day(value, name)
    if day is not None and day > today:
        raise UsageError(
            f"{name} {value} is after today ({today}); 'psylegal changes --upcoming' lists what is expected"
        )
    return day


def load(data_dir: Path | str | None = None, *, today: datetime.date | None = None) -> Dataset:
    """The data in `data_dir` (default: $PSYLEGAL_DATA, else the shipped data) as of `today`."""
    day = today if today is not None else datetime.date.today()
    directory = locate_data_dir(Path(data_dir) if data_dir is not None else None)
    return Dataset(Catalog.load(directory, day), day)


def where(
    place: str,
    therapy: str | None = None,
    *,
    as_of: Day | None = None,
    data_dir: Path | str | None = None,
    today: datetime.date | None = None,
) -> PlaceAnswer:
    """Every therapy's legal status in `place`, layer by layer, with notes, due diligence, timeline and sources."""
    return load(data_dir, today=today).where(place, therapy, as_of=as_of)


def places(
    *,
    kind: Kind | str | None = None,
    parent: str | None = None,
    therapy: str | None = None,
    status: Status | str | None = None,
    route: Route | str | None = None,
    no_diagnosis: bool = False,
    non_resident: bool = False,
    as_of: Day | None = None,
    data_dir: Path | str | None = None,
    today: datetime.date | None = None,
) -> PlaceList:
    """Every place with its effective statuses, filtered like `psylegal list`."""
    return load(data_dir, today=today).places(
        kind=kind,
        parent=parent,
        therapy=therapy,
        status=status,
        route=route,
        no_diagnosis=no_diagnosis,
        non_resident=non_resident,
        as_of=as_of,
    )


def therapy(
    name: str,
    *,
    status: Status | str | None = None,
    route: Route | str | None = None,
    no_diagnosis: bool = False,
    non_resident: bool = False,
    as_of: Day | None = None,
    data_dir: Path | str | None = None,
    today: datetime.date | None = None,
) -> TherapyOverview:
    """Where one therapy stands everywhere, grouped by effective status, filtered like `psylegal therapy`."""
    return load(data_dir, today=today).therapy(
        name, status=status, route=route, no_diagnosis=no_diagnosis, non_resident=non_resident, as_of=as_of
    )


def changes(
    *,
    since: Day | None = None,
    until: Day | None = None,
    place: str | None = None,
    therapy: str | None = None,
    type: str | None = None,
    upcoming: bool = False,
    data_dir: Path | str | None = None,
    today: datetime.date | None = None,
) -> ChangeFeed:
    """Dated changes across places, newest first; `upcoming=True` for what is coming, soonest first."""
    return load(data_dir, today=today).changes(
        since=since, until=until, place=place, therapy=therapy, type=type, upcoming=upcoming
    )


def bills(
    *,
    place: str | None = None,
    therapy: str | None = None,
    stage: BillStage | str | None = None,
    data_dir: Path | str | None = None,
    today: datetime.date | None = None,
) -> BillList:
    """Bills and ballot measures with their stage, newest first."""
    return load(data_dir, today=today).bills(place=place, therapy=therapy, stage=stage)


def stale(
    *,
    days: int | None = None,
    kinds: Iterable[StaleKind | str] | None = None,
    data_dir: Path | str | None = None,
    today: datetime.date | None = None,
) -> StaleQueue:
    """The maintainers' queue of facts that may have gone out of date, and of unknown answers, oldest
    first within each kind; `kinds` keeps only those kinds (default: every kind)."""
    return load(data_dir, today=today).stale(days=days, kinds=kinds)


def therapies(*, data_dir: Path | str | None = None, today: datetime.date | None = None) -> tuple[Therapy, ...]:
    """The therapies psylegal covers."""
    return load(data_dir, today=today).therapies()


def access_filter(route: Route | str | None, no_diagnosis: bool, non_resident: bool) -> AccessFilter:
    """The route filter from its three options (`route` as a member or its word), checked."""
    return AccessFilter(parse_choice(route, Route, "route"), no_diagnosis, non_resident)


def parse_choice(value: Choice | str | None, enum: type[Choice], name: str) -> Choice | None:
    """A value of a closed vocabulary (a member, or its word in any case), or a `UsageError` listing them.

    `name` is how the caller knows the value: "--status" on the command line, "status" in Python.
    """
    if value is None or isinstance(value, enum):
        return value
    try:
        return enum(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(str(member.value) for member in enum)
        raise UsageError(f"{name} must be one of {allowed}; got '{value}'") from None
