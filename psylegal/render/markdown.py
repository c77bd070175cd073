"""Markdown: a readable report of the whole dataset, with a table per region, the legend and the sources.

Data is untrusted text: every value is escaped so that it shows as written and cannot become
markup, a link or raw HTML in whatever renders the report, and links are made only from http(s)
addresses. A historical report (`--as-of`) says so under its title.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from psylegal import __version__
from psylegal.law.model import DISCLAIMER, LOCAL_KINDS, Kind, Source, Status, Therapy
from psylegal.query import DatasetAnswer, PlaceAnswer, TherapyAnswer

# Characters with a meaning in CommonMark inline text or tables; each is shown literally when escaped.
_SPECIAL = set("\\`*_[]<>|~&!#")
KIND_PLURALS = {
    Kind.COUNTRY: "countries",
    Kind.STATE: "states",
    Kind.PROVINCE: "provinces",
    Kind.TERRITORY: "territories",
    Kind.DISTRICT: "districts",
    Kind.COUNTY: "counties",
    Kind.CITY: "cities",
}


def text(value: str) -> str:
    """Untrusted text as literal Markdown on one line: special characters escaped, line breaks as spaces."""
    return "".join("\\" + char if char in _SPECIAL else char for char in " ".join(value.split()))


def link(title: str, url: str) -> str:
    """A link when `url` is an http(s) address that needs no escaping, else the title and the address as text."""
    if url.startswith(("https://", "http://")) and not any(char in url for char in "<> \t\n\\"):
        return f"[{text(title)}](<{url}>)"
    return f"{text(title)} ({text(url)})"


class Region:
    """A heading and the places under it, in tree order."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.places: list[PlaceAnswer] = []


def regions(dataset: DatasetAnswer) -> list[Region]:
    """Countries first; then, per country in tree order, its subdivisions, then its cities and counties."""
    countries = Region("Countries")
    found: dict[tuple[str, bool], Region] = {}
    for answer in dataset.places:
        if answer.place.kind is Kind.COUNTRY:
            countries.places.append(answer)
            continue
        country = answer.chain[-1]
        local = answer.place.kind in LOCAL_KINDS
        found.setdefault((country.id, local), Region(country.name)).places.append(answer)
    for region in found.values():
        kinds = dict.fromkeys(answer.place.kind for answer in region.places)
        region.title = f"{region.title}: {_and([KIND_PLURALS[kind] for kind in kinds])}"
    keys = [(country, local) for country in dict.fromkeys(c for c, _ in found) for local in (False, True)]
    return [countries, *(found[key] for key in keys if key in found)]


def export(dataset: DatasetAnswer) -> str:
    lines = [
        "# psylegal: psychedelic-assisted therapies, place by place",
        "",
        f"Exported by psylegal {__version__} on {dataset.today.isoformat()}: {len(dataset.places)} places,"
        f" {_and([therapy.name for therapy in dataset.therapies])}.",
        "",
        *(_historical(dataset.as_of) if dataset.as_of is not None else []),
        f"> **{text(DISCLAIMER)}**",
        "",
        "Each cell is the effective status: what applies in the place once every layer of law (city,"
        " state, country) is weighed. Where the place's own law says something else, it follows in"
        " brackets. The date under *Reviewed* is when a person last checked the place's facts.",
        "",
        "## Legend",
        "",
        "| Status | Meaning |",
        "| --- | --- |",
        *(f"| {status.label} | {text(status.explanation)} |" for status in Status),
        "",
    ]
    for region in regions(dataset):
        lines += [f"## {text(region.title)}", "", *_table(region.places, dataset.therapies), ""]
    lines += [
        "## Sources",
        "",
        "The sources each place's own data cites for this report. A place's answer also rests on the"
        " sources of the places it is in (a city on its state's and its country's), listed under them.",
        "",
    ]
    for answer in dataset.places:
        own = {source.url for source in answer.place.sources}
        cited = [source for source in answer.sources if source.url in own]
        if cited:
            lines += [f"### {text(answer.place.name)} ({answer.place.id})", "", *_sources(cited), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _historical(day: datetime.date) -> list[str]:
    """The label of a historical report (`--as-of`), before anything else it says."""
    return [
        f"**Historical: as the law stood at the end of {day.isoformat()}.** Every status and route below is"
        " the one in force that day, from dated records; a layer with no record yet for that day is silent,"
        " and today's answer may differ.",
        "",
    ]


def _table(places: Sequence[PlaceAnswer], therapies: Sequence[Therapy]) -> list[str]:
    local = any(answer.place.kind in LOCAL_KINDS for answer in places)
    header = ["Place", *(["In"] if local else []), *(therapy.name for therapy in therapies), "Reviewed"]
    rows = [
        [
            f"{text(answer.place.name)} ({answer.place.id})",
            *([text(answer.parents[0].name)] if local else []),
            *(_cell(result) for result in answer.therapies),
            answer.place.reviewed + (" (stale)" if answer.review_stale else ""),
        ]
        for answer in places
    ]
    return [_row(header), _row(["---"] * len(header)), *(_row(row) for row in rows)]


def _cell(result: TherapyAnswer) -> str:
    own = result.own_status
    if own is None or own is result.status:
        return result.status.label
    return f"{result.status.label} (own law: {own.label.lower()})"


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _sources(sources: Sequence[Source]) -> list[str]:
    lines = []
    for number, source in enumerate(sources, 1):
        details = [text(part) for part in (source.publisher, source.date) if part]
        details.append(f"read {source.accessed}")
        lines.append(f"{number}. {link(source.title, source.url)}, {', '.join(details)}")
    return lines


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
