#!/usr/bin/env python3
"""Start-up benchmark: median wall time of `psylegal where colorado` against `python -c pass`.

A CLI lookup should feel instant, and start-up dominates it, so we compare against the cost of
starting Python at all. Run it from the virtualenv psylegal is installed in:

    python scripts/benchmark.py            # 21 runs each, after 3 warm-up runs
    python scripts/benchmark.py --runs 51 --max-ratio 8

The warm-up runs fill psylegal's cache, so the timed lookups are the everyday case; the cold case
(cache off: every data file parsed and checked) is measured too and reported for information.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(commands: list[list[str]], runs: int, warmup: int, env: dict[str, str]) -> list[float]:
    """Median wall time of each command. Runs are interleaved (a, b, a, b, …) so that drift in the
    machine's speed, common on shared 2-core machines, affects every command alike."""
    for _ in range(warmup):
        for command in commands:
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=env)
    samples: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=env)
            samples[index].append(time.perf_counter() - start)
    return [statistics.median(times) for times in samples]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--max-ratio", type=float, default=None, help="exit 1 if the warm ratio is above this")
    args = parser.parse_args()

    script = shutil.which("psylegal", path=str(Path(sys.executable).parent)) or shutil.which("psylegal")
    if script is None:
        print("psylegal is not installed in this environment: pip install -e .", file=sys.stderr)
        return 2
    # pip compiles a wheel's modules at install time; an editable install (or PYTHONDONTWRITEBYTECODE)
    # would otherwise recompile psylegal on every run and measure the compiler, not the tool.
    import compileall

    import psylegal

    compileall.compile_dir(Path(psylegal.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PSYLEGAL_CACHE_DIR": cache}
        env.pop("PSYLEGAL_NO_CACHE", None)
        baseline, warm = timed(
            [[sys.executable, "-c", "pass"], [script, "where", "colorado"]], args.runs, args.warmup, env
        )
        cold_env = {**env, "PSYLEGAL_NO_CACHE": "1"}
        cold_baseline, cold = timed([[sys.executable, "-c", "pass"], [script, "where", "colorado"]], 7, 1, cold_env)
    ratio = warm / baseline
    print(f"python -c pass                       median {baseline * 1000:7.1f} ms")
    print(f"psylegal where colorado              median {warm * 1000:7.1f} ms   ratio {ratio:4.1f}x")
    print(f"psylegal where colorado (no cache)   median {cold * 1000:7.1f} ms   ratio {cold / cold_baseline:4.1f}x")
    if args.max_ratio is not None and ratio > args.max_ratio:
        print(f"ratio {ratio:.1f} is above {args.max_ratio}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
