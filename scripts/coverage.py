#!/usr/bin/env python3
"""Write the README's coverage table and "Limits of the data" from the data, never by hand.

    python scripts/coverage.py            # print what the two README blocks should hold
    python scripts/coverage.py --write    # rewrite them in README.md
    python scripts/coverage.py --check    # exit 1 when README.md differs (tests/test_docs.py does the same)

The blocks sit between `<!-- coverage:start -->` / `<!-- coverage:end -->` and
`<!-- limits:start -->` / `<!-- limits:end -->`. Counts are of effective answers (one per place and
therapy, after layering), the same answers `psylegal list` shows.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import textwrap
from collections import Counter
from pathlib import Path

import psylegal
from psylegal.api import Dataset
from psylegal.law.model import Kind, Status

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DATA = ROOT / "jurisdictions"
BLOCKS = ("coverage", "limits")
MOST_UNKNOWN_SHOWN = 6

# What no count can say; kept here so the whole paragraph comes from one place.
LIMITS_TAIL = (
    'Many US "nothing of its own" states and many smaller countries rest on trackers, guides and'
    " secondary summaries rather than an official text; each file's sources and notes say which."
    " Programs change quickly: a `pending` program may open, and a pilot may stall. Check the date a"
    " file was reviewed."
)


def coverage_block(dataset: Dataset) -> str:
    places = [row.place for row in dataset.places().rows]
    counts = Counter(place.kind for place in places)
    lines = ["| kind | places |", "| --- | --- |"]
    lines += [f"| {kind.value} | {counts[kind]} |" for kind in Kind if counts[kind]]
    lines.append(f"| **total** | **{len(places)}** |")
    by_country: dict[str, list[str]] = {}
    names = {place.id: place.name for place in places}
    for place in places:
        if place.kind in (Kind.STATE, Kind.PROVINCE, Kind.TERRITORY) and place.parent and place.parent != "us":
            by_country.setdefault(place.parent, []).append(place.name)
    outside_us = "; ".join(
        f"{names[country]}: {', '.join(sorted(subdivisions))}" for country, subdivisions in sorted(by_country.items())
    )
    lines += [
        "",
        _wrap(
            f"It also covers {counts[Kind.COUNTRY]} countries, and, where their own law differs from the"
            f" country's, {sum(map(len, by_country.values()))} states, provinces and territories outside"
            f" the US ({outside_us}).",
        ),
    ]
    return "\n".join(lines)


def limits_block(dataset: Dataset) -> str:
    rows = dataset.places().rows
    statuses = Counter(answer.status for row in rows for answer in row.therapies)
    total = sum(statuses.values())
    unknown = statuses[Status.UNKNOWN]
    per_place = Counter({row.place.name: sum(a.status is Status.UNKNOWN for a in row.therapies) for row in rows})
    most = [(name, n) for name, n in sorted(per_place.items(), key=lambda item: (-item[1], item[0])) if n][
        :MOST_UNKNOWN_SHOWN
    ]
    share = f"{100 * unknown / total:.1f}%" if total else "0%"
    spread = ", ".join(f"{status.value} {statuses[status]}" for status in Status if statuses[status])
    most_text = (
        f" The places with the most: {', '.join(f'{name} ({n})' for name, n in most)}; each unknown"
        " answer carries a note saying what is missing."
        if most
        else ""
    )
    return _wrap(
        f"**Limits of the data.** {unknown} of {total} answers ({share}) are `unknown` (one answer per"
        f" place and therapy, after layering: {spread}).{most_text} {LIMITS_TAIL}"
    )


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=100, break_long_words=False, break_on_hyphens=False)


def generate(dataset: Dataset) -> dict[str, str]:
    return {"coverage": coverage_block(dataset), "limits": limits_block(dataset)}


def rewrite(readme: str, blocks: dict[str, str]) -> str:
    """The README with each generated block replaced; a missing marker is an error."""
    for name, body in blocks.items():
        pattern = re.compile(rf"<!-- {name}:start -->\n.*?<!-- {name}:end -->", re.S)
        found = pattern.search(readme)
        if found is None:
            raise SystemExit(f"coverage: README.md has no <!-- {name}:start --> … <!-- {name}:end --> block")
        start, end = found.span()
        readme = readme[:start] + f"<!-- {name}:start -->\n{body}\n<!-- {name}:end -->" + readme[end:]
    return readme


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="rewrite the blocks in README.md")
    action.add_argument("--check", action="store_true", help="exit 1 when README.md is out of date")
    parser.add_argument("--data-dir", type=Path, default=DATA)
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)
    args = parser.parse_args(argv)
    dataset = psylegal.load(args.data_dir, today=args.today)
    if dataset.skipped:
        print(f"coverage: files with problems are left out: {', '.join(dataset.skipped)}", file=sys.stderr)
        return 1
    blocks = generate(dataset)
    readme = README.read_text(encoding="utf-8")
    updated = rewrite(readme, blocks)
    if args.write:
        if updated != readme:
            README.write_text(updated, encoding="utf-8")
    elif args.check:
        if updated != readme:
            print("coverage: README.md is out of date; run scripts/coverage.py --write", file=sys.stderr)
            return 1
    else:
        print("\n\n".join(blocks.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
