"""`compare`: several places side by side, one row per therapy, with the rows that differ marked.

Two places differ on a therapy when its effective status differs, or the kinds of route open there do:
Oregon and Colorado both have psilocybin `available` through a licensed program, so that row is the
same, while ketamine is the same everywhere in the United States.
"""

from __future__ import annotations

from typing import NamedTuple

from psylegal.law.model import Route, RouteState, Therapy
from psylegal.query import PlaceAnswer, TherapyAnswer


class ComparisonRow(NamedTuple):
    therapy: Therapy
    answers: tuple[TherapyAnswer, ...]  # one per place, in the order asked
    differs: bool


class Comparison(NamedTuple):
    places: tuple[PlaceAnswer, ...]  # in the order asked
    rows: tuple[ComparisonRow, ...]  # in catalog order


def open_routes(answer: TherapyAnswer) -> frozenset[Route]:
    """The kinds of route open in a place for a therapy (the layers that shape today's answer)."""
    return frozenset(placed.access.route for placed in answer.routes_in(RouteState.OPEN))


def compare(places: tuple[PlaceAnswer, ...]) -> Comparison:
    rows = []
    for index, first in enumerate(places[0].therapies):
        answers = tuple(place.therapies[index] for place in places)
        differs = len({(answer.status, open_routes(answer)) for answer in answers}) > 1
        rows.append(ComparisonRow(first.therapy, answers, differs))
    return Comparison(places, tuple(rows))
