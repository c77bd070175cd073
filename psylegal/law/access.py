"""What a place's routes say about its status: the status-from-routes rule, written once.

A route is access only while it is open; closed routes are history and never count, and a route
whose state is unknown counts for nothing. From the open and upcoming routes of one place's own
entry for one therapy:

1. an open prescription or licensed-program route → `available`;
2. otherwise an open narrow route a patient outside a study can use (expanded access, special
   access, authorised prescriber, a pilot that treats patients, a religious exemption) → `limited`;
3. otherwise an open clinical-trial route → `research`;
4. otherwise an upcoming route of any of those kinds → `pending`;
5. otherwise the routes imply nothing (retreats and personal use never decide a status).

`available`, `limited`, `research` and `pending` are route-based: the entry's status must be the
one its routes imply. One allowance: `pending` is also consistent with a therapeutic route whose
state is unknown when nothing is open or upcoming: a law has passed, but no source says whether or
when its program opens (New Jersey's and Utah's pilots), so no `expected` date can be given.

`unregulated`, `decriminalized`, `prohibited` and `unknown` are stated by the file, not derived;
they may come with personal-use or retreat routes, but a route-based answer overrides them: a
country where trials recruit is at least `research`, so a `prohibited` or `decriminalized` entry
with an open trial contradicts its routes, and a `prohibited` one with an upcoming route should be
`pending`. `unregulated` (not controlled at all) sits beside `available` and is never contradicted,
and `decriminalized` (or `unknown`) may coexist with an upcoming program.
"""

from __future__ import annotations

from collections.abc import Iterable

from psylegal.law.model import AccessRoute, Route, RouteState, Status

PATIENT_ROUTES = frozenset({Route.PRESCRIPTION, Route.LICENSED_PROGRAM})
NARROW_ROUTES = frozenset(
    {
        Route.EXPANDED_ACCESS,
        Route.SPECIAL_ACCESS,
        Route.AUTHORISED_PRESCRIBER,
        Route.PILOT,
        Route.RELIGIOUS_EXEMPTION,
    }
)
TRIAL_ROUTES = frozenset({Route.CLINICAL_TRIAL})
# Routes that make a therapy lawfully obtainable and so can decide a status.
THERAPEUTIC_ROUTES = PATIENT_ROUTES | NARROW_ROUTES | TRIAL_ROUTES

ROUTE_BASED = frozenset({Status.AVAILABLE, Status.LIMITED, Status.RESEARCH, Status.PENDING})

# What each route-based status needs, in words, for problem messages.
NEEDS = {
    Status.AVAILABLE: "an open prescription or licensed-program route",
    Status.LIMITED: (
        "an open expanded-access, special-access, authorised-prescriber, pilot or religious-exemption route"
    ),
    Status.RESEARCH: "an open clinical-trial route",
    Status.PENDING: "an upcoming route",
}


def implied_status(routes: Iterable[AccessRoute]) -> Status | None:
    """The status that a place's own routes imply, or None when they imply nothing."""
    open_routes = set()
    upcoming = False
    for route in routes:
        if route.state is RouteState.OPEN:
            open_routes.add(route.route)
        elif route.state is RouteState.UPCOMING and route.route in THERAPEUTIC_ROUTES:
            upcoming = True
    if open_routes & PATIENT_ROUTES:
        return Status.AVAILABLE
    if open_routes & NARROW_ROUTES:
        return Status.LIMITED
    if open_routes & TRIAL_ROUTES:
        return Status.RESEARCH
    if upcoming:
        return Status.PENDING
    return None


def contradiction(status: Status, routes: Iterable[AccessRoute]) -> str | None:
    """Why `status` contradicts the routes, in words, or None when they agree."""
    routes = tuple(routes)
    implied = implied_status(routes)
    if status is Status.PENDING and implied is None and any(_undated_law(route) for route in routes):
        return None
    if status in ROUTE_BASED:
        if implied is None:
            return f"status '{status.value}' needs {NEEDS[status]}; no route is open or upcoming"
        if implied is not status:
            return f"status '{status.value}' contradicts the routes, which make it '{implied.value}' ({NEEDS[implied]})"
        return None
    if status is Status.UNREGULATED or implied is None:
        return None
    if implied is Status.PENDING and status is not Status.PROHIBITED:
        return None
    return f"status '{status.value}' contradicts the routes, which make it '{implied.value}' ({NEEDS[implied]})"


def _undated_law(route: AccessRoute) -> bool:
    return route.state is RouteState.UNKNOWN and route.route in THERAPEUTIC_ROUTES
