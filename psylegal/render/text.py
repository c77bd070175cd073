"""Terminal text for people: formats the answer records of psylegal.query, and nothing else.

Everything from the data is printed through `terminal.Painter`, `wrap` or `table`, which pass it
through `printable()`, so no control character or escape sequence in the data reaches the terminal.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from psylegal.law.model import DISCLAIMER, Eligibility, Route, RouteState, Source, Status, Therapy
from psylegal.query import (
    STATE_ORDER,
    LocalMeasure,
    Match,
    PlaceAnswer,
    PlacedRoute,
    PlaceList,
    TherapyAnswer,
    TherapyOverview,
)
from psylegal.render import Output
from psylegal.render.terminal import Cell, Painter, plural, table, wrap

if TYPE_CHECKING:  # the law-over-time records; imported only when those views run
    from psylegal.law.history import Expiry
    from psylegal.tracking import BillList, ChangeFeed, StaleQueue

# What "How to get access" says when no route that applies is open.
NO_ROUTE = {
    Status.PROHIBITED: "No lawful route",
    Status.DECRIMINALIZED: "No lawful supply; possession deprioritised",
    Status.PENDING: "Not operating yet",
    Status.UNKNOWN: "Not verified",
    Status.AVAILABLE: "See notes",
    Status.UNREGULATED: "Not regulated",
    Status.LIMITED: "See notes",
    Status.RESEARCH: "Clinical trials only",
}
ROUTE_ORDER = {route: index for index, route in enumerate(Route)}
# Statuses whose phrase says nothing about how: with no open route, name the unconfirmed ones instead.
UNCONFIRMED_SHOWN = frozenset({Status.AVAILABLE, Status.LIMITED, Status.UNKNOWN})


class Citations:
    """Numbers for the answer's sources, in the order the answer lists them, so text can say [1], [2]."""

    def __init__(self, sources: Sequence[Source]) -> None:
        self._numbers = {source.url: number for number, source in enumerate(sources, 1)}

    def __call__(self, sources: Iterable[Source]) -> str:
        return " ".join(dict.fromkeys(f"[{self._numbers[source.url]}]" for source in sources))


# What turns sources into "[1] [2]": `Citations`, or nothing in the short answer (which lists no sources).
Cite = Callable[[Iterable[Source]], str]


def _place_line(answer: PlaceAnswer) -> str:
    place = answer.place
    parents = " › ".join(j.name for j in reversed(answer.parents))
    inside = f" in {parents}" if parents else ""
    return f"{place.kind.value}{inside} · id {place.id} · reviewed {place.reviewed}"


def source_line(source: Source) -> str:
    """A source as the text cites it: title, publisher, the page's own date or 'undated', the day read."""
    publisher = f" — {source.publisher}" if source.publisher else ""
    return f"{source.title}{publisher}, {source.date or 'undated'}, read {source.accessed}"


def town_sentence(answer: PlaceAnswer) -> str:
    """ "Austin is not covered on its own; the Texas answer applies." (for an answer about a town)."""
    town = answer.town.town.name if answer.town is not None else answer.place.name
    return f"{town} is not covered on its own; the {answer.place.name} answer applies."


def town_lines(answer: PlaceAnswer, paint: Painter, width: int) -> list[str]:
    """What an answer for a town asked for says about the town: whose law applies, what is not known."""
    if answer.town is None:
        return []
    town, text = answer.town.town.name, town_sentence(answer)
    if answer.town.local_law_unknown:
        text += f" Local measures of {town}'s city or county, if any, are not known to psylegal."
    return [paint(line, "yellow") for line in wrap(text, width, "  ", "! ")]


