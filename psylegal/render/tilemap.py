"""The terminal tile map of the US states and DC: formats a psylegal.query.PlaceList, and nothing else.

Each tile holds a state's postal code and its status letter, so the map reads without colour; with
colour the tile is drawn in reverse video in the status colour.
"""

from __future__ import annotations

from psylegal.law.model import DISCLAIMER, Status
from psylegal.law.us_grid import COLUMNS, ROWS, TILES, place_id
from psylegal.query import PlaceList
from psylegal.render import Output
from psylegal.render.terminal import Painter, wrap
from psylegal.render.text import legend

TILE = 4  # "CO A"
GAP = " "
MISSING = "-"  # a state with no file in the data


def text(listing: PlaceList, output: Output) -> str:
    paint, width = Painter(output.colour), output.width
    [therapy] = listing.therapies
    statuses: dict[str, Status] = {row.place.id: row.therapies[0].status for row in listing.rows}
    grid = [[" " * TILE] * COLUMNS for _ in range(ROWS)]
    for code, (row, column) in TILES.items():
        status = statuses.get(place_id(code))
        if status is None:
            grid[row][column] = f"{code} {MISSING}"
        else:
            grid[row][column] = paint(f"{code} {status.symbol}", f"reverse {status.colour}")
    out = [paint(f"{therapy.name} in the US states and DC: effective status", "bold"), ""]
    out += [GAP.join(tiles).rstrip() for tiles in grid]
    out.append("")
    out += legend(paint, width)
    notes = "Each tile is a state's effective status (state law, else federal law); cities may differ."
    if len(statuses) < len(TILES):
        notes += f" {MISSING} not in the data."
    out += wrap(notes + " 'psylegal where STATE' shows why.", width)
    out += [""] + [paint(line, "dim") for line in wrap(DISCLAIMER, width)]
    return "\n".join(out)
