"""The README and CONTRIBUTING say what is true: commands, counts, vocabularies and examples."""

from __future__ import annotations

import re
import shlex
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psylegal.cli import app
from psylegal.data.catalog import Catalog
from psylegal.law.model import Kind, Route, Status

from .conftest import ROOT, VALID

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
INSTALL_AND_RUN = "python -m pip install . && psylegal where colorado"
INSTALL_AND_TEST = "python -m pip install -e '.[test]' && python -m pytest"


def test_readme_has_the_two_setup_commands_and_ci_runs_the_test_one() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    assert blocks[0].strip() == INSTALL_AND_RUN
    assert blocks[1].strip() == INSTALL_AND_TEST
    assert INSTALL_AND_TEST.replace("python -m pip install", "python -m pip install --quiet") in (
        ROOT / ".ci" / "run"
    ).read_text(encoding="utf-8")


def test_readme_usage_examples_run(runner: CliRunner) -> None:
    block = re.search(r"## Use\n\n```sh\n(.*?)```", README, re.S)
    assert block
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert len(commands) >= 6
    for command in commands:
        args = shlex.split(command)
        assert args[0] == "psylegal"
        result = runner.invoke(app, args[1:])
        assert result.exit_code == 0, (command, result.stderr)


def test_readme_example_output_matches_the_tool(runner: CliRunner) -> None:
    block = re.search(r"What `psylegal where oregon --therapy psilocybin` prints.*?```\n(.*?)```", README, re.S)
    assert block
    actual = runner.invoke(app, ["where", "oregon", "--therapy", "psilocybin"], env={"COLUMNS": "100"}).stdout
    for line in block.group(1).splitlines():
        shown = line.split("…")[0].rstrip()
        if shown.strip() and not shown.strip().startswith("["):
            assert shown in actual, line


def test_readme_status_table_matches_the_vocabulary() -> None:
    for status in Status:
        assert f"| `{status.value}` | {status.symbol} | {status.explanation} |" in README
    for route in Route:
        assert f"`{route.value}`" in README


def test_readme_coverage_table_matches_the_data(shipped: Catalog) -> None:
    counts = Counter(j.kind for j in shipped.all())
    table = re.search(r"<!-- coverage:start -->(.*?)<!-- coverage:end -->", README, re.S)
    assert table
    rows = dict(re.findall(r"^\| \*{0,2}(\w+)\*{0,2} \| \*{0,2}(\d+)\*{0,2} \|$", table.group(1), re.M))
    assert rows == {**{kind.value: str(counts[kind]) for kind in Kind}, "total": str(sum(counts.values()))}
    assert f"It also covers {counts[Kind.COUNTRY]} countries" in README


def test_readme_names_every_city_and_county(shipped: Catalog) -> None:
    local = [j for j in shipped.all() if j.kind in (Kind.CITY, Kind.COUNTY)]
    flowing = " ".join(README.split())
    for place in local:
        assert place.name in flowing, place.id


def test_contributing_example_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner) -> None:
    example = re.search(r"## A fully commented example.*?```yaml\n(.*?)```", CONTRIBUTING, re.S)
    assert example
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    (data / "zz-ex.yaml").write_text(example.group(1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "data/zz-ex.yaml"])
    assert result.stdout == "No problems in 1 file.\n"
    shown = runner.invoke(app, ["where", "exampleshire", "--data-dir", str(data)])
    assert re.search(r"^Psilocybin +available +Licensed program", shown.stdout, re.M)