def access_summary(answer: TherapyAnswer) -> str:
    """The open routes that apply, therapeutic ones first (the Route enum's order), personal use last.

    Closed, upcoming and unconfirmed routes are never access. With no open route, a phrase for the
    status; where that phrase would only say "See notes" or "Not verified", the routes that are not
    confirmed running instead (an undated route asked about a day before its file's review, or one
    nobody could confirm).
    """
    open_routes = _route_labels(answer, RouteState.OPEN)
    if open_routes:
        return open_routes
    unconfirmed = _route_labels(answer, RouteState.UNKNOWN) if answer.status in UNCONFIRMED_SHOWN else ""
    return f"{unconfirmed} (not confirmed running)" if unconfirmed else NO_ROUTE[answer.status]


def _route_labels(answer: TherapyAnswer, state: RouteState) -> str:
    """The kinds of route in one state that apply, in the Route enum's order, joined by '; '."""
    routes = {placed.access.route for placed in answer.routes_in(state)}
    return "; ".join(route.label for route in sorted(routes, key=ROUTE_ORDER.__getitem__))


def coming_summary(answer: TherapyAnswer) -> str | None:
    """'Coming: Licensed program, expected 2026-12-31' for the upcoming routes that apply, or None."""
    coming = [
        f"{placed.access.route.label}, expected {placed.access.expected}"
        if placed.access.expected
        else placed.access.route.label
        for placed in answer.routes_in(RouteState.UPCOMING)
    ]
    return "Coming: " + "; ".join(dict.fromkeys(coming)) if coming else None


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


# What `eligibility_line(..., unknown=True)` names when the data leaves it out: the fields `find` filters on.
UNSTATED = ("age", "diagnosis", "residency")


def eligibility_line(eligibility: Eligibility | None, *, unknown: bool = False) -> str:
    """Who may use a route, compactly ('21+ · no diagnosis · visitors welcome · no prescription').

    Only what the data states: a field it leaves out is unknown and is not shown at all, unless
    `unknown` asks to name the ones a person filters on ('21+ · visitors welcome; not stated: diagnosis').
    """
    if eligibility is None:
        return "eligibility not recorded" if unknown else ""
    parts: list[str] = []
    if eligibility.min_age is not None:
        parts.append(f"{eligibility.min_age}+")
    if eligibility.diagnosis_required is False:
        parts.append("no diagnosis")
    elif eligibility.diagnosis_required:
        conditions = f" ({', '.join(eligibility.conditions)})" if eligibility.conditions else ""
        parts.append(f"diagnosis required{conditions}")
    if eligibility.residents_only is False:
        parts.append("visitors welcome")
    elif eligibility.residents_only:
        parts.append("residents only")
    if eligibility.prescription_required is False:
        parts.append("no prescription")
    elif eligibility.prescription_required:
        parts.append("prescription or referral")
    if eligibility.setting:
        parts.append(", ".join(setting.value.replace("-", " ") for setting in eligibility.setting))
    cost = eligibility.cost
    if cost is not None:
        low, high = (None if value is None else _amount(value) for value in (cost.min, cost.max))
        if low and high:
            amount = f"{cost.currency} {low}" if low == high else f"{cost.currency} {low}–{high}"
        elif low or high:
            amount = f"from {cost.currency} {low}" if low else f"up to {cost.currency} {high}"
        else:
            amount = f"cost in {cost.currency}"
        parts.append(f"{amount} {cost.note}" if cost.note else amount)
    line = " · ".join(parts)
    if unknown:
        stated = (eligibility.min_age, eligibility.diagnosis_required, eligibility.residents_only)
        missing = [name for name, value in zip(UNSTATED, stated, strict=True) if value is None]
        if missing:
            line += ("; " if line else "") + "not stated: " + ", ".join(missing)
    return line


