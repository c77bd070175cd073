"""Hostile data: files built to hang, crash or mislead the pipeline, and a cache and data directory we
may not write. For each: `validate` reports a located problem naming the file and exits 1, every
other place answers exactly as from a clean tree, nothing prints a traceback, and every run is
bounded in time (a subprocess with a timeout, so a hang fails the test instead of stalling it).

Cases that need a user the file system can refuse (an unreadable file, read-only directories) run
the CLI as `nobody`: the subprocess imports everything it needs while still root, then drops to
uid 65534, because the interpreter's own files may sit where `nobody` cannot look.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import PINNED_TODAY, VALID

TIMEOUT = 60
NOBODY = 65534

# A valid state file for a place the fixture data lacks, to carry encoding and line-ending damage.
CEELAND = """id: zz-cc
name: Ceeland
kind: state
parent: zz
iso: "ZZ-CC"
reviewed: "2026-01-15"
summary: Ceeland has a pilot.
summary_sources: [s1]
therapies: {}
sources:
  s1:
    title: Ceeland pilot law
    url: https://example.org/ceeland
    date: "2025-03"
"""

# Run the console script; as `nobody` when asked, after importing what the run needs.
_RUNNER = """
import datetime, os, sys
import difflib, hashlib, tempfile, fcntl, sqlite3, json, concurrent.futures, encodings.ascii, encodings.latin_1
import importlib, pkgutil
import psylegal, psylegal.cli, typer
import gc, rapidjson  # imported lazily by the listing commands
# Every module of psylegal and of Typer, so that nothing is imported lazily after the drop to
# `nobody` (the interpreter, the virtualenv and the checkout may all sit where it cannot read).
for package in (psylegal, typer):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if not module.name.endswith("__main__"):
            try:
                importlib.import_module(module.name)
            except (ImportError, AssertionError):  # Typer's optional extras (Rich) and Windows-only modules
                pass
if sys.argv[1] == "nobody":
    os.setgid(65534)
    os.setuid(65534)
