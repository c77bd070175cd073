"""`psylegal validate`: every problem in the data, one line each, then a count."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import TextIO

from psylegal.data.locate import DATA_SUFFIX, NEAR_SUFFIXES, locate_data_dir
from psylegal.data.problems import Problem, Severity
from psylegal.data.validation import check_directory
from psylegal.errors import UsageError
from psylegal.render.problems import FORMATS, report


def targets(paths: list[Path], data_dir: Path | None) -> list[tuple[Path, list[str] | None]]:
    """Which data directories to check and, for each, which file names in it (None: all of them).

    A file is named by where it is, not where a symbolic link leads: the pipeline then refuses a
    link that leads out of its data directory instead of reading it.
    """
    if not paths:
        return [(locate_data_dir(data_dir), None)]
    chosen: dict[Path, list[str] | None] = {}
    for path in paths:
        if path.is_dir():
            chosen[locate_data_dir(path)] = None
        elif path.name.endswith((DATA_SUFFIX, *NEAR_SUFFIXES)) and (path.exists() or path.is_symlink()):
            directory = path.absolute().parent.resolve()
            names = chosen.setdefault(directory, [])
            if names is not None and path.name not in names:
                names.append(path.name)
        elif path.exists():
            raise UsageError(f"'{path}' is not a data file: data files end in '{DATA_SUFFIX}'")
        else:
            raise UsageError(f"'{path}' is neither a file nor a directory")
    return list(chosen.items())


def run(paths: list[Path], data_dir: Path | None, output: str, strict: bool, out: TextIO, today: datetime.date) -> int:
    if output not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}; got '{output}'")
    problems: list[Problem] = []
    files = 0
    for directory, only in targets(paths, data_dir):
        checked = check_directory(directory, today, only)
        problems += checked.problems
        files += len(checked.files)
    if strict:
        problems = [dataclasses.replace(p, severity=Severity.ERROR) for p in problems]
    out.write(report(problems, files, output))
    return 1 if any(p.severity is Severity.ERROR for p in problems) else 0
