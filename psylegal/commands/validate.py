"""`psylegal validate`: every problem in the data, one line each, then a count."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import TextIO

from psylegal.data.catalog import locate_data_dir
from psylegal.data.problems import Problem, Severity
from psylegal.data.validation import check_directory
from psylegal.errors import UsageError

FORMATS = ("text", "json", "github")


def targets(paths: list[Path], data_dir: Path | None) -> list[tuple[Path, list[Path] | None]]:
    """Which data directories to check and, for each, which files (None: all of them)."""
    if not paths:
        return [(locate_data_dir(data_dir), None)]
    chosen: dict[Path, list[Path] | None] = {}
    for path in paths:
        if path.is_dir():
            chosen[locate_data_dir(path)] = None
        elif path.is_file():
            directory = path.resolve().parent
            if chosen.get(directory, []) is not None:
                chosen.setdefault(directory, []).append(path.resolve())  # type: ignore[union-attr]
        else:
            raise UsageError(f"'{path}' is neither a file nor a directory")
    return list(chosen.items())


def run(paths: list[Path], data_dir: Path | None, output: str, strict: bool, out: TextIO, today: datetime.date) -> int:
    if output not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}; got '{output}'")
    problems: list[Problem] = []
    files: list[str] = []
    for directory, only in targets(paths, data_dir):
        report = check_directory(directory, today, only)
        problems += report.problems
        files += report.files
    if strict:
        problems = [dataclasses.replace(p, severity=Severity.ERROR) for p in problems]
    errors = sum(p.severity is Severity.ERROR for p in problems)
    if output == "json":
        from psylegal.render.json import dump, problems_json

        out.write(dump(problems_json(problems, len(files))) + "\n")
    else:
        for problem in problems:
            out.write((github_line(problem) if output == "github" else problem.as_line()) + "\n")
        out.write(summary(problems, len(files)) + "\n")
    return 1 if errors else 0


def github_line(problem: Problem) -> str:
    """A GitHub Actions workflow command, which shows as an annotation on the pull request."""
    level = "error" if problem.severity is Severity.ERROR else "warning"
    message = f"{problem.path}: {problem.message}" if problem.path else problem.message
    message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{level} file={problem.file},line={problem.line},col={problem.column},title={problem.rule}::{message}"


def summary(problems: list[Problem], files: int) -> str:
    if not problems:
        return f"No problems in {files} file{'s' if files != 1 else ''}."
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    parts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    parts += [f"{warnings} warning{'s' if warnings != 1 else ''}"] if warnings else []
    affected = len({p.file for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{len(problems)} {noun} ({', '.join(parts)}) in {affected} of {files} files."
