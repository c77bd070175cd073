"""`psylegal stale`: the maintainers' queue of facts that may have gone out of date, and of unknown answers."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.commands import collector_paused, open_dataset, parse_choice
from psylegal.render import tracking_renderer
from psylegal.render.terminal import output_for


def run(
    *,
    days: int | None,
    kinds: list[str],
    output_format: str,
    data_dir: Path | None,
    today: datetime.date,
    out: TextIO,
    err: TextIO,
) -> int:
    from psylegal.tracking import StaleKind

    wanted = [parse_choice(kind, StaleKind, "--kind") for kind in kinds]  # before reading any data
    with collector_paused():  # it reads every place, as `list` does
        queue = open_dataset(data_dir, today, err).stale(days=days, kinds=[kind for kind in wanted if kind is not None])
        text = tracking_renderer(output_format).stale(queue, output_for(out))
        del queue  # freed while paused, so that the collector resumes with no records to walk
    out.write(text + "\n")
    return 0
