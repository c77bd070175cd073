"""Long text to a terminal goes through a pager, the way git does it.

The pager is `$PAGER`, else `less -FRX` (quit if the text fits one screen, keep colour, leave the text
on the screen afterwards). No pager when output is not a terminal (a pipe, a file, a test), when the
text fits the screen, when `$PAGER` is empty or `cat`, or when the pager cannot be found: the text is
then printed as it is. Nothing here is imported unless a command shows text on a terminal.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from typing import TextIO

DEFAULT = "less -FRX"


def pager_command(environ: dict[str, str] | os._Environ[str] | None = None) -> str | None:
    """The pager to run, or None for none: $PAGER if set (empty or `cat`: none), else less -FRX if installed."""
    environ = os.environ if environ is None else environ
    command = environ.get("PAGER", DEFAULT).strip()
    try:
        words = shlex.split(command)
    except ValueError:
        return None
    if not words or words[0] == "cat" or shutil.which(words[0]) is None:
        return None
    return command


def fits(text: str, stream: TextIO) -> bool:
    try:
        lines = os.get_terminal_size(stream.fileno()).lines
    except (OSError, ValueError, AttributeError):
        return True
    return text.count("\n") < lines - 1


def show(text: str, out: TextIO, *, allowed: bool = True) -> None:
    """Write `text` (ending in a newline) to `out`, through the pager when it is a terminal and it helps."""
    isatty = getattr(out, "isatty", None)
    command = pager_command() if allowed and isatty is not None and isatty() and not fits(text, out) else None
    if command is None:
        out.write(text)
        return
    environment = {**os.environ, "LESS": os.environ.get("LESS", "FRX"), "LV": os.environ.get("LV", "-c")}
    out.flush()
    # $PAGER is a shell command line by convention (git and man run it through the shell too).
    process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=environment)
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode(getattr(out, "encoding", None) or "utf-8", "replace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end: that is fine
        pass
    process.wait()
