"""Every member of every closed vocabulary has its label, colour and explanation."""

from __future__ import annotations

import pytest

from psylegal.law.model import (
    ROUTE_LABELS,
    STATUS_COLOURS,
    STATUS_EXPLANATIONS,
    STATUS_SYMBOLS,
    EventType,
    Route,
    Status,
)
from psylegal.render.terminal import _CODES
from psylegal.render.text import NO_ROUTE


@pytest.mark.parametrize("status", list(Status))
def test_every_status_has_text_colour_and_symbol(status: Status) -> None:
    assert status.explanation.endswith(".")
    assert status.colour in _CODES
    assert len(status.symbol) == 1
    assert status in NO_ROUTE


def test_status_tables_cover_exactly_the_enum() -> None:
    for table in (STATUS_EXPLANATIONS, STATUS_COLOURS, STATUS_SYMBOLS, NO_ROUTE):
        assert set(table) == set(Status)
    assert len(set(STATUS_SYMBOLS.values())) == len(Status)
    assert len(set(STATUS_COLOURS.values())) == len(Status)


def test_route_labels_cover_exactly_the_enum_and_read_as_names() -> None:
    assert set(ROUTE_LABELS) == set(Route)
    labels = [route.label for route in Route]
    assert len(set(labels)) == len(labels)
    assert all(label[0].isupper() and not label.endswith(".") for label in labels)


@pytest.mark.parametrize("event", list(EventType))
def test_every_event_type_reads_as_words(event: EventType) -> None:
    assert "-" not in event.label and event.label.replace(" ", "").isalpha()
