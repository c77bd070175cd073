"""`find`: where a therapy can be had now by a given person, nearest first.

A place is listed when its own law decides the therapy's effective status (a city that only inherits
its state's answer would repeat it), that status is one asked for (by default `available` or
`limited`), and it has an open route that fits the person. Eligibility is never guessed: a filter
that needs a known value (no diagnosis, visitors welcome, an age) matches only routes whose data
states that value, so a route with unknown eligibility is left out, not let through.

Distances are great-circle, between representative points (psylegal.geography.place_point); a place
that contains the starting point is at distance 0.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import NamedTuple

from psylegal.data.catalog import Catalog
from psylegal.geography import Located, Point, located_point, place_point
from psylegal.law.model import AccessRoute, Jurisdiction, Route, RouteState, Status, Therapy
from psylegal.query import PlacedRoute, Then, answer_therapy

FINDABLE = (Status.AVAILABLE, Status.LIMITED, Status.RESEARCH)
DEFAULT_STATUSES = frozenset({Status.AVAILABLE, Status.LIMITED})
COMING_SHOWN = 5  # the nearest places with upcoming routes


class Needs(NamedTuple):
    """Who is asking, and how they want to get access. Empty fields ask nothing."""

    routes: frozenset[Route] = frozenset()  # only these kinds of route (default: any but personal use)
    no_diagnosis: bool = False  # the route must be known not to require a diagnosis
    non_resident: bool = False  # the route must be known to admit visitors
    age: int | None = None  # the route's minimum age must be known and at most this
    statuses: frozenset[Status] = DEFAULT_STATUSES

    def fit(self, route: AccessRoute) -> bool:
        """Whether `route` is one this person can use, on what its data states."""
        if self.routes and route.route not in self.routes:
            return False
        if not self.routes and route.route is Route.PERSONAL_USE:
            return False  # possession rules are not a way to get therapy
        rules = route.eligibility
        if self.no_diagnosis and (rules is None or rules.diagnosis_required is not False):
            return False
        if self.non_resident and (rules is None or rules.residents_only is not False):
            return False
        return self.age is None or (rules is not None and rules.min_age is not None and rules.min_age <= self.age)


class Found(NamedTuple):
    place: Jurisdiction
    status: Status
    routes: tuple[PlacedRoute, ...]  # the open routes that fit, nearest layer first
    distance_km: float | None  # None when there is no starting point or no point for the place
    here: bool  # the starting point lies in this place


class Coming(NamedTuple):
    place: Jurisdiction
    routes: tuple[AccessRoute, ...]  # the place's own upcoming routes of the kinds asked for
    distance_km: float | None


class FindAnswer(NamedTuple):
    therapy: Therapy
    origin: Located | None
    needs: Needs
    found: tuple[Found, ...]  # nearest first (by name without a starting point)
    coming: tuple[Coming, ...]  # the nearest few places where a fitting kind of route is coming
    as_of: datetime.date | None = None  # a historical answer: the law at the end of that day


def find(
    catalog: Catalog, therapy: Therapy, needs: Needs, origin: Located | None, as_of: datetime.date | None = None
) -> FindAnswer:
    then = Then(as_of) if as_of is not None else None
    start = located_point(catalog, origin) if origin is not None else None
    around = {j.id for j in catalog.chain(origin.place)} if origin is not None else set()
    found: list[Found] = []
    coming: list[Coming] = []
    for place in catalog.all():
        chain = catalog.chain(place)
        result = answer_therapy(chain, therapy, then)
        own = (then.place(place) if then is not None else place).therapies.get(therapy.id)
        if result.status in needs.statuses and result.decided_by is not None and result.decided_by.id == place.id:
            routes = tuple(r for r in result.routes if r.access.state is RouteState.OPEN and needs.fit(r.access))
            if routes:
                distance = _distance(catalog, place, start, around)
                found.append(Found(place, result.status, routes, distance, place.id in around))
        if own is not None:
            upcoming = tuple(
                r
                for r in own.routes
                if r.state is RouteState.UPCOMING and (not needs.routes or r.route in needs.routes)
            )
            if upcoming:
                coming.append(Coming(place, upcoming, _distance(catalog, place, start, around)))
    return FindAnswer(
        therapy,
        origin,
        needs,
        tuple(sorted(found, key=_nearest)),
        tuple(sorted(coming, key=_nearest)[:COMING_SHOWN]),
        as_of,
    )


def _distance(catalog: Catalog, place: Jurisdiction, start: Point | None, around: Collection[str]) -> float | None:
    if start is None:
        return None
    if place.id in around:
        return 0.0
    from psylegal.law.gazetteer import distance_km

    point = place_point(catalog, place)
    return distance_km(start, point) if point is not None else None


def _nearest(item: Found | Coming) -> tuple[float, str]:
    distance = item.distance_km if item.distance_km is not None else float("inf")
    return (distance, item.place.name.casefold())
