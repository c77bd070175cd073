"""How layers of law combine into one effective status per therapy."""

from __future__ import annotations

import pytest

from psylegal.data.catalog import Catalog
from psylegal.law.layers import GOVERNING, RESTRICTION, answer, answer_place
from psylegal.law.model import Jurisdiction, Kind, Source, Status, Therapy, TherapyEntry

S = Status


def effective(catalog: Catalog, place: str, therapy: str) -> tuple[Status, str | None, list[str]]:
    result = answer(catalog.chain(catalog.get(place)), therapy)
    decided = result.deciding.jurisdiction.id if result.deciding else None
    return result.status, decided, [layer.jurisdiction.id for layer in result.conflicts]


# -- the rules on made-up chains --------------------------------------------------------------------
def place(ident: str, status: Status | None, url: str | None = None) -> Jurisdiction:
    """A place whose own law says `status` about psilocybin (None: silent), citing one source."""
    source = Source(f"{ident}-law", f"{ident} law", url or f"https://example.org/{ident}", "2024", "2026-01-15")
    therapies = (
        {"psilocybin": TherapyEntry("psilocybin", status, f"{ident}-since", (), None, (source,))} if status else {}
    )
    return Jurisdiction(ident, ident, Kind.CITY, None, None, (), "2026-01-15", "", (), therapies)


def chain_of(*statuses: Status | None) -> list[Jurisdiction]:
    """Places named l0 (nearest) … lN (broadest) with the given own statuses."""
    return [place(f"l{index}", status) for index, status in enumerate(statuses)]


@pytest.mark.parametrize(
    ("statuses", "status", "deciding", "applying", "conflicts"),
    [
        # Rule 1: the nearest governing layer decides, whatever broader layers say.
        ((S.AVAILABLE, S.PROHIBITED), S.AVAILABLE, "l0", ["l0"], ["l1"]),
        ((S.PROHIBITED, S.AVAILABLE), S.PROHIBITED, "l0", ["l0"], []),
        ((S.LIMITED, S.RESEARCH, S.PROHIBITED), S.LIMITED, "l0", ["l0"], ["l1", "l2"]),
        ((S.RESEARCH, S.LIMITED), S.RESEARCH, "l0", ["l0"], []),
        ((S.RESEARCH, S.PROHIBITED), S.RESEARCH, "l0", ["l0"], ["l1"]),
        ((None, S.RESEARCH), S.RESEARCH, "l1", ["l1"], []),
        # `unregulated` governs: a nearer unregulated layer is not overridden by a broader ban.
        ((S.UNREGULATED, S.PROHIBITED), S.UNREGULATED, "l0", ["l0"], ["l1"]),
        ((S.UNREGULATED, S.AVAILABLE), S.UNREGULATED, "l0", ["l0"], []),
        # Rule 2: decriminalized and pending refine only a prohibition.
        ((S.DECRIMINALIZED, S.PROHIBITED), S.DECRIMINALIZED, "l0", ["l0", "l1"], []),
        ((S.PENDING, S.PROHIBITED), S.PENDING, "l0", ["l0", "l1"], []),
        ((S.DECRIMINALIZED, S.RESEARCH, S.PROHIBITED), S.RESEARCH, "l1", ["l0", "l1"], ["l2"]),
        ((S.PENDING, S.RESEARCH), S.RESEARCH, "l1", ["l0", "l1"], []),
        ((S.DECRIMINALIZED, S.AVAILABLE, S.RESEARCH), S.AVAILABLE, "l1", ["l0", "l1"], ["l2"]),
        # … and the nearest refining layer wins, not the farthest.
        ((S.DECRIMINALIZED, S.PENDING, S.PROHIBITED), S.DECRIMINALIZED, "l0", ["l0", "l1", "l2"], []),
        ((S.PENDING, S.DECRIMINALIZED, S.PROHIBITED), S.PENDING, "l0", ["l0", "l1", "l2"], []),
        # With no governing layer at all, the nearest layer speaks, not the broadest.
        ((S.DECRIMINALIZED, S.PENDING), S.DECRIMINALIZED, "l0", ["l0", "l1"], []),
        ((S.PENDING, S.DECRIMINALIZED), S.PENDING, "l0", ["l0", "l1"], []),
        ((None, S.PENDING, S.DECRIMINALIZED), S.PENDING, "l1", ["l1", "l2"], []),
        # Rule 3: a nearer unknown makes the answer unknown, even above a governing layer.
        ((S.UNKNOWN, S.AVAILABLE), S.UNKNOWN, "l0", ["l0", "l1"], []),
        ((S.UNKNOWN, S.RESEARCH, S.PROHIBITED), S.UNKNOWN, "l0", ["l0", "l1"], []),
        ((S.DECRIMINALIZED, S.UNKNOWN, S.PROHIBITED), S.UNKNOWN, "l1", ["l0", "l1", "l2"], []),
        ((S.UNKNOWN, S.DECRIMINALIZED), S.UNKNOWN, "l0", ["l0", "l1"], []),
        # … but an unknown broader than the governing layer changes nothing.
        ((S.AVAILABLE, S.UNKNOWN), S.AVAILABLE, "l0", ["l0"], []),
        ((S.DECRIMINALIZED, S.PROHIBITED, S.UNKNOWN), S.DECRIMINALIZED, "l0", ["l0", "l1"], []),
        # Conflicts are only broader governing layers that are stricter than the answer.
        ((S.AVAILABLE, S.UNREGULATED, S.LIMITED), S.AVAILABLE, "l0", ["l0"], ["l2"]),
        ((S.LIMITED, S.LIMITED, S.AVAILABLE), S.LIMITED, "l0", ["l0"], []),
        ((S.AVAILABLE, S.DECRIMINALIZED, S.PENDING, S.UNKNOWN), S.AVAILABLE, "l0", ["l0"], []),
        ((S.PROHIBITED, S.PROHIBITED), S.PROHIBITED, "l0", ["l0"], []),
        # A refined prohibition reports no conflict: the governing layer is itself the prohibition.
        ((S.DECRIMINALIZED, S.PROHIBITED, S.PROHIBITED), S.DECRIMINALIZED, "l0", ["l0", "l1"], []),
    ],
)
def test_rules_on_made_up_chains(
    statuses: tuple[Status | None, ...], status: Status, deciding: str, applying: list[str], conflicts: list[str]
) -> None:
    result = answer(chain_of(*statuses), "psilocybin")
    assert (result.therapy, result.status) == ("psilocybin", status)
    assert result.deciding is not None and result.deciding.jurisdiction.id == deciding
    assert [layer.jurisdiction.id for layer in result.applying] == applying
    assert [layer.jurisdiction.id for layer in result.conflicts] == conflicts
    assert [layer.jurisdiction.id for layer in result.layers] == [
        f"l{i}" for i, own in enumerate(statuses) if own is not None
    ]
    assert result.since == f"{deciding}-since"


