"""Terminal text for people: formats the answer records of psylegal.query, and nothing else.

Everything from the data is printed through `terminal.Painter`, `wrap` or `table`, which pass it
through `printable()`, so no control character or escape sequence in the data reaches the terminal.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from psylegal.law.model import DISCLAIMER, Route, RouteState, Source, Status, Therapy
from psylegal.query import PlaceAnswer, PlaceList, TherapyAnswer, TherapyOverview
from psylegal.render import Output
from psylegal.render.terminal import Cell, Painter, plural, table, wrap

if TYPE_CHECKING:  # the law-over-time records; imported only when those views run
    from psylegal.law.history import Expiry
    from psylegal.tracking import BillList, ChangeFeed, StaleQueue

NO_ROUTE = {
    Status.PROHIBITED: "No lawful route",
    Status.DECRIMINALIZED: "No lawful supply; possession deprioritised",
    Status.PENDING: "Not operating yet",
    Status.UNKNOWN: "Unknown",
    Status.AVAILABLE: "See notes",
    Status.UNREGULATED: "Not regulated",
    Status.LIMITED: "See notes",
}
ROUTE_ORDER = {route: index for index, route in enumerate(Route)}


class Citations:
    """Numbers for the answer's sources, in the order the answer lists them, so text can say [1], [2]."""

    def __init__(self, sources: Sequence[Source]) -> None:
        self._numbers = {source.url: number for number, source in enumerate(sources, 1)}

    def __call__(self, sources: Iterable[Source]) -> str:
        return " ".join(dict.fromkeys(f"[{self._numbers[source.url]}]" for source in sources))


def _place_line(answer: PlaceAnswer) -> str:
    place = answer.place
    parents = " › ".join(j.name for j in reversed(answer.parents))
    inside = f" in {parents}" if parents else ""
    return f"{place.kind.value}{inside} · id {place.id} · reviewed {place.reviewed}"


def town_lines(answer: PlaceAnswer, paint: Painter, width: int) -> list[str]:
    """What an answer for a town asked for says about the town: whose law applies, what is not known."""
    if answer.town is None:
        return []
    town, name = answer.town.town.name, answer.place.name
    text = f"{town} is not covered on its own; the {name} answer applies."
    if answer.town.local_law_unknown:
        text += f" Local measures of {town}'s city or county, if any, are not known to psylegal."
    return [paint(line, "yellow") for line in wrap(text, width, "  ", "! ")]


def access_summary(answer: TherapyAnswer) -> str:
    """The routes that apply, therapeutic ones first (the Route enum's order), personal use last."""
    routes = {placed.access.route for placed in answer.routes}
    labels = [route.label for route in sorted(routes, key=ROUTE_ORDER.__getitem__)]
    return "; ".join(labels) if labels else NO_ROUTE[answer.status]


