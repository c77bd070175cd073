"""Problem reports in every format: text lines, JSON, and GitHub Actions annotations.

Problems arrive keyed by the real path of their file; here, at the edge, a path inside the working
directory is shown relative to it (as editors and CI logs expect), any other path in full.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from psylegal.data.problems import Problem, Severity

FORMATS = ("text", "json", "github")
SCHEMA_VERSION = 1


def display_path(file: str) -> str:
    """A path as the user should see it: relative to the working directory when inside it."""
    path = Path(file)
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return file


def shown(problem: Problem) -> Problem:
    return dataclasses.replace(problem, file=display_path(problem.file))


def text_line(problem: Problem) -> str:
    """`file:line:col: key.path: message [rule]`, the form editors and CI logs understand."""
    return shown(problem).as_line()


def github_line(problem: Problem) -> str:
    """A GitHub Actions workflow command, which shows as an annotation on the pull request."""
    level = "error" if problem.severity is Severity.ERROR else "warning"
    message = f"{problem.path}: {problem.message}" if problem.path else problem.message
    message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    file = display_path(problem.file).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    return f"::{level} file={file},line={problem.line},col={problem.column},title={problem.rule}::{message}"


def problems_json(problems: Sequence[Problem], files: int) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "files": files,
        "problems": [
            {
                "file": display_path(p.file),
                "line": p.line,
                "column": p.column,
                "path": p.path,
                "message": p.message,
                "rule": p.rule,
                "severity": p.severity.value,
            }
            for p in problems
        ],
    }


def summary(problems: Sequence[Problem], files: int) -> str:
    """The closing count: `2 problems (1 error, 1 warning) in 2 of 8 files.`"""
    if not problems:
        return f"No problems in {files} file{'s' if files != 1 else ''}."
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    parts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    parts += [f"{warnings} warning{'s' if warnings != 1 else ''}"] if warnings else []
    affected = len({p.file for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{len(problems)} {noun} ({', '.join(parts)}) in {affected} of {files} files."


def report(problems: Sequence[Problem], files: int, output: str) -> str:
    """The whole report in one format."""
    if output == "json":
        from psylegal.render.json import dump_large  # one problem per line of data at worst: it can be large

        return dump_large(problems_json(problems, files)) + "\n"
    line = github_line if output == "github" else text_line
    return "".join(line(p) + "\n" for p in problems) + summary(problems, files) + "\n"
