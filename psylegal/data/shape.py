"""The shape of the data files, written once as data.

`psylegal.data.checks` walks documents against these specs to produce problems, and
`psylegal.data.json_schema` turns the same specs into the JSON Schema that editors and CI use, so the two
cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from psylegal.law.model import BillStage, EventType, Kind, Route, RouteState, Setting, Status

# Partial dates are allowed where sources only give a year or a month.
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
FULL_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# Jurisdiction ids: `us`, `us-co`, `ca-ab`, `us-co-denver`, `us-mi-washtenaw-county`.
JURISDICTION_ID_PATTERN = r"^[a-z]{2}(-[a-z0-9]{1,3}(-[a-z0-9]+)*)?$"
SOURCE_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
THERAPY_ID_PATTERN = r"^[a-z][a-z0-9-]*$"
# Text may hold newlines (from `|` blocks) but no other control character or escape sequence.
NO_CONTROL_PATTERN = r"^[^\u0000-\u0009\u000b-\u001f\u007f-\u009f]*$"
URL_PATTERN = r"^https://[^\s/]+\.[^\s/]+(/\S*)?$"


@dataclass(frozen=True)
class Text:
    """Non-empty text with no control characters."""

    description: str = ""


@dataclass(frozen=True)
class Pattern:
    """Text that must match a regular expression (ids, codes)."""

    pattern: str
    example: str
    description: str = ""


@dataclass(frozen=True)
class Date:
    """A date; only `future=True` dates (expected openings, recheck dates) may lie after today."""

    full: bool = False
    future: bool = False
    description: str = ""


@dataclass(frozen=True)
class Flag:
    """`true` or `false`."""

    description: str = ""


@dataclass(frozen=True)
class Number:
    """A number that is at least zero; `integer=True` allows whole numbers only."""

    integer: bool = False
    description: str = ""


@dataclass(frozen=True)
class Url:
    description: str = ""


@dataclass(frozen=True)
class Choice:
    enum: type[Enum]
    description: str = ""


@dataclass(frozen=True)
class SourceRefs:
    """A list of source ids declared under the file's `sources:`."""

    description: str = ""


@dataclass(frozen=True)
class ListOf:
    item: Spec
    min_items: int = 0
    description: str = ""


@dataclass(frozen=True)
class MapOf:
    key: Pattern
    value: Spec
    description: str = ""


@dataclass(frozen=True)
class Obj:
    fields: dict[str, Spec]
    required: frozenset[str] = field(default_factory=frozenset)
    description: str = ""


Spec = Text | Pattern | Date | Flag | Number | Url | Choice | SourceRefs | ListOf | MapOf | Obj

SOURCE = Obj(
    description="A page that was read, cited by its key.",
    fields={
        "title": Text("The page's own title, or a faithful short one."),
        "publisher": Text("Who published the page."),
        "url": Url("The https address exactly as read."),
        "date": Date(
            description="The page's own publication or last-updated date (YYYY, YYYY-MM or YYYY-MM-DD);"
            " omitted when the page is undated."
        ),
        "accessed": Date(full=True, description="The day the page was read."),
        "note": Text("Anything a reader should know about this source."),
    },
    required=frozenset({"title", "url", "accessed"}),
)

COST = Obj(
    description="What it costs, only where a source gives it.",
    fields={
        "min": Number(description="The lowest price a source gives."),
        "max": Number(description="The highest price a source gives."),
        "currency": Pattern(r"^[A-Z]{3}$", "USD", "ISO 4217 currency code."),
        "note": Text("What the price covers."),
    },
    required=frozenset({"currency"}),
)

ELIGIBILITY = Obj(
    description="Who may use the route; every field is optional and an omitted field means unknown. Never guess.",
    fields={
        "min_age": Number(integer=True, description="The minimum age in years."),
        "residents_only": Flag("Whether only residents may use it."),
        "diagnosis_required": Flag("Whether a diagnosis is required."),
        "conditions": ListOf(Text(), min_items=1, description="The diagnoses that qualify, when one is required."),
        "prescription_required": Flag("Whether a prescription or referral is required."),
        "setting": ListOf(Choice(Setting), min_items=1, description="Where it takes place."),
        "cost": COST,
        "sources": SourceRefs("Sources that state these facts."),
    },
    required=frozenset({"sources"}),
)

