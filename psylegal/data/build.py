"""Turn a validated jurisdiction or catalog dict into frozen model records.

Only ever called on data that passed `psylegal.data.checks`; it does no checking of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from psylegal.law.model import (
    AccessRoute,
    Bill,
    BillStage,
    Cost,
    DueDiligence,
    Eligibility,
    Event,
    EventType,
    HistoryEntry,
    Jurisdiction,
    Kind,
    Providers,
    Route,
    RouteState,
    SafetyItem,
    Setting,
    Source,
    Status,
    Therapy,
    TherapyEntry,
)

Cite = Callable[[list[str] | None], tuple[Source, ...]]


def build_therapy(therapy_id: str, raw: dict[str, Any], raw_sources: dict[str, Any] | None = None) -> Therapy:
    """A catalog therapy; `raw_sources` is the catalog's own `sources:` mapping, for safety items."""
    cite = _citer(raw_sources)
    safety = tuple(SafetyItem(item["text"], cite(item.get("sources"))) for item in raw.get("safety") or ())
    return Therapy(therapy_id, raw["name"], raw["description"], tuple(raw.get("aliases") or ()), safety)


def build_jurisdiction(raw: dict[str, Any]) -> Jurisdiction:
    cite = _citer(raw.get("sources"))
    entries = [_entry(therapy, entry, cite) for therapy, entry in (raw.get("therapies") or {}).items()]
    # `until` is never after the day a file is checked (rule future-date), so an entry with one has
    # lapsed on any day the data is read: it is history, silent in today's answers.
    therapies = {entry.therapy: entry for entry in entries if entry.until is None}
    lapsed = {entry.therapy: entry for entry in entries if entry.until is not None}
    return Jurisdiction(
        id=raw["id"],
        name=raw["name"],
        kind=Kind(raw["kind"]),
        parent=raw.get("parent"),
        iso=raw.get("iso"),
        aliases=tuple(raw.get("aliases") or ()),
        reviewed=raw["reviewed"],
        summary=raw["summary"],
        summary_sources=cite(raw.get("summary_sources")),
        therapies=therapies,
        lapsed=lapsed,
        due_diligence=tuple(
            DueDiligence(d["text"], cite(d.get("sources")), d.get("recheck"), tuple(d.get("therapies") or ()))
            for d in raw.get("due_diligence") or ()
        ),
        timeline=tuple(
            sorted(
                (
                    Event(
                        e["date"],
                        EventType(e["type"]),
                        e["text"],
                        cite(e.get("sources")),
                        tuple(e.get("therapies") or ()),
                    )
                    for e in raw.get("timeline") or ()
                ),
                key=lambda event: event.date,
            )
        ),
        sources=tuple(cite(list(raw.get("sources") or {}))),
        bills=tuple(
            Bill(
                b["number"],
                b["title"],
                BillStage(b["stage"]),
                b["date"],
                b["text"],
                cite(b.get("sources")),
                b.get("session"),
                tuple(b.get("therapies") or ()),
            )
            for b in raw.get("bills") or ()
        ),
    )


def _citer(raw_sources: dict[str, Any] | None) -> Cite:
    sources = {key: _source(key, value) for key, value in (raw_sources or {}).items()}

    def cite(refs: list[str] | None) -> tuple[Source, ...]:
        return tuple(sources[ref] for ref in refs or () if ref in sources)

    return cite


def _entry(therapy: str, raw: dict[str, Any], cite: Cite) -> TherapyEntry:
    return TherapyEntry(
        therapy=therapy,
        status=Status(raw["status"]),
        since=raw.get("since"),
        routes=tuple(_route(r, cite) for r in raw.get("routes") or ()),
        note=raw.get("note"),
        searched=raw.get("searched"),
        sources=cite(raw.get("sources")),
        recheck=raw.get("recheck"),
        until=raw.get("until"),
        history=tuple(
            HistoryEntry(h["date"], Status(h["status"]), h["text"], cite(h.get("sources")))
            for h in raw.get("history") or ()
        ),
    )


def _route(raw: dict[str, Any], cite: Cite) -> AccessRoute:
    eligibility = raw.get("eligibility")
    providers = raw.get("providers")
    return AccessRoute(
        route=Route(raw["route"]),
        state=RouteState(raw["state"]),
        who=raw["who"],
        since=raw.get("since"),
        until=raw.get("until"),
        expected=raw.get("expected"),
        jurisdiction=raw.get("jurisdiction"),
        eligibility=_eligibility(eligibility, cite) if eligibility else None,
        providers=(
            Providers(providers["count"], providers["unit"], providers["as_of"], cite(providers.get("sources")))
            if providers
            else None
        ),
        recheck=raw.get("recheck"),
        sources=cite(raw.get("sources")),
    )


def _eligibility(raw: dict[str, Any], cite: Cite) -> Eligibility:
    cost = raw.get("cost")
    return Eligibility(
        sources=cite(raw.get("sources")),
        min_age=raw.get("min_age"),
        residents_only=raw.get("residents_only"),
        diagnosis_required=raw.get("diagnosis_required"),
        conditions=tuple(raw.get("conditions") or ()),
        prescription_required=raw.get("prescription_required"),
        setting=tuple(Setting(s) for s in raw.get("setting") or ()),
        cost=Cost(cost["currency"], cost.get("min"), cost.get("max"), cost.get("note")) if cost else None,
    )


def _source(key: str, raw: dict[str, Any]) -> Source:
    return Source(
        key, raw["title"], raw["url"], raw.get("date"), raw["accessed"], raw.get("publisher"), raw.get("note")
    )
