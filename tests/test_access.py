"""The status-from-routes rule (psylegal.law.access), on made-up routes and on the shipped data."""

from __future__ import annotations

import pytest

from psylegal.data.catalog import Catalog
from psylegal.law.access import NEEDS, ROUTE_BASED, contradiction, implied_status
from psylegal.law.layers import answer
from psylegal.law.model import AccessRoute, Route, RouteState, Status

R, St, S = Route, RouteState, Status


def routes(*pairs: tuple[Route, RouteState]) -> tuple[AccessRoute, ...]:
    return tuple(AccessRoute(route, state, "Someone.") for route, state in pairs)


# -- implied_status ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("given", "implied"),
    [
        ((), None),
        # Each open route kind, alone.
        (((R.PRESCRIPTION, St.OPEN),), S.AVAILABLE),
        (((R.LICENSED_PROGRAM, St.OPEN),), S.AVAILABLE),
        (((R.EXPANDED_ACCESS, St.OPEN),), S.LIMITED),
        (((R.SPECIAL_ACCESS, St.OPEN),), S.LIMITED),
        (((R.AUTHORISED_PRESCRIBER, St.OPEN),), S.LIMITED),
        (((R.PILOT, St.OPEN),), S.LIMITED),
        (((R.RELIGIOUS_EXEMPTION, St.OPEN),), S.LIMITED),
        (((R.CLINICAL_TRIAL, St.OPEN),), S.RESEARCH),
        (((R.RETREAT, St.OPEN),), None),
        (((R.PERSONAL_USE, St.OPEN),), None),
        # The best open route decides, in any order.
        (((R.CLINICAL_TRIAL, St.OPEN), (R.SPECIAL_ACCESS, St.OPEN)), S.LIMITED),
        (((R.SPECIAL_ACCESS, St.OPEN), (R.PRESCRIPTION, St.OPEN)), S.AVAILABLE),
        (((R.PRESCRIPTION, St.OPEN), (R.CLINICAL_TRIAL, St.OPEN)), S.AVAILABLE),
        (((R.PERSONAL_USE, St.OPEN), (R.CLINICAL_TRIAL, St.OPEN)), S.RESEARCH),
        # Closed routes never count (US MDMA expanded access), nor routes of unknown state.
        (((R.EXPANDED_ACCESS, St.CLOSED), (R.CLINICAL_TRIAL, St.OPEN)), S.RESEARCH),
        (((R.PRESCRIPTION, St.CLOSED),), None),
        (((R.PRESCRIPTION, St.UNKNOWN),), None),
        (((R.SPECIAL_ACCESS, St.UNKNOWN), (R.CLINICAL_TRIAL, St.OPEN)), S.RESEARCH),
        # Upcoming therapeutic routes make it pending, but only when nothing is open.
        (((R.LICENSED_PROGRAM, St.UPCOMING),), S.PENDING),
        (((R.PILOT, St.UPCOMING),), S.PENDING),
        (((R.CLINICAL_TRIAL, St.UPCOMING),), S.PENDING),
        (((R.LICENSED_PROGRAM, St.UPCOMING), (R.CLINICAL_TRIAL, St.OPEN)), S.RESEARCH),
        (((R.CLINICAL_TRIAL, St.OPEN), (R.LICENSED_PROGRAM, St.UPCOMING)), S.RESEARCH),
        (((R.PERSONAL_USE, St.UPCOMING),), None),
        (((R.RETREAT, St.UPCOMING),), None),
        (((R.PERSONAL_USE, St.OPEN), (R.LICENSED_PROGRAM, St.UPCOMING)), S.PENDING),
    ],
)
def test_implied_status(given: tuple[tuple[Route, RouteState], ...], implied: Status | None) -> None:
    assert implied_status(routes(*given)) is implied


def test_implied_status_accepts_any_iterable() -> None:
    assert implied_status(iter(routes((R.CLINICAL_TRIAL, St.OPEN)))) is S.RESEARCH


# -- contradiction -----------------------------------------------------------------------------------
TRIAL = (R.CLINICAL_TRIAL, St.OPEN)
NARROW = (R.SPECIAL_ACCESS, St.OPEN)
PATIENT = (R.PRESCRIPTION, St.OPEN)
COMING = (R.LICENSED_PROGRAM, St.UPCOMING)
UNDATED = (R.PILOT, St.UNKNOWN)
PERSONAL = (R.PERSONAL_USE, St.OPEN)


