"""`psylegal find THERAPY`: places where a therapy can be had now by such a person, nearest first."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.commands import as_of_day, open_dataset, render_paused
from psylegal.render.terminal import output_for


def run(
    *,
    therapy: str,
    origin: str | None,
    routes: list[str],
    no_diagnosis: bool,
    non_resident: bool,
    age: int | None,
    statuses: list[str],
    as_of: str | None = None,
    output_format: str,
    data_dir: Path | None,
    today: datetime.date,
    out: TextIO,
    err: TextIO,
) -> int:
    day = as_of_day(as_of, today, "--as-of")
    from psylegal.render import find as render
    from psylegal.render.json import dump_large

    text = render_paused(
        lambda: open_dataset(data_dir, today, err).find(
            therapy,
            origin=origin,
            routes=routes,
            no_diagnosis=no_diagnosis,
            non_resident=non_resident,
            age=age,
            statuses=statuses,
            as_of=day,
        ),
        lambda answer: (
            dump_large(render.document(answer)) if output_format == "json" else render.text(answer, output_for(out))
        ),
    )
    out.write(text + "\n")
    return 0
