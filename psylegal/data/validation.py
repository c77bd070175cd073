"""The per-file pipeline: read → parse → check one file into a verdict; then the cross-file pass.

A file's verdict (its own problems, a small summary for the cross-file rules, and its data when it
has no errors of its own) depends only on its bytes, the therapy catalog's ids and, through the
date rules, on today. So that a cached verdict can be reused on another day, it carries the range
of days over which it cannot change: the date rules compare today with a date written in the file
(`future-date`) or with that date plus REVIEW_STALE_AFTER_DAYS (`stale-review`), so the verdict
can only change on one of those days. A new kind of date rule must add its offset to DATE_OFFSETS.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from psylegal.data.checks import Summary, check_across, check_catalog, check_jurisdiction, parse_date
from psylegal.data.loader import FileStamp, iter_strings, parse_bytes, read_data_file
from psylegal.data.locate import DATA_SUFFIX
from psylegal.data.problems import Problem, Severity
from psylegal.law.model import CATALOG_FILE, REVIEW_STALE_AFTER_DAYS, THERAPY_IDS
from psylegal.law.names import normalise

DATE_OFFSETS = (0, REVIEW_STALE_AFTER_DAYS + 1)
ALWAYS = (0, 1 << 30)  # a window of day ordinals that holds every day

# Names read from a file too broken to parse, so that a lookup can still say where a place lives.
_NAME_LINE = re.compile(r"^(?:id|name):[ \t]*[\"']?([^\"'#\n]+?)[\"']?[ \t]*(?:#.*)?$", re.MULTILINE)


@dataclass
class Verdict:
    """Everything the pipeline keeps about one data file, keyed by its name in the data directory."""

    name: str
    stamp: FileStamp | None = None
    digest: str | None = None
    window: tuple[int, int] = ALWAYS
    context: str = ""  # the therapy ids the file was judged against
    problems: list[Problem] = field(default_factory=list)
    summary: Summary | None = None
    data: Any = None  # the parsed data, kept only when the file has no errors of its own
    names: list[str] = field(default_factory=list)  # normalised names it claims, even when broken

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)


def therapy_context(therapy_ids: list[str]) -> str:
    return ",".join(therapy_ids)


def check_file(data_dir: Path, name: str, therapy_ids: list[str], today: datetime.date) -> Verdict:
    """Read, parse and check one file of a (resolved) data directory on its own."""
    verdict = Verdict(name, context=therapy_context(therapy_ids))
    if not name.endswith(DATA_SUFFIX):
        stem = name.rsplit(".", 1)[0]
        message = f"data files end in '{DATA_SUFFIX}'; rename it to '{stem}{DATA_SUFFIX}' to have it read"
        verdict.problems = [Problem(name, 1, 1, "", message, "file-name")]
        return verdict
    path = data_dir / name
    outcome = read_data_file(path, data_dir)
    if isinstance(outcome, str):
        verdict.problems = [Problem(name, 1, 1, "", outcome, "file-read")]
        verdict.names = [normalise(path.stem)]
        return verdict
    raw, verdict.stamp = outcome
    verdict.digest = digest(raw)
    document, problems = parse_bytes(raw, path, name)
    if document is not None:
        if name == CATALOG_FILE:
            problems += check_catalog(document, name, today)
        else:
            problems += check_jurisdiction(document, name, therapy_ids, today)
            verdict.summary = Summary.of(document, name)
        verdict.window = window(document.data, today)
    verdict.problems = sorted(problems, key=lambda p: (p.line, p.column, p.rule))
    verdict.names = claimed_names(document.data if document else None, raw, path.stem)
    if document is not None and not verdict.has_errors:
        verdict.data = document.data
    return verdict


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 256


def check_files(data_dir: Path, names: list[str], therapy_ids: list[str], today: datetime.date) -> Iterator[Verdict]:
    """`check_file` for many files; in worker processes when there are many and more than one CPU."""
    workers = min(os.cpu_count() or 1, 8)
    if len(names) < PARALLEL_FROM or workers < 2:
        for name in names:
            yield check_file(data_dir, name, therapy_ids, today)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunks = [names[i : i + 64] for i in range(0, len(names), 64)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for verdicts in pool.map(_check_chunk, [(data_dir, chunk, therapy_ids, today) for chunk in chunks]):
            yield from verdicts


def _check_chunk(job: tuple[Path, list[str], list[str], datetime.date]) -> list[Verdict]:
    data_dir, names, therapy_ids, today = job
    return [check_file(data_dir, name, therapy_ids, today) for name in names]


def digest(raw: bytes) -> str:
    import hashlib

    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def window(data: Any, today: datetime.date) -> tuple[int, int]:
    """The day ordinals [low, high) around today over which no date rule can change its verdict."""
    now = today.toordinal()
    low, high = ALWAYS
    for text in iter_strings(data):
        parsed = parse_date(text) if len(text) <= 10 else None
        if parsed is None:
            continue
        for offset in DATE_OFFSETS:
            flip = parsed.toordinal() + offset
            if flip <= now:
                low = max(low, flip)
            else:
                high = min(high, flip)
    return low, high


def claimed_names(data: Any, raw: bytes, stem: str) -> list[str]:
    """The normalised id, name and aliases a file claims, read as best one can from a broken file."""
    names: list[Any] = [stem]
    if isinstance(data, dict):
        aliases = data.get("aliases")
        names += [data.get("id"), data.get("name"), *(aliases if isinstance(aliases, list) else ())]
    else:
        names += _NAME_LINE.findall(raw.decode("utf-8", "replace")[:4096])
    return sorted({normalise(n) for n in names if isinstance(n, str) and normalise(n)})


def catalog_ids(verdict: Verdict) -> list[str]:
    """The therapy ids a catalog file declares (the built-in list when it cannot be read)."""
    data = verdict.data
    if isinstance(data, dict) and isinstance(data.get("therapies"), dict):
        return [t for t in data["therapies"] if isinstance(t, str)]
    return list(THERAPY_IDS)


def cross_problems(verdicts: list[Verdict]) -> list[Problem]:
    """The cross-file rules over the summaries of every jurisdiction file, in file-name order."""
    summaries = [v.summary for v in sorted(verdicts, key=lambda v: v.name.rsplit(".", 1)[0]) if v.summary is not None]
    return check_across(summaries)


@dataclass
class Report:
    """Every problem found in the chosen files of one data directory, files named by real path."""

    data_dir: Path
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def check_directory(data_dir: Path, today: datetime.date, only: list[str] | None = None) -> Report:
    """Check the catalog and every data file of a (resolved) data directory.

    With `only` (file names in the directory), problems are kept for those files alone, but every
    file is still judged so that cross-file rules see the chosen files against the whole set. The
    per-file verdicts come from the cache when a file is unchanged.
    """
    from psylegal.data import store

    with store.open_store(data_dir, today) as opened:
        names, problems = opened.all_problems()
        therapy_ids = catalog_ids(Verdict(CATALOG_FILE, data=opened.therapies_data()))
    if only is not None:
        # A chosen file the directory scan does not list (a hidden name, say) is still judged on its own.
        problems += [p for n in only if n not in names for p in check_file(data_dir, n, therapy_ids, today).problems]
        wanted = set(only)
        names = list(only)
        problems = [p for p in problems if p.file in wanted]
    root = str(data_dir)
    return Report(
        data_dir,
        [f"{root}/{n}" for n in names],
        sorted((_located(p, root) for p in problems), key=lambda p: (p.file, p.line, p.column, p.rule)),
    )


def _located(problem: Problem, root: str) -> Problem:
    return Problem(
        f"{root}/{problem.file}",
        problem.line,
        problem.column,
        problem.path,
        problem.message,
        problem.rule,
        problem.severity,
    )