def where(answer: PlaceAnswer, output: Output) -> str:
    paint, width = Painter(output.colour), output.width
    place = answer.place
    cite = Citations(answer.sources)
    out = [paint(place.name, "bold"), paint(_place_line(answer), "dim")]
    out += town_lines(answer, paint, width)
    if answer.as_of is not None:
        out += [paint(line, "yellow") for line in wrap(historical_label(answer.as_of), width)]
    if answer.review_stale:
        out.append(paint(f"! Last reviewed {place.reviewed}, over a year ago: facts may have changed.", "yellow"))
    out += [paint(line, "yellow") for item in answer.expired for line in wrap(expiry_line(item), width, "  ", "! ")]
    out.append("")
    if answer.as_of is None:  # the summary describes today
        out += wrap(f"{place.summary} {cite(place.summary_sources)}", width)
        out.append("")
    rows = [
        [
            Cell(result.therapy.name),
            Cell(result.status.value, result.status.colour),
            Cell(access_summary(result)),
            Cell(result.since or "—"),
        ]
        for result in answer.therapies
    ]
    out += table(paint, ["Therapy", "Status", "How to get access", "Since"], rows, width, flexible=2)
    if answer.bills:
        listed = "; ".join(
            f"{b.bill.number} ({b.jurisdiction.name}, {b.bill.stage.label} {b.bill.date}) {cite(b.bill.sources)}"
            for b in answer.bills
        )
        out += ["", *wrap(f"Pending bills: {listed}. 'psylegal bills' shows them.", width)]
    for result in answer.therapies:
        out.append("")
        out += _therapy_detail(result, len(answer.parents) > 0, paint, width, cite)
    if answer.due_diligence:
        out += ["", paint("Before you go", "bold")]
        for entry in answer.due_diligence:
            whose = "" if entry.jurisdiction is place else f"({entry.jurisdiction.name}) "
            out += wrap(f"{whose}{entry.item.text} {cite(entry.item.sources)}".rstrip(), width, "    ", "  • ")
    if answer.timeline:
        out += ["", paint("Timeline", "bold")]
        for event in answer.timeline:
            whose = "" if event.jurisdiction is place else f"({event.jurisdiction.name}) "
            lead = f"  {event.date!s:<10}  "
            text = f"{event.event.type.label}: {whose}{event.event.text} {cite(event.event.sources)}"
            out += wrap(text, width, " " * len(lead), lead)
    out += ["", paint("Sources", "bold")]
    for number, source in enumerate(answer.sources, 1):
        publisher = f" — {source.publisher}" if source.publisher else ""
        lead = f"  [{number}] "
        out += wrap(f"{source.title}{publisher}, {source_date(source)}", width, " " * len(lead), lead)
        out.append(" " * len(lead) + paint(source.url, "cyan"))
    out += [""] + [paint(line, "dim") for line in wrap(DISCLAIMER, width)]
    return "\n".join(out)


def _therapy_detail(answer: TherapyAnswer, multi: bool, paint: Painter, width: int, cite: Citations) -> list[str]:
    status = answer.status
    out = [paint(answer.therapy.name, "bold") + " — " + paint(status.value, f"bold {status.colour}")]
    out += wrap(status.explanation, width, "  ")
    out += [paint(line, "yellow") for line in history_lines(answer, width)]
    for placed in answer.routes:
        route = placed.access
        since = f"since {route.since}" if route.since else ""
        if route.state is not RouteState.OPEN:  # closed, coming or unknown: say so beside the dates
            since = ", ".join(
                part for part in (since, route.state.label, f"until {route.until}" if route.until else "") if part
            )
        if multi:
            origin = f" ({placed.jurisdiction.name}, {since})" if since else f" ({placed.jurisdiction.name})"
        else:
            origin = f" ({since})" if since else ""
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
    for note in answer.notes:
        origin = f"{note.jurisdiction.name}: " if multi else ""
        out += wrap(f"{origin}{note.text}", width, "    ", "  – ")
    if len(answer.layers) > 1 or (multi and answer.layers and answer.layers[0].jurisdiction is not answer.place):
        stack = ", ".join(f"{layer.jurisdiction.name} {layer.entry.status.value}" for layer in answer.layers)
        out += [paint(line, "dim") for line in wrap(f"Layers: {stack}", width, "    ", "  ")]
    if answer.layer_sources:
        out += wrap(f"Sources: {cite(answer.layer_sources)}", width, "    ", "  ")
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


def own_differs(answer: TherapyAnswer) -> Status | None:
    """The place's own status for a therapy when it differs from the effective one, else None."""
    own = answer.own_status
    return own if own is not None and own is not answer.status else None


def places(listing: PlaceList, output: Output) -> str:
    """A compact grid: one row per place (indented under its parent), one column per therapy."""
    paint, width = Painter(output.colour), output.width
    if not listing.rows:
        return "No places match these filters."
    if listing.as_of is not None:
        return "\n".join([*wrap(historical_label(listing.as_of), width), "", _grid(listing, paint, width)])
    return _grid(listing, paint, width)


