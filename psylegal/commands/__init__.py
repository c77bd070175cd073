"""One module per command. Each exposes `run(...)`: plain values in, an exit code out."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TextIO, TypeVar

from psylegal.data.catalog import Catalog, locate_data_dir
from psylegal.errors import UsageError

Choice = TypeVar("Choice", bound=Enum)


def open_catalog(data_dir: Path | None, err: TextIO) -> Catalog:
    """Load the data, and say on stderr which broken files were left out of the answers."""
    catalog = Catalog.load(locate_data_dir(data_dir))
    if catalog.broken:
        from psylegal.render.problems import display_path, text_line

        files = [display_path(p.file) for p in catalog.broken]
        shown = ", ".join(files[:3]) + (", …" if len(files) > 3 else "")
        first = "".join(ch if ch.isprintable() else "?" for ch in text_line(catalog.broken[0]))
        err.write(
            f"psylegal: warning: {len(files)} data file(s) have problems and were left out"
            f" ({shown}); the first: {first}; run 'psylegal validate'\n"
        )
    return catalog


def parse_choice(value: str | None, enum: type[Choice], option: str) -> Choice | None:
    """An option value from a closed vocabulary, or a usage error listing the allowed values."""
    if value is None:
        return None
    try:
        return enum(value.strip().lower())
    except ValueError:
        allowed = ", ".join(str(member.value) for member in enum)
        raise UsageError(f"{option} must be one of {allowed}; got '{value}'") from None
