"""Renderers: one module per output format, found by format name.

Each format module formats the answer records of psylegal.query and nothing else: it never loads,
filters or sorts. A new format is one module with the four functions of `Renderer`, plus one line in
`FORMATS`. Modules are imported only when their format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol, cast

from psylegal.errors import UsageError

if TYPE_CHECKING:
    from psylegal.law.model import Therapy
    from psylegal.query import PlaceAnswer, PlaceList, TherapyOverview

# Format name → the module that writes it.
FORMATS = {
    "text": "psylegal.render.text",
    "json": "psylegal.render.json",
}


class Output(NamedTuple):
    """What a renderer may know about where its text goes."""

    colour: bool  # ANSI colour is wanted (a terminal, no NO_COLOR)
    width: int  # columns to fit


class Renderer(Protocol):
    """What a format module provides: one function per view, each returning the whole text."""

    def where(self, answer: PlaceAnswer, output: Output) -> str: ...

    def places(self, listing: PlaceList, output: Output) -> str: ...

    def therapy(self, overview: TherapyOverview, output: Output) -> str: ...

    def therapies(self, therapies: Sequence[Therapy], output: Output) -> str: ...


def renderer(name: str) -> Renderer:
    """The renderer for a format name, or a `UsageError` naming the formats there are."""
    if name not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}; got '{name}'")
    return cast(Renderer, importlib.import_module(FORMATS[name]))


if TYPE_CHECKING:  # mypy checks that every format module provides the whole Renderer protocol
    from psylegal.render import json as _json
    from psylegal.render import text as _text

    _FORMAT_MODULES: tuple[Renderer, ...] = (_text, _json)
