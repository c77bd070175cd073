"""Combine the layers of law (city → state → country) into one answer per therapy.

Each layer states only what its own law says; a layer that is silent on a therapy inherits. The
effective status is decided like this, most specific layer first:

1. The nearest layer whose status says whether the therapy can be lawfully obtained — available,
   unregulated, limited, research or prohibited — governs. A state law thus beats the country's (Oregon's
   psilocybin program), a state ban beats a national allowance, and a state silent on a therapy
   inherits the federal answer.
2. `decriminalized` and `pending` layers nearer than the governing one do not create a lawful
   route, so they refine the answer only where the governing layer prohibits: Denver's
   lowest-priority ordinance leaves Colorado's licensed program as the answer, and Oakland's
   leaves the federal `research` answer (clinical trials) in place.
3. An `unknown` layer nearer than the governing one makes the answer unknown: we cannot say what
   that place adds.

Broader layers that are stricter than the answer are kept as conflicts (restrictiveness rises from
available and unregulated through limited and research to prohibited) and shown plainly ("state
law allows it; federal law still prohibits it").
"""

from __future__ import annotations

from typing import NamedTuple

from psylegal.law.model import Jurisdiction, Source, Status, Therapy, TherapyEntry

GOVERNING = frozenset({Status.AVAILABLE, Status.UNREGULATED, Status.LIMITED, Status.RESEARCH, Status.PROHIBITED})
# How much a governing status restricts access; a broader layer with a higher rank is a conflict.
RESTRICTION = {
    Status.AVAILABLE: 0,
    Status.UNREGULATED: 0,
    Status.LIMITED: 1,
    Status.RESEARCH: 2,
    Status.PROHIBITED: 3,
}


class Layer(NamedTuple):
    jurisdiction: Jurisdiction
    entry: TherapyEntry


class Answer(NamedTuple):
    therapy: str
    status: Status
    deciding: Layer | None
    layers: tuple[Layer, ...]  # every layer that speaks, most specific first
    applying: tuple[Layer, ...]  # the layers that shape today's answer
    conflicts: tuple[Layer, ...]  # broader layers stricter than the answer

    @property
    def since(self) -> str | None:
        return self.deciding.entry.since if self.deciding else None

    @property
    def sources(self) -> tuple[Source, ...]:
        seen: dict[str, Source] = {}
        for layer in self.applying:
            for source in layer.entry.sources:
                seen.setdefault(source.url, source)
        return tuple(seen.values())


def answer(chain: list[Jurisdiction], therapy: str) -> Answer:
    """The effective answer for one therapy along a chain of jurisdictions, nearest first."""
    layers = tuple(Layer(j, j.therapies[therapy]) for j in chain if therapy in j.therapies)
    governing = next((i for i, layer in enumerate(layers) if layer.entry.status in GOVERNING), None)
    nearer = layers if governing is None else layers[:governing]
    applying = layers if governing is None else layers[: governing + 1]
    unknown = next((layer for layer in nearer if layer.entry.status is Status.UNKNOWN), None)
    deciding: Layer | None
    if unknown is not None:
        deciding = unknown
    elif governing is None:
        deciding = layers[0] if layers else None
    elif layers[governing].entry.status is Status.PROHIBITED and nearer:
        deciding = nearer[0]
    else:
        deciding = layers[governing]
    status = deciding.entry.status if deciding else Status.UNKNOWN
    conflicts: tuple[Layer, ...] = ()
    if governing is not None and status in RESTRICTION:
        conflicts = tuple(
            layer
            for layer in layers[governing + 1 :]
            if layer.entry.status in RESTRICTION and RESTRICTION[layer.entry.status] > RESTRICTION[status]
        )
    return Answer(therapy, status, deciding, layers, applying, conflicts)


class PlaceAnswer(NamedTuple):
    """Everything `where` shows about one place."""

    jurisdiction: Jurisdiction
    chain: tuple[Jurisdiction, ...]  # the place, then its parents
    therapies: tuple[Therapy, ...]
    answers: dict[str, Answer]


def answer_place(chain: list[Jurisdiction], therapies: list[Therapy]) -> PlaceAnswer:
    return PlaceAnswer(chain[0], tuple(chain), tuple(therapies), {t.id: answer(chain, t.id) for t in therapies})
