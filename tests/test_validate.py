"""`psylegal validate`: the drop-in corpus of broken files, output formats, strictness, and paths.

Each tests/fixtures/invalid/<case>.yaml names on its first line the file it replaces or adds in a
copy of tests/fixtures/valid/ (`# target: zz-cc.yaml`); <case>.expected holds the exact problem
lines it must produce. Adding a case needs no code.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psylegal.cli import app
from psylegal.data.checks import RULES

from .conftest import SHIPPED, VALID

INVALID = Path(__file__).resolve().parent / "fixtures" / "invalid"
CASES = sorted(INVALID.glob("*.yaml"))


def place_case(case: Path, data: Path) -> Path:
    first = case.read_bytes().split(b"\n", 1)[0].decode("ascii")
    assert first.startswith("# target: "), f"{case.name}: first line must be '# target: <file>'"
    target = data / first.removeprefix("# target: ").strip()
    shutil.copyfile(case, target)
    return target


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_invalid_case(case: Path, data_copy: Path, runner: CliRunner) -> None:
    target = place_case(case, data_copy)
    result = runner.invoke(app, ["validate", f"data/{target.name}", "--format", "text"])
    lines = result.stdout.splitlines()
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert lines[:-1] == expected
    errors = [line for line in expected if "warning: " not in line]
    assert result.exit_code == (1 if errors else 0)
    assert lines[-1].endswith("in 1 of 1 files.")


def test_every_rule_is_exercised_by_the_corpus() -> None:
    seen = {
        line.rsplit("[", 1)[1].rstrip("]")
        for path in INVALID.glob("*.expected")
        for line in path.read_text(encoding="utf-8").splitlines()
    }
    untested = set(RULES) - seen - {"file-read"}  # an unreadable file needs permissions a root CI ignores
    assert not untested, f"rules no corpus case produces: {sorted(untested)}"
    assert seen <= set(RULES), f"rules missing from the RULES table: {sorted(seen - set(RULES))}"


def test_valid_fixtures_and_shipped_data_are_clean(runner: CliRunner) -> None:
    for directory in (VALID, SHIPPED):
        result = runner.invoke(app, ["validate", "--strict", "--data-dir", str(directory)])
        assert result.exit_code == 0, result.stdout
        assert result.stdout.startswith("No problems in ")


def test_reports_every_problem_sorted_with_a_count(data_copy: Path, runner: CliRunner) -> None:
    place_case(INVALID / "status-typo.yaml", data_copy)
    place_case(INVALID / "country-coverage.yaml", data_copy)
    result = runner.invoke(app, ["validate", "data"])
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert lines[:-1] == sorted(lines[:-1], key=lambda line: (line.split(":")[0], int(line.split(":")[1])))
    assert lines[-1] == "2 problems (2 errors) in 2 of 8 files."


def test_stale_review_is_an_error_only_with_strict(data_copy: Path, runner: CliRunner) -> None:
    place_case(INVALID / "review-stale.yaml", data_copy)
    relaxed = runner.invoke(app, ["validate", "data/zz-cc.yaml"])
    assert relaxed.exit_code == 0
    strict = runner.invoke(app, ["validate", "--strict", "data/zz-cc.yaml"])
    assert strict.exit_code == 1
    assert "warning:" not in strict.stdout and "[stale-review]" in strict.stdout


def test_json_format(data_copy: Path, runner: CliRunner) -> None:
    place_case(INVALID / "status-boolean.yaml", data_copy)
    result = runner.invoke(app, ["validate", "data/zz-cc.yaml", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and data["files"] == 1
    assert data["problems"] == [
        {
            "file": "data/zz-cc.yaml",
            "line": 12,
            "column": 13,
            "path": "therapies.psilocybin.status",
            "message": "must be one of available, unregulated, limited, research, pending, decriminalized,"
            " prohibited, unknown;"
            " got boolean false (YAML reads unquoted yes/no/true/false/on/off as booleans; quote it)",
            "rule": "type",
            "severity": "error",
        }
    ]


def test_github_format(data_copy: Path, runner: CliRunner) -> None:
    place_case(INVALID / "unsourced-status.yaml", data_copy)
    result = runner.invoke(app, ["validate", "data", "--format", "github"])
    assert result.stdout.splitlines() == [
        "::error file=data/zz-cc.yaml,line=11,col=3,title=unsourced::"
        "therapies.psilocybin: status 'limited' must cite at least one source",
        "1 problem (1 error) in 1 of 7 files.",
    ]
    place_case(INVALID / "review-stale.yaml", data_copy)
    warned = runner.invoke(app, ["validate", "data", "--format", "github"])
    assert warned.exit_code == 0
    assert warned.stdout.splitlines()[0] == (
        "::warning file=data/zz-cc.yaml,line=7,col=11,title=stale-review::"
        "reviewed: last reviewed 2024-01-15, over a year ago; check the facts and update it"
    )


def test_bad_format_and_missing_path(runner: CliRunner, tmp_path: Path) -> None:
    bad = runner.invoke(app, ["validate", "--format", "xml"])
    assert (
        bad.exit_code == 2 and bad.stderr == "psylegal: error: --format must be one of text, json, github; got 'xml'\n"
    )
    missing = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "is neither a file nor a directory" in missing.stderr


def test_a_path_that_is_not_a_data_file_is_an_error(data_copy: Path, runner: CliRunner) -> None:
    (data_copy / "README.md").write_text("# notes\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "data/README.md"])
    assert result.exit_code == 2
    assert result.stderr == "psylegal: error: 'data/README.md' is not a data file: data files end in '.yaml'\n"


def test_problems_name_files_by_where_they_are_not_where_validate_ran(
    data_copy: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    place_case(INVALID / "status-typo.yaml", data_copy)
    inside = runner.invoke(app, ["validate", "data"])
    monkeypatch.chdir(data_copy)
    here = runner.invoke(app, ["validate", "."])
    assert inside.stdout.splitlines()[0].startswith("data/zz-cc.yaml:12:13: ")
    assert here.stdout.splitlines()[0].startswith("zz-cc.yaml:12:13: ")
