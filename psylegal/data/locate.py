"""Which data directory a command reads (`--data-dir`, `$PSYLEGAL_DATA`, or the shipped data), and
which names in it are data files."""

from __future__ import annotations

import os
from pathlib import Path

from psylegal.errors import DataError
from psylegal.law.model import CATALOG_FILE

DATA_SUFFIX = ".yaml"
# Names that look like data files but are not read, so that validate can say why.
NEAR_SUFFIXES = (".yml", ".YAML", ".YML", ".Yaml")

_PACKAGE = Path(__file__).resolve().parent.parent  # psylegal/, where a wheel puts _data


def packaged_data_dir() -> Path:
    """Where a wheel installs the data (absent in a source checkout)."""
    return _PACKAGE / "_data"


def locate_data_dir(option: Path | None = None) -> Path:
    """`--data-dir`, else `$PSYLEGAL_DATA`, else the data shipped in the wheel, else the checkout's.

    The result is resolved (symbolic links followed), so that everything keyed by a data file's
    path names the real file, whatever the working directory.
    """
    if option is not None:
        chosen, origin = option, "--data-dir"
    elif os.environ.get("PSYLEGAL_DATA"):
        chosen, origin = Path(os.environ["PSYLEGAL_DATA"]), "PSYLEGAL_DATA"
    else:
        for candidate in (packaged_data_dir(), _PACKAGE.parent / "jurisdictions"):
            if (candidate / CATALOG_FILE).is_file():
                return candidate.resolve()
        raise DataError("psylegal's data is missing from this installation; reinstall it")
    if not chosen.is_dir():
        raise DataError(f"{origin}: '{chosen}' is not a directory")
    if not (chosen / CATALOG_FILE).is_file():
        raise DataError(f"{origin}: '{chosen}' has no {CATALOG_FILE}; point it at a jurisdictions/ directory")
    return chosen.resolve()


def data_file_names(directory: Path) -> list[str]:
    """The names in a data directory that are, or look like, data files, in a stable order.

    Hidden names (editor lock and swap files, our own temporary files) are not data. Names ending
    in `.yml` are listed so that validation can refuse them with a message rather than ignore them.
    """
    with os.scandir(directory) as scan:
        return sorted(
            entry.name
            for entry in scan
            if not entry.name.startswith(".") and entry.name.endswith((DATA_SUFFIX, *NEAR_SUFFIXES))
        )
