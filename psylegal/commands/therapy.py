"""`psylegal therapy NAME` (where one therapy stands, grouped by status) and `psylegal therapies`."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from psylegal.commands import open_catalog, parse_choice
from psylegal.law.layers import Answer, answer
from psylegal.law.model import Jurisdiction, Status
from psylegal.render.terminal import Painter, colour_enabled, width_of


def run(name: str, status: str | None, as_json: bool, data_dir: Path | None, out: TextIO, err: TextIO) -> int:
    catalog = open_catalog(data_dir, err)
    therapy = catalog.resolve_therapy(name)
    wanted = parse_choice(status, Status, "--status")
    groups: dict[Status, list[tuple[Jurisdiction, Answer]]] = {}
    for place, _ in catalog.in_tree_order():
        result = answer(catalog.chain(place), therapy.id)
        if wanted is None or result.status is wanted:
            groups.setdefault(result.status, []).append((place, result))
    if as_json:
        from psylegal.render.json import dump, therapy_json

        out.write(dump(therapy_json(therapy, groups)) + "\n")
    else:
        from psylegal.render.text import render_therapy

        out.write(render_therapy(therapy, groups, Painter(colour_enabled(out)), width_of(out)) + "\n")
    return 0


def run_catalog(as_json: bool, data_dir: Path | None, out: TextIO, err: TextIO) -> int:
    catalog = open_catalog(data_dir, err)
    therapies = catalog.therapies()
    if as_json:
        from psylegal.render.json import SCHEMA_VERSION, dump, therapy_record

        out.write(dump({"schema_version": SCHEMA_VERSION, "therapies": [therapy_record(t) for t in therapies]}) + "\n")
    else:
        from psylegal.render.text import render_therapies

        out.write(render_therapies(therapies, Painter(colour_enabled(out)), width_of(out)) + "\n")
    return 0
