"""The README and CONTRIBUTING say what is true: commands, counts, vocabularies and examples."""

from __future__ import annotations

import doctest
import importlib.util
import inspect
import io
import re
import shlex
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

import psylegal
from psylegal.cli import app
from psylegal.data.catalog import Catalog
from psylegal.law.dates import PartialDate
from psylegal.law.model import Kind, Route, Status

from .conftest import PINNED_TODAY, ROOT, SHIPPED, VALID

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


@pytest.mark.parametrize("full", [False, True])
def test_readme_example_output_matches_the_tool(runner: CliRunner, full: bool) -> None:
    what = " --full` adds" if full else "` prints"
    block = re.search(rf"What `psylegal where oregon --therapy psilocybin{what}.*?```\n(.*?)```", README, re.S)
    assert block
    args = ["where", "oregon", "--therapy", "psilocybin", *(["--full"] if full else [])]
    actual = runner.invoke(app, args, env={"COLUMNS": "100"}).stdout
    for line in block.group(1).splitlines():
        shown = line.split("…")[0].rstrip()
        if shown.strip() and not shown.strip().startswith("["):
            assert shown in actual, line


def test_readme_filter_example_matches_the_tool(runner: CliRunner) -> None:
    block = re.search(
        r"What `psylegal list --status decriminalized -t psilocybin` prints.*?```\n(.*?)```", README, re.S
    )
    assert block
    actual = runner.invoke(app, ["list", "--status", "decriminalized", "-t", "psilocybin"], env={"COLUMNS": "100"})
    lines = block.group(1).splitlines()
    assert len(lines) >= 4
    for line in lines:
        assert re.search(rf"^{re.escape(line)}$", actual.stdout, re.M), line


def test_readme_route_states_and_json_version_match_the_code() -> None:
    from psylegal.law.model import RouteState
    from psylegal.render.json import SCHEMA_VERSION

    for state in RouteState:
        assert f"| `{state.value}` |" in README
    assert f"## JSON output (schema version {SCHEMA_VERSION})" in README
    assert f'"schema_version": {SCHEMA_VERSION},' in README


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


