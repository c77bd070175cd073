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
    from psylegal.query import DatasetAnswer, PlaceAnswer, PlaceList, TherapyOverview
    from psylegal.tracking import BillList, ChangeFeed, StaleQueue

# Format name → the module that writes it.
FORMATS = {
    "text": "psylegal.render.text",
    "json": "psylegal.render.json",
}


class Output(NamedTuple):
    """What a renderer may know about where its text goes."""

    colour: bool  # ANSI colour is wanted (a terminal, no NO_COLOR)
    width: int  # columns to fit
    full: bool = False  # `where --full`: every detail; else an answer that fits a screen


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


# -- law over time: `changes`, `bills` and `stale` (psylegal/tracking.py) -------------------------
# Their own protocols, so that a format for the place views need not format these too.
TRACKING_FORMATS = {name: FORMATS[name] for name in ("text", "json")}
# `changes` also writes an Atom feed.
FEED_FORMATS = {**TRACKING_FORMATS, "atom": "psylegal.render.atom"}


class FeedRenderer(Protocol):
    def changes(self, feed: ChangeFeed, output: Output) -> str: ...


class TrackingRenderer(FeedRenderer, Protocol):
    def bills(self, listing: BillList, output: Output) -> str: ...

    def stale(self, queue: StaleQueue, output: Output) -> str: ...


def tracking_renderer(name: str) -> TrackingRenderer:
    if name not in TRACKING_FORMATS:
        raise UsageError(f"format must be one of {', '.join(TRACKING_FORMATS)}; got '{name}'")
    return cast(TrackingRenderer, importlib.import_module(TRACKING_FORMATS[name]))


def feed_renderer(name: str) -> FeedRenderer:
    if name not in FEED_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FEED_FORMATS)}; got '{name}'")
    return cast(FeedRenderer, importlib.import_module(FEED_FORMATS[name]))


# --- exports (psylegal export): the whole dataset in one file ---------------------------------

# Export format name → the module whose `export` writes every place's answer.
EXPORT_FORMATS = {
    "json": "psylegal.render.json",
    "csv": "psylegal.render.csv",
    "markdown": "psylegal.render.markdown",
    "html": "psylegal.render.html",
}


class Exporter(Protocol):
    """What an export format module provides: the whole dataset as one text."""

    def export(self, dataset: DatasetAnswer) -> str: ...


def exporter(name: str) -> Exporter:
    """The exporter for a format name, or a `UsageError` naming the export formats there are."""
    if name not in EXPORT_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(EXPORT_FORMATS)}; got '{name}'")
    return cast(Exporter, importlib.import_module(EXPORT_FORMATS[name]))


# --- end of exports ----------------------------------------------------------------------------

if TYPE_CHECKING:  # mypy checks that every format module provides the whole Renderer protocol
    from psylegal.render import atom as _atom
    from psylegal.render import json as _json
    from psylegal.render import text as _text

    _FORMAT_MODULES: tuple[Renderer, ...] = (_text, _json)

    _TRACKING_MODULES: tuple[TrackingRenderer, ...] = (_text, _json)
    _FEED_MODULES: tuple[FeedRenderer, ...] = (_text, _json, _atom)

    from psylegal.render import csv as _csv
    from psylegal.render import html as _html
    from psylegal.render import markdown as _markdown

    _EXPORT_MODULES: tuple[Exporter, ...] = (_json, _csv, _markdown, _html)
