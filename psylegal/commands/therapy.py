"""`psylegal therapy NAME`: where one therapy stands everywhere, grouped by status."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.commands import as_of_day, open_dataset, parse_choice, render_paused
from psylegal.law.model import Route, Status
from psylegal.render import renderer
from psylegal.render.terminal import output_for


def run(
    *,
    name: str,
    status: str | None,
    route: str | None = None,
    no_diagnosis: bool = False,
    non_resident: bool = False,
    output_format: str,
    data_dir: Path | None,
    as_of: str | None = None,
    today: datetime.date,
    out: TextIO,
    err: TextIO,
) -> int:
    wanted = parse_choice(status, Status, "--status")
    wanted_route = parse_choice(route, Route, "--route")
    day = as_of_day(as_of, today, "--as-of")
    text = render_paused(
        lambda: open_dataset(data_dir, today, err).therapy(
            name, status=wanted, route=wanted_route, no_diagnosis=no_diagnosis, non_resident=non_resident, as_of=day
        ),
        lambda overview: renderer(output_format).therapy(overview, output_for(out)),
    )
    out.write(text + "\n")
    return 0
