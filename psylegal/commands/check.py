"""`psylegal check PLACE THERAPY`: one line and an exit code, for scripts.

Exit 0 when the therapy is `available` in the place, 1 for any other known status (named in the
line), 2 when the status is `unknown` or the question cannot be answered (a place or therapy that
matches nothing or several, bad data): the line then goes to stderr, as every error does.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.commands import as_of_day, open_dataset
from psylegal.errors import PsylegalError, UsageError
from psylegal.law.model import Status
from psylegal.query import PlaceAnswer
from psylegal.render.terminal import printable

AVAILABLE, OTHER, UNKNOWN = 0, 1, 2


def run(
    *,
    place: str,
    therapy: str,
    as_of: str | None = None,
    data_dir: Path | None,
    today: datetime.date,
    out: TextIO,
    err: TextIO,
) -> int:
    try:
        if not therapy.strip():
            raise UsageError("give a therapy: an id, a name or an alias such as 'psilocybin'")
        day = as_of_day(as_of, today, "--as-of")
        answer = open_dataset(data_dir, today, err).where(place, therapy, as_of=day)
    except PsylegalError as error:
        error.exit_code = UNKNOWN  # scripts read 2 as "no answer", whatever the reason
        raise
    out.write(line(answer) + "\n")
    status = answer.therapies[0].status
    if status is Status.AVAILABLE:
        return AVAILABLE
    return UNKNOWN if status is Status.UNKNOWN else OTHER


def line(answer: PlaceAnswer) -> str:
    """ "Oregon (us-or): psilocybin is available — Licensed program", then "; Coming: …" for an upcoming route."""
    from psylegal.render.text import access_summary, coming_summary

    [result] = answer.therapies
    place = f"{answer.place.name} ({answer.place.id})"
    if answer.town is not None:
        place = f"{answer.town.town.name}, governed by {place}"
    verb, when = ("was", f" on {answer.as_of}") if answer.as_of is not None else ("is", "")
    coming = coming_summary(result)
    access = access_summary(result) + (f"; {coming}" if coming else "")
    return printable(f"{place}: {result.therapy.id} {verb} {result.status.value}{when} — {access}")