def _grid(listing: PlaceList, paint: Painter, width: int) -> str:
    rows, therapies = listing.rows, listing.therapies
    single = len(therapies) == 1
    columns = [therapies[0].name] if single else [t.id[:3].title() for t in therapies]
    grid = len(therapies) * 4
    id_width = max(len(row.place.id) for row in rows)
    name_width = max(len("  " * row.depth + row.place.name) for row in rows)
    name_width = max(12, min(name_width, width - grid - id_width - 3))
    header = f"{'Place':<{name_width}}  {'Id':<{id_width}}" + (
        " " + columns[0] if single else "".join(f"{c:>4}" for c in columns)
    )
    lines = [paint(header, "bold")]
    marked = False
    for row in rows:
        label = "  " * row.depth + row.place.name
        if len(label) > name_width:
            label = label[: name_width - 1] + "…"
        cells = []
        for result in row.therapies:
            mark = "*" if own_differs(result) else ""
            marked = marked or bool(mark)
            cells.append(
                paint(
                    " " + result.status.value + mark if single else f"{result.status.symbol + mark:>4}",
                    result.status.colour,
                )
            )
        lines.append(f"{paint(label.ljust(name_width))}  {paint(row.place.id.ljust(id_width), 'dim')}" + "".join(cells))
    lines += ["", plural(len(rows), "place") + "."]
    if not single:
        lines += wrap("Columns: " + ", ".join(f"{t.id[:3].title()} {t.name}" for t in therapies), width)
    lines += legend(paint, width)
    notes = "Each status is the effective one: the nearest layer of law that decides access."
    if marked:
        notes += " * the place's own law says something else (a lowest-priority measure, a law not yet running)."
    lines += wrap(notes + " 'psylegal where PLACE' shows every layer and its sources.", width)
    return "\n".join(lines)


def therapy(overview: TherapyOverview, output: Output) -> str:
    paint, width = Painter(output.colour), output.width
    subject = overview.therapy
    out = [paint(subject.name, "bold") + paint(f" ({subject.id})", "dim")]
    if overview.as_of is not None:
        out += [paint(line, "yellow") for line in wrap(historical_label(overview.as_of), width)]
    out += wrap(subject.description, width)
    if subject.aliases:
        out += [paint(line, "dim") for line in wrap("Also called: " + ", ".join(subject.aliases), width)]
    for status, members in overview.groups.items():
        if not members:
            continue
        out += ["", paint(f"{status.value} ({len(members)})", f"bold {status.colour}")]
        out += [paint(line, "dim") for line in wrap(status.explanation, width, "  ")]
        for result in members:
            own = own_differs(result)
            aside = f" (own law: {own.value})" if own else ""
            place = result.place
            out += wrap(f"{place.name} ({place.id}): {access_summary(result)}{aside}", width, "      ", "  • ")
    out += [""] + [paint(line, "dim") for line in wrap(DISCLAIMER, width)]
    return "\n".join(out)


def therapies(therapies: Sequence[Therapy], output: Output) -> str:
    rows = [
        [
            Cell(t.id, "bold"),
            Cell(t.name),
            Cell(t.description + (f" Also: {', '.join(t.aliases)}." if t.aliases else "")),
        ]
        for t in therapies
    ]
    return "\n".join(table(Painter(output.colour), ["Id", "Name", "What it is"], rows, output.width, flexible=2))


# -- law over time (psylegal/law/history.py, psylegal/tracking.py) -----------------------------------
MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def historical_label(day: datetime.date) -> str:
    return (
        f"Historical answer: the law as it stood at the end of {day}, from dated records."
        " Places and layers with no record yet for that day are named; today's answer may differ."
    )


def source_date(source: Source) -> str:
    """The page's own date, or that it has none and when it was read."""
    return source.date if source.date is not None else f"undated, read {source.accessed}"


def expiry_line(item: Expiry) -> str:
    therapy = f" ({item.therapy})" if item.therapy else ""
    if item.expected:
        happened = f"{item.what} was expected to open by {item.date}, and that date has passed"
    else:
        happened = f"{item.what} was due to be rechecked by {item.date}"
    return f"{item.jurisdiction.name}{therapy}: {happened}. This part may be out of date; check the sources."


def history_lines(answer: TherapyAnswer, width: int) -> list[str]:
    """What a historical answer could not know, and which of its dates are imprecise."""
    out: list[str] = []
    for gap in answer.unrecorded:
        text = f"No record for {gap.jurisdiction.name} on this before {gap.date}."
        out += wrap(text, width, "    ", "  ? ")
    if answer.unrecorded and answer.deciding is None:
        out += wrap("So there is no answer for that day: psylegal does not guess.", width, "    ", "  ? ")
    for dated in answer.imprecise:
        out += wrap(
            f"{dated.jurisdiction.name}'s record of this change is dated only {dated.date};"
            " the exact day is not recorded.",
            width,
            "    ",
            "  ~ ",
        )
    return out


