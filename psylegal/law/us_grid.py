"""The familiar tile-grid layout of the US states and DC: one square per state, roughly in place.

A layout, not geography: every state gets the same area, so small states stay visible. Any grid-like
view (the terminal map, an export) can share it. Rows run from north to south, columns from west to
east; `TILES` maps a postal code to its (row, column).
"""

from __future__ import annotations

# Row by row: "code@column" — the layout NPR and FiveThirtyEight popularised, with DC beside Maryland.
_ROWS = (
    "AK@0 ME@10",
    "VT@9 NH@10",
    "WA@0 ID@1 MT@2 ND@3 MN@4 IL@5 WI@6 MI@7 NY@8 RI@9 MA@10",
    "OR@0 NV@1 WY@2 SD@3 IA@4 IN@5 OH@6 PA@7 NJ@8 CT@9",
    "CA@0 UT@1 CO@2 NE@3 MO@4 KY@5 WV@6 VA@7 MD@8 DE@9",
    "AZ@1 NM@2 KS@3 AR@4 TN@5 NC@6 SC@7 DC@8",
    "OK@3 LA@4 MS@5 AL@6 GA@7",
    "HI@0 TX@3 FL@8",
)

TILES: dict[str, tuple[int, int]] = {
    code: (row, int(column))
    for row, line in enumerate(_ROWS)
    for code, column in (tile.split("@") for tile in line.split())
}
ROWS = len(_ROWS)
COLUMNS = 1 + max(column for _, column in TILES.values())


def place_id(code: str) -> str:
    """psylegal's id for a state's postal code: "CO" → "us-co"."""
    return f"us-{code.lower()}"
