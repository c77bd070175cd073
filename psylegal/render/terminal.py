"""Small terminal primitives: safe text, plurals, colour that switches off by itself, wrapping, tables.

We do not use Rich here although Typer installs it: importing rich.console and rich.table costs
about 40 ms on these machines, which alone would put `psylegal where` over its start-up budget
(see scripts/benchmark.py and the README). Everything printed from the data or echoed from user
input passes `printable()` first, so no escape sequence or control character reaches the terminal.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import NamedTuple, TextIO

from psylegal.render import Output

_CODES = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "underline": "4",
    "reverse": "7",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}
MAX_WIDTH = 100


def colour_enabled(stream: TextIO) -> bool:
    """Colour only on a terminal, never when NO_COLOR is set (https://no-color.org) or TERM=dumb."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def output_for(stream: TextIO) -> Output:
    """How to write for `stream`: colour or not, and how wide."""
    return Output(colour=colour_enabled(stream), width=width_of(stream))


def width_of(stream: TextIO) -> int:
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        columns = int(os.environ.get("COLUMNS", "80") or 80)
    return max(40, min(columns, MAX_WIDTH))


def printable(text: str, *, multiline: bool = False, limit: int | None = None) -> str:
    """Untrusted text (data, user input, messages quoting either) made safe to show.

    Control and other unprintable characters are shown as their escape (`\\x1b`, `\\u200b`), so
    nothing reaches the terminal as a command and the reader still sees what was there; letters in
    any script pass unchanged. Newlines are kept only when `multiline`; one-line output (an error
    message) shows them as `\\n`. With `limit`, longer text is cut and ends in '…'.
    """
    if not (text.replace("\n", "") if multiline else text).isprintable():  # the rare case; the check is in C
        text = "".join(
            ch if ch.isprintable() or (multiline and ch == "\n") else ch.encode("unicode_escape").decode("ascii")
            for ch in text
        )
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 place", "3 places", "2 data files"; `nouns` for irregular plurals ("1 entry", "2 entries")."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


class Painter(NamedTuple):
    enabled: bool

    def __call__(self, text: str, style: str = "") -> str:
        text = printable(text, multiline=True)
        if not self.enabled or not style:
            return text
        codes = ";".join(_CODES[word] for word in style.split() if word in _CODES)
        return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


def fill(text: str, width: int) -> list[str]:
    """Greedy word wrap. textwrap is several times slower, and start-up time is our budget."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:  # a URL or other unbreakable run: cut it rather than overflow
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    """Wrap text to `width` columns in all, keeping paragraph breaks; `first` leads the first line."""
    lines: list[str] = []
    lead = indent if first is None else first
    for paragraph in printable(text, multiline=True).split("\n"):
        words = fill(paragraph, max(20, width - max(len(lead), len(indent))))
        for word_line in words:
            lines.append(lead + word_line)
            lead = indent
    return lines


class Cell(NamedTuple):
    text: str
    style: str = ""


def table(
    paint: Painter,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    width: int,
    flexible: int = -1,
    gap: str = "  ",
) -> list[str]:
    """Columns sized to their content; the `flexible` column wraps to make the table fit `width`."""
    count = len(headers)
    natural = [max([len(h)] + [len(printable(row[i].text)) for row in rows]) for i, h in enumerate(headers)]
    flexible %= count
    fixed = sum(w for i, w in enumerate(natural) if i != flexible) + len(gap) * (count - 1)
    widths = list(natural)
    widths[flexible] = max(12, min(natural[flexible], width - fixed))
    lines = [gap.join(paint(h.ljust(widths[i]), "bold") for i, h in enumerate(headers)).rstrip()]
    for row in rows:
        wrapped = [fill(printable(cell.text), widths[i]) or [""] for i, cell in enumerate(row)]
        for line_no in range(max(len(w) for w in wrapped)):
            parts = []
            for i, cell in enumerate(row):
                piece = wrapped[i][line_no] if line_no < len(wrapped[i]) else ""
                parts.append(paint(piece, cell.style) + " " * (widths[i] - len(piece)))
            lines.append(gap.join(parts).rstrip())
    return lines
