"""Resolving what people type into one place, a list of candidates, or suggestions."""

from __future__ import annotations

import pytest

from psylegal.data.catalog import Catalog
from psylegal.errors import Ambiguous, NotFound, UsageError


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("colorado", "us-co"),
        ("Colorado", "us-co"),
        ("COLORADO", "us-co"),
        ("US-CO", "us-co"),
        ("us-co", "us-co"),
        ("us co", "us-co"),
        ("costa rica", "cr"),
        ("costa-rica", "cr"),
        ("Costa Rica", "cr"),
        ("México", "mx"),
        ("mexico", "mx"),
        ("new mexico", "us-nm"),
        ("New Mexico", "us-nm"),
        ("NM", "us-nm"),
        ("oregon", "us-or"),
        ("united states", "us"),
        ("USA", "us"),
        ("washington", "us-wa"),
        ("Washington, D.C.", "us-dc"),
        ("washington dc", "us-dc"),
        ("DC", "us-dc"),
        ("denver", "us-co-denver"),
        ("Oakland", "us-ca-oakland"),
        ("cambridge ma", "us-ma-cambridge"),
        ("Cambridge, Massachusetts", "us-ma-cambridge"),
        ("santa cruz", "us-ca-santa-cruz"),
        ("co", "co"),  # an id typed exactly as an id always means that id
        ("ca", "ca"),
        ("de", "de"),
        ("the netherlands", "nl"),
        ("UK", "gb"),
        ("alberta", "ca-ab"),
        ("puerto rico", "us-pr"),
        ("india", "in"),
        ("indiana", "us-in"),
        ("gabon", "ga"),
        ("Sakartvelo", "ge"),
        ("  Colorado  ", "us-co"),
    ],
)
def test_resolves_shipped_places(shipped: Catalog, query: str, expected: str) -> None:
    assert shipped.resolve(query).id == expected


@pytest.mark.parametrize(
    ("query", "candidates"),
    [
        ("CO", {"co", "us-co"}),
        ("CA", {"ca", "us-ca"}),
        ("DE", {"de", "us-de"}),
        ("IL", {"il", "us-il"}),
        ("IN", {"in", "us-in"}),
        ("GA", {"ga", "us-ga"}),
        ("Georgia", {"ge", "us-ga"}),
    ],
)
def test_ambiguous_queries_list_candidates_with_ids(shipped: Catalog, query: str, candidates: set[str]) -> None:
    with pytest.raises(Ambiguous) as raised:
        shipped.resolve(query)
    message = str(raised.value)
    for ident in candidates:
        assert f"{ident} (" in message
    assert "Ask again with an id" in message


@pytest.mark.parametrize(("query", "suggestion"), [("colorad", "us-co"), ("oregn", "us-or"), ("jamaika", "jm")])
def test_near_misses_suggest(shipped: Catalog, query: str, suggestion: str) -> None:
    with pytest.raises(NotFound, match=rf"did you mean .*\({suggestion}\)"):
        shipped.resolve(query)


@pytest.mark.parametrize("query", ["atlantis", "xq", "../../etc/passwd", "new"])
def test_unknown_places_are_not_guessed(shipped: Catalog, query: str) -> None:
    with pytest.raises(NotFound):
        shipped.resolve(query)


def test_new_mexico_never_answers_mexico(shipped: Catalog) -> None:
    assert shipped.resolve("new mexico").id == "us-nm"
    with pytest.raises(NotFound):
        shipped.resolve("new mexic")  # no partial matching either way


def test_empty_query_is_a_usage_error(shipped: Catalog) -> None:
    with pytest.raises(UsageError):
        shipped.resolve(" - ")


def test_name_shared_by_state_alias_and_city_is_ambiguous(fixture_catalog: Catalog) -> None:
    with pytest.raises(Ambiguous, match=r"zz-bb \(Beeland, state\).*zz-bb-georgia \(Georgia, city\)"):
        fixture_catalog.resolve("georgia")


def test_echoed_input_is_made_printable(shipped: Catalog) -> None:
    with pytest.raises(NotFound) as raised:
        shipped.resolve("\x1b[31mred")
    assert "\x1b" not in str(raised.value)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("magic mushrooms", "psilocybin"),
        ("Shrooms", "psilocybin"),
        ("KAP", "ketamine"),
        ("spravato", "esketamine"),
        ("ecstasy", "mdma"),
        ("Molly", "mdma"),
        ("acid", "lsd"),
        ("DMT", "ayahuasca"),
        ("iboga", "ibogaine"),
        ("peyote", "mescaline"),
        ("San Pedro", "mescaline"),
        ("yagé", "ayahuasca"),
        ("psilocybin", "psilocybin"),
    ],
)
def test_resolves_therapy_aliases(shipped: Catalog, query: str, expected: str) -> None:
    assert shipped.resolve_therapy(query).id == expected


def test_unknown_therapy_suggests(shipped: Catalog) -> None:
    with pytest.raises(NotFound, match="did you mean psilocybin"):
        shipped.resolve_therapy("psilocibin")
