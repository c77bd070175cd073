#!/usr/bin/env python3
"""Benchmark: psylegal's commands against `python -c pass`, on the shipped data and at scale.

Run it from the virtualenv psylegal is installed in:

    python scripts/benchmark.py                 # start-up: where colorado vs python and a bare Typer app
    python scripts/benchmark.py --scale 10000   # also a synthetic tree of 10,000 places; writes BENCHMARKS.md

Every figure is a median over runs interleaved with the baseline (a, b, a, b, …), so that drift in
the machine's speed, common on shared 2-core machines, affects every command alike; peak memory is
the largest resident set of any run. `--scale N` writes a valid synthetic tree (the shipped data
plus counties and cities under the US states: city → county → state → country) to a temporary
directory and measures a warm `where` deep in the tree, the first `where` after editing one file
of that place's chain, `list --json`, `therapy psilocybin --json`, and `validate` (warm, and with
the cache off).

    python scripts/benchmark.py --scale 10000 --compare f216b5b   # this checkout against a commit

`--compare COMMIT` instead times the commands that read every place (COMPARED below) with this
checkout's code and with COMMIT's (from `git archive`), run by run in turn on the same tree, each
build with its own warm cache, and prints the medians and their ratio. Both run as
`python -m psylegal` from the temporary directory, so that neither picks up a checkout from the
working directory.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "jurisdictions"
TEMPLATE = SHIPPED / "us-co-denver.yaml"

BARE_TYPER = """
import sys
import typer
app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)
@app.command()
def where(place: str) -> None:
    sys.stdout.write(place + "\\n")
@app.command()
def other() -> None:
    pass
