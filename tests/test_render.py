"""Renderers by format name: each formats the same answer record, so every format shows the same answer."""

from __future__ import annotations

import importlib
import inspect
import io
import json
import re
import sys
import types
from collections.abc import Sequence

import pytest

import psylegal
from psylegal.commands import where as where_command
from psylegal.data.catalog import Catalog
from psylegal.law.model import Therapy
from psylegal.query import PlaceAnswer, PlaceList, TherapyOverview
from psylegal.render import FORMATS, Output, renderer

from .conftest import PINNED_TODAY, SHIPPED

PLAIN = Output(colour=False, width=100)
FULL = PLAIN._replace(full=True)


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_module_provides_every_view(name: str) -> None:
    module = importlib.import_module(FORMATS[name])
    for view in ("where", "places", "therapy", "therapies"):
        function = getattr(module, view)
        assert list(inspect.signature(function).parameters)[1:] == ["output"], (name, view)
    assert renderer(name) is module


def test_an_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(psylegal.UsageError, match="format must be one of text, json; got 'xml'"):
        renderer("xml")


def test_a_new_format_is_one_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """Registering a module under a name is all a format needs; the commands find it by that name."""
    counts = types.ModuleType("psylegal_test_counts")

    def where(answer: PlaceAnswer, output: Output) -> str:
        return f"{answer.place.id}: {len(answer.therapies)} therapies, {len(answer.timeline)} events"

    def places(listing: PlaceList, output: Output) -> str:
        return str(len(listing.rows))

    def therapy(overview: TherapyOverview, output: Output) -> str:
        return overview.therapy.id

    def therapies(therapies: Sequence[Therapy], output: Output) -> str:
        return str(len(therapies))

    counts.where, counts.places, counts.therapy, counts.therapies = where, places, therapy, therapies  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, counts.__name__, counts)
    monkeypatch.setitem(FORMATS, "counts", counts.__name__)
    out, err = io.StringIO(), io.StringIO()
    code = where_command.run(
        place="oregon",
        therapy="lsd",
        output_format="counts",
        data_dir=SHIPPED,
        today=PINNED_TODAY,
        out=out,
        err=err,
    )
    expected = psylegal.where("oregon", "lsd", data_dir=SHIPPED, today=PINNED_TODAY)
    assert (code, out.getvalue()) == (0, f"us-or: 1 therapies, {len(expected.timeline)} events\n")


def text_sections(text: str) -> dict[str, list[str]]:
    """The lines under each bold heading of `where` text (Before you go, Timeline, Sources)."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line in ("Before you go", "Timeline", "Sources"):
            current = sections.setdefault(line, [])
        elif current is not None and line:
            current.append(line)
        elif not line:
            current = None
    return sections


@pytest.mark.parametrize(
    ("place", "therapy"),
    [("oregon", "lsd"), ("oregon", None), ("denver", "psilocybin"), ("us-nm", "psilocybin"), ("de", "mdma")],
)
def test_text_and_json_show_the_same_answer(shipped: Catalog, place: str, therapy: str | None) -> None:
    answer = psylegal.where(place, therapy, data_dir=SHIPPED, today=PINNED_TODAY)
    text = renderer("text").where(answer, FULL)
    document = json.loads(renderer("json").where(answer, PLAIN))
    sections = text_sections(text)
    # The same events: the text starts each with its date, JSON lists them in the same order.
    shown_dates = [line.split()[0] for line in sections.get("Timeline", []) if re.match(r"  \d{4}", line)]
    assert shown_dates == [event["date"] for event in document["timeline"]]
    assert len(shown_dates) == len(answer.timeline)
    # The same sources, numbered in the text in JSON's order.
    numbered = [line for line in sections["Sources"] if re.match(r"  \[\d+\] ", line)]
    urls = [line.strip() for line in sections["Sources"] if line.strip().startswith("https://")]
    assert len(numbered) == len(document["sources"]) == len(answer.sources)
    assert urls == [source["url"] for source in document["sources"]]
    # The same therapies with the same statuses.
    for result in answer.therapies:
        assert re.search(rf"^{re.escape(result.therapy.name)} +{result.status.value} ", text, re.M)
        assert document["therapies"][result.therapy.id]["status"] == result.status.value
    assert list(document["therapies"]) == [result.therapy.id for result in answer.therapies]
    assert len(sections.get("Before you go", [])) >= len(document["due_diligence"])


def test_oregon_lsd_shows_the_same_events_in_both_formats(runner) -> None:  # type: ignore[no-untyped-def]
    """The regression behind the answer records: 6 events as text and 32 as JSON."""
    from psylegal.cli import app

    text = runner.invoke(app, ["where", "oregon", "--therapy", "lsd", "--full"]).stdout
    document = json.loads(runner.invoke(app, ["where", "oregon", "--therapy", "lsd", "--json"]).stdout)
    events = [line for line in text_sections(text)["Timeline"] if re.match(r"  \d{4}", line)]
    assert len(events) == len(document["timeline"])
    assert all(not event["therapies"] or "lsd" in event["therapies"] for event in document["timeline"])
