"""`psylegal therapies`: the therapies covered, with the names people use for them."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.api import load
from psylegal.render import renderer
from psylegal.render.terminal import output_for


def run(*, output_format: str, data_dir: Path | None, today: datetime.date, out: TextIO) -> int:
    # No warning about skipped place files here: the therapy catalog is all this shows, and a
    # broken catalog is an error of its own.
    therapies = load(data_dir, today=today).therapies()
    out.write(renderer(output_format).therapies(therapies, output_for(out)) + "\n")
    return 0
