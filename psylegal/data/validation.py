"""Check a whole data directory (or chosen files) and report every problem."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from psylegal.data.checks import check_across, check_catalog, check_jurisdiction
from psylegal.data.loader import Document, data_files, parse_file
from psylegal.data.problems import Problem, Severity
from psylegal.law.model import CATALOG_FILE, THERAPY_IDS


@dataclass
class Report:
    """Every problem found, plus the parsed documents (for loading what is valid)."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    jurisdictions: dict[str, tuple[Document, str]] = field(default_factory=dict)
    catalog: Document | None = None

    def errors_in(self, display: str) -> bool:
        return any(p.file == display and p.severity is Severity.ERROR for p in self.problems)


def check_directory(data_dir: Path, today: datetime.date, only: list[Path] | None = None) -> Report:
    """Check the catalog and every jurisdiction file of a data directory.

    With `only`, problems are kept for those files alone, but every file is still read so that
    cross-file rules (parents, alias collisions) judge the chosen files against the whole set.
    """
    report = Report()
    catalog_path = data_dir / CATALOG_FILE
    therapy_ids: list[str] = list(THERAPY_IDS)
    display_catalog = _display(catalog_path)
    document, problems = parse_file(catalog_path, display_catalog)
    report.files.append(display_catalog)
    report.problems += problems
    if document is not None:
        report.problems += check_catalog(document, display_catalog, today)
        report.catalog = document
        if isinstance(document.data, dict) and isinstance(document.data.get("therapies"), dict):
            therapy_ids = [t for t in document.data["therapies"] if isinstance(t, str)]
    for path in data_files(data_dir):
        if path.name == CATALOG_FILE:
            continue
        display = _display(path)
        report.files.append(display)
        document, problems = parse_file(path, display)
        report.problems += problems
        if document is None:
            continue
        report.problems += check_jurisdiction(document, display, therapy_ids, today)
        report.jurisdictions[path.stem] = (document, display)
    report.problems += check_across(report.jurisdictions)
    if only is not None:
        wanted = {_display(p) for p in only}
        report.files = [f for f in report.files if f in wanted]
        report.problems = [p for p in report.problems if p.file in wanted]
    report.problems.sort(key=lambda p: (p.file, p.line, p.column, p.rule))
    return report


def _display(path: Path) -> str:
    """Show paths relative to the working directory when possible, as editors and CI expect."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
