"""`psylegal where PLACE`: every therapy's status in one place, layer by layer, with sources."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TextIO

from psylegal.commands import open_catalog
from psylegal.law.layers import answer_place
from psylegal.render.terminal import Painter, colour_enabled, width_of


def run(
    place: str,
    therapy: str | None,
    as_json: bool,
    data_dir: Path | None,
    out: TextIO,
    err: TextIO,
    today: datetime.date,
) -> int:
    catalog = open_catalog(data_dir, err)
    jurisdiction = catalog.resolve(place)
    therapies = [catalog.resolve_therapy(therapy)] if therapy else catalog.therapies()
    answer = answer_place(catalog.chain(jurisdiction), therapies)
    if as_json:
        from psylegal.render.json import dump, where_json

        out.write(dump(where_json(answer, jurisdiction.review_is_stale(today))) + "\n")
    else:
        from psylegal.render.text import render_where

        out.write(render_where(answer, Painter(colour_enabled(out)), width_of(out), today) + "\n")
    return 0
