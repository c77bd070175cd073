"""`psylegal where PLACE`: every therapy's status in one place, layer by layer, with sources."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.commands import as_of_day, open_dataset
from psylegal.render import renderer
from psylegal.render.terminal import output_for


def run(
    *,
    place: str,
    therapy: str | None,
    output_format: str,
    data_dir: Path | None,
    as_of: str | None = None,
    today: datetime.date,
    out: TextIO,
    err: TextIO,
    pager: bool = False,
    full: bool = False,
) -> int:
    day = as_of_day(as_of, today, "--as-of")
    dataset = open_dataset(data_dir, today, err)
    answer = dataset.where(place, therapy, as_of=day)
    text = renderer(output_format).where(answer, output_for(out)._replace(full=full)) + "\n"
    if pager and output_format == "text" and out.isatty():  # the pager module loads only for a terminal
        from psylegal.render.pager import show

        show(text, out)
    else:
        out.write(text)
    return 0
