"""Invariants over the shipped data: coverage, ISO codes, sourcing, dates, uniqueness."""

from __future__ import annotations

import datetime
import re

import pycountry
import pytest

from psylegal.data.catalog import Catalog
from psylegal.law.model import THERAPY_IDS, Jurisdiction, Kind, Status
from psylegal.law.names import normalise

TODAY = datetime.date.today()
REQUIRED_COUNTRIES = [
    "MX",
    "JM",
    "CR",
    "CA",
    "AU",
    "NZ",
    "NL",
    "DE",
    "CZ",
    "CH",
    "PT",
    "ES",
    "GB",
    "IE",
    "IL",
    "PE",
    "BR",
    "CO",
    "UY",
    "BS",
    "BZ",
    "ZA",
    "JP",
    "NO",
    "DK",
    "FR",
    "IT",
    "AT",
    "BE",
    "US",
]
# Every member state of the European Union (pycountry has no membership data, so the list is ours).
EU_MEMBERS = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
]
# The G20's 19 member countries (its other members, the EU and the African Union, are not countries).
G20_COUNTRIES = [
    "AR",
    "AU",
    "BR",
    "CA",
    "CN",
    "FR",
    "DE",
    "IN",
    "ID",
    "IT",
    "JP",
    "KR",
    "MX",
    "RU",
    "SA",
    "ZA",
    "TR",
    "GB",
    "US",
]
# Latin American countries people travel to for these therapies (issue #11).
LATIN_AMERICA = ["AR", "BO", "CL", "EC", "DO", "GT", "PA", "PY", "HN", "SV", "UY"]
REQUIRED_LOCAL = [
    "us-co-denver",
    "us-ca-oakland",
    "us-ca-santa-cruz",
    "us-ca-san-francisco",
    "us-ca-berkeley",
    "us-ca-arcata",
    "us-mi-ann-arbor",
    "us-mi-detroit",
    "us-mi-washtenaw-county",
    "us-wa-seattle",
    "us-wa-port-townsend",
    "us-ma-somerville",
    "us-ma-cambridge",
    "us-ma-northampton",
    "us-ma-easthampton",
]


@pytest.fixture(scope="module")
def places(shipped: Catalog) -> list[Jurisdiction]:
    return shipped.all()


def test_every_us_state_dc_and_puerto_rico(shipped: Catalog) -> None:
    # pycountry lists the 50 states, DC as a district, and the outlying areas; we cover states, DC and PR.
    expected = {
        s.code.lower() for s in pycountry.subdivisions.get(country_code="US") if s.type in ("State", "District")
    }
    expected.add("us-pr")
    assert len(expected) == 52
    present = {ident for ident in shipped.places if ident.count("-") == 1 and ident.startswith("us-")}
    assert expected == present
    for ident in expected:
        place = shipped.get(ident)
        assert place.parent == "us"
        assert place.name == pycountry.subdivisions.get(code=ident.upper()).name or ident == "us-pr"


def test_membership_lists_are_real_and_complete() -> None:
    assert len(set(EU_MEMBERS)) == 27 and len(set(G20_COUNTRIES)) == 19 and len(set(LATIN_AMERICA)) == 11
    for code in {*EU_MEMBERS, *G20_COUNTRIES, *LATIN_AMERICA}:
        assert pycountry.countries.get(alpha_2=code) is not None, code


def test_at_least_65_countries(shipped: Catalog) -> None:
    assert sum(1 for j in shipped.all() if j.kind is Kind.COUNTRY) >= 65


@pytest.mark.parametrize("code", sorted({*REQUIRED_COUNTRIES, *EU_MEMBERS, *G20_COUNTRIES, *LATIN_AMERICA}))
def test_required_countries_present_with_every_therapy(shipped: Catalog, code: str) -> None:
    country = shipped.get(code.lower())
    assert country.kind is Kind.COUNTRY and country.iso == code
    assert set(country.therapies) == set(THERAPY_IDS)


@pytest.mark.parametrize("ident", REQUIRED_LOCAL)
def test_required_cities_and_counties_present(shipped: Catalog, ident: str) -> None:
    place = shipped.get(ident)
    assert place.kind in (Kind.CITY, Kind.COUNTY)
    assert place.timeline, f"{ident} must name its measure and date"


def test_iso_codes_are_real(places: list[Jurisdiction]) -> None:
    for place in places:
        if place.kind is Kind.COUNTRY:
            assert pycountry.countries.get(alpha_2=place.iso) is not None, place.id
        elif place.iso is not None:
            assert place.iso.split("-")[0] == place.parent.upper() if place.parent else False, place.id  # type: ignore[union-attr]
            assert pycountry.subdivisions.get(code=place.iso) is not None, place.id
        else:
            assert place.kind in (Kind.CITY, Kind.COUNTY), place.id


