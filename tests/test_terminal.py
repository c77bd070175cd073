"""Terminal primitives: cleaning, wrapping, colour decisions and tables."""

from __future__ import annotations

import io

import pytest

from psylegal.render.terminal import Cell, Painter, clean, colour_enabled, fill, table, wrap


def test_clean_replaces_control_characters_but_keeps_newlines() -> None:
    assert clean("plain text\nsecond line") == "plain text\nsecond line"
    assert clean("a\x1b[31mb\x07c\u009bd") == "a?[31mb?c?d"


def test_fill_wraps_greedily_and_cuts_unbreakable_runs() -> None:
    assert fill("one two three four", 9) == ["one two", "three", "four"]
    assert fill("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert fill("", 10) == []


def test_wrap_indents_and_keeps_paragraphs() -> None:
    assert wrap("alpha beta gamma\ndelta", 26, "    ", "  • ") == ["  • alpha beta gamma", "    delta"]


def test_painter_colours_only_when_enabled() -> None:
    assert Painter(False)("x", "red") == "x"
    assert Painter(True)("x", "bold red") == "\x1b[1;31mx\x1b[0m"
    assert Painter(True)("\x1b[2J", "red") == "\x1b[31m?[2J\x1b[0m"  # data escapes never pass through


@pytest.mark.parametrize(
    ("env", "tty", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"TERM": "dumb"}, True, False),
    ],
)
def test_colour_decision(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], tty: bool, expected: bool) -> None:
    monkeypatch.delenv("TERM", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    assert colour_enabled(Stream()) is expected


def test_table_fits_width_by_wrapping_the_flexible_column() -> None:
    rows = [[Cell("Psilocybin"), Cell("available"), Cell("Licensed program; Personal use; Clinical trial")]]
    lines = table(Painter(False), ["Therapy", "Status", "Access"], rows, 40, flexible=2)
    assert max(len(line) for line in lines) <= 40
    assert lines[0].split() == ["Therapy", "Status", "Access"]
    assert lines[1].startswith("Psilocybin  available  Licensed")