PROVIDERS = Obj(
    description="The size of a program in practice.",
    fields={
        "count": Number(integer=True, description="How many."),
        "unit": Text("What is counted, e.g. licensed service centers."),
        "as_of": Date(description="When the count was true."),
        "sources": SourceRefs("Sources for the count."),
    },
    required=frozenset({"count", "unit", "as_of", "sources"}),
)

ACCESS_ROUTE = Obj(
    description="One way to get access, and who may use it.",
    fields={
        "route": Choice(Route, "The kind of route."),
        "state": Choice(RouteState, "Whether it can be used today: open, closed, upcoming or unknown."),
        "since": Date(description="When it opened."),
        "until": Date(description="When it closed; required when the state is closed."),
        "expected": Date(future=True, description="When it is expected to open; required when the state is upcoming."),
        "jurisdiction": Pattern(
            JURISDICTION_ID_PATTERN, "us", "The place whose law creates the route, if not this file's place."
        ),
        "who": Text("Who may use it: age, diagnosis, prescriber, membership."),
        "eligibility": ELIGIBILITY,
        "providers": PROVIDERS,
        "recheck": Date(future=True, description="After this date the route's facts may be out of date."),
        "sources": SourceRefs("Sources for this route (defaults to the entry's sources)."),
    },
    required=frozenset({"route", "state", "who"}),
)

HISTORY_ENTRY = Obj(
    description="A dated change of this place's own status, oldest first.",
    fields={
        "date": Date(description="When the status changed."),
        "status": Choice(Status, "The status from that date."),
        "text": Text("What changed, in plain words."),
        "sources": SourceRefs("Sources for the change."),
    },
    required=frozenset({"date", "status", "text", "sources"}),
)

THERAPY_ENTRY = Obj(
    description="What this jurisdiction's own law says about one therapy.",
    fields={
        "status": Choice(Status, "The status under this jurisdiction's own law."),
        "since": Date(description="Since when this status holds."),
        "recheck": Date(future=True, description="After this date the entry's facts may be out of date."),
        "until": Date(
            description="The day this place's own law stopped differing from the layers above (a rollback"
            " to the same law as theirs): from then on the answer comes from them, and the entry is history."
        ),
        "history": ListOf(HISTORY_ENTRY, description="Dated status changes, oldest first; the last equals the status."),
        "routes": ListOf(ACCESS_ROUTE, description="How one gets access."),
        "note": Text("Plain-language caveats; required when the status is unknown."),
        "searched": Text(
            "For maintainers: what was searched for and where, and what was not found (the research log"
            " behind the note). Shown by `where --full` and `stale`, never in the short answer."
        ),
        "sources": SourceRefs("Sources for this entry; required unless the status is unknown."),
    },
    required=frozenset({"status"}),
)

DUE_DILIGENCE = Obj(
    description="Something to check before going.",
    fields={
        "text": Text("What to check, in plain words."),
        "sources": SourceRefs("Sources that say it: advice is a claim like any other, so every point cites one."),
        "recheck": Date(future=True, description="After this date the advice may be out of date."),
        "therapies": ListOf(
            Pattern(THERAPY_ID_PATTERN, "psilocybin"),
            description="Therapies the advice concerns; leave out for advice on every therapy.",
        ),
    },
    required=frozenset({"text", "sources"}),
)

EVENT = Obj(
    description="A dated event: a law passed, a program opened, a rollback, a failed measure.",
    fields={
        "date": Date(description="When it happened."),
        "type": Choice(EventType, "What kind of event."),
        "text": Text("What happened, in plain words."),
        "therapies": ListOf(Pattern(THERAPY_ID_PATTERN, "psilocybin"), description="Therapies concerned."),
        "sources": SourceRefs("Sources for the event."),
    },
    required=frozenset({"date", "type", "text", "sources"}),
)

