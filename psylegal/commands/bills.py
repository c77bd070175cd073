"""`psylegal bills`: bills and ballot measures with their stage, newest first."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.commands import open_dataset, parse_choice, render_paused
from psylegal.law.model import BillStage
from psylegal.render import tracking_renderer
from psylegal.render.terminal import output_for


def run(
    *,
    place: str | None,
    therapy: str | None,
    stage: str | None,
    output_format: str,
    data_dir: Path | None,
    today: datetime.date,
    out: TextIO,
    err: TextIO,
) -> int:
    wanted = parse_choice(stage, BillStage, "--stage")
    text = render_paused(
        lambda: open_dataset(data_dir, today, err).bills(place=place, therapy=therapy, stage=wanted),
        lambda listing: tracking_renderer(output_format).bills(listing, output_for(out)),
    )
    out.write(text + "\n")
    return 0
