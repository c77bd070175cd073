"""`psylegal export`: the whole dataset as JSON, CSV (with its data package), Markdown or HTML.

With `-o FILE` the output is written atomically: into a temporary file in the same directory, then
moved over FILE in one step, so a failure leaves an existing FILE as it was. A CSV written with
`-o` gets its Frictionless descriptor, `datapackage.json`, beside it. With `--as-of DATE`, every
format gives the law as it stood at the end of DATE, and says so.
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile
from pathlib import Path
from typing import TextIO

from psylegal.commands import as_of_day, collector_paused, open_dataset
from psylegal.errors import UsageError, WriteError
from psylegal.render import exporter

DATAPACKAGE = "datapackage.json"
# Characters per write. One write of more than 2 GiB is cut short without an error (CPython 3.11
# writes 2,147,479,552 bytes of a 2.2 GB string to a redirected stdout and reports success), and the
# JSON export passes 2 GiB at 10,000 places. A piece of 256 Mi characters is at most 1 GiB in UTF-8.
PIECE = 256 * 1024 * 1024


def run(
    *,
    output_format: str,
    output: Path | None,
    therapy: str | None,
    data_dir: Path | None,
    as_of: str | None = None,
    today: datetime.date,
    out: TextIO,
    err: TextIO,
) -> int:
    # Options are checked before the data is read, so a mistake fails fast and writes nothing.
    write = exporter(output_format)
    day = as_of_day(as_of, today, "--as-of")
    if output is not None:
        _check_target(output)
        if output_format == "csv":
            _check_datapackage(output.parent / DATAPACKAGE)
    with collector_paused():  # it reads every place, as `list` does
        dataset = open_dataset(data_dir, today, err).export(therapy, as_of=day)
        text = write.export(dataset)
        text = text if text.endswith("\n") else text + "\n"
        files = {output: text} if output is not None else {}
        if output is not None and output_format == "csv":
            from psylegal.render.csv import datapackage

            files[output.parent / DATAPACKAGE] = datapackage(dataset, output.name)
        del dataset  # freed while paused, so that the collector resumes with no records to walk
    if output is None:
        write_in_pieces(out, text)
        return 0
    write_atomically(files)
    err.write(f"psylegal: wrote {', '.join(str(path) for path in files)}\n")
    return 0


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise UsageError(f"-o must name a file, not a directory: '{path}'")
    if not path.parent.is_dir():
        raise UsageError(f"-o: no such directory: '{path.parent}'")
    if path.name == DATAPACKAGE:
        raise UsageError(f"-o: '{DATAPACKAGE}' is the name of the CSV's descriptor; choose another name")


def _check_datapackage(path: Path) -> None:
    """Refuse to replace a `datapackage.json` that psylegal did not write: it belongs to someone else."""
    if not path.exists():
        return
    try:
        ours = json.loads(path.read_text(encoding="utf-8")).get("name") == "psylegal"
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        ours = False
    if not ours:
        raise UsageError(f"'{path}' exists and was not written by psylegal; write the CSV into another directory")


def write_atomically(files: dict[Path, str]) -> None:
    """Write each file through a temporary file beside it, then move them all into place.

    Nothing is replaced until every temporary file is written, so a failure (a full disk, a
    permission) leaves every existing file untouched and removes the temporary ones.
    """
    written: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            written.append((temporary, path))
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
                write_in_pieces(stream, text)
            os.chmod(temporary, _mode_for(path))
        for temporary, path in written:
            os.replace(temporary, path)
    except OSError as error:
        for temporary, _ in written:
            if os.path.exists(temporary):
                os.unlink(temporary)
        raise WriteError(f"cannot write '{error.filename}': {error.strerror}") from None


def write_in_pieces(stream: TextIO, text: str) -> None:
    """Write `text` whole, in writes small enough that none is silently cut short (see PIECE)."""
    for start in range(0, len(text), PIECE):
        stream.write(text[start : start + PIECE])


def _mode_for(path: Path) -> int:
    """An existing file keeps its permissions; a new one gets the usual ones (0666 less the umask)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