BILL = Obj(
    description="A bill or ballot measure on its way, at its latest known stage.",
    fields={
        "number": Text("The bill number or measure name, exactly as the source gives it."),
        "title": Text("Its title."),
        "session": Text("The legislative session or election."),
        "stage": Choice(BillStage, "How far it has got."),
        "date": Date(description="The date of that stage."),
        "therapies": ListOf(Pattern(THERAPY_ID_PATTERN, "psilocybin"), description="Therapies concerned."),
        "text": Text("What it would do, in plain words."),
        "sources": SourceRefs("Sources for the bill and its stage."),
    },
    required=frozenset({"number", "title", "stage", "date", "text", "sources"}),
)

JURISDICTION = Obj(
    description="One psylegal jurisdiction file.",
    fields={
        "id": Pattern(
            JURISDICTION_ID_PATTERN,
            "us-co",
            "Lowercase ISO 3166 code, or <parent-id>-<name-slug>; equals the file name.",
        ),
        "name": Text("Display name."),
        "kind": Choice(Kind, "What kind of place."),
        "parent": Pattern(
            JURISDICTION_ID_PATTERN, "us", "The id of the enclosing jurisdiction; omitted for countries."
        ),
        "iso": Pattern(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$", "US-CO", "ISO 3166-1 alpha-2 or ISO 3166-2 code."),
        "aliases": ListOf(Text(), description="Other names and codes people type."),
        "reviewed": Date(full=True, description="The day this file's facts were last checked."),
        "summary": Text("One to three plain-language sentences."),
        "summary_sources": SourceRefs("Sources backing the summary."),
        "therapies": MapOf(
            Pattern(THERAPY_ID_PATTERN, "psilocybin"),
            THERAPY_ENTRY,
            "Per-therapy entries; an omitted therapy inherits the parent's answer.",
        ),
        "due_diligence": ListOf(DUE_DILIGENCE, description="What to check before going."),
        "timeline": ListOf(EVENT, description="Dated events, oldest first."),
        "bills": ListOf(BILL, description="Pending bills and ballot measures."),
        "sources": MapOf(
            Pattern(SOURCE_ID_PATTERN, "state-program"), SOURCE, "Every source cited in this file, by key."
        ),
    },
    required=frozenset({"id", "name", "kind", "reviewed", "summary", "summary_sources", "therapies", "sources"}),
)

SAFETY_ITEM = Obj(
    description="A medical caution, from drug labels, regulators or peer-reviewed reviews.",
    fields={"text": Text("The caution, in plain words."), "sources": SourceRefs("Medical sources for it.")},
    required=frozenset({"text", "sources"}),
)

THERAPY = Obj(
    description="One therapy in the catalog.",
    fields={
        "name": Text("Display name."),
        "description": Text("One line saying what it is."),
        "aliases": ListOf(Text(), description="Other names people type."),
        "safety": ListOf(SAFETY_ITEM, description="Sourced medical cautions."),
    },
    required=frozenset({"name", "description"}),
)

THERAPY_CATALOG = Obj(
    description="The therapy catalog (therapies.yaml).",
    fields={
        "therapies": MapOf(Pattern(THERAPY_ID_PATTERN, "psilocybin"), THERAPY, "Therapies by id."),
        "sources": MapOf(
            Pattern(SOURCE_ID_PATTERN, "fda-ketalar-label"), SOURCE, "Every source the safety items cite, by key."
        ),
    },
    required=frozenset({"therapies"}),
)

SCHEMA_DIR = "schema"
JURISDICTION_SCHEMA_FILE = "jurisdiction.schema.json"
THERAPY_SCHEMA_FILE = "therapies.schema.json"

# Words that mark an unfilled scaffold; `psylegal new` writes them and `validate` refuses them.
PLACEHOLDER = "FILL-IN"
