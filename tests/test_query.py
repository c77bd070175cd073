"""The answer records: what an answer holds is decided once, with the therapy filter applied to all of it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path

import pytest

from psylegal.data.catalog import Catalog
from psylegal.law.dates import PartialDate
from psylegal.law.layers import Layer
from psylegal.law.model import Kind, Route, RouteState, Status, Therapy
from psylegal.query import (
    OFFERED,
    Match,
    Then,
    answer_place,
    answer_therapy,
    concerns,
    list_places,
    local_measures,
    overview,
)

from .conftest import PINNED_TODAY


def ids(layers: Iterable[Layer]) -> list[str]:
    return [layer.jurisdiction.id for layer in layers]


def test_therapy_answer_holds_every_layer_and_what_applies(fixture_catalog: Catalog) -> None:
    town = fixture_catalog.get("zz-aa-town")
    place = answer_place(fixture_catalog, town, [fixture_catalog.therapy("psilocybin")], PINNED_TODAY)
    result = place.therapy("psilocybin")
    assert (result.status, result.since, result.decided_by and result.decided_by.id) == (
        Status.AVAILABLE,
        "2024-06",
        "zz-aa",
    )
    assert result.own_status is Status.DECRIMINALIZED  # the town's own law differs from the answer
    assert ids(result.layers) == ["zz-aa-town", "zz-aa", "zz"]
    assert ids(result.conflicts) == ["zz"]
    # Routes come from the layers that apply (the town's and the state's), nearest first.
    assert [(r.jurisdiction.id, r.access.route) for r in result.routes] == [
        ("zz-aa-town", Route.PERSONAL_USE),
        ("zz-aa", Route.LICENSED_PROGRAM),
    ]
    # The answer's own sources are those of the applying layers; every layer shown has its sources too.
    assert [s.url for s in result.sources] == [
        "https://example.org/town-resolution",
        "https://example.org/aaland-psilocybin-act",
    ]
    assert [s.url for s in result.layer_sources] == [
        "https://example.org/town-resolution",
        "https://example.org/aaland-psilocybin-act",
        "https://example.org/zedland-drugs-act",
    ]
    with pytest.raises(KeyError):
        place.therapy("lsd")  # not asked about


def test_medical_cautions_come_with_a_therapy_only_where_it_is_offered(fixture_catalog: Catalog) -> None:
    psilocybin = fixture_catalog.therapy("psilocybin")
    assert [(item.text, [s.url for s in item.sources]) for item in psilocybin.safety] == [
        ("Do not combine it with lithium.", ["https://example.org/psilocybin-review"])
    ]
    town = answer_place(fixture_catalog, fixture_catalog.get("zz-aa-town"), [psilocybin], PINNED_TODAY)
    assert town.therapy("psilocybin").status is Status.AVAILABLE
    assert town.therapy("psilocybin").safety == psilocybin.safety
    # The caution's source is listed with the answer's sources, after the layers that cite theirs.
    assert [s.url for s in town.sources][-1] == "https://example.org/psilocybin-review"
    # Esketamine is available in Zedland and prohibited in Aaland: its cautions come only with the former.
    esketamine = fixture_catalog.therapy("esketamine")
    shown = {row.place.id: row.therapies[0] for row in list_places(fixture_catalog, [esketamine]).rows}
    assert shown["zz"].status is Status.AVAILABLE and shown["zz"].safety == esketamine.safety != ()
    assert shown["zz-aa"].status is Status.PROHIBITED and shown["zz-aa"].safety == ()
    for result in shown.values():
        offered = result.status in {Status.AVAILABLE, Status.LIMITED, Status.RESEARCH, Status.UNREGULATED}
        assert bool(result.safety) == (offered or bool(result.routes_in(RouteState.OPEN))), result.place.id


def test_medical_cautions_come_where_people_take_it_without_a_lawful_supply(shipped: Catalog) -> None:
    """Decriminalised possession or a tolerated retreat is not access, but people take the therapy
    there, so its cautions come with the answer; a decriminalised status with no open route gets none."""
    ayahuasca, psilocybin = shipped.therapy("ayahuasca"), shipped.therapy("psilocybin")
    uruguay = answer_place(shipped, shipped.get("uy"), [ayahuasca, psilocybin], PINNED_TODAY)
    retreats = uruguay.therapy("ayahuasca")
    assert retreats.status is Status.DECRIMINALIZED
    assert {placed.access.route for placed in retreats.routes_in(RouteState.OPEN)} == {
        Route.RETREAT,
        Route.PERSONAL_USE,
    }
    assert retreats.safety == ayahuasca.safety != ()
    no_route = uruguay.therapy("psilocybin")
    assert no_route.status is Status.DECRIMINALIZED and not no_route.routes_in(RouteState.OPEN)
    assert no_route.safety == ()
    for row in list_places(shipped, shipped.therapies()).rows:
        for result in row.therapies:
            takeable = result.status in OFFERED or bool(result.routes_in(RouteState.OPEN))
            assert bool(result.safety) == takeable, (row.place.id, result.therapy.id)


def test_notes_come_from_every_layer_that_has_one(fixture_catalog: Catalog) -> None:
    town = fixture_catalog.get("zz-aa-town")
    result = answer_place(fixture_catalog, town, [fixture_catalog.therapy("lsd")], PINNED_TODAY).therapies[0]
    assert result.status is Status.UNKNOWN
    assert [(n.jurisdiction.id, n.text) for n in result.notes] == [
        ("zz-aa-town", "The resolution's text on synthetic drugs was not found.")
    ]
    assert result.routes == ()  # an unknown nearer layer: no route applies


def test_therapy_filter_applies_to_timeline_and_sources(fixture_catalog: Catalog) -> None:
    town = fixture_catalog.get("zz-aa-town")
    everything = answer_place(fixture_catalog, town, fixture_catalog.therapies(), PINNED_TODAY)
    lsd = answer_place(fixture_catalog, town, [fixture_catalog.therapy("lsd")], PINNED_TODAY)
    # Aaland's ballot event names psilocybin only; Zedland's act names no therapy, so it concerns all.
    assert [(e.jurisdiction.id, str(e.date)) for e in everything.timeline] == [
        ("zz", "1990-05-01"),
        ("zz-aa", "2023-11-07"),
    ]
    assert [(e.jurisdiction.id, str(e.date)) for e in lsd.timeline] == [("zz", "1990-05-01")]
    # Sources: only what the shown parts cite, in the order a reader meets them.
    assert [s.url for s in lsd.sources] == [
        "https://example.org/town-resolution",  # the summary
        "https://example.org/zedland-drugs-act",  # LSD's national layer, then the timeline
    ]
    assert "https://example.org/aaland-psilocybin-act" in {s.url for s in everything.sources}
    # Due diligence names no therapy, so it applies to every answer.
    assert [d.item.text for d in lsd.due_diligence] == ["Bring your prescription."]


def test_every_cited_source_is_listed_once(shipped: Catalog) -> None:
    for ident in ("us-co-denver", "us-or", "de", "au"):
        place = answer_place(shipped, shipped.get(ident), shipped.therapies(), PINNED_TODAY)
        cited = [
            *place.place.summary_sources,
            *(
                s
                for result in place.therapies
                for s in (*result.layer_sources, *(s for item in result.safety for s in item.sources))
            ),
            *(s for entry in place.due_diligence for s in entry.item.sources),
            *(s for entry in place.timeline for s in entry.event.sources),
        ]
        assert [s.url for s in place.sources] == list(dict.fromkeys(s.url for s in cited)), ident


def test_timeline_is_oldest_first_with_the_place_before_its_parents_on_a_tie(data_copy: Path) -> None:
    town = data_copy / "zz-aa-town.yaml"
    town.write_text(
        town.read_text(encoding="utf-8")
        + "timeline:\n"
        + "  - {date: '1990-05-01', type: other, text: Same day in town., sources: [resolution]}\n"
        + "  - {date: '1990', type: other, text: Some day that year., sources: [resolution]}\n",
        encoding="utf-8",
    )
    catalog = Catalog.load(data_copy, PINNED_TODAY)
    place = answer_place(catalog, catalog.get("zz-aa-town"), catalog.therapies(), PINNED_TODAY)
    assert [(e.jurisdiction.id, e.date) for e in place.timeline] == [
        ("zz-aa-town", PartialDate(1990)),
        ("zz-aa-town", PartialDate(1990, 5, 1)),
        ("zz", PartialDate(1990, 5, 1)),
        ("zz-aa", PartialDate(2023, 11, 7)),
    ]


def test_review_age_is_judged_on_the_day_given(fixture_catalog: Catalog) -> None:
    zed = fixture_catalog.get("zz")  # reviewed 2026-01-15
    fresh = answer_place(fixture_catalog, zed, [], datetime.date(2027, 1, 15))
    stale = answer_place(fixture_catalog, zed, [], datetime.date(2027, 1, 16))
    assert (fresh.review_stale, stale.review_stale) == (False, True)
    assert stale.today == datetime.date(2027, 1, 16)


@pytest.mark.parametrize(
    ("mentioned", "shown", "expected"),
    [((), ["lsd"], True), (("lsd",), ["lsd"], True), (("psilocybin",), ["lsd"], False), (("lsd",), [], False)],
)
def test_concerns(mentioned: tuple[str, ...], shown: list[str], expected: bool) -> None:
    therapies = [Therapy(ident, ident.title(), "") for ident in shown]
    assert concerns(mentioned, therapies) is expected


def test_list_places_filters_and_flattens(fixture_catalog: Catalog) -> None:
    therapies = fixture_catalog.therapies()
    everything = list_places(fixture_catalog, therapies)
    assert [(row.place.id, row.depth) for row in everything.rows] == [
        ("zz", 0),
        ("zz-aa", 1),
        ("zz-aa-town", 2),
        ("zz-bb", 1),
        ("zz-bb-georgia", 2),
    ]
    assert all(len(row.therapies) == len(therapies) for row in everything.rows)
    cities = list_places(fixture_catalog, therapies, kind=Kind.CITY)
    assert [(row.place.id, row.depth) for row in cities.rows] == [("zz-aa-town", 0), ("zz-bb-georgia", 0)]
    inside = list_places(fixture_catalog, therapies, within=fixture_catalog.get("zz-aa"))
    assert [row.place.id for row in inside.rows] == ["zz-aa-town"]
    # Georgia's decriminalization refines the national MDMA ban: its effective status matches.
    mdma = list_places(fixture_catalog, [fixture_catalog.therapy("mdma")], status=Status.DECRIMINALIZED)
    assert [(row.place.id, row.match) for row in mdma.rows] == [("zz-bb-georgia", Match.EFFECTIVE)]
    # For psilocybin the national research route governs Georgia, and Town's ordinance is overruled by
    # Aaland's program; both still match `decriminalized` by their own law, and say so.
    psilocybin = list_places(fixture_catalog, [fixture_catalog.therapy("psilocybin")], status=Status.DECRIMINALIZED)
    assert [(row.place.id, row.match, row.therapies[0].status) for row in psilocybin.rows] == [
        ("zz-aa-town", Match.OWN, Status.AVAILABLE),
        ("zz-bb-georgia", Match.OWN, Status.RESEARCH),
    ]
    # Without a status filter no row claims a match.
    assert {row.match for row in everything.rows} == {None}


def test_overview_groups_every_place_by_status_in_status_order(fixture_catalog: Catalog) -> None:
    result = overview(fixture_catalog, fixture_catalog.therapy("psilocybin"))
    assert list(result.groups) == list(Status)
    assert {status: [a.place.id for a in members] for status, members in result.groups.items() if members} == {
        Status.AVAILABLE: ["zz-aa", "zz-aa-town"],
        Status.RESEARCH: ["zz", "zz-bb", "zz-bb-georgia"],
    }
    only = overview(fixture_catalog, fixture_catalog.therapy("psilocybin"), Status.RESEARCH)
    assert {status for status, members in only.groups.items() if members} == {Status.RESEARCH}
    assert list(only.groups) == list(Status)


@pytest.mark.parametrize("as_of", [None, datetime.date(2021, 6, 30)])
def test_listings_answer_each_place_as_its_own_chain_does(shipped: Catalog, as_of: datetime.date | None) -> None:
    # Listings reuse a parent's answer for a child silent on a therapy: it must be the very answer
    # the child's own chain gives, for every shipped place and therapy, today and in the past.
    therapies = shipped.therapies()
    listing = list_places(shipped, therapies, as_of=as_of)
    then = Then(as_of) if as_of is not None else None
    reused = 0
    for row in listing.rows:
        chain = shipped.chain(row.place)
        for therapy, result in zip(therapies, row.therapies, strict=True):
            assert result == answer_therapy(chain, therapy, then), (row.place.id, therapy.id)
            reused += therapy.id not in row.place.therapies and len(chain) > 1
    assert reused > 0  # the shortcut was taken, so the comparison tested it
    for therapy in therapies:
        grouped = overview(shipped, therapy, as_of=as_of).groups
        assert sum(len(members) for members in grouped.values()) == len(listing.rows)


def test_therapy_filter_applies_to_due_diligence(fixture_catalog: Catalog) -> None:
    zedland = fixture_catalog.get("zz")
    psilocybin, ketamine = fixture_catalog.therapy("psilocybin"), fixture_catalog.therapy("ketamine")
    about = {
        therapy.id: [
            entry.item.text for entry in answer_place(fixture_catalog, zedland, [therapy], PINNED_TODAY).due_diligence
        ]
        for therapy in (psilocybin, ketamine)
    }
    # Advice naming no therapy concerns all of them; advice naming one, only that one.
    assert about["psilocybin"] == ["Bring your prescription.", "Trials screen out people on lithium."]
    assert about["ketamine"] == ["Bring your prescription."]
    both = answer_place(fixture_catalog, zedland, [psilocybin, ketamine], PINNED_TODAY).due_diligence
    assert len(both) == 2


def newest_own_date(path: Path) -> PartialDate:
    """The newest `date` among a data file's sources, read from the YAML itself."""
    import yaml

    sources = yaml.safe_load(path.read_text(encoding="utf-8"))["sources"].values()
    return max(PartialDate.parse(source["date"]) for source in sources if "date" in source)