def test_silence_everywhere_is_unknown_with_nothing_deciding() -> None:
    result = answer(chain_of(None, None), "psilocybin")
    assert (result.status, result.deciding, result.layers, result.applying, result.conflicts) == (
        S.UNKNOWN,
        None,
        (),
        (),
        (),
    )
    assert result.since is None and result.sources == ()


def test_sources_come_from_the_applying_layers_once_each_in_order() -> None:
    town, state, country = place("town", S.DECRIMINALIZED), place("state", S.PROHIBITED), place("nation", S.AVAILABLE)
    twin = place("twin", S.DECRIMINALIZED, url=town.therapies["psilocybin"].sources[0].url)
    result = answer([town, twin, state, country], "psilocybin")
    assert [source.id for source in result.sources] == ["town-law", "state-law"]


def test_governing_statuses_and_their_order() -> None:
    assert {S.AVAILABLE, S.UNREGULATED, S.LIMITED, S.RESEARCH, S.PROHIBITED} == GOVERNING
    assert RESTRICTION == {S.AVAILABLE: 0, S.UNREGULATED: 0, S.LIMITED: 1, S.RESEARCH: 2, S.PROHIBITED: 3}


def test_answer_place_answers_every_therapy() -> None:
    chain = chain_of(S.DECRIMINALIZED, S.PROHIBITED)
    therapies = [Therapy("psilocybin", "Psilocybin", "…"), Therapy("lsd", "LSD", "…")]
    result = answer_place(chain, therapies)
    assert result.jurisdiction is chain[0] and result.chain == tuple(chain) and result.therapies == tuple(therapies)
    assert {t: a.status for t, a in result.answers.items()} == {"psilocybin": S.DECRIMINALIZED, "lsd": S.UNKNOWN}


