"""`psylegal changes`: what changed across places, newest first, or what is coming (`--upcoming`)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.commands import open_dataset, render_paused
from psylegal.errors import UsageError
from psylegal.render import feed_renderer
from psylegal.render.terminal import output_for


def run(
    *,
    since: str | None,
    until: str | None,
    place: str | None,
    therapy: str | None,
    kind: str | None,
    upcoming: bool,
    output_format: str | None,
    as_json: bool,
    data_dir: Path | None,
    today: datetime.date,
    out: TextIO,
    err: TextIO,
) -> int:
    if as_json and output_format not in (None, "json"):
        raise UsageError(f"--json and --format {output_format} ask for two formats; give one")
    chosen = "json" if as_json else output_format or "text"
    render = feed_renderer(chosen)  # a bad format fails before the data is read
    from psylegal.tracking import parse_change_type

    parse_change_type(kind)
    first, last = _day(since, "--since"), _day(until, "--until")
    text = render_paused(
        lambda: open_dataset(data_dir, today, err).changes(
            since=first, until=last, place=place, therapy=therapy, type=kind, upcoming=upcoming
        ),
        lambda feed: render.changes(feed, output_for(out)),
    )
    out.write(text + "\n")
    return 0


def _day(value: str | None, name: str) -> str | None:
    """Check a date option early, so a typo fails before the data is read, naming the option."""
    if value is not None:
        from psylegal.api import parse_day

        parse_day(value, name)
    return value