def where(answer: PlaceAnswer, output: Output) -> str:
    """One place's answer. By default it fits a screen: the summary, the table with who may use each
    open route, pending bills, and the medical cautions and due diligence in one line each. `--full`
    (`output.full`) adds each therapy's detail (every route in every state, notes per layer,
    conflicts), due diligence in full, the timeline and the numbered sources the text cites.
    """
    paint, width, full = Painter(output.colour), output.width, output.full
    place = answer.place
    # The short answer prints no [n]: the numbered sources it would point to are in --full only.
    cite: Cite = Citations(answer.sources) if full else _uncited
    out = [paint(place.name, "bold"), paint(_place_line(answer), "dim")]
    out += town_lines(answer, paint, width)
    if answer.as_of is not None:
        out += [paint(line, "yellow") for line in wrap(historical_label(answer.as_of), width)]
    if answer.review_stale:
        out.append(paint(f"! Last reviewed {place.reviewed}, over a year ago: facts may have changed.", "yellow"))
    out += [paint(line, "yellow") for item in answer.expired for line in wrap(expiry_line(item), width, "  ", "! ")]
    out.append("")
    if answer.as_of is None:  # the summary describes today
        out += wrap(f"{place.summary} {cite(place.summary_sources)}".rstrip(), width)
        out.append("")
    out += _where_table(answer, paint, width)
    if not full:
        out += _conflicts_brief(answer, paint, width)
        out += _unknowns_brief(answer, paint, width)
    if not full:  # what a historical answer could not know is never left to --full
        for result in answer.therapies:
            unknown = history_lines(result, width)
            if unknown:
                out += ["", f"{result.therapy.name}:", *(paint(line, "yellow") for line in unknown)]
    if answer.bills:
        listed = "; ".join(
            (
                f"{b.bill.number} ({b.jurisdiction.name}, {b.bill.stage.label} {b.bill.date}) " + cite(b.bill.sources)
            ).rstrip()
            for b in answer.bills
        )
        out += ["", *wrap(f"Pending bills: {listed}. 'psylegal bills' shows them.", width)]
    if full:
        for result in answer.therapies:
            out.append("")
            out += _therapy_detail(result, len(answer.parents) > 0, paint, width, cite)
    else:
        out += _cautions_brief(answer, paint, width)
    if answer.due_diligence or answer.local_measures:
        out += ["", paint("Before you go", "bold")]
        for measure in answer.local_measures:
            text = local_measure_text(measure)
            out += wrap(text, width, "    ", "  • ") if full else brief(text, width, "  • ", "    ")
        for entry in answer.due_diligence:
            whose = "" if entry.jurisdiction is place else f"({entry.jurisdiction.name}) "
            text = f"{whose}{entry.item.text} {cite(entry.item.sources)}".rstrip()
            out += wrap(text, width, "    ", "  • ") if full else brief(text, width, "  • ", "    ")
    if full:
        out += _timeline_and_sources(answer, paint, width, cite)
    else:
        more = (
            "--full adds each therapy's routes in every state, notes per layer and conflicts, the due diligence"
            f" in full, the timeline and {plural(len(answer.sources), 'source')}."
        )
        out += ["", *(paint(line, "dim") for line in wrap(more, width))]
    out += [""] + [paint(line, "dim") for line in wrap(DISCLAIMER, width)]
    return "\n".join(out)


def local_measure_text(measure: LocalMeasure) -> str:
    """What a city's or county's decriminalization never does, and how fresh the data on it is.

    The freshness comes first: the short answer keeps only the first sentence."""
    name = measure.place.name
    newest = measure.newest_source
    dated = (
        f"the newest source read for it dates from {newest}"
        if newest is not None
        else "no source read for it shows its own date"
    )
    return (
        f"{name}'s measure binds only its own officials, inside its limits; {dated}: check that it is"
        " still in force. It licenses no one, state and federal law still apply, and it can be amended or"
        " repealed."
    )


def _conflicts_brief(answer: PlaceAnswer, paint: Painter, width: int) -> list[str]:
    """One line per broader law that is stricter than the answer: state law never overrides it."""
    stricter: dict[str, list[str]] = {}
    for result in answer.therapies:
        for layer in result.conflicts:
            key = f"{layer.jurisdiction.name} law still says {layer.entry.status.value}"
            stricter.setdefault(key, []).append(result.therapy.name)
    lines: list[str] = []
    for says, names in stricter.items():
        text = f"{', '.join(names)}: {says}, and it can still be enforced here."
        lines += [paint(line, "yellow") for line in wrap(text, width, "    ", "  ! ")]
    return ["", *lines] if lines else []


