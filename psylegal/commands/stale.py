"""`psylegal stale`: the maintainers' queue of facts that may have gone out of date."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.commands import open_dataset
from psylegal.render import tracking_renderer
from psylegal.render.terminal import output_for


def run(
    *,
    days: int | None,
    output_format: str,
    data_dir: Path | None,
    today: datetime.date,
    out: TextIO,
    err: TextIO,
) -> int:
    queue = open_dataset(data_dir, today, err).stale(days=days)
    out.write(tracking_renderer(output_format).stale(queue, output_for(out)) + "\n")
    return 0
