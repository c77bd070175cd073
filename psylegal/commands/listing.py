"""`psylegal list`: every place at a glance, as a grid of effective statuses."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from psylegal.catalog import Catalog
from psylegal.commands import open_catalog
from psylegal.errors import UsageError
from psylegal.layers import Answer, answer
from psylegal.model import Jurisdiction, Kind, Status
from psylegal.render.terminal import Painter, colour_enabled, width_of

Row = tuple[Jurisdiction, int, dict[str, Answer]]


def parse_choice(value: str | None, enum: type[Kind] | type[Status], option: str) -> Kind | Status | None:
    if value is None:
        return None
    try:
        return enum(value.strip().lower())
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise UsageError(f"{option} must be one of {allowed}; got '{value}'") from None


def ordered(catalog: Catalog) -> list[tuple[Jurisdiction, int]]:
    """Countries by name, each followed by its subdivisions and their cities, depth-first."""
    places = catalog.all()
    by_parent: dict[str | None, list[Jurisdiction]] = {}
    known = {j.id for j in places}
    for place in places:
        parent = place.parent if place.parent in known else None
        by_parent.setdefault(parent, []).append(place)
    result: list[tuple[Jurisdiction, int]] = []

    def visit(parent: str | None, depth: int) -> None:
        for child in sorted(by_parent.get(parent, []), key=lambda j: j.name.casefold()):
            result.append((child, depth))
            visit(child.id, depth + 1)

    visit(None, 0)
    return result


def select(
    catalog: Catalog, kind: str | None, parent: str | None, therapy: str | None, status: str | None
) -> tuple[list[Row], list[str]]:
    wanted_kind = parse_choice(kind, Kind, "--kind")
    wanted_status = parse_choice(status, Status, "--status")
    therapies = [catalog.resolve_therapy(therapy)] if therapy else catalog.therapies()
    within = catalog.resolve(parent).id if parent else None
    rows: list[Row] = []
    for place, depth in ordered(catalog):
        chain = catalog.chain(place)
        if wanted_kind is not None and place.kind is not wanted_kind:
            continue
        if within is not None and within not in [j.id for j in chain[1:]]:
            continue
        answers = {t.id: answer(chain, t.id) for t in therapies}
        if wanted_status is not None and wanted_status not in {a.status for a in answers.values()}:
            continue
        rows.append((place, depth, answers))
    if kind or parent or status:
        # Filtered rows lose their parents, so indentation would mislead.
        rows = [(place, 0, answers) for place, _, answers in rows]
    return rows, [t.id for t in therapies]


def run(
    kind: str | None,
    parent: str | None,
    therapy: str | None,
    status: str | None,
    as_json: bool,
    data_dir: Path | None,
    out: TextIO,
    err: TextIO,
) -> int:
    catalog = open_catalog(data_dir, err)
    rows, therapy_ids = select(catalog, kind, parent, therapy, status)
    if as_json:
        from psylegal.render.json import dump, list_json

        out.write(dump(list_json(rows)) + "\n")
    else:
        from psylegal.render.text import render_list

        therapies = [catalog.therapy(t) for t in therapy_ids]
        out.write(render_list(rows, therapies, Painter(colour_enabled(out)), width_of(out)) + "\n")
    return 0
