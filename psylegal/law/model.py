"""The domain in types: closed vocabularies as enums and the immutable records built from valid data.

Labels, colours and plain-language explanations for every vocabulary live here, in one table per
enum, so that renderers never invent their own wording and tests can check every member.

Records are typed NamedTuples rather than frozen dataclasses: they are just as immutable and typed,
and creating the classes costs a fifth of the time, which matters for a lookup that must start in
well under a tenth of a second (scripts/benchmark.py).
"""

from __future__ import annotations

import datetime
from enum import Enum
from typing import NamedTuple

DISCLAIMER = (
    "psylegal is information, not legal or medical advice. Laws change and this data can be wrong"
    " or out of date: check the sources, and talk to a qualified professional before acting."
)

# A review older than this is flagged to users and to maintainers.
REVIEW_STALE_AFTER_DAYS = 365

# The therapy catalog must hold exactly these ids; this is also their display order.
THERAPY_IDS = ("ketamine", "esketamine", "psilocybin", "mdma", "lsd", "ayahuasca", "ibogaine", "mescaline")

# The catalog's file name inside a data directory; every other *.yaml there is a jurisdiction.
CATALOG_FILE = "therapies.yaml"


class Status(str, Enum):
    AVAILABLE = "available"
    UNREGULATED = "unregulated"
    LIMITED = "limited"
    RESEARCH = "research"
    PENDING = "pending"
    DECRIMINALIZED = "decriminalized"
    PROHIBITED = "prohibited"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def explanation(self) -> str:
        return STATUS_EXPLANATIONS[self]

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self]

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.AVAILABLE: "Available",
    Status.UNREGULATED: "Unregulated",
    Status.LIMITED: "Limited",
    Status.RESEARCH: "Research only",
    Status.PENDING: "Pending",
    Status.DECRIMINALIZED: "Decriminalized",
    Status.PROHIBITED: "Prohibited",
    Status.UNKNOWN: "Unknown",
}

STATUS_EXPLANATIONS: dict[Status, str] = {
    Status.AVAILABLE: "Legally provided now as a therapy or service (prescription or licensed program).",
    Status.UNREGULATED: "Not controlled, or a tolerated grey area with no licensing regime.",
    Status.LIMITED: (
        "A patient outside a study can get it through a narrow route: expanded or special access,"
        " authorised prescribers, pilots that treat patients, or religious exemptions."
    ),
    Status.RESEARCH: "Only inside approved clinical trials or research; nothing for a patient outside a study.",
    Status.PENDING: "A law has passed but the program is not operating yet.",
    Status.DECRIMINALIZED: (
        "Not lawfully provided, but personal possession or use is decriminalized or the lowest enforcement priority."
    ),
    Status.PROHIBITED: "Controlled, with no therapeutic route a patient can use.",
    Status.UNKNOWN: "Not yet researched or not verifiable; see the note.",
}

# Terminal colour names understood by psylegal.render.text.
STATUS_COLOURS: dict[Status, str] = {
    Status.AVAILABLE: "green",
    Status.UNREGULATED: "cyan",
    Status.LIMITED: "yellow",
    Status.RESEARCH: "yellow dim",
    Status.PENDING: "blue",
    Status.DECRIMINALIZED: "magenta",
    Status.PROHIBITED: "red",
    Status.UNKNOWN: "dim",
}

# One-character marks for the compact `list` grid; distinct so the grid reads without colour.
STATUS_SYMBOLS: dict[Status, str] = {
    Status.AVAILABLE: "A",
    Status.UNREGULATED: "U",
    Status.LIMITED: "L",
    Status.RESEARCH: "R",
    Status.PENDING: "P",
    Status.DECRIMINALIZED: "D",
    Status.PROHIBITED: "X",
    Status.UNKNOWN: "?",
}


class Kind(str, Enum):
    COUNTRY = "country"
    STATE = "state"
    PROVINCE = "province"
    TERRITORY = "territory"
    DISTRICT = "district"
    COUNTY = "county"
    CITY = "city"