@pytest.mark.parametrize(
    ("status", "given", "problem"),
    [
        # Route-based statuses must be exactly what the routes imply.
        (S.AVAILABLE, (PATIENT,), None),
        (S.AVAILABLE, (PERSONAL,), "status 'available' needs an open prescription or licensed-program route;"),
        (S.AVAILABLE, (NARROW,), "status 'available' contradicts the routes, which make it 'limited'"),
        (S.LIMITED, (NARROW, TRIAL), None),
        (S.LIMITED, (TRIAL,), "status 'limited' contradicts the routes, which make it 'research'"),
        (S.LIMITED, (PATIENT, NARROW), "status 'limited' contradicts the routes, which make it 'available'"),
        (S.RESEARCH, (TRIAL,), None),
        (S.RESEARCH, (TRIAL, NARROW), "status 'research' contradicts the routes, which make it 'limited'"),
        (S.RESEARCH, (), "status 'research' needs an open clinical-trial route; no route is open or upcoming"),
        (S.PENDING, (COMING,), None),
        (S.PENDING, (COMING, PERSONAL), None),
        (S.PENDING, (), "status 'pending' needs an upcoming route"),
        (S.PENDING, ((R.PILOT, St.CLOSED),), "status 'pending' needs an upcoming route"),
        (S.PENDING, (COMING, TRIAL), "status 'pending' contradicts the routes, which make it 'research'"),
        # A passed law whose program has no known start is pending too (New Jersey, Utah) …
        (S.PENDING, (UNDATED,), None),
        (S.PENDING, (UNDATED, PERSONAL), None),
        # … but not when something is open, and an undated personal-use route is no program.
        (S.PENDING, (UNDATED, TRIAL), "status 'pending' contradicts the routes, which make it 'research'"),
        (S.PENDING, ((R.PERSONAL_USE, St.UNKNOWN),), "status 'pending' needs an upcoming route"),
        (S.AVAILABLE, (UNDATED,), "status 'available' needs an open prescription"),
        # Stated statuses: overridden by open therapeutic routes …
        (S.PROHIBITED, (TRIAL,), "status 'prohibited' contradicts the routes, which make it 'research'"),
        (S.DECRIMINALIZED, (PERSONAL, TRIAL), "status 'decriminalized' contradicts the routes, which make it"),
        (S.UNKNOWN, (NARROW,), "status 'unknown' contradicts the routes, which make it 'limited'"),
        (S.PROHIBITED, (COMING,), "status 'prohibited' contradicts the routes, which make it 'pending'"),
        # … and otherwise free.
        (S.PROHIBITED, (), None),
        (S.PROHIBITED, ((R.SPECIAL_ACCESS, St.UNKNOWN),), None),
        (S.PROHIBITED, ((R.EXPANDED_ACCESS, St.CLOSED),), None),
        (S.DECRIMINALIZED, (PERSONAL,), None),
        (S.DECRIMINALIZED, (PERSONAL, COMING), None),
        (S.UNKNOWN, (COMING,), None),
        (S.UNREGULATED, ((R.RETREAT, St.OPEN),), None),
        (S.UNREGULATED, (PATIENT, TRIAL), None),
    ],
)
def test_contradiction(status: Status, given: tuple[tuple[Route, RouteState], ...], problem: str | None) -> None:
    found = contradiction(status, iter(routes(*given)))
    if problem is None:
        assert found is None
    else:
        assert found is not None and found.startswith(problem), found


def test_messages_name_what_each_route_based_status_needs() -> None:
    assert set(NEEDS) == set(ROUTE_BASED) == {S.AVAILABLE, S.LIMITED, S.RESEARCH, S.PENDING}
    assert contradiction(S.LIMITED, routes(TRIAL)) == (
        "status 'limited' contradicts the routes, which make it 'research' (an open clinical-trial route)"
    )
    assert contradiction(S.RESEARCH, ()) == (
        "status 'research' needs an open clinical-trial route; no route is open or upcoming"
    )


# -- the shipped data, graded under the rule -----------------------------------------------------------
def own(shipped: Catalog, place: str, therapy: str) -> tuple[Status, dict[Route, list[AccessRoute]]]:
    entry = shipped.get(place).therapies[therapy]
    by_kind: dict[Route, list[AccessRoute]] = {}
    for route in entry.routes:
        by_kind.setdefault(route.route, []).append(route)
    return entry.status, by_kind


