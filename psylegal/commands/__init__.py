"""One module per command. Each exposes `run(*, ...)`: keyword arguments in, an exit code out.

Commands call the public API (psylegal.api), as any script would, and hand its answer records to a
renderer chosen by format name (psylegal.render).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO, TypeVar

from psylegal.api import Dataset, as_of_day, load, parse_choice
from psylegal.render.terminal import plural, printable

__all__ = ["as_of_day", "collector_paused", "open_dataset", "parse_choice", "render_paused"]

Record = TypeVar("Record")


def open_dataset(data_dir: Path | None, today: datetime.date, err: TextIO) -> Dataset:
    """Load the data, and say on stderr which broken files were left out of the answers."""
    dataset = load(data_dir, today=today)
    if dataset.broken:
        from psylegal.render.problems import display_path, text_line

        files = [display_path(p.file) for p in dataset.broken]
        shown = printable(", ".join(files[:3]) + (", …" if len(files) > 3 else ""))
        first = printable(text_line(dataset.broken[0]))
        err.write(
            f"psylegal: warning: left out {plural(len(files), 'data file')} with problems ({shown});"
            f" the first: {first}; run 'psylegal validate'\n"
        )
    return dataset


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run a command that reads every place with Python's cyclic garbage collector paused.

    Reading 10,000 places makes millions of objects, and each full collection walks every one of
    them: about 1.4 of the 3.7 s of `list --json` at 10,000 places. The records, answers and
    documents hold no reference cycles, so reference counting frees them all the same: the peak
    memory of `list --json` at 10,000 places is the same with the collector paused, from a cold cache
    too (569 MB, 566 MB running). The collector is left as it was found.
    """
    import gc  # only the listings need it, never a lookup

    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def render_paused(build: Callable[[], Record], render: Callable[[Record], str]) -> str:
    """Build the record of a command that reads every place and render it, with the collector paused.

    The record is freed before the collector resumes, so that it has no records to walk.
    """
    with collector_paused():
        record = build()
        text = render(record)
        del record
    return text
