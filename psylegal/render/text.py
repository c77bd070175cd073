"""Terminal views of answers, listings and problems, for people.

Renderers take model records and answers, never raw YAML, and print data only through
`terminal.Painter`, which strips control characters.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from psylegal.law.layers import Answer, PlaceAnswer
from psylegal.law.model import DISCLAIMER, Jurisdiction, Route, Source, Status, Therapy
from psylegal.render.terminal import Cell, Painter, table, wrap

NO_ROUTE = {
    Status.PROHIBITED: "No lawful route",
    Status.DECRIMINALIZED: "No lawful supply; possession deprioritised",
    Status.PENDING: "Not operating yet",
    Status.UNKNOWN: "Unknown",
    Status.AVAILABLE: "See notes",
    Status.UNREGULATED: "Not regulated",
    Status.LIMITED: "See notes",
}


class Citations:
    """Numbers sources in the order they are first cited, so the text can say [1], [2]."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self._numbers: dict[str, int] = {}

    def cite(self, sources: Iterable[Source]) -> str:
        marks = []
        for source in sources:
            if source.url not in self._numbers:
                self.sources.append(source)
                self._numbers[source.url] = len(self.sources)
            marks.append(f"[{self._numbers[source.url]}]")
        return " ".join(dict.fromkeys(marks))


def _place_line(jurisdiction: Jurisdiction, chain: Sequence[Jurisdiction]) -> str:
    parents = " › ".join(j.name for j in reversed(chain[1:]))
    where = f" in {parents}" if parents else ""
    return f"{jurisdiction.kind.value}{where} · id {jurisdiction.id} · reviewed {jurisdiction.reviewed}"


ROUTE_ORDER = {route: index for index, route in enumerate(Route)}


def access_summary(answer: Answer) -> str:
    """The routes that apply, therapeutic ones first (the Route enum's order), personal use last."""
    routes = {route.route for layer in answer.applying for route in layer.entry.routes}
    labels = [route.label for route in sorted(routes, key=ROUTE_ORDER.__getitem__)]
    return "; ".join(labels) if labels else NO_ROUTE[answer.status]


def render_where(place: PlaceAnswer, paint: Painter, width: int, today: datetime.date) -> str:
    j = place.jurisdiction
    cite = Citations()
    out = [paint(j.name, "bold"), paint(_place_line(j, place.chain), "dim")]
    if j.review_is_stale(today):
        out.append(paint(f"! Last reviewed {j.reviewed}, over a year ago: facts may have changed.", "yellow"))
    out.append("")
    out += wrap(f"{j.summary} {cite.cite(j.summary_sources)}", width)
    out.append("")
    rows = [
        [
            Cell(t.name),
            Cell(place.answers[t.id].status.value, place.answers[t.id].status.colour),
            Cell(access_summary(place.answers[t.id])),
            Cell(place.answers[t.id].since or "—"),
        ]
        for t in place.therapies
    ]
    out += table(paint, ["Therapy", "Status", "How to get access", "Since"], rows, width, flexible=2)
    for therapy in place.therapies:
        out.append("")
        out += _therapy_detail(therapy, place.answers[therapy.id], place, paint, width, cite)
    notes = [(jur, note) for jur in place.chain for note in jur.due_diligence]
    if notes:
        out += ["", paint("Before you go", "bold")]
        for jur, note in notes:
            where = "" if jur is j else f"({jur.name}) "
            out += wrap(f"{where}{note.text} {cite.cite(note.sources)}".rstrip(), width, "    ", "  • ")
    wanted = {t.id for t in place.therapies}
    events = sorted(
        (
            (event, jur)
            for jur in place.chain
            for event in jur.timeline
            if not event.therapies or wanted & set(event.therapies)
        ),
        key=lambda pair: pair[0].date,
    )
    if events:
        out += ["", paint("Timeline", "bold")]
        for event, jur in events:
            where = "" if jur is j else f"({jur.name}) "
            lead = f"  {event.date:<10}  "
            out += wrap(
                f"{event.type.label}: {where}{event.text} {cite.cite(event.sources)}", width, " " * len(lead), lead
            )
    out += ["", paint("Sources", "bold")]
    for number, source in enumerate(cite.sources, 1):
        publisher = f" — {source.publisher}" if source.publisher else ""
        lead = f"  [{number}] "
        out += wrap(f"{source.title}{publisher}, {source.date}", width, " " * len(lead), lead)
        out.append(" " * len(lead) + paint(source.url, "cyan"))
    out += [""] + [paint(line, "dim") for line in wrap(DISCLAIMER, width)]
    return "\n".join(out)