def _unknowns_brief(answer: PlaceAnswer, paint: Painter, width: int) -> list[str]:
    """What an `unknown` in the table means, in plain words: never read as "allowed". With one therapy
    shown, the note that says what is missing (it is the whole answer asked for); with several, which
    ones and where to look."""
    unsettled = [result for result in answer.therapies if result.status is Status.UNKNOWN and result.deciding]
    if not unsettled:
        return []
    if len(answer.therapies) == 1:
        deciding = unsettled[0].deciding
        note = deciding.entry.note if deciding else None
        text = f"Not verified. {note or 'The sources read could not settle the law here.'}"
    else:
        names = ", ".join(result.therapy.name for result in unsettled)
        them = "it" if len(unsettled) == 1 else "them"
        text = (
            f"Not verified: {names}. The sources read could not settle the law here, so do not assume"
            f" it allows {them}; --therapy T says what is missing."
        )
    return ["", *(paint(line, "yellow") for line in wrap(text, width, "    ", "  ? "))]


def _uncited(sources: Iterable[Source]) -> str:
    return ""


# Where a point's first sentence ends: a full stop before a capital (not "e.g. whether").
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(])")
BRIEF_LINES = 2


def brief(text: str, width: int, first: str, indent: str) -> list[str]:
    """A point of advice in at most two lines: as many whole sentences as fit, else cut at a word; '…' marks a cut.

    The short `where` answer shows each point so; `--full` shows it whole.
    """
    whole = wrap(text, width, indent, first)
    if len(whole) <= BRIEF_LINES:
        return whole
    sentences = SENTENCE_END.split(" ".join(text.split()))
    kept: list[str] = []
    for count in range(1, len(sentences)):
        lines = wrap(" ".join(sentences[:count]) + " …", width, indent, first)
        if len(lines) > BRIEF_LINES:
            break
        kept = lines
    if kept:
        return kept
    lines = whole[:BRIEF_LINES]
    last = lines[-1]
    cut = last[: width - 1].rsplit(" ", 1)[0] if len(last) >= width - 1 else last
    lines[-1] = cut.rstrip(",;:") + "…"
    return lines


def _where_table(answer: PlaceAnswer, paint: Painter, width: int) -> list[str]:
    """One row per therapy (only open routes under access), then who may use each open route, then what is coming."""
    rows: list[list[Cell]] = []
    for result in answer.therapies:
        rows.append(
            [
                Cell(result.therapy.name),
                Cell(result.status.value, result.status.colour),
                Cell(access_summary(result)),
                Cell(result.since or "—"),
            ]
        )
        for who in dict.fromkeys(open_eligibility(result)):
            rows.append([Cell(""), Cell(""), Cell(who, "dim"), Cell("")])
        coming = coming_summary(result)
        if coming:
            rows.append([Cell(""), Cell(""), Cell(coming, STATE_STYLES[RouteState.UPCOMING]), Cell("")])
    return table(paint, ["Therapy", "Status", "How to get access", "Since"], rows, width, flexible=2)


def open_eligibility(answer: TherapyAnswer) -> list[str]:
    """Who may use each open route, compactly, named by its route when several kinds are open."""
    open_routes = answer.routes_in(RouteState.OPEN)
    several = len({placed.access.route for placed in open_routes}) > 1
    lines = []
    for placed in open_routes:
        compact = eligibility_line(placed.access.eligibility)
        if compact:
            lines.append(f"{placed.access.route.label}: {compact}" if several else compact)
    return lines