def test_a_local_measure_is_named_once_with_its_newest_source(shipped: Catalog) -> None:
    from .conftest import SHIPPED

    oakland = shipped.get("us-ca-oakland")
    answer = answer_place(shipped, oakland, shipped.therapies(), PINNED_TODAY)
    assert [(m.place.id, m.newest_source) for m in answer.local_measures] == [
        ("us-ca-oakland", newest_own_date(SHIPPED / "us-ca-oakland.yaml"))
    ]
    # Only what the therapies asked about: Oakland's resolution does not cover LSD.
    lsd = answer_place(shipped, oakland, [shipped.therapy("lsd")], PINNED_TODAY)
    assert lsd.local_measures == ()


@pytest.mark.parametrize(
    ("place", "why"),
    [
        ("us-co-denver", "Colorado's Proposition 122 lets people possess psilocybin statewide"),
        ("us-ma-salem", "the resolution was vetoed: the city decriminalizes nothing"),
        ("us-co", "a state's law is not a local measure"),
        ("pt", "a country's law is not a local measure"),
    ],
)
def test_no_local_measure_where_it_changes_nothing(shipped: Catalog, place: str, why: str) -> None:
    answer = answer_place(shipped, shipped.get(place), shipped.therapies(), PINNED_TODAY)
    assert answer.local_measures == (), why


def test_local_measure_on_fixture_data_and_undated_sources(fixture_catalog: Catalog) -> None:
    town = fixture_catalog.get("zz-aa-town")
    psilocybin = fixture_catalog.therapy("psilocybin")
    chain = fixture_catalog.chain(town)
    assert [(m.place.id, m.newest_source) for m in local_measures(chain, [psilocybin])] == [
        ("zz-aa-town", PartialDate(2021, 2, 1))
    ]
    undated = town._replace(sources=tuple(source._replace(date=None) for source in town.sources))
    assert [m.newest_source for m in local_measures([undated, *chain[1:]], [psilocybin])] == [None]
    # A broader law that decriminalizes the same therapy makes the town's measure moot.
    state = chain[1]
    entry = state.therapies["psilocybin"]._replace(status=Status.DECRIMINALIZED)
    permissive = state._replace(therapies={**state.therapies, "psilocybin": entry})
    assert local_measures([town, permissive, *chain[2:]], [psilocybin]) == ()