def _therapy_detail(
    therapy: Therapy, answer: Answer, place: PlaceAnswer, paint: Painter, width: int, cite: Citations
) -> list[str]:
    status = answer.status
    out = [paint(therapy.name, "bold") + " — " + paint(status.value, f"bold {status.colour}")]
    out += wrap(status.explanation, width, "  ")
    multi = len(place.chain) > 1
    for layer in answer.applying:
        for route in layer.entry.routes:
            since = f", since {route.since}" if route.since else ""
            origin = (
                f" ({layer.jurisdiction.name}{since})" if multi else (f" (since {route.since})" if route.since else "")
            )
            out += wrap(f"{route.route.label}{origin}: {route.who}", width, "    ", "  • ")
    for layer in answer.conflicts:
        out += [
            paint(line, "yellow")
            for line in wrap(
                f"Conflict: {layer.jurisdiction.name} law still says {layer.entry.status.value}. "
                f"Local or state law does not change {layer.jurisdiction.name} law, and it can still be enforced.",
                width,
                "    ",
                "  ! ",
            )
        ]
    for layer in answer.layers:
        if layer.entry.note:
            origin = f"{layer.jurisdiction.name}: " if multi else ""
            out += wrap(f"{origin}{layer.entry.note}", width, "    ", "  – ")
    if len(answer.layers) > 1 or (multi and answer.layers and answer.layers[0].jurisdiction is not place.jurisdiction):
        stack = ", ".join(f"{layer.jurisdiction.name} {layer.entry.status.value}" for layer in answer.layers)
        out += [paint(line, "dim") for line in wrap(f"Layers: {stack}", width, "    ", "  ")]
    sources = tuple(s for layer in answer.layers for s in layer.entry.sources)
    if sources:
        out += wrap(f"Sources: {cite.cite(sources)}", width, "    ", "  ")
    return out


def legend(paint: Painter, width: int) -> list[str]:
    """Every status with its grid symbol, packed into lines by their printed (uncoloured) width."""
    lines: list[str] = []
    line, used = "Legend:", len("Legend:")
    for status in Status:
        plain = f"{status.symbol} {status.value}"
        if used + 2 + len(plain) > width:
            lines.append(line)
            line, used = "       ", 7
        line += "  " + paint(status.symbol, status.colour) + " " + status.value
        used += 2 + len(plain)
    return [*lines, line]


def own_differs(jurisdiction: Jurisdiction, answer: Answer) -> Status | None:
    """The place's own status for a therapy when it differs from the effective one, else None."""
    own = jurisdiction.therapies.get(answer.therapy)
    return own.status if own is not None and own.status is not answer.status else None


def render_list(
    rows: Sequence[tuple[Jurisdiction, int, dict[str, Answer]]],
    therapies: Sequence[Therapy],
    paint: Painter,
    width: int,
) -> str:
    """A compact grid: one row per place (indented under its parent), one column per therapy."""
    if not rows:
        return "No places match these filters."
    single = len(therapies) == 1
    columns = [therapies[0].name] if single else [t.id[:3].title() for t in therapies]
    grid = len(therapies) * 4
    id_width = max(len(j.id) for j, _, _ in rows)
    name_width = max(len("  " * depth + j.name) for j, depth, _ in rows)
    name_width = max(12, min(name_width, width - grid - id_width - 3))
    header = f"{'Place':<{name_width}}  {'Id':<{id_width}}" + (
        " " + columns[0] if single else "".join(f"{c:>4}" for c in columns)
    )
    lines = [paint(header, "bold")]
    marked = False
    for jurisdiction, depth, answers in rows:
        label = "  " * depth + jurisdiction.name
        if len(label) > name_width:
            label = label[: name_width - 1] + "…"
        cells = []
        for therapy in therapies:
            result = answers[therapy.id]
            mark = "*" if own_differs(jurisdiction, result) else ""
            marked = marked or bool(mark)
            cells.append(
                paint(
                    " " + result.status.value + mark if single else f"{result.status.symbol + mark:>4}",
                    result.status.colour,
                )
            )
        lines.append(
            f"{paint(label.ljust(name_width))}  {paint(jurisdiction.id.ljust(id_width), 'dim')}" + "".join(cells)
        )
    lines += ["", f"{len(rows)} place{'s' if len(rows) != 1 else ''}."]
    if not single:
        lines += wrap("Columns: " + ", ".join(f"{t.id[:3].title()} {t.name}" for t in therapies), width)
    lines += legend(paint, width)
    notes = "Each status is the effective one: the nearest layer of law that decides access."
    if marked:
        notes += " * the place's own law says something else (a lowest-priority measure, a law not yet running)."
    lines += wrap(notes + " 'psylegal where PLACE' shows every layer and its sources.", width)
    return "\n".join(lines)


def render_therapy(
    therapy: Therapy, groups: dict[Status, list[tuple[Jurisdiction, Answer]]], paint: Painter, width: int
) -> str:
    out = [paint(therapy.name, "bold") + paint(f" ({therapy.id})", "dim")]
    out += wrap(therapy.description, width)
    if therapy.aliases:
        out += [paint(line, "dim") for line in wrap("Also called: " + ", ".join(therapy.aliases), width)]
    for status in Status:
        members = groups.get(status)
        if not members:
            continue
        out += ["", paint(f"{status.value} ({len(members)})", f"bold {status.colour}")]
        out += [paint(line, "dim") for line in wrap(status.explanation, width, "  ")]
        for jurisdiction, answer in members:
            own = own_differs(jurisdiction, answer)
            aside = f" (own law: {own.value})" if own else ""
            out += wrap(
                f"{jurisdiction.name} ({jurisdiction.id}): {access_summary(answer)}{aside}", width, "      ", "  • "
            )
    out += [""] + [paint(line, "dim") for line in wrap(DISCLAIMER, width)]
    return "\n".join(out)


def render_therapies(therapies: Sequence[Therapy], paint: Painter, width: int) -> str:
    rows = [
        [
            Cell(t.id, "bold"),
            Cell(t.name),
            Cell(t.description + (f" Also: {', '.join(t.aliases)}." if t.aliases else "")),
        ]
        for t in therapies
    ]
    return "\n".join(table(paint, ["Id", "Name", "What it is"], rows, width, flexible=2))
