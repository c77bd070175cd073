"""The Problem record: one thing wrong with the data, located by file, line, column and key path."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    path: str
    message: str
    rule: str
    severity: Severity = Severity.ERROR

    def as_line(self) -> str:
        """`file:line:col: key.path: message [rule]`, the form editors and CI logs understand."""
        where = f"{self.path}: " if self.path else ""
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.file}:{self.line}:{self.column}: {where}{prefix}{self.message} [{self.rule}]"
