"""The US tile grid: every state and DC exactly once, no two on one tile."""

from __future__ import annotations

from psylegal.data.catalog import Catalog
from psylegal.law.model import Kind
from psylegal.law.us_grid import COLUMNS, ROWS, TILES, place_id


def test_every_state_and_dc_has_one_tile_and_no_tile_is_shared() -> None:
    assert len(TILES) == 51
    assert len(set(TILES.values())) == 51
    assert all(0 <= row < ROWS and 0 <= column < COLUMNS for row, column in TILES.values())


def test_the_tiles_are_the_shipped_us_states(shipped: Catalog) -> None:
    states = {
        ident
        for ident, summary in shipped.places.items()
        if summary["parent"] == "us" and summary["kind"] in {Kind.STATE.value, Kind.DISTRICT.value}
    }
    assert {place_id(code) for code in TILES} == states


def test_neighbours_sit_where_readers_expect_them() -> None:
    assert TILES["CO"] == (4, 2) and TILES["TX"] == (7, 3) and TILES["DC"] == (5, 8)
    assert TILES["OR"][1] < TILES["ID"][1] < TILES["MT"][1]  # west to east
    assert TILES["ND"][0] < TILES["SD"][0] < TILES["NE"][0] < TILES["KS"][0] < TILES["OK"][0]  # north to south
