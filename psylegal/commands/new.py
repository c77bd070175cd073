"""`psylegal new`: write a commented scaffold for a new jurisdiction, never over an existing file."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import TextIO

from psylegal.commands import parse_choice
from psylegal.data.catalog import Catalog
from psylegal.data.locate import locate_data_dir, packaged_data_dir
from psylegal.data.scaffold import scaffold
from psylegal.data.shape import JURISDICTION_ID_PATTERN
from psylegal.errors import PsylegalError, UsageError
from psylegal.law.model import Kind


def run(ident: str, name: str, kind: str, parent: str | None, data_dir: Path | None, out: TextIO) -> int:
    # The id becomes a file name, so it must match the id pattern exactly: no '/', '..' or dots.
    if not re.fullmatch(JURISDICTION_ID_PATTERN, ident):
        raise UsageError(f"id '{ident}' is not of the form 'us-co' (lowercase ISO code, or <parent-id>-<name-slug>)")
    place_kind = parse_choice(kind, Kind, "--kind")
    if place_kind is None:
        raise UsageError("--kind is required")
    if not name.strip() or not name.isprintable():
        raise UsageError("--name must be printable text")
    if place_kind is Kind.COUNTRY:
        if parent:
            raise UsageError("a country has no --parent")
    elif not parent:
        raise UsageError(f"a {place_kind.value} needs --parent (the id of the place it is in)")
    directory = locate_data_dir(data_dir)
    if directory == packaged_data_dir():
        raise UsageError(
            "will not write into the installed package;"
            " pass --data-dir (or set PSYLEGAL_DATA) to your jurisdictions/ checkout"
        )
    if parent:
        catalog = Catalog.load(directory)
        if parent not in catalog.places:
            raise UsageError(f"parent '{parent}' does not exist in {directory}")
        if not ident.startswith(parent + "-"):
            raise UsageError(f"id '{ident}' must start with its parent's id '{parent}-'")
    target = directory / f"{ident}.yaml"
    write_new(target, scaffold(ident, name.strip(), place_kind, parent))
    out.write(f"Wrote {target}\nReplace every FILL-IN, then check it with: psylegal validate {target}\n")
    return 0


def write_new(target: Path, text: str) -> None:
    """Write `text` to `target` only if nothing is there, and never leave a partial file.

    The text goes to a temporary file first; a hard link then publishes it, and fails atomically
    if the target appeared meanwhile.
    """
    if target.exists():
        raise PsylegalError(f"{target} already exists; refusing to overwrite it")
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".tmp")
    except OSError as error:
        raise PsylegalError(f"cannot write {target}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise PsylegalError(f"{target} already exists; refusing to overwrite it") from None
    except OSError as error:
        raise PsylegalError(f"cannot write {target}: {error.strerror}") from None
    finally:
        os.unlink(temporary)