# Kinds that are first-level subdivisions of a country and so carry an ISO 3166-2 code.
SUBDIVISION_KINDS = frozenset({Kind.STATE, Kind.PROVINCE, Kind.TERRITORY, Kind.DISTRICT})
LOCAL_KINDS = frozenset({Kind.COUNTY, Kind.CITY})


class Route(str, Enum):
    PRESCRIPTION = "prescription"
    LICENSED_PROGRAM = "licensed-program"
    CLINICAL_TRIAL = "clinical-trial"
    EXPANDED_ACCESS = "expanded-access"
    SPECIAL_ACCESS = "special-access"
    AUTHORISED_PRESCRIBER = "authorised-prescriber"
    RELIGIOUS_EXEMPTION = "religious-exemption"
    RETREAT = "retreat"
    PERSONAL_USE = "personal-use"
    PILOT = "pilot"

    @property
    def label(self) -> str:
        return ROUTE_LABELS[self]


ROUTE_LABELS: dict[Route, str] = {
    Route.PRESCRIPTION: "Prescription",
    Route.LICENSED_PROGRAM: "Licensed program",
    Route.CLINICAL_TRIAL: "Clinical trial",
    Route.EXPANDED_ACCESS: "Expanded access",
    Route.SPECIAL_ACCESS: "Special access scheme",
    Route.AUTHORISED_PRESCRIBER: "Authorised prescriber",
    Route.RELIGIOUS_EXEMPTION: "Religious exemption",
    Route.RETREAT: "Retreat",
    Route.PERSONAL_USE: "Personal use",
    Route.PILOT: "Pilot program",
}


class EventType(str, Enum):
    LAW_PASSED = "law-passed"
    LAW_IN_FORCE = "law-in-force"
    PROGRAM_OPENED = "program-opened"
    BALLOT_PASSED = "ballot-passed"
    BALLOT_FAILED = "ballot-failed"
    BILL_FAILED = "bill-failed"
    VETOED = "vetoed"
    ROLLBACK = "rollback"
    DECRIMINALIZED = "decriminalized"
    COURT_RULING = "court-ruling"
    REGULATORY = "regulatory"
    TASK_FORCE = "task-force"
    FUNDING = "funding"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")


class RouteState(str, Enum):
    """Whether a route can be used today. Only open routes are access; closed ones are history."""

    OPEN = "open"
    CLOSED = "closed"
    UPCOMING = "upcoming"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return ROUTE_STATE_LABELS[self]


ROUTE_STATE_LABELS: dict[RouteState, str] = {
    RouteState.OPEN: "open",
    RouteState.CLOSED: "closed",
    RouteState.UPCOMING: "coming",
    RouteState.UNKNOWN: "state unknown",
}


class Setting(str, Enum):
    CLINIC = "clinic"
    HOSPITAL = "hospital"
    LICENSED_CENTRE = "licensed-centre"
    HOME = "home"
    RETREAT = "retreat"
    CEREMONY = "ceremony"


class BillStage(str, Enum):
    """How far a bill or ballot measure has got, in the order a bill moves."""

    FILED = "filed"
    PASSED_ONE_CHAMBER = "passed-one-chamber"
    PASSED_BOTH = "passed-both"
    SIGNED = "signed"
    VETOED = "vetoed"
    FAILED = "failed"
    ON_THE_BALLOT = "on-the-ballot"
    APPROVED_BY_VOTERS = "approved-by-voters"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")


# Stages after which a bill is no longer on its way: `where` lists only bills at other stages as pending.
FINAL_BILL_STAGES = frozenset({BillStage.SIGNED, BillStage.VETOED, BillStage.FAILED, BillStage.APPROVED_BY_VOTERS})


class Source(NamedTuple):
    id: str
    title: str
    url: str
    date: str | None  # the page's own publication or update date; None when the page is undated
    accessed: str  # the day it was read
    publisher: str | None = None
    note: str | None = None