def _month_heading(month: str) -> str:
    year, _, number = month.partition("-")
    return f"{MONTHS[int(number) - 1]} {year}" if number else f"{year} (month not recorded)"


def _therapy_names(therapies: Sequence[str]) -> str:
    return ", ".join(therapies) if therapies else "all therapies"


def changes(feed: ChangeFeed, output: Output) -> str:
    paint, width = Painter(output.colour), output.width
    filters = [
        f"since {feed.since}" if feed.since else "",
        f"until {feed.until}" if feed.until else "",
        f"in {feed.place.name}" if feed.place else "",
        f"about {feed.therapy.name}" if feed.therapy else "",
        f"of type {feed.type}" if feed.type else "",
    ]
    scope = " ".join(part for part in filters if part)
    if feed.upcoming:
        title = f"Coming up after {feed.today}" + (f", {scope}" if scope else "") + ", soonest first"
    else:
        title = "Changes" + (f" {scope}" if scope else "") + ", newest first"
    if not feed.changes:
        return f"{title}: none recorded."
    out = [paint(f"{title}: {plural(len(feed.changes), 'change')}.", "bold")]
    for month, items in feed.months:
        out += ["", paint(_month_heading(month), "bold")]
        for change in items:
            lead = f"  {change.date!s:<10}  "
            indent = " " * len(lead)
            what = change.type.label if change.event is None else change.event.label
            if change.after is not None:
                before = change.before.value if change.before is not None else "first record"
                what = f"status {before} → {change.after.value}"
            head = f"{change.place.name} ({change.place.id}) · {_therapy_names(change.therapies)} · {what}"
            out += [paint(line, "bold") for line in wrap(head, width, indent, lead)]
            out += wrap(change.text, width, indent, indent)
            for source in change.sources[:1]:
                out += [
                    paint(line, "dim") for line in wrap(f"Source: {source.title}, {source.url}", width, indent, indent)
                ]
    return "\n".join(out)


def bills(listing: BillList, output: Output) -> str:
    paint, width = Painter(output.colour), output.width
    if not listing.bills:
        return "No bills or ballot measures recorded match these filters."
    out = [paint(f"{plural(len(listing.bills), 'bill')}, newest stage first.", "bold")]
    for placed in listing.bills:
        bill = placed.bill
        session = f", session {bill.session}" if bill.session else ""
        head = (
            f"{bill.number} · {placed.jurisdiction.name} ({placed.jurisdiction.id}) · {bill.stage.label}"
            f" {bill.date}{session} · {_therapy_names(bill.therapies)}"
        )
        out += ["", *(paint(line, "bold") for line in wrap(head, width))]
        out += wrap(f"{bill.title}: {bill.text}", width, "    ", "    ")
        for source in bill.sources[:1]:
            out += [paint(line, "dim") for line in wrap(f"Source: {source.title}, {source.url}", width, "    ", "    ")]
    return "\n".join(out)


def stale(queue: StaleQueue, output: Output) -> str:
    from psylegal.tracking import StaleKind

    paint, width = Painter(output.colour), output.width
    counts = ", ".join(f"{kind.label.lower()} {queue.number(kind)}" for kind in StaleKind)
    out = [paint(f"Maintainers' queue on {queue.today}: {plural(len(queue.items), 'item')}.", "bold")]
    out += wrap(f"{counts} (reviews are stale after {queue.days} days).", width)
    for kind in StaleKind:
        items = queue.of(kind)
        if not items:
            continue
        out += ["", paint(f"{kind.label} ({len(items)}), oldest first", "bold")]
        for item in items:
            lead = f"  {item.date!s:<10}  "
            therapy = f" {item.therapy}:" if item.therapy else ""
            out += wrap(f"{item.place.id}:{therapy} {item.text}", width, " " * len(lead), lead)
    return "\n".join(out)
