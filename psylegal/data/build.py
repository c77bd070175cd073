"""Turn a validated jurisdiction or catalog dict into frozen model records.

Only ever called on data that passed `psylegal.data.checks`; it does no checking of its own.
"""

from __future__ import annotations

from typing import Any

from psylegal.law.model import (
    AccessRoute,
    DueDiligence,
    Event,
    EventType,
    Jurisdiction,
    Kind,
    Route,
    Source,
    Status,
    Therapy,
    TherapyEntry,
)


def build_therapy(therapy_id: str, raw: dict[str, Any]) -> Therapy:
    return Therapy(therapy_id, raw["name"], raw["description"], tuple(raw.get("aliases") or ()))


def build_jurisdiction(raw: dict[str, Any]) -> Jurisdiction:
    sources = {key: _source(key, value) for key, value in (raw.get("sources") or {}).items()}

    def cite(refs: list[str] | None) -> tuple[Source, ...]:
        return tuple(sources[ref] for ref in refs or () if ref in sources)

    therapies = {
        therapy: TherapyEntry(
            therapy=therapy,
            status=Status(entry["status"]),
            since=entry.get("since"),
            routes=tuple(AccessRoute(Route(r["route"]), r["who"], r.get("since")) for r in entry.get("routes") or ()),
            note=entry.get("note"),
            sources=cite(entry.get("sources")),
        )
        for therapy, entry in (raw.get("therapies") or {}).items()
    }
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
        due_diligence=tuple(DueDiligence(d["text"], cite(d.get("sources"))) for d in raw.get("due_diligence") or ()),
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
        sources=tuple(sources.values()),
    )


def _source(key: str, raw: dict[str, Any]) -> Source:
    return Source(key, raw["title"], raw["url"], raw["date"], raw.get("publisher"), raw.get("note"))