@pytest.mark.parametrize(
    ("place", "therapy", "status"),
    [
        ("us", "mdma", S.RESEARCH),
        ("us", "psilocybin", S.RESEARCH),
        ("us-or", "psilocybin", S.AVAILABLE),
        ("us-co", "psilocybin", S.AVAILABLE),
        ("us-nm", "psilocybin", S.PENDING),
        ("au", "mdma", S.LIMITED),
        ("au", "psilocybin", S.LIMITED),
        ("ca", "psilocybin", S.LIMITED),
        # Countries with trials only.
        ("gb", "psilocybin", S.RESEARCH),
        ("il", "psilocybin", S.RESEARCH),
        ("jp", "psilocybin", S.RESEARCH),
        ("us-co-denver", "psilocybin", S.DECRIMINALIZED),
    ],
)
def test_own_status_of_key_places(shipped: Catalog, place: str, therapy: str, status: Status) -> None:
    entry = shipped.get(place).therapies[therapy]
    assert entry.status is status
    assert contradiction(entry.status, entry.routes) is None


def test_us_mdma_is_research_and_expanded_access_is_closed(shipped: Catalog) -> None:
    status, by_kind = own(shipped, "us", "mdma")
    assert status is S.RESEARCH
    assert [route.state for route in by_kind[R.EXPANDED_ACCESS]] == [St.CLOSED]
    assert [route.state for route in by_kind[R.CLINICAL_TRIAL]] == [St.OPEN]


@pytest.mark.parametrize("place", ["us-or", "us-co"])
def test_state_psilocybin_programs_are_open_to_adults_from_anywhere(shipped: Catalog, place: str) -> None:
    status, by_kind = own(shipped, place, "psilocybin")
    assert status is S.AVAILABLE
    (program,) = by_kind[R.LICENSED_PROGRAM]
    assert program.state is St.OPEN
    assert program.eligibility is not None
    assert (program.eligibility.min_age, program.eligibility.residents_only) == (21, False)
    assert program.eligibility.sources
    assert answer(shipped.chain(shipped.get(place)), "psilocybin").status is S.AVAILABLE


def test_new_mexico_program_is_coming_and_federal_trials_are_open(shipped: Catalog) -> None:
    status, by_kind = own(shipped, "us-nm", "psilocybin")
    assert status is S.PENDING
    (program,) = by_kind[R.LICENSED_PROGRAM]
    assert (program.state, program.expected) == (St.UPCOMING, "2026-12-31")
    result = answer(shipped.chain(shipped.get("us-nm")), "psilocybin")
    assert result.status is S.RESEARCH and result.deciding is not None
    assert result.deciding.jurisdiction.id == "us"
    federal = [r for r in result.deciding.entry.routes if r.route is R.CLINICAL_TRIAL]
    assert [r.state for r in federal] == [St.OPEN]


def test_every_shipped_entry_agrees_with_its_routes(shipped: Catalog) -> None:
    for place in shipped.all():
        for therapy, entry in place.therapies.items():
            assert contradiction(entry.status, entry.routes) is None, (place.id, therapy)


def test_research_means_trials_only_everywhere(shipped: Catalog) -> None:
    research = [(p.id, t, e) for p in shipped.all() for t, e in p.therapies.items() if e.status is S.RESEARCH]
    assert len(research) >= 10
    for ident, therapy, entry in research:
        open_kinds = {route.route for route in entry.routes if route.state is St.OPEN}
        assert R.CLINICAL_TRIAL in open_kinds, (ident, therapy)
        assert open_kinds <= {R.CLINICAL_TRIAL, R.PERSONAL_USE, R.RETREAT}, (ident, therapy)


def test_fixture_records_carry_the_v2_fields(fixture_catalog: Catalog) -> None:
    entry = fixture_catalog.get("zz-aa").therapies["psilocybin"]
    assert [(h.date, h.status) for h in entry.history] == [("2023-11-07", S.PENDING), ("2024-06", S.AVAILABLE)]
    assert all(h.sources for h in entry.history)
    (program,) = entry.routes
    assert program.eligibility is not None
    assert program.eligibility.min_age == 21 and program.eligibility.diagnosis_required is False
    assert [s.value for s in program.eligibility.setting] == ["licensed-centre"]
    assert program.eligibility.cost is None and program.eligibility.prescription_required is None
    coming = fixture_catalog.get("zz-aa").therapies["mdma"].routes[0]
    assert (coming.state, coming.expected, coming.until) == (St.UPCOMING, "2027-06", None)
    source = entry.sources[0]
    assert (source.date, source.accessed) == ("2023-11-07", "2026-01-15")