app()
"""


@dataclass
class Case:
    label: str
    command: list[str]
    env: dict[str, str]
    before: Callable[[], None] | None = None  # run untimed before each timed run
    cwd: Path | None = None


@dataclass
class Figure:
    label: str
    median: float
    peak_mb: float


def run_once(case: Case) -> tuple[float, float]:
    """Wall time and peak resident memory (MB) of one run."""
    if case.before is not None:
        case.before()
    start = time.perf_counter()
    process = subprocess.Popen(
        case.command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=case.env, cwd=case.cwd
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stderr is not None:
        error = process.stderr.read().decode(errors="replace")
        process.stderr.close()
        if process.returncode not in (0, 1):
            raise SystemExit(f"{case.label}: exit {process.returncode}: {error.strip()}")
    return elapsed, usage.ru_maxrss / 1024


def measure(cases: list[Case], runs: int, warmup: int) -> list[Figure]:
    for _ in range(warmup):
        for case in cases:
            run_once(case)
    times: list[list[float]] = [[] for _ in cases]
    peaks = [0.0 for _ in cases]
    for _ in range(runs):
        for index, case in enumerate(cases):
            elapsed, peak = run_once(case)
            times[index].append(elapsed)
            peaks[index] = max(peaks[index], peak)
    return [Figure(c.label, statistics.median(t), p) for c, t, p in zip(cases, times, peaks, strict=True)]


# The commands `--compare` times: each reads every place, and their output grows with the data.
COMPARED = [
    ["find", "psilocybin", "--json"],
    ["validate", "--format", "json"],
    ["changes", "--json"],
    ["bills", "--json"],
    ["stale", "--json"],
    ["export", "--format", "json"],
]


def compare(commit_id: str, data: Path, work: Path, env: dict[str, str], runs: int, warmup: int) -> list[str]:
    """Each of COMPARED with COMMIT's code and this checkout's, interleaved: medians, ratio and peaks."""
    base = work / "baseline"
    base.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit_id, "psylegal"], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(base)], input=archive.stdout, check=True)
    import compileall

    compileall.compile_dir(base / "psylegal", quiet=1)
    builds = []
    for name, code in ((commit_id, base), ("this checkout", ROOT)):
        build_env = {
            **env,
            "PYTHONPATH": str(code),
            "PSYLEGAL_DATA": str(data),
            "PSYLEGAL_CACHE_DIR": str(work / f"cache-{len(builds)}"),
        }
        run_once(Case(f"fill {name}'s cache", [sys.executable, "-m", "psylegal", "validate"], build_env, cwd=work))
        builds.append((name, build_env))
    lines = [f"{'command':<30} {commit_id:>10} {'this':>10}  ratio  peak MB (before, this)"]
    for args in COMPARED:
        cases = [Case(name, [sys.executable, "-m", "psylegal", *args], e, cwd=work) for name, e in builds]
        before, after = measure(cases, runs, warmup)
        lines.append(
            f"{' '.join(args):<30} {before.median:9.2f}s {after.median:9.2f}s  {after.median / before.median:5.2f}"
            f"  {before.peak_mb:.0f}, {after.peak_mb:.0f}"
        )
        print(lines[-1], file=sys.stderr)
    return lines


def generate(target: Path, places: int) -> str:
    """Write the shipped data plus synthetic counties and cities up to `places` files; return a deep city's id."""
    shutil.copytree(SHIPPED, target)
    template = TEMPLATE.read_text(encoding="utf-8")
    states = sorted(p.stem for p in SHIPPED.glob("us-??.yaml"))
    existing = len(list(target.glob("*.yaml"))) - 1  # the therapy catalog is not a place
    missing = max(0, places - existing)
    cities_per_county = 9
    counties = -(-missing // (cities_per_county + 1))
    written, deep = 0, ""
    for number in range(counties):
        state = states[number % len(states)]
        county = f"{state}-c{number:05d}"
        written += _place(target, template, county, f"Synth County {number}", "county", state)
        for town in range(cities_per_county):
            if written >= missing:
                break
            city = f"{county}-t{town}"
            written += _place(target, template, city, f"Synthtown {number}-{town}", "city", county)
            if state == "us-co" and not deep:
                deep = city
        if written >= missing:
            break
    return deep


def _place(target: Path, template: str, ident: str, name: str, kind: str, parent: str) -> int:
    text = (
        template.replace("id: us-co-denver", f"id: {ident}")
        .replace("name: Denver", f'name: "{name}"')
        .replace("kind: city", f"kind: {kind}")
        .replace("parent: us-co", f"parent: {parent}")
    )
    lines = [line if not line.startswith("aliases:") else "aliases: []" for line in text.splitlines()]
    (target / f"{ident}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}"
    )


def commit() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True
        )
        return head.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--scale", type=int, default=0, help="also measure a synthetic tree of this many places")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md", help="where --scale writes its report")
    parser.add_argument("--compare", metavar="COMMIT", help="with --scale: time COMPARED against COMMIT's code instead")
    args = parser.parse_args()
    if args.compare and not args.scale:
        parser.error("--compare needs --scale")

    script = shutil.which("psylegal", path=str(Path(sys.executable).parent)) or shutil.which("psylegal")
    if script is None:
        print("psylegal is not installed in this environment: pip install -e .", file=sys.stderr)
        return 2
    # pip compiles a wheel's modules at install time; an editable install (or PYTHONDONTWRITEBYTECODE)
    # would otherwise recompile psylegal on every run and measure the compiler, not the tool.
    import compileall

    import psylegal

    compileall.compile_dir(Path(psylegal.__file__).parent, quiet=1)
    python = [sys.executable, "-c", "pass"]
    with tempfile.TemporaryDirectory() as work:
        cache = Path(work) / "cache"
        env = {**os.environ, "PSYLEGAL_CACHE_DIR": str(cache)}
        env.pop("PSYLEGAL_NO_CACHE", None)
        env.pop("PSYLEGAL_DATA", None)
        bare = Path(work) / "bare_typer.py"
        bare.write_text(BARE_TYPER, encoding="utf-8")
        if args.compare:
            data = Path(work) / "data"
            print(f"generating {args.scale:,} places in {data} …", file=sys.stderr)
            generate(data, args.scale)
            print("\n".join(compare(args.compare, data, Path(work), env, max(5, args.runs // 2), 1)))
            return 0
        shipped = [
            Case("python -c pass", python, env),
            Case("bare Typer app printing one line", [sys.executable, str(bare), "where", "colorado"], env),
            Case("where colorado (shipped data)", [script, "where", "colorado"], env),
        ]
        startup = measure(shipped, args.runs, args.warmup)
        report = [_line(f, startup[0].median) for f in startup]
        report.append(f"where colorado / bare Typer app: {startup[2].median / startup[1].median:.2f}x")
        print("\n".join(report))
        if not args.scale:
            return 0

        data = Path(work) / "data"
        print(f"generating {args.scale:,} places in {data} …", file=sys.stderr)
        deep = generate(data, args.scale)
        chain_file = data / f"{deep.rsplit('-', 1)[0]}.yaml"  # the deep city's county
        edits = [0]

        def edit_one_file() -> None:
            edits[0] += 1
            with chain_file.open("a", encoding="utf-8") as stream:
                stream.write(f"# edit {edits[0]}\n")

        scaled_env = {**env, "PSYLEGAL_DATA": str(data)}
        cold_env = {**scaled_env, "PSYLEGAL_NO_CACHE": "1"}
        print("filling the cache (a first validate) …", file=sys.stderr)
        start = time.perf_counter()
        first = run_once(Case("first validate", [script, "validate"], scaled_env))
        first_fill = time.perf_counter() - start
        scaled = [
            Case("python -c pass", python, env),
            Case("where colorado (shipped data)", [script, "where", "colorado"], env),
            Case("where colorado (warm)", [script, "where", "colorado"], scaled_env),
            Case(f"where {deep} (warm)", [script, "where", deep], scaled_env),
            Case(f"where {deep} after editing one file", [script, "where", deep], scaled_env, edit_one_file),
            Case("list --json", [script, "list", "--json"], scaled_env),
            Case("therapy psilocybin --json", [script, "therapy", "psilocybin", "--json"], scaled_env),
            Case("validate (warm cache)", [script, "validate"], scaled_env),
        ]
        figures = measure(scaled, max(5, args.runs // 2), 1)
        cold = measure(
            [Case("python -c pass", python, env), Case("validate (no cache)", [script, "validate"], cold_env)], 3, 0
        )
        by = {f.label: f for f in figures}
        warm_shipped = by["where colorado (shipped data)"].median
        lines = [_line(f, figures[0].median) for f in figures] + [_line(cold[1], cold[0].median)]
        lines.append(f"first validate (fills the cache)       {first_fill * 1000:8.0f} ms  peak {first[1]:6.0f} MB")
        targets = [
            ("warm where colorado at scale / on shipped data", by["where colorado (warm)"].median / warm_shipped, 1.3),
            (
                "warm where of a city deep in the tree / where colorado on shipped data",
                by[f"where {deep} (warm)"].median / warm_shipped,
                1.3,
            ),
            (
                "where after one edit / warm where on shipped data",
                by[f"where {deep} after editing one file"].median / warm_shipped,
                4.0,
            ),
            ("where colorado / python -c pass", startup[2].median / startup[0].median, 7.0),
            ("where colorado / bare Typer app", startup[2].median / startup[1].median, 1.15),
        ]
        absolute = [
            ("list --json", by["list --json"].median, 1.0),
            ("therapy psilocybin --json", by["therapy psilocybin --json"].median, 1.0),
            ("validate, no cache", cold[1].median, 10.0),
            ("validate, warm cache", by["validate (warm cache)"].median, 10.0),
        ]
        print("\n".join(lines))
        args.output.write_text(
            _markdown(args.scale, report, lines, targets, absolute, max(cold[1].peak_mb, first[1])), encoding="utf-8"
        )
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _line(figure: Figure, baseline: float) -> str:
    return (
        f"{figure.label:<46} {figure.median * 1000:8.1f} ms  {figure.median / baseline:5.1f}x python"
        f"  peak {figure.peak_mb:6.0f} MB"
    )


def _markdown(
    scale: int,
    startup: list[str],
    lines: list[str],
    targets: list[tuple[str, float, float]],
    absolute: list[tuple[str, float, float]],
    validate_peak: float,
) -> str:
    ratio_rows = "\n".join(
        f"| {label} | {value:.2f}× | {limit}× | {'met' if value <= limit else 'missed'} |"
        for label, value, limit in targets
    )
    absolute_rows = "\n".join(
        f"| {label} | {value:.2f} s | {limit:g} s | {'met' if value <= limit else 'missed'} |"
        for label, value, limit in absolute
    )
    return f"""# Benchmarks

Written by `python scripts/benchmark.py --scale {scale}` on {datetime.date.today().isoformat()}.

- Machine: {machine()}
- Commit: {commit()}
- Synthetic tree: the shipped data plus counties and cities under the US states, {scale:,} places in all
  (city → county → state → country), each synthetic file shaped like `us-co-denver.yaml`.

Medians of runs interleaved with the baseline; peak is the largest resident set of any run.

## Targets

| ratio | measured | target | |
|---|---|---|---|
{ratio_rows}

| command at {scale:,} places | median | target | |
|---|---|---|---|
{absolute_rows}
| validate peak memory | {validate_peak:.0f} MB | 300 MB | {"met" if validate_peak <= 300 else "missed"} |

## Start-up (shipped data)

```
{chr(10).join(startup)}
```

## At {scale:,} places

```
{chr(10).join(lines)}
```
"""


if __name__ == "__main__":
    sys.exit(main())
