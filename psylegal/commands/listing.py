"""`psylegal list`: every place at a glance, as a grid of effective statuses."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from psylegal.commands import open_catalog, parse_choice
from psylegal.data.catalog import Catalog
from psylegal.law.layers import Answer, answer
from psylegal.law.model import Jurisdiction, Kind, Status, Therapy
from psylegal.render.terminal import Painter, colour_enabled, width_of

Row = tuple[Jurisdiction, int, dict[str, Answer]]


def select(
    catalog: Catalog, kind: str | None, parent: str | None, therapy: str | None, status: str | None
) -> tuple[list[Row], list[Therapy]]:
    wanted_kind = parse_choice(kind, Kind, "--kind")
    wanted_status = parse_choice(status, Status, "--status")
    therapies = [catalog.resolve_therapy(therapy)] if therapy else catalog.therapies()
    within = catalog.resolve(parent).id if parent else None
    rows: list[Row] = []
    for place, depth in catalog.in_tree_order():
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
    return rows, therapies


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
    rows, therapies = select(catalog, kind, parent, therapy, status)
    if as_json:
        from psylegal.render.json import dump, list_json

        out.write(dump(list_json(rows)) + "\n")
    else:
        from psylegal.render.text import render_list

        out.write(render_list(rows, therapies, Painter(colour_enabled(out)), width_of(out)) + "\n")
    return 0
