"""How layers of law combine into one effective status per therapy."""

from __future__ import annotations

import pytest

from psylegal.data.catalog import Catalog
from psylegal.law.layers import answer
from psylegal.law.model import Status


def effective(catalog: Catalog, place: str, therapy: str) -> tuple[Status, str | None, list[str]]:
    result = answer(catalog.chain(catalog.get(place)), therapy)
    decided = result.deciding.jurisdiction.id if result.deciding else None
    return result.status, decided, [layer.jurisdiction.id for layer in result.conflicts]


@pytest.mark.parametrize(
    ("place", "therapy", "status", "decided_by", "conflicts"),
    [
        # A state program beats national law, and the national ban is shown as a conflict (Oregon).
        ("zz-aa", "psilocybin", Status.AVAILABLE, "zz-aa", ["zz"]),
        # A city's lowest-priority measure does not hide the state's licensed program (Denver).
        ("zz-aa-town", "psilocybin", Status.AVAILABLE, "zz-aa", ["zz"]),
        # A city measure under a silent state leaves the national research route (Oakland).
        ("zz-bb-georgia", "psilocybin", Status.LIMITED, "zz", []),
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
    fixture_catalog: Catalog, place: str, therapy: str, status: Status, decided_by: str, conflicts: list[str]
) -> None:
    assert effective(fixture_catalog, place, therapy) == (status, decided_by, conflicts)


def test_layers_listed_most_specific_first(fixture_catalog: Catalog) -> None:
    result = answer(fixture_catalog.chain(fixture_catalog.get("zz-aa-town")), "psilocybin")
    assert [(layer.jurisdiction.id, layer.entry.status) for layer in result.layers] == [
        ("zz-aa-town", Status.DECRIMINALIZED),
        ("zz-aa", Status.AVAILABLE),
        ("zz", Status.LIMITED),
    ]
    # The routes that apply today come from the city and the state, not the overridden national layer.
    assert [layer.jurisdiction.id for layer in result.applying] == ["zz-aa-town", "zz-aa"]


def test_no_layer_at_all_is_unknown(fixture_catalog: Catalog) -> None:
    result = answer([fixture_catalog.get("zz-bb")], "psilocybin")
    assert result.status is Status.UNKNOWN and result.deciding is None and result.layers == ()


# The same five cases on the shipped data.
@pytest.mark.parametrize(
    ("place", "therapy", "status", "decided_by", "conflicts"),
    [
        ("us-or", "psilocybin", Status.AVAILABLE, "us-or", ["us"]),
        ("us-co-denver", "psilocybin", Status.AVAILABLE, "us-co", ["us"]),
        ("us-ca-oakland", "psilocybin", Status.LIMITED, "us", []),
        ("us-al", "ketamine", Status.AVAILABLE, "us", []),
        ("us-al", "psilocybin", Status.LIMITED, "us", []),
        ("us-nm", "psilocybin", Status.LIMITED, "us", []),
        ("us-co", "ibogaine", Status.DECRIMINALIZED, "us-co", []),
    ],
)
def test_layering_on_shipped_data(
    shipped: Catalog, place: str, therapy: str, status: Status, decided_by: str, conflicts: list[str]
) -> None:
    assert effective(shipped, place, therapy) == (status, decided_by, conflicts)


def test_new_mexico_pending_layer_is_shown(shipped: Catalog) -> None:
    result = answer(shipped.chain(shipped.get("us-nm")), "psilocybin")
    assert next((layer.jurisdiction.id, layer.entry.status) for layer in result.layers) == ("us-nm", Status.PENDING)