def _cautions_brief(answer: PlaceAnswer, paint: Painter, width: int) -> list[str]:
    """The medical cautions of the therapies shown: one line each for one therapy, else which therapies have them."""
    cautious = [result for result in answer.therapies if result.safety]
    if not cautious:
        return []
    if len(answer.therapies) == 1:
        [result] = cautious
        out = ["", paint(f"Medical cautions for {result.therapy.name} (the same everywhere)", "bold")]
        return out + [line for item in result.safety for line in brief(item.text, width, "  + ", "    ")]
    if len(cautious) == len(answer.therapies):
        which = "every therapy above"
    else:
        which = ", ".join(result.therapy.name for result in cautious)
    text = f"Medical cautions (the same everywhere) for {which}: --therapy T lists them, --full gives them in full."
    return ["", *wrap(text, width)]


def _timeline_and_sources(answer: PlaceAnswer, paint: Painter, width: int, cite: Cite) -> list[str]:
    out: list[str] = []
    if answer.timeline:
        out += ["", paint("Timeline", "bold")]
        for event in answer.timeline:
            whose = "" if event.jurisdiction is answer.place else f"({event.jurisdiction.name}) "
            lead = f"  {event.date!s:<10}  "
            text = f"{event.event.type.label}: {whose}{event.event.text} {cite(event.event.sources)}"
            out += wrap(text, width, " " * len(lead), lead)
    out += ["", paint("Sources", "bold")]
    for number, source in enumerate(answer.sources, 1):
        lead = f"  [{number}] "
        out += wrap(source_line(source), width, " " * len(lead), lead)
        out.append(" " * len(lead) + paint(source.url, "cyan"))
    return out


def _therapy_detail(answer: TherapyAnswer, multi: bool, paint: Painter, width: int, cite: Cite) -> list[str]:
    status = answer.status
    out = [paint(answer.therapy.name, "bold") + " — " + paint(status.value, f"bold {status.colour}")]
    out += wrap(status.explanation, width, "  ")
    out += [paint(line, "yellow") for line in history_lines(answer, width)]
    for state in STATE_ORDER:
        for placed in answer.routes_in(state):
            out += _route_lines(placed, multi, paint, width, cite)
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
    for layer in answer.layers:  # each layer's note, then the research log behind that note
        origin = f"{layer.jurisdiction.name}: " if multi else ""
        if layer.entry.note:
            out += wrap(f"{origin}{layer.entry.note}", width, "    ", "  – ")
        if layer.entry.searched:
            text = f"{origin}Searched: {layer.entry.searched}"
            out += [paint(line, "dim") for line in wrap(text, width, "    ", "  – ")]
    if len(answer.layers) > 1 or (multi and answer.layers and answer.layers[0].jurisdiction is not answer.place):
        stack = ", ".join(f"{layer.jurisdiction.name} {layer.entry.status.value}" for layer in answer.layers)
        out += [paint(line, "dim") for line in wrap(f"Layers: {stack}", width, "    ", "  ")]
    if answer.layer_sources:
        out += wrap(f"Sources: {cite(answer.layer_sources)}", width, "    ", "  ")
    if answer.safety:
        out += wrap(f"Medical cautions for {answer.therapy.name} (the same everywhere):", width, "  ")
        for item in answer.safety:
            out += wrap(f"{item.text} {cite(item.sources)}".rstrip(), width, "    ", "  + ")
    return out


# How a route that is not open is introduced: it is never shown as a way in.
STATE_LEADS = {
    RouteState.OPEN: "",
    RouteState.UPCOMING: "Coming: ",
    RouteState.UNKNOWN: "Not confirmed running: ",
    RouteState.CLOSED: "Closed: ",
}
STATE_STYLES = {RouteState.OPEN: "", RouteState.UPCOMING: "blue", RouteState.UNKNOWN: "dim", RouteState.CLOSED: "dim"}


