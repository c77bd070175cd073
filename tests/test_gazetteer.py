"""The offline gazetteer: binary search over the shipped files, towns to governing places, distances."""

from __future__ import annotations

from pathlib import Path

import pytest

from psylegal.data.catalog import Catalog
from psylegal.geography import region_resolver
from psylegal.law import gazetteer
from psylegal.law.gazetteer import GazetteerError, distance_km, region_point, towns_named
from psylegal.law.towns import match_towns


def _places(catalog: Catalog, query: str) -> list[str]:
    return [m.place_id for m in match_towns(query, catalog.places, region_resolver(catalog))]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("austin", ["us-tx"]),
        ("Dallas", ["us-tx"]),
        ("houston", ["us-tx"]),
        ("Boulder", ["us-co"]),
        ("los angeles", ["us-ca"]),
        ("portland", ["us-or", "us-me"]),
        ("vancouver", ["ca-bc", "us-wa"]),
        ("portland, oregon", ["us-or"]),
        ("Portland, ME", ["us-me"]),
        ("portland oregon", ["us-or"]),
        ("salt lake city", ["us-ut"]),
        ("São Paulo", ["br"]),
        ("sao paulo", ["br"]),
        ("Zurich", ["ch"]),
        ("Toronto", ["ca"]),
    ],
)
def test_towns_resolve_to_the_place_whose_law_governs_them(shipped: Catalog, query: str, expected: list[str]) -> None:
    assert _places(shipped, query) == expected


@pytest.mark.parametrize("query", ["portland, atlantis", "port", "xyzzy", "", "   ", "austin\x00texas", "a" * 500])
def test_non_towns_match_nothing(shipped: Catalog, query: str) -> None:
    assert _places(shipped, query) == []


def test_a_town_outside_every_covered_country_matches_nothing(shipped: Catalog) -> None:
    # Reykjavík lies in Iceland, which the data does not cover; it must not be pinned to another place.
    assert towns_named("Reykjavik")
    if "is" not in shipped.places:
        assert _places(shipped, "Reykjavik") == []


def test_towns_carry_their_subdivision_where_psylegal_covers_subdivisions() -> None:
    assert {t.subdivision for t in towns_named("Guadalajara") if t.country == "MX"} == {"MX-JAL"}
    assert {t.subdivision for t in towns_named("Calgary")} == {"CA-AB"}
    assert {t.subdivision for t in towns_named("Canberra")} == {"AU-ACT"}
    assert {t.subdivision for t in towns_named("San Juan") if t.country == "US"} >= {"US-PR"}
    assert {t.subdivision for t in towns_named("Berlin") if t.country == "DE"} == {""}


def test_the_search_finds_the_first_and_last_keys_and_nothing_between() -> None:
    lines = gazetteer.TOWNS_FILE.read_text(encoding="utf-8").splitlines()[1:]
    first, last = lines[0].split("\t")[0], lines[-1].split("\t")[0]
    assert towns_named(first) and towns_named(last)
    for key in (first + "0", last + "z", "mmmmmmmm"):
        assert towns_named(key) == []
    every_key = {line.split("\t")[0] for line in lines[::997]}
    for key in every_key:
        assert towns_named(key), key


def test_region_points_and_distances() -> None:
    texas, colorado, oregon = (region_point(code) for code in ("US-TX", "US-CO", "US-OR"))
    assert texas and colorado and oregon
    assert distance_km(texas, colorado) < distance_km(texas, oregon)
    assert region_point("us-tx") == texas
    assert region_point("XX") is None
    # Berlin to Paris is about 880 km by great circle.
    assert 860 < distance_km((52.52, 13.405), (48.8566, 2.3522)) < 900
    assert distance_km((10.0, 20.0), (10.0, 20.0)) == 0


def test_a_damaged_gazetteer_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    damaged = tmp_path / "gazetteer.tsv"
    damaged.write_text("# header\naustin\tAustin\tUS\n", encoding="utf-8")
    monkeypatch.setattr(gazetteer, "TOWNS_FILE", damaged)
    gazetteer._map.cache_clear()
    try:
        with pytest.raises(GazetteerError, match="damaged"):
            towns_named("austin")
        missing = tmp_path / "missing.tsv"
        monkeypatch.setattr(gazetteer, "TOWNS_FILE", missing)
        with pytest.raises(GazetteerError, match="missing"):
            towns_named("austin")
    finally:
        gazetteer._map.cache_clear()
