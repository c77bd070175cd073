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
    PENDING = "pending"
    DECRIMINALIZED = "decriminalized"
    PROHIBITED = "prohibited"
    UNKNOWN = "unknown"

    @property
    def explanation(self) -> str:
        return STATUS_EXPLANATIONS[self]

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self]

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[self]


STATUS_EXPLANATIONS: dict[Status, str] = {
    Status.AVAILABLE: "Legally provided now as a therapy or service (prescription or licensed program).",
    Status.UNREGULATED: "Not controlled, or a tolerated grey area with no licensing regime.",
    Status.LIMITED: (
        "Only through narrow routes: clinical trials, expanded or special access,"
        " authorised prescribers, pilots or religious exemptions."
    ),
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


class Therapy(NamedTuple):
    id: str
    name: str
    description: str
    aliases: tuple[str, ...] = ()


class Source(NamedTuple):
    id: str
    title: str
    url: str
    date: str
    publisher: str | None = None
    note: str | None = None


class AccessRoute(NamedTuple):
    route: Route
    who: str
    since: str | None = None


class TherapyEntry(NamedTuple):
    """What one jurisdiction's own law says about one therapy."""

    therapy: str
    status: Status
    since: str | None
    routes: tuple[AccessRoute, ...]
    note: str | None
    sources: tuple[Source, ...]


class DueDiligence(NamedTuple):
    text: str
    sources: tuple[Source, ...] = ()


class Event(NamedTuple):
    date: str
    type: EventType
    text: str
    sources: tuple[Source, ...]
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
    therapies: dict[str, TherapyEntry]
    due_diligence: tuple[DueDiligence, ...] = ()
    timeline: tuple[Event, ...] = ()
    sources: tuple[Source, ...] = ()

    def review_is_stale(self, today: datetime.date) -> bool:
        reviewed = datetime.date.fromisoformat(self.reviewed)
        return (today - reviewed).days > REVIEW_STALE_AFTER_DAYS
