"""HTML: the whole dataset as one self-contained page, with a map of the US states, a table and the sources.

The page (psylegal/render/page/) needs nothing outside its own file: its style, script and map are
inlined, and a Content-Security-Policy allows only that style and script (by hash), so the page
makes no network request. The data travels as JSON in a `<script type="application/json">`,
escaped so that no value can end the element; the script puts it into the page with textContent
only. The few values written into the HTML itself (version, date, disclaimer, legend) are escaped.
A historical page (`--as-of`) says so in its title, under its heading and in the map's caption.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib import resources
from typing import Any

from psylegal import __version__
from psylegal.law.model import DISCLAIMER, RouteState, Source, Status
from psylegal.query import DatasetAnswer, PlaceAnswer, TherapyAnswer
from psylegal.render.json import encode

# Fills for the map and the legend's swatches, distinct in hue and lightness so that the common
# kinds of colour blindness can still tell the main statuses apart; every one is labelled in text too.
STATUS_FILLS: dict[Status, str] = {
    Status.AVAILABLE: "#1a7f37",
    Status.UNREGULATED: "#5ab4ac",
    Status.LIMITED: "#e6a100",
    Status.RESEARCH: "#f3dc8a",
    Status.PENDING: "#3a6fc4",
    Status.DECRIMINALIZED: "#9b59b6",
    Status.PROHIBITED: "#c0392b",
    Status.UNKNOWN: "#c8c8c8",
}
NO_DATA_FILL = "#f0f0f0"
# The therapy the map shows first, when the export includes it: the one with the most US programs.
MAP_THERAPY = "psilocybin"


def export(dataset: DatasetAnswer) -> str:
    page = resources.files("psylegal.render") / "page"
    template = (page / "page.html").read_text(encoding="utf-8")
    style = (page / "page.css").read_text(encoding="utf-8") + _status_rules()
    script = (page / "page.js").read_text(encoding="utf-8")
    values = {
        "style_hash": _csp_hash(style),
        "script_hash": _csp_hash(script),
        "style": style,
        "script": script,
        "version": html.escape(__version__),
        "today": dataset.today.isoformat(),
        "title_day": f", as the law stood at the end of {dataset.as_of.isoformat()}" if dataset.as_of else "",
        "historical": _historical(dataset),
        "place_count": str(len(dataset.places)),
        "therapy_names": html.escape(_and([therapy.name for therapy in dataset.therapies])),
        "disclaimer": html.escape(DISCLAIMER),
        "map": _map(dataset),
        "legend": _legend(),
        "data": script_json(page_data(dataset)),
    }
    for name, value in values.items():
        template = template.replace("{{" + name + "}}", value)
    return template


def _historical(dataset: DatasetAnswer) -> str:
    """The label of a historical page (`--as-of`), under its title; nothing for today's law."""
    if dataset.as_of is None:
        return ""
    return (
        '<p class="historical" role="note"><strong>Historical: as the law stood at the end of'
        f" {dataset.as_of.isoformat()}.</strong> Every status, route and map colour is the one in force that"
        " day, from dated records; a layer with no record yet for that day is silent, and today's answer may"
        " differ.</p>"
    )


def script_json(document: Any) -> str:
    """JSON safe inside a <script> element: `<`, `>` and `&` escaped, so no `</script>` or `<!--` can appear."""
    text = encode(document, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_data(dataset: DatasetAnswer) -> dict[str, Any]:
    """What the page's script needs: the places with their answers, and every source once, by index."""
    sources: dict[str, int] = {}
    source_list: list[dict[str, Any]] = []

    def index(source: Source) -> int:
        if source.url not in sources:
            sources[source.url] = len(source_list)
            source_list.append(
                {
                    "title": source.title,
                    "url": source.url,
                    "publisher": source.publisher,
                    "date": source.date,
                    "accessed": source.accessed,
                }
            )
        return sources[source.url]

    return {
        "as_of": dataset.as_of.isoformat() if dataset.as_of else None,
        "therapies": [{"id": therapy.id, "name": therapy.name} for therapy in dataset.therapies],
        "statuses": [
            {
                "id": status.value,
                "label": status.label,
                "explanation": status.explanation,
                "colour": STATUS_FILLS[status],
            }
            for status in Status
        ],
        "map_therapy": MAP_THERAPY,
        "no_data_colour": NO_DATA_FILL,
        "places": [
            {
                "id": answer.place.id,
                "name": answer.place.name,
                "kind": answer.place.kind.value,
                "parent_name": answer.parents[0].name if answer.parents else None,
                "aliases": list(answer.place.aliases),
                "reviewed": answer.place.reviewed,
                "stale": answer.review_stale,
                "summary": answer.place.summary if dataset.as_of is None else None,  # it describes today
                "therapies": {result.therapy.id: _therapy(result) for result in answer.therapies},
                "sources": [index(source) for source in answer.sources],
            }
            for answer in dataset.places
        ],
        "sources": source_list,
    }


def _therapy(result: TherapyAnswer) -> dict[str, Any]:
    routes = []
    for placed in result.routes:
        route = placed.access
        if route.state is RouteState.OPEN:
            since = f", since {route.since}" if route.since else ""
            routes.append(f"{route.route.label} ({placed.jurisdiction.name}{since})")
        elif route.state is RouteState.UPCOMING:
            expected = f", expected {route.expected}" if route.expected else ""
            routes.append(f"coming: {route.route.label} ({placed.jurisdiction.name}{expected})")
    return {
        "status": result.status.value,
        "own": result.own_status.value if result.own_status is not None else None,
        "since": result.since,
        "routes": routes,
    }


def _map(dataset: DatasetAnswer) -> str:
    """One <path> per US state and DC whose place is in the export; the script colours them."""
    outlines: dict[str, str] = json.loads(
        (resources.files("psylegal.render") / "us_states.json").read_text(encoding="utf-8")
    )
    present = {answer.place.id: answer for answer in dataset.places}
    shapes = []
    for code, outline in sorted(outlines.items()):
        answer: PlaceAnswer | None = present.get(f"us-{code.lower()}")
        if answer is None:
            continue
        shapes.append(
            f'<path d="{html.escape(outline)}" data-place="{html.escape(answer.place.id)}"'
            f' data-code="{html.escape(code)}"><title>{html.escape(answer.place.name)}</title></path>'
        )
    return "\n        ".join(shapes)


def _legend() -> str:
    return "\n      ".join(
        f'<li><span class="swatch s-{status.value}" aria-hidden="true"></span>'
        f" <span><strong>{html.escape(status.label)}</strong>: {html.escape(status.explanation)}</span></li>"
        for status in Status
    )


def _status_rules() -> str:
    """A class per status for the swatches (the policy allows no style attributes)."""
    return "".join(f".s-{status.value} {{ background-color: {STATUS_FILLS[status]}; }}\n" for status in Status)


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