today = datetime.date.fromisoformat(sys.argv[2])
psylegal.cli._today = lambda: today
sys.argv = ["psylegal", *sys.argv[3:]]
psylegal.cli.main()
"""


def psylegal(*args: str, env: dict[str, str], as_nobody: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _RUNNER, "nobody" if as_nobody else "me", PINNED_TODAY.isoformat(), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT,
    )


@pytest.fixture
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """A copy of the fixture data and a cache directory, in a place `nobody` may enter."""
    base = Path(tempfile.mkdtemp(prefix="psylegal-hostile-"))
    os.chmod(base, 0o755)
    data, cache = base / "data", base / "cache"
    shutil.copytree(VALID, data)
    cache.mkdir()
    os.chmod(cache, 0o777)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PSYLEGAL_")}
    env.update(PSYLEGAL_DATA=str(data), PSYLEGAL_CACHE_DIR=str(cache))
    yield data, env
    for path in base.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            os.chmod(path, 0o755)
    shutil.rmtree(base)


def clean_answers(env: dict[str, str]) -> dict[str, dict[str, object]]:
    result = psylegal("list", "--json", env=env)
    assert result.returncode == 0, result.stderr
    return {row["id"]: row for row in json.loads(result.stdout)["places"]}


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.count("\n") <= 1, result.stderr


def nest(depth: int) -> str:
    return "id: zz-cc\nnote: " + "[" * depth + "]" * depth + "\n"


def write(name: str, content: str | bytes) -> Callable[[Path], str]:
    def make(data: Path) -> str:
        path = data / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return name

    return make


def symlink_loop(data: Path) -> str:
    os.symlink("zz-loop-b.yaml", data / "zz-loop-a.yaml")
    os.symlink("zz-loop-a.yaml", data / "zz-loop-b.yaml")
    return "zz-loop-a.yaml"


def symlink_out(data: Path) -> str:
    outside = data.parent / "outside.yaml"
    outside.write_text("id: zz-secret\nname: SECRET-CONTENT-NEVER-READ\n", encoding="utf-8")
    os.symlink(outside, data / "zz-out.yaml")
    return "zz-out.yaml"


def directory(data: Path) -> str:
    (data / "zz-dir.yaml").mkdir()
    return "zz-dir.yaml"


def fifo(data: Path) -> str:
    os.mkfifo(data / "zz-fifo.yaml")
    return "zz-fifo.yaml"


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)

CASES: dict[str, Callable[[Path], str]] = {
    "object-tag": write("zz-cc.yaml", "id: zz-cc\nname: !!python/object/apply:os.system ['echo pwned']\n"),
    "alias-bomb": write("zz-cc.yaml", BOMB),
    "five-megabyte-string": write("zz-cc.yaml", 'summary: "' + "x" * (5 << 20) + '"\n'),
    "nesting-500": write("zz-cc.yaml", nest(500)),
    "nesting-1000": write("zz-cc.yaml", nest(1000)),
    "nesting-100000": write("zz-cc.yaml", nest(100_000)),
    "invalid-utf8": write("zz-cc.yaml", CEELAND.encode().replace(b"Ceeland", b"Ce\xe9land", 1)),
    "bom": write("zz-cc.yaml", b"\xef\xbb\xbf" + CEELAND.encode()),
    "crlf": write("zz-cc.yaml", CEELAND.replace("\n", "\r\n")),
    "empty": write("zz-cc.yaml", ""),
    "yml-suffix": write("zz-cc.yml", CEELAND),
    "symlink-loop": symlink_loop,
    "symlink-out": symlink_out,
    "directory": directory,
    "fifo": fifo,
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_hostile_file(case: str, world: tuple[Path, dict[str, str]]) -> None:
    data, env = world
    clean = clean_answers(env)
    name = CASES[case](data)
    checked = psylegal("validate", env=env)
    assert_no_traceback(checked)
    assert checked.returncode == 1
    located = [line for line in checked.stdout.splitlines() if f"{name}:" in line]
    assert located and all(line.split(":")[1].isdigit() and line.split(":")[2].isdigit() for line in located)
    assert "SECRET-CONTENT" not in checked.stdout
    listed = psylegal("list", "--json", env=env)
    assert_no_traceback(listed)
    assert listed.returncode == 0
    assert {row["id"]: row for row in json.loads(listed.stdout)["places"]} == clean
    assert name in listed.stderr  # the warning names the file left out
    answered = psylegal("where", "aaland", env=env)
    assert answered.returncode == 0 and answered.stdout.startswith("Aaland")


def root_only() -> None:
    if os.getuid() != 0:
        pytest.skip("needs root to drop to 'nobody'; as an ordinary user the chmod cases below apply directly")


def test_unreadable_file(world: tuple[Path, dict[str, str]]) -> None:
    data, env = world
    clean = clean_answers(env)
    target = data / "zz-cc.yaml"
    target.write_text(CEELAND, encoding="utf-8")
    os.chmod(target, 0)
    as_nobody = os.getuid() == 0
    checked = psylegal("validate", env=env, as_nobody=as_nobody)
    assert_no_traceback(checked)
    assert checked.returncode == 1
    assert "zz-cc.yaml:1:1: cannot read file: Permission denied [file-read]" in checked.stdout
    listed = psylegal("list", "--json", env=env, as_nobody=as_nobody)
    assert listed.returncode == 0 and {row["id"]: row for row in json.loads(listed.stdout)["places"]} == clean


def test_read_only_cache_directory(world: tuple[Path, dict[str, str]]) -> None:
    root_only()
    data, env = world
    clean = clean_answers(env)  # fills the cache, as root
    cache = Path(env["PSYLEGAL_CACHE_DIR"])
    for path in cache.iterdir():
        os.chmod(path, 0o444)
    os.chmod(cache, 0o555)
    fresh = psylegal("list", "--json", env=env, as_nobody=True)
    assert fresh.returncode == 0 and {row["id"]: row for row in json.loads(fresh.stdout)["places"]} == clean
    # Now the data changes: the cache cannot be updated, and the answer must still be the new one.
    (data / "zz-aa.yaml").write_text(
        (data / "zz-aa.yaml").read_text(encoding="utf-8").replace("name: Aaland", "name: Aaland Renamed"),
        encoding="utf-8",
    )
    changed = psylegal("where", "zz-aa", env=env, as_nobody=True)
    assert_no_traceback(changed)
    assert changed.returncode == 0 and changed.stdout.startswith("Aaland Renamed")


def test_new_into_a_read_only_directory(world: tuple[Path, dict[str, str]]) -> None:
    root_only()
    data, env = world
    os.chmod(data, stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    result = psylegal(
        "new", "zz-aa-village", "--name", "Village", "--kind", "city", "--parent", "zz-aa", env=env, as_nobody=True
    )
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.startswith("psylegal: error: cannot write ") and "Permission denied" in result.stderr
    assert not (data / "zz-aa-village.yaml").exists()