class SafetyItem(NamedTuple):
    """A medical caution about a therapy, from drug labels, regulators or peer-reviewed reviews."""

    text: str
    sources: tuple[Source, ...]


class Therapy(NamedTuple):
    id: str
    name: str
    description: str
    aliases: tuple[str, ...] = ()
    safety: tuple[SafetyItem, ...] = ()


class Cost(NamedTuple):
    currency: str
    min: float | None = None
    max: float | None = None
    note: str | None = None


class Eligibility(NamedTuple):
    """Who may use a route. Every field is None (or empty) when no source says: unknown, never guessed."""

    sources: tuple[Source, ...]
    min_age: int | None = None
    residents_only: bool | None = None
    diagnosis_required: bool | None = None
    conditions: tuple[str, ...] = ()
    prescription_required: bool | None = None
    setting: tuple[Setting, ...] = ()
    cost: Cost | None = None


class Providers(NamedTuple):
    """The size of a program in practice: how many licensed providers, as of a date."""

    number: int  # `count` in the data; a tuple already has a `count` method
    unit: str
    as_of: str
    sources: tuple[Source, ...]


class AccessRoute(NamedTuple):
    route: Route
    state: RouteState
    who: str
    since: str | None = None
    until: str | None = None  # closed routes: when it closed
    expected: str | None = None  # upcoming routes: when it is expected to open
    jurisdiction: str | None = None  # the place whose law creates it, when not the file's own place
    eligibility: Eligibility | None = None
    providers: Providers | None = None
    recheck: str | None = None
    sources: tuple[Source, ...] = ()  # empty means: the entry's sources


class HistoryEntry(NamedTuple):
    """A dated change of one place's own status for one therapy."""

    date: str
    status: Status
    text: str
    sources: tuple[Source, ...]


class TherapyEntry(NamedTuple):
    """What one jurisdiction's own law says about one therapy."""

    therapy: str
    status: Status
    since: str | None
    routes: tuple[AccessRoute, ...]
    note: str | None
    sources: tuple[Source, ...]
    recheck: str | None = None
    history: tuple[HistoryEntry, ...] = ()
    # The day this place's own law stopped differing from the layers above (Oregon's Measure 110,
    # rolled back on 2024-09-01): from then on the answer comes from them, and the entry is history.
    until: str | None = None
    # The research log behind the note (what was searched, where, and not found): for maintainers.
    searched: str | None = None


class DueDiligence(NamedTuple):
    text: str
    sources: tuple[Source, ...] = ()
    recheck: str | None = None
    therapies: tuple[str, ...] = ()  # the therapies it concerns; empty: every therapy


class Event(NamedTuple):
    date: str
    type: EventType
    text: str
    sources: tuple[Source, ...]
    therapies: tuple[str, ...] = ()


class Bill(NamedTuple):
    """A bill or ballot measure on its way, at its latest known stage."""

    number: str
    title: str
    stage: BillStage
    date: str
    text: str
    sources: tuple[Source, ...]
    session: str | None = None
    therapies: tuple[str, ...] = ()


class Jurisdiction(NamedTuple):
    id: str
    name: str
    kind: Kind
    parent: str | None
    iso: str | None
    aliases: tuple[str, ...]
    reviewed: str
    summary: str
    summary_sources: tuple[Source, ...]
    therapies: dict[str, TherapyEntry]  # the entries in force today
    due_diligence: tuple[DueDiligence, ...] = ()
    timeline: tuple[Event, ...] = ()
    sources: tuple[Source, ...] = ()
    bills: tuple[Bill, ...] = ()
    # Entries whose own law has lapsed (`until`): silent today, restated for a day before `until`.
    lapsed: dict[str, TherapyEntry] = {}  # noqa: RUF012 -- never mutated; a NamedTuple default

    def review_is_stale(self, today: datetime.date) -> bool:
        reviewed = datetime.date.fromisoformat(self.reviewed)
        return (today - reviewed).days > REVIEW_STALE_AFTER_DAYS
