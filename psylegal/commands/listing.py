"""`psylegal list`: every place at a glance, as a grid of effective statuses."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.commands import as_of_day, open_dataset, parse_choice, render_paused
from psylegal.law.model import Kind, Route, Status
from psylegal.render import renderer
from psylegal.render.terminal import output_for


def run(
    *,
    kind: str | None,
    parent: str | None,
    therapy: str | None,
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
    # Options are read before the data, so a typo fails fast and names the option as typed.
    wanted_kind = parse_choice(kind, Kind, "--kind")
    wanted_status = parse_choice(status, Status, "--status")
    wanted_route = parse_choice(route, Route, "--route")
    day = as_of_day(as_of, today, "--as-of")
    text = render_paused(
        lambda: open_dataset(data_dir, today, err).places(
            kind=wanted_kind,
            parent=parent,
            therapy=therapy,
            status=wanted_status,
            route=wanted_route,
            no_diagnosis=no_diagnosis,
            non_resident=non_resident,
            as_of=day,
        ),
        lambda listing: renderer(output_format).places(listing, output_for(out)),
    )
    out.write(text + "\n")
    return 0
