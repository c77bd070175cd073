"""`psylegal stale`: the maintainers' queue of facts that may have gone out of date, and of unknown answers."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.commands import open_dataset, parse_choice, render_paused
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
    kept = [kind for kind in wanted if kind is not None]
    text = render_paused(
        lambda: open_dataset(data_dir, today, err).stale(days=days, kinds=kept),
        lambda queue: tracking_renderer(output_format).stale(queue, output_for(out)),
    )
    out.write(text + "\n")
    return 0
