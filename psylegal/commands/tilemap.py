"""`psylegal map`: a tile map of the US states and DC, coloured by one therapy's effective status."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.commands import open_dataset
from psylegal.render.terminal import output_for


def run(*, therapy: str, data_dir: Path | None, today: datetime.date, out: TextIO, err: TextIO) -> int:
    listing = open_dataset(data_dir, today, err).places(parent="us", therapy=therapy)
    from psylegal.render import tilemap

    out.write(tilemap.text(listing, output_for(out)) + "\n")
    return 0
