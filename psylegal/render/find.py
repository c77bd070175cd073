"""`find` as terminal text and as JSON: formats a psylegal.finder.FindAnswer, and nothing else."""

from __future__ import annotations

from typing import Any

from psylegal.finder import FindAnswer, Needs
from psylegal.law.model import DISCLAIMER, AccessRoute, Status
from psylegal.query import PlacedRoute
from psylegal.render import Output
from psylegal.render.json import SCHEMA_VERSION, route_json
from psylegal.render.terminal import Painter, wrap
from psylegal.render.text import eligibility_line, historical_label

UNKNOWN_RULE = (
    "A filter matches only routes whose data states the value it needs: a route whose eligibility"
    " is not recorded is left out, not assumed to fit."
)


def needs_words(needs: Needs) -> str:
    words = []
    if needs.routes:
        words.append("by " + " or ".join(route.label.lower() for route in sorted(needs.routes)))
    if needs.no_diagnosis:
        words.append("without a diagnosis")
    if needs.non_resident:
        words.append("as a visitor")
    if needs.age is not None:
        words.append(f"at age {needs.age}")
    return ", ".join(words)


def _distance(distance: float | None, here: bool = False) -> str:
    if here:
        return "you are here"
    return "distance unknown" if distance is None else f"{distance:,.0f} km"


def _route_line(route: AccessRoute) -> str:
    return f"{route.route.label}: {eligibility_line(route.eligibility, unknown=True)}"


def text(answer: FindAnswer, output: Output) -> str:
    paint, width = Painter(output.colour), output.width
    needs = answer.needs
    origin = answer.origin
    when = "now" if answer.as_of is None else f"on {answer.as_of}"
    title = f"{answer.therapy.name}: where it {'can' if answer.as_of is None else 'could'} be had {when}"
    if origin is not None:
        start = origin.town.town.name if origin.town is not None else origin.place.name
        title += f", nearest to {start} first"
    out = [paint(title, "bold")]
    if answer.as_of is not None:
        out += [paint(line, "yellow") for line in wrap(historical_label(answer.as_of), width)]
    asked = needs_words(needs)
    statuses = " or ".join(status.value for status in Status if status in needs.statuses)
    wanted = f"{asked}; status {statuses}" if asked else f"status {statuses}"
    out += [paint(line, "dim") for line in wrap(wanted[0].upper() + wanted[1:], width)]
    out.append("")
    if not answer.found:
        out += wrap("No place matches. Fewer filters, or --status research, may find some.", width)
    for number, found in enumerate(answer.found, 1):
        place = found.place
        head = (
            f"{number:>2}. {paint(place.name, 'bold')} ({place.id}) — "
            f"{paint(found.status.value, found.status.colour)} — {_distance(found.distance_km, found.here)}"
        )
        out.append(head)
        for placed in found.routes:
            out += wrap(_route_line(placed.access), width, "      ", "    • ")
    if answer.coming:
        out += ["", paint("Coming", "bold")]
        for coming in answer.coming:
            for route in coming.routes:
                expected = f", expected {route.expected}" if route.expected else ""
                line = (
                    f"{coming.place.name} ({coming.place.id}), {_distance(coming.distance_km)}: "
                    f"{route.route.label}{expected} — {eligibility_line(route.eligibility, unknown=True)}"
                )
                out += wrap(line, width, "      ", "    • ")
    out += ["", *wrap(UNKNOWN_RULE + " 'psylegal where PLACE' shows every route and its sources.", width)]
    out += [""] + [paint(line, "dim") for line in wrap(DISCLAIMER, width)]
    return "\n".join(out)


def document(answer: FindAnswer) -> dict[str, Any]:
    """Routes are printed as `list --json` prints them (`listed_route` in the contract): without sources."""
    needs = answer.needs
    origin = answer.origin
    return {
        "schema_version": SCHEMA_VERSION,
        "therapy": answer.therapy.id,
        "as_of": answer.as_of.isoformat() if answer.as_of is not None else None,
        "from": None
        if origin is None
        else {"id": origin.place.id, "town": origin.town.town.name if origin.town is not None else None},
        "needs": {
            "routes": sorted(route.value for route in needs.routes),
            "no_diagnosis": needs.no_diagnosis,
            "non_resident": needs.non_resident,
            "age": needs.age,
            "statuses": sorted(status.value for status in needs.statuses),
        },
        "places": [
            {
                "id": found.place.id,
                "name": found.place.name,
                "kind": found.place.kind.value,
                "status": found.status.value,
                "distance_km": None if found.distance_km is None else round(found.distance_km, 1),
                "routes": [route_json(placed, cited=False) for placed in found.routes],
            }
            for found in answer.found
        ],
        "coming": [
            {
                "id": coming.place.id,
                "name": coming.place.name,
                "distance_km": None if coming.distance_km is None else round(coming.distance_km, 1),
                "routes": [route_json(PlacedRoute(coming.place, route), cited=False) for route in coming.routes],
            }
            for coming in answer.coming
        ],
        "disclaimer": DISCLAIMER,
    }