# -- the fixture data --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("place_id", "therapy", "status", "decided_by", "conflicts"),
    [
        # A state program beats national law, and the national ban is shown as a conflict (Oregon).
        ("zz-aa", "psilocybin", Status.AVAILABLE, "zz-aa", ["zz"]),
        # A city's lowest-priority measure does not hide the state's licensed program (Denver).
        ("zz-aa-town", "psilocybin", Status.AVAILABLE, "zz-aa", ["zz"]),
        # A city measure under a silent state leaves the national research answer (Oakland).
        ("zz-bb-georgia", "psilocybin", Status.RESEARCH, "zz", []),
        # A state with no law of its own inherits the national picture.
        ("zz-bb", "ketamine", Status.AVAILABLE, "zz", []),
        ("zz-bb", "mdma", Status.PROHIBITED, "zz", []),
        # A state can ban what the country allows.
        ("zz-aa", "esketamine", Status.PROHIBITED, "zz-aa", []),
        # Decriminalization refines a national prohibition.
        ("zz-bb-georgia", "mdma", Status.DECRIMINALIZED, "zz-bb-georgia", []),
        # A passed-but-not-running law refines a prohibition too.
        ("zz-aa", "mdma", Status.PENDING, "zz-aa", []),
        # An unknown nearer layer makes the answer unknown rather than borrowing the parent's.
        ("zz-aa-town", "lsd", Status.UNKNOWN, "zz-aa-town", []),
        ("zz", "mescaline", Status.UNKNOWN, "zz", []),
        # A therapy no layer mentions is unknown, with nothing deciding it.
        ("zz-aa", "mescaline", Status.UNKNOWN, "zz", []),
    ],
)
def test_layering_rules(
    fixture_catalog: Catalog, place_id: str, therapy: str, status: Status, decided_by: str, conflicts: list[str]
) -> None:
    assert effective(fixture_catalog, place_id, therapy) == (status, decided_by, conflicts)


def test_layers_listed_most_specific_first(fixture_catalog: Catalog) -> None:
    result = answer(fixture_catalog.chain(fixture_catalog.get("zz-aa-town")), "psilocybin")
    assert [(layer.jurisdiction.id, layer.entry.status) for layer in result.layers] == [
        ("zz-aa-town", Status.DECRIMINALIZED),
        ("zz-aa", Status.AVAILABLE),
        ("zz", Status.RESEARCH),
    ]
    # The routes that apply today come from the city and the state, not the overridden national layer.
    assert [layer.jurisdiction.id for layer in result.applying] == ["zz-aa-town", "zz-aa"]


def test_no_layer_at_all_is_unknown(fixture_catalog: Catalog) -> None:
    result = answer([fixture_catalog.get("zz-bb")], "psilocybin")
    assert result.status is Status.UNKNOWN and result.deciding is None and result.layers == ()


# -- the shipped data --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("place_id", "therapy", "status", "decided_by", "conflicts"),
    [
        ("us-or", "psilocybin", Status.AVAILABLE, "us-or", ["us"]),
        ("us-co-denver", "psilocybin", Status.AVAILABLE, "us-co", ["us"]),
        ("us-ca-oakland", "psilocybin", Status.RESEARCH, "us", []),
        ("us-al", "ketamine", Status.AVAILABLE, "us", []),
        ("us-al", "psilocybin", Status.RESEARCH, "us", []),
        ("us-nm", "psilocybin", Status.RESEARCH, "us", []),
        ("us-co", "ibogaine", Status.DECRIMINALIZED, "us-co", []),
        ("us-tx", "mdma", Status.RESEARCH, "us", []),
        ("au", "mdma", Status.LIMITED, "au", []),
    ],
)
def test_layering_on_shipped_data(
    shipped: Catalog, place_id: str, therapy: str, status: Status, decided_by: str, conflicts: list[str]
) -> None:
    assert effective(shipped, place_id, therapy) == (status, decided_by, conflicts)


def test_new_mexico_pending_layer_is_shown(shipped: Catalog) -> None:
    result = answer(shipped.chain(shipped.get("us-nm")), "psilocybin")
    assert next((layer.jurisdiction.id, layer.entry.status) for layer in result.layers) == ("us-nm", Status.PENDING)