def _coverage_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("coverage_script", ROOT / "scripts" / "coverage.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_coverage_and_limits_are_what_the_script_writes() -> None:
    script = _coverage_script()
    blocks = script.generate(psylegal.load(SHIPPED, today=PINNED_TODAY))
    assert script.rewrite(README, blocks) == README, "run: python scripts/coverage.py --write"
    unknown, total = map(int, re.findall(r"(\d+) of (\d+) answers", blocks["limits"])[0])
    answers = [a for row in psylegal.load(SHIPPED, today=PINNED_TODAY).places().rows for a in row.therapies]
    assert (unknown, total) == (sum(a.status is Status.UNKNOWN for a in answers), len(answers))


def test_the_coverage_script_refuses_a_readme_without_its_markers() -> None:
    script = _coverage_script()
    with pytest.raises(SystemExit, match="limits:start"):
        script.rewrite("<!-- coverage:start -->\n<!-- coverage:end -->\n", {"coverage": "x", "limits": "y"})


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


def test_readme_python_api_example_runs() -> None:
    """The README's Python session, run as a doctest: every output shown is what the API returns."""
    block = re.search(r"## Python API\n.*?```python\n(.*?)```", README, re.S)
    assert block
    test = doctest.DocTestParser().get_doctest(block.group(1), {}, "README Python API", "README.md", 0)
    assert len(test.examples) >= 8
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    output = io.StringIO()
    result = runner.run(test, out=output.write)
    assert result.failed == 0, output.getvalue()


def test_readme_api_table_matches_the_signatures() -> None:
    documented = {name: call for call, name in re.findall(r"^\| `((\w+)\(.*?\))` \|", README, re.M)}
    assert set(documented) == {"where", "places", "therapy", "therapies", "load", "changes", "bills", "stale"}
    for name, call in documented.items():
        parameters = []
        seen_star = False
        for parameter in inspect.signature(getattr(psylegal, name)).parameters.values():
            if parameter.kind is inspect.Parameter.KEYWORD_ONLY and not seen_star:
                parameters.append("*")
                seen_star = True
            default = parameter.default
            shown = parameter.name if default is inspect.Parameter.empty else f"{parameter.name}={default}"
            assert parameter.default in (inspect.Parameter.empty, None, False), (name, parameter)
            parameters.append(shown)
        assert call == f"{name}({', '.join(parameters)})"


def test_readme_layout_names_every_module() -> None:
    block = re.search(r"## Development\n\n```\n(.*?)```", README, re.S)
    assert block
    named = {line.split()[0].rstrip("/") for line in block.group(1).splitlines() if line.startswith("psylegal/")}
    package = ROOT / "psylegal"
    present = {f"psylegal/{path.name}" for path in package.glob("*.py") if not path.name.startswith("__")}
    present |= {f"psylegal/{path.name}" for path in package.iterdir() if (path / "__init__.py").is_file()}
    assert present == named


def history_table() -> str:
    """The README's closing table: dated status changes and timeline events, per country and its places."""
    data = psylegal.load(SHIPPED, today=PINNED_TODAY)
    rows: dict[str, list[list[PartialDate]]] = {}
    names: dict[str, str] = {}
    for row in data.places().rows:
        root = ([row.place, *data.where(row.place.id, "ketamine").parents])[-1]
        names[root.id] = root.name
        changes, events = rows.setdefault(root.id, [[], []])
        entries = (*row.place.therapies.values(), *row.place.lapsed.values())  # lapsed entries are history too
        changes += [PartialDate.parse(h.date) for e in entries for h in e.history]
        events += [PartialDate.parse(event.date) for event in row.place.timeline]
    lines = ["| region | dated status changes | since | timeline events | since |", "| --- | --- | --- | --- | --- |"]
    for ident, (changes, events) in sorted(rows.items(), key=lambda item: (-len(item[1][0]), names[item[0]])):
        if changes:
            first_event = min(events) if events else "—"
            lines.append(f"| {names[ident]} | {len(changes)} | {min(changes)} | {len(events)} | {first_event} |")
    others = [(c, e) for c, e in rows.values() if not c]
    lines.append(
        f"| {len(others)} other countries | 0 | — | {sum(len(e) for _, e in others)} |"
        f" {min((d for _, e in others for d in e), default='—')} |"
    )
    return "\n".join(lines)


def test_readme_history_table_matches_the_data() -> None:
    table = re.search(r"<!-- history:start -->\n(.*?)\n<!-- history:end -->", README, re.S)
    assert table
    assert table.group(1) == history_table(), "regenerate the table: " + history_table()


def test_readme_law_over_time_examples_run(runner: CliRunner) -> None:
    block = re.search(r"## Law over time\n\n```sh\n(.*?)```", README, re.S)
    assert block
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert {"psylegal where oregon --as-of 2022-01-01", "psylegal changes --upcoming"} <= set(commands)
    assert "psylegal changes --since 2026-01-01" in commands
    for command in commands:
        result = runner.invoke(app, shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.stderr)


@pytest.mark.parametrize(
    "command", ["where australia --therapy mdma --as-of 2023-06-30", "changes --since 2026-01-01 --type status"]
)
def test_readme_law_over_time_output_matches_the_tool(runner: CliRunner, command: str) -> None:
    block = re.search(rf"`psylegal {re.escape(command)}` prints.*?```\n(.*?)```", README, re.S)
    assert block, command
    actual = runner.invoke(app, shlex.split(command), env={"COLUMNS": "100"}).stdout
    for line in block.group(1).splitlines():
        shown = line.split("…")[0].rstrip()
        if shown.strip():
            assert shown in actual, line


@pytest.mark.parametrize(
    ("marker", "args"),
    [
        (
            "What `psylegal find psilocybin --from texas --non-resident --no-diagnosis` prints:",
            ["find", "psilocybin", "--from", "texas", "--non-resident", "--no-diagnosis"],
        ),
        (
            "`psylegal compare texas colorado oregon --therapy psilocybin` prints:",
            ["compare", "texas", "colorado", "oregon", "--therapy", "psilocybin"],
        ),
        ("so the map reads without colour:", ["map", "--therapy", "psilocybin"]),
    ],
)
def test_readme_trip_examples_match_the_tool(runner: CliRunner, marker: str, args: list[str]) -> None:
    block = re.search(r"```\n(.*?)```", README[README.index(marker) :], re.S)
    assert block
    actual = runner.invoke(app, args, env={"COLUMNS": "100" if args[0] == "find" else "80"}).stdout
    for line in block.group(1).splitlines():
        assert line.rstrip() in actual.splitlines(), line
