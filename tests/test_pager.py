"""The pager: used only for long text on a terminal, the way git does; never in a pipe."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psylegal.cli import app
from psylegal.render import pager


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def long_text(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(pager, "fits", lambda text, stream: False)
    return "".join(f"line {n}\n" for n in range(200))


def test_long_text_on_a_terminal_goes_through_pager(
    long_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"tee {paged} > /dev/null")
    out = Terminal()
    pager.show(long_text, out)
    assert paged.read_text() == long_text
    assert out.getvalue() == ""


@pytest.mark.parametrize("value", ["", "cat", "no-such-pager-anywhere --flag", "'unbalanced"])
def test_no_pager_is_run_when_none_is_wanted_or_found(
    long_text: str, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("PAGER", value)
    out = Terminal()
    pager.show(long_text, out)
    assert out.getvalue() == long_text


def test_without_pager_set_less_is_the_default_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pager.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert pager.pager_command({}) == "less -FRX"
    monkeypatch.setattr(pager.shutil, "which", lambda name: None)
    assert pager.pager_command({}) is None


def test_not_a_terminal_or_not_allowed_means_no_pager(
    long_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"tee {paged} > /dev/null")
    piped = io.StringIO()
    pager.show(long_text, piped)
    refused = Terminal()
    pager.show(long_text, refused, allowed=False)
    assert piped.getvalue() == refused.getvalue() == long_text
    assert not paged.exists()


def test_where_through_a_pipe_never_pages(runner: CliRunner, tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    result = runner.invoke(app, ["where", "colorado"], env={"PAGER": f"tee {paged} > /dev/null"})
    assert result.exit_code == 0 and result.stdout.startswith("Colorado\n")
    assert not paged.exists()
    assert runner.invoke(app, ["where", "colorado", "--no-pager"]).stdout == result.stdout
