"""`psylegal therapy NAME`: where one therapy stands everywhere, grouped by status."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.commands import as_of_day, open_dataset, parse_choice
from psylegal.law.model import Status
from psylegal.render import renderer
from psylegal.render.terminal import output_for


def run(
    *,
    name: str,
    status: str | None,
    output_format: str,
    data_dir: Path | None,
    as_of: str | None = None,
    today: datetime.date,
    out: TextIO,
    err: TextIO,
) -> int:
    wanted = parse_choice(status, Status, "--status")
    day = as_of_day(as_of, today, "--as-of")
    dataset = open_dataset(data_dir, today, err)
    overview = dataset.therapy(name, status=wanted, as_of=day)
    out.write(renderer(output_format).therapy(overview, output_for(out)) + "\n")
    return 0
