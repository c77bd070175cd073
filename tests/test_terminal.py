"""Terminal primitives: safe text, plurals, wrapping, colour decisions and tables."""

from __future__ import annotations

import io

import pytest

from psylegal.render import Output
from psylegal.render.terminal import Cell, Painter, colour_enabled, fill, output_for, plural, printable, table, wrap


def test_printable_shows_control_characters_as_escapes() -> None:
    assert printable("a\x1b[31mb\x07c\u009bd\u200be") == "a\\x1b[31mb\\x07c\\x9bd\\u200be"
    # Letters in any script, and ordinary punctuation, pass unchanged (unicode_escape would not keep them).
    assert printable("México · Zürich — 東京 ‘quoted’") == "México · Zürich — 東京 ‘quoted’"


def test_printable_keeps_newlines_only_when_multiline() -> None:
    assert printable("line one\nline two") == "line one\\nline two"  # an error message stays one line
    assert printable("line one\nline two", multiline=True) == "line one\nline two"
    assert printable("a\tb\r\n", multiline=True) == "a\\tb\\r\n"


def test_printable_cuts_long_text() -> None:
    assert printable("x" * 10, limit=10) == "x" * 10
    assert printable("x" * 11, limit=10) == "x" * 9 + "…"
    # The limit counts what is shown, escapes included, so a line never overflows.
    assert len(printable("\x1b" * 50, limit=20)) == 20


@pytest.mark.parametrize(
    ("count", "noun", "nouns", "expected"),
    [
        (0, "place", None, "0 places"),
        (1, "place", None, "1 place"),
        (2, "data file", None, "2 data files"),
        (1, "entry", "entries", "1 entry"),
        (3, "entry", "entries", "3 entries"),
    ],
)
def test_plural(count: int, noun: str, nouns: str | None, expected: str) -> None:
    assert plural(count, noun, nouns) == expected


def test_fill_wraps_greedily_and_cuts_unbreakable_runs() -> None:
    assert fill("one two three four", 9) == ["one two", "three", "four"]
    assert fill("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert fill("", 10) == []


def test_wrap_indents_and_keeps_paragraphs() -> None:
    assert wrap("alpha beta gamma\ndelta", 26, "    ", "  • ") == ["  • alpha beta gamma", "    delta"]


def test_painter_colours_only_when_enabled() -> None:
    assert Painter(False)("x", "red") == "x"
    assert Painter(True)("x", "bold red") == "\x1b[1;31mx\x1b[0m"
    assert Painter(True)("\x1b[2J", "red") == "\x1b[31m\\x1b[2J\x1b[0m"  # data escapes never pass through


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


def test_output_for_a_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    assert output_for(io.StringIO()) == Output(colour=False, width=100)  # capped for reading
    monkeypatch.setenv("COLUMNS", "10")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert output_for(io.StringIO()) == Output(colour=True, width=40)  # never narrower than 40


def test_table_never_lets_an_escape_through() -> None:
    lines = table(Painter(False), ["A"], [[Cell("x\x1b[2Jy")]], 40)
    assert "\x1b" not in "\n".join(lines) and lines[1] == "x\\x1b[2Jy"