def _route_lines(placed: PlacedRoute, multi: bool, paint: Painter, width: int, cite: Cite) -> list[str]:
    """One route: open ones as access with their eligibility; others as coming, unconfirmed or history."""
    route = placed.access
    when = []
    if route.since and route.state is not RouteState.UPCOMING:
        when.append(f"since {route.since}")
    if route.state is RouteState.UPCOMING and route.expected:
        when.append(f"expected {route.expected}")
    origin = ", ".join([placed.jurisdiction.name] * multi + when)
    lead = STATE_LEADS[route.state]
    if route.state is RouteState.CLOSED and route.until:
        lead = f"Closed {route.until}: "
    text = f"{lead}{route.route.label}{f' ({origin})' if origin else ''}: {route.who} {cite(route.sources)}"
    lines = [paint(line, STATE_STYLES[route.state]) for line in wrap(text.rstrip(), width, "    ", "  • ")]
    eligibility = route.eligibility
    if route.state in (RouteState.OPEN, RouteState.UPCOMING) and eligibility is not None:
        compact = eligibility_line(eligibility)
        if compact:
            lines += wrap(f"Eligibility: {compact} {cite(eligibility.sources)}", width, "      ", "    ")
    if route.state is RouteState.OPEN and route.providers is not None:
        providers = route.providers
        text = f"Providers: {providers.number} {providers.unit} as of {providers.as_of} {cite(providers.sources)}"
        lines += wrap(text, width, "      ", "    ")
    return lines


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
            own = own_differs(result)
            mark = "*" if own else ""
            marked = marked or bool(mark)
            if single:
                aside = f" (own law: {own.value})" if own else ""
                cells.append(paint(f" {result.status.value}{mark}", result.status.colour) + aside)
            else:
                cells.append(paint(f"{result.status.symbol + mark:>4}", result.status.colour))
        matched = "  (own law)" if row.match is Match.OWN and not single else ""
        lines.append(
            f"{paint(label.ljust(name_width))}  {paint(row.place.id.ljust(id_width), 'dim')}" + "".join(cells) + matched
        )
    lines += ["", plural(len(rows), "place") + "."]
    if not single:
        lines += wrap("Columns: " + ", ".join(f"{t.id[:3].title()} {t.name}" for t in therapies), width)
    lines += legend(paint, width)
    notes = "Each status is the effective one: the nearest layer of law that decides access."
    if marked:
        notes += " * the place's own law says something else (a lowest-priority measure, a law not yet running)."
    if any(row.match is Match.OWN for row in rows):
        notes += " Places marked 'own law' match the status filter by their own law, not the effective status."
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
    if overview.status is not None:
        asked = overview.status.value
        out += ["", *wrap(f"Places where {subject.name} is {asked}, or whose own law says {asked}:", width)]
    matches = overview.matches or {}
    for status, members in overview.groups.items():
        if not members:
            continue
        out += ["", paint(f"{status.value} ({len(members)})", f"bold {status.colour}")]
        out += [paint(line, "dim") for line in wrap(status.explanation, width, "  ")]
        for result in members:
            own = own_differs(result)
            aside = f" (own law: {own.value})" if own else ""
            if matches.get(result.place.id) is Match.OWN and own is not None:
                aside = f" (matched by own law: {own.value})"
            place = result.place
            coming = coming_summary(result)
            access = access_summary(result) + (f" · {coming}" if coming else "")
            out += wrap(f"{place.name} ({place.id}): {access}{aside}", width, "      ", "  • ")
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
    paint, width = Painter(output.colour), output.width
    counts = ", ".join(f"{kind.label.lower()} {queue.number(kind)}" for kind in queue.kinds)
    out = [paint(f"Maintainers' queue on {queue.today}: {plural(len(queue.items), 'item')}.", "bold")]
    out += wrap(f"{counts} (reviews are stale after {queue.days} days).", width)
    for kind in queue.kinds:
        items = queue.of(kind)
        if not items:
            continue
        out += ["", paint(f"{kind.label} ({len(items)}), oldest first", "bold")]
        for item in items:
            lead = f"  {item.date!s:<10}  "
            therapy = f" {item.therapy}:" if item.therapy else ""
            out += wrap(f"{item.place.id}:{therapy} {item.text}", width, " " * len(lead), lead)
    return "\n".join(out)