def test_every_statement_is_sourced_with_https_and_dates(places: list[Jurisdiction]) -> None:
    for place in places:
        assert place.summary_sources, place.id
        for therapy, entry in place.therapies.items():
            if entry.status is Status.UNKNOWN:
                assert entry.note, (place.id, therapy)
            else:
                assert entry.sources, (place.id, therapy)
        for event in place.timeline:
            assert event.sources, (place.id, event.date)
        for item in place.due_diligence:
            assert item.sources, (place.id, item.text)
        for source in place.sources:
            assert source.url.startswith("https://"), (place.id, source.id)
            if source.date is not None:
                assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", source.date), (place.id, source.id)
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source.accessed), (place.id, source.id)
            assert source.note is None or "date is when read" not in source.note, (place.id, source.id)


# `where PLACE --therapy T` prints an unknown answer's note whole, under "Not verified."
UNKNOWN_NOTE_MAX = 700
SEARCH_LOG = re.compile(r"\b(second|third|further|later) pass\b|\bthis pass\b|\bsearched\b", re.IGNORECASE)


def test_unknown_notes_answer_briefly_and_keep_the_search_log_apart(places: list[Jurisdiction]) -> None:
    """The person asking reads what is known and what is missing; what was searched is in `searched`."""
    unknown = [
        (place.id, therapy, entry)
        for place in places
        for therapy, entry in place.therapies.items()
        if entry.status is Status.UNKNOWN
    ]
    too_long = [
        (ident, therapy, len(entry.note or ""))
        for ident, therapy, entry in unknown
        if len(entry.note or "") > UNKNOWN_NOTE_MAX
    ]
    assert not too_long
    logs = [(ident, therapy) for ident, therapy, entry in unknown if SEARCH_LOG.search(entry.note or "")]
    assert not logs


def test_no_date_in_the_future(places: list[Jurisdiction]) -> None:
    for place in places:
        assert datetime.date.fromisoformat(place.reviewed) <= TODAY, place.id
        dates = [e.date for e in place.timeline] + [s.date for s in place.sources if s.date]
        dates += [s.accessed for s in place.sources]
        dates += [e.since for e in place.therapies.values() if e.since]
        for date in dates:
            assert date <= TODAY.isoformat(), (place.id, date)


def test_ids_and_aliases_are_unique(places: list[Jurisdiction]) -> None:
    ids = [p.id for p in places]
    assert len(ids) == len(set(ids))
    owners: dict[str, str] = {}
    for place in places:
        for alias in place.aliases:
            key = normalise(alias)
            assert owners.setdefault(key, place.id) == place.id, (alias, owners[key], place.id)


def test_places_with_nothing_of_their_own_say_so(places: list[Jurisdiction]) -> None:
    for place in places:
        if place.kind is Kind.STATE and not place.therapies:
            assert place.summary and place.summary_sources, place.id


def test_statuses_in_use_cover_the_vocabulary(places: list[Jurisdiction]) -> None:
    used = {entry.status for place in places for entry in place.therapies.values()}
    assert used == set(Status)


def test_the_republisher_list_is_well_formed_and_names_hosts_the_data_cites(places: list[Jurisdiction]) -> None:
    from psylegal.data.checks import republisher_of
    from psylegal.data.validation import REPUBLISHERS_FILE, republishers

    from .conftest import SHIPPED

    listed = republishers(SHIPPED)
    raw = (SHIPPED / REPUBLISHERS_FILE).read_text(encoding="utf-8")
    assert len(listed) == raw.count("\n  ") and listed, "every entry is a host with a reason"
    cited = {republisher_of(source.url, listed) for place in places for source in place.sources}
    assert set(listed) <= cited, "only hosts the data actually cites belong on the list"


def test_sources_outside_the_us_carry_no_tracking_parameters(places: list[Jurisdiction]) -> None:
    # US files are being cleaned on another branch; extend this to them once it lands.
    from psylegal.data.checks import tracking_parameters

    for place in places:
        if place.id == "us" or place.id.startswith("us-"):
            continue
        for source in place.sources:
            assert not tracking_parameters(source.url), (place.id, source.id)


def test_mescaline_notes_outside_the_us_say_which_cactus_a_status_covers(places: list[Jurisdiction]) -> None:
    # The catalog's one mescaline row covers the substance and two cacti whose law can differ.
    for place in places:
        entry = place.therapies.get("mescaline")
        if entry is None or entry.status is Status.UNKNOWN or place.id == "us" or place.id.startswith("us-"):
            continue
        assert entry.note and re.search(r"peyote|San Pedro|cact|huachuma|wachuma", entry.note, re.I), place.id
