"""`psylegal compare PLACE PLACE [PLACE…]`: places side by side, with the therapies they differ on marked."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.commands import as_of_day, open_dataset
from psylegal.errors import UsageError
from psylegal.render.terminal import output_for


def run(
    *,
    places: list[str],
    therapies: list[str],
    as_of: str | None = None,
    output_format: str,
    data_dir: Path | None,
    today: datetime.date,
    out: TextIO,
    err: TextIO,
) -> int:
    if len(therapies) > 1:
        raise UsageError("compare shows one --therapy or all of them; give --therapy once")
    day = as_of_day(as_of, today, "--as-of")
    dataset = open_dataset(data_dir, today, err)
    comparison = dataset.compare(places, therapy=therapies[0] if therapies else None, as_of=day)
    from psylegal.render import compare as render
    from psylegal.render.json import dump

    if output_format == "json":
        out.write(dump(render.document(comparison)) + "\n")
    else:
        out.write(render.text(comparison, output_for(out)) + "\n")
    return 0
