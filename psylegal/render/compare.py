"""`compare` as terminal text and as JSON: formats a psylegal.comparison.Comparison, and nothing else.

Text is one column per place and one row per therapy; a row where the places differ starts with
`≠` (and its therapy is bold in colour), so differences show without colour too.
"""

from __future__ import annotations

from typing import Any

from psylegal.comparison import Comparison, open_routes
from psylegal.law.model import DISCLAIMER, RouteState
from psylegal.query import PlaceAnswer
from psylegal.render import Output
from psylegal.render.terminal import Painter, fill, plural, printable, wrap
from psylegal.render.text import STATE_STYLES, access_summary, coming_summary, town_sentence

DIFFERS = "≠"
GAP = "  "


def _heading(answer: PlaceAnswer) -> str:
    place = f"{answer.place.name} ({answer.place.id})"
    return f"{answer.town.town.name} → {place}" if answer.town is not None else place


def text(comparison: Comparison, output: Output) -> str:
    paint, width = Painter(output.colour), output.width
    places = comparison.places
    label = max([len("Therapy")] + [len(row.therapy.name) for row in comparison.rows])
    lead = 2 + label  # the marker, a space, the therapy's name
    column = max(12, (width - lead - len(GAP) * len(places)) // len(places))

    def line(first: str, cells: list[tuple[str, str]]) -> str:
        parts = [first]
        for text, style in cells:
            parts.append(paint(text, style) + " " * (column - len(text)))
        return GAP.join(parts).rstrip()

    headings = [fill(printable(_heading(answer)), column) for answer in places]
    out: list[str] = []
    as_of = places[0].as_of
    if as_of is not None:
        from psylegal.render.text import historical_label

        out += [paint(line, "yellow") for line in wrap(historical_label(as_of), width)] + [""]
    for index in range(max(len(h) for h in headings)):
        cells = [(h[index] if index < len(h) else "", "bold") for h in headings]
        out.append(line(" " * lead, cells))
    out.append(paint("─" * min(width, lead + (column + len(GAP)) * len(places)), "dim"))
    coming_style = STATE_STYLES[RouteState.UPCOMING]
    for row in comparison.rows:
        # Only open routes are access; an upcoming one follows as "Coming: …", in its own colour.
        summaries = [
            [(text, "dim") for text in fill(printable(access_summary(answer)), column)]
            + [(text, coming_style) for text in fill(printable(coming_summary(answer) or ""), column) if text]
            for answer in row.answers
        ]
        mark = DIFFERS if row.differs else " "
        name = paint(row.therapy.name.ljust(label), "bold" if row.differs else "")
        out.append(line(f"{mark} {name}", [(a.status.value, a.status.colour) for a in row.answers]))
        for index in range(max(len(s) for s in summaries)):
            out.append(line(" " * lead, [s[index] if index < len(s) else ("", "") for s in summaries]))
    differing = sum(row.differs for row in comparison.rows)
    out.append("")
    if differing:
        count = plural(differing, "therapy", "therapies")
        out += wrap(f"{DIFFERS} marks where these places differ (status or open routes): {count}.", width)
    else:
        out += wrap("These places do not differ on the therapies shown.", width)
    for answer in places:
        if answer.town is not None:
            out += wrap(town_sentence(answer), width)
    out += wrap("'psylegal where PLACE' shows each place's routes, due diligence and sources.", width)
    out += [""] + [paint(text, "dim") for text in wrap(DISCLAIMER, width)]
    return "\n".join(out)


def document(comparison: Comparison) -> dict[str, Any]:
    from psylegal.render.json import SCHEMA_VERSION, answer_json, town_json

    as_of = comparison.places[0].as_of
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": as_of.isoformat() if as_of is not None else None,
        "places": [
            {"id": answer.place.id, "name": answer.place.name, "town": town_json(answer)}
            for answer in comparison.places
        ],
        "therapies": [
            {
                "therapy": row.therapy.id,
                "differs": row.differs,
                "answers": [
                    {
                        "place": answer.place.id,
                        **answer_json(answer),
                        "open_routes": sorted(route.value for route in open_routes(answer)),
                    }
                    for answer in row.answers
                ],
            }
            for row in comparison.rows
        ],
        "disclaimer": DISCLAIMER,
    }
