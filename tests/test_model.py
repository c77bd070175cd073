"""Every member of every closed vocabulary has its label, colour and explanation."""

from __future__ import annotations

import pytest

from psylegal.law.model import (
    ROUTE_LABELS,
    ROUTE_STATE_LABELS,
    STATUS_COLOURS,
    STATUS_EXPLANATIONS,
    STATUS_LABELS,
    STATUS_SYMBOLS,
    BillStage,
    EventType,
    Route,
    RouteState,
    Status,
)
from psylegal.render.terminal import _CODES
from psylegal.render.text import NO_ROUTE

# `research` always comes with an open clinical-trial route (validate enforces it), so the text
# renderer never needs a "no route" phrase for it; the renderer's table gains one with the route
# display in the second phase of issue #8.
RENDERED_WITHOUT_ROUTE = set(Status) - {Status.RESEARCH}


@pytest.mark.parametrize("status", list(Status))
def test_every_status_has_label_text_colour_and_symbol(status: Status) -> None:
    assert status.label and status.label[0].isupper()
    assert status.explanation.endswith(".")
    assert all(word in _CODES for word in status.colour.split())
    assert len(status.symbol) == 1
    assert status in NO_ROUTE or status not in RENDERED_WITHOUT_ROUTE


def test_status_tables_cover_exactly_the_enum() -> None:
    for table in (STATUS_LABELS, STATUS_EXPLANATIONS, STATUS_COLOURS, STATUS_SYMBOLS):
        assert set(table) == set(Status)
    assert set(NO_ROUTE) >= RENDERED_WITHOUT_ROUTE
    assert len(set(STATUS_SYMBOLS.values())) == len(Status)
    assert len(set(STATUS_COLOURS.values())) == len(Status)


def test_route_labels_cover_exactly_the_enum_and_read_as_names() -> None:
    assert set(ROUTE_LABELS) == set(Route)
    labels = [route.label for route in Route]
    assert len(set(labels)) == len(labels)
    assert all(label[0].isupper() and not label.endswith(".") for label in labels)


@pytest.mark.parametrize("state", list(RouteState))
def test_every_route_state_has_a_label(state: RouteState) -> None:
    assert ROUTE_STATE_LABELS[state] and state.label == ROUTE_STATE_LABELS[state]


@pytest.mark.parametrize("stage", list(BillStage))
def test_every_bill_stage_reads_as_words(stage: BillStage) -> None:
    assert "-" not in stage.label and stage.label.replace(" ", "").isalpha()


@pytest.mark.parametrize("event", list(EventType))
def test_every_event_type_reads_as_words(event: EventType) -> None:
    assert "-" not in event.label and event.label.replace(" ", "").isalpha()
