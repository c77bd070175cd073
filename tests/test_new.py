"""`psylegal new`: a scaffold that validate flags until filled in, never overwriting anything."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psylegal.cli import app
from psylegal.commands import new as new_command
from psylegal.errors import PsylegalError


def validate(runner: CliRunner, path: str) -> list[str]:
    return runner.invoke(app, ["validate", path]).stdout.splitlines()


def test_city_scaffold_is_flagged_until_filled_in(data_copy: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["new", "zz-aa-village", "--name", "Village", "--kind", "city", "--parent", "zz-aa", "--data-dir", "data"]
    )
    assert result.exit_code == 0, result.stderr
    target = data_copy / "zz-aa-village.yaml"
    assert f"Wrote {target}" in result.stdout
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema/jurisdiction.schema.json\n")
    problems = validate(runner, "data/zz-aa-village.yaml")
    assert problems[-1] == "6 problems (6 errors) in 1 of 1 files."
    assert all("[placeholder]" in line for line in problems[:-1])
    # Fill it in the way a maintainer would, and it validates clean.
    filled = (
        text.replace('"FILL-IN"            # the day', '"2026-02-01"            # the day')
        .replace("FILL-IN: what this place's own law says about these therapies.", "Village has no measure of its own.")
        .replace("title: FILL-IN", "title: Village council minutes")
        .replace("publisher: FILL-IN", "publisher: Village council")
        .replace('url: "https://FILL-IN"', "url: https://example.org/village")
        .replace('accessed: "FILL-IN"', 'accessed: "2026-02-01"')
    )
    target.write_text(filled, encoding="utf-8")
    assert validate(runner, "data/zz-aa-village.yaml") == ["No problems in 1 file."]


def test_country_scaffold_states_every_therapy(data_copy: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["new", "zy", "--name", "Zyland", "--kind", "country", "--data-dir", "data"])
    assert result.exit_code == 0
    problems = validate(runner, "data/zy.yaml")
    assert not any("[country-coverage]" in line for line in problems)
    assert sum("[placeholder]" in line for line in problems) == 6 + 8  # six fields, eight therapy notes


def test_refuses_to_overwrite(data_copy: Path, runner: CliRunner) -> None:
    before = (data_copy / "zz-aa.yaml").read_bytes()
    result = runner.invoke(
        app, ["new", "zz-aa", "--name", "Aaland", "--kind", "state", "--parent", "zz", "--data-dir", "data"]
    )
    assert result.exit_code == 1
    assert result.stderr == f"psylegal: error: {data_copy / 'zz-aa.yaml'} already exists; refusing to overwrite it\n"
    assert (data_copy / "zz-aa.yaml").read_bytes() == before
    assert sorted(p.name for p in data_copy.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["../evil", "--name", "X", "--kind", "city", "--parent", "zz"], "id '../evil' is not of the form"),
        (["zz-aa/x", "--name", "X", "--kind", "city", "--parent", "zz-aa"], "is not of the form"),
        (["zz-qq", "--name", "X", "--kind", "state"], "a state needs --parent"),
        (["zy", "--name", "X", "--kind", "country", "--parent", "zz"], "a country has no --parent"),
        (["zz-qq", "--name", "X", "--kind", "galaxy", "--parent", "zz"], "--kind must be one of"),
        (["zz-qq", "--name", "X", "--kind", "state", "--parent", "zq"], "parent 'zq' does not exist"),
        (["zq-qq", "--name", "X", "--kind", "state", "--parent", "zz"], "must start with its parent's id 'zz-'"),
        (["zz-qq", "--name", "\x1b[31m", "--kind", "state", "--parent", "zz"], "--name must be printable text"),
    ],
)
def test_bad_arguments_write_nothing(data_copy: Path, runner: CliRunner, args: list[str], message: str) -> None:
    before = sorted(p.name for p in data_copy.iterdir())
    result = runner.invoke(app, ["new", *args, "--data-dir", "data"])
    assert result.exit_code in (1, 2)
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert sorted(p.name for p in data_copy.iterdir()) == before


def test_no_partial_file_when_publishing_fails(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "link", refuse)
    target = data_copy / "zz-aa-village.yaml"
    with pytest.raises(PsylegalError, match=r"cannot write .*No space left on device"):
        new_command.write_new(target, "id: zz-aa-village\n")
    assert not target.exists()
    assert [p.name for p in data_copy.iterdir() if p.name.endswith(".tmp")] == []


def test_does_not_write_into_an_installed_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from psylegal.data import locate

    packaged = tmp_path / "_data"
    packaged.mkdir()
    (packaged / "therapies.yaml").write_text("therapies: {}\n", encoding="utf-8")
    monkeypatch.setattr(locate, "packaged_data_dir", lambda: packaged)
    monkeypatch.setattr(new_command, "packaged_data_dir", lambda: packaged)
    with pytest.raises(PsylegalError, match="will not write into the installed package"):
        new_command.run("zy", "Zyland", "country", None, None, io.StringIO())
