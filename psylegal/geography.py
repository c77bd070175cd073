"""Places from what people type, and where places lie.

`resolve_place` asks the data's own names first (`Catalog.resolve`); only when they match nothing does
it ask the gazetteer (psylegal.law.towns), so an ordinary lookup never loads it. A town resolves to
the covered place whose law governs it (Austin → Texas), several towns of one name are listed rather
than guessed between, and a town in a country psylegal does not cover is said to be one, never
answered with a country of similar spelling.

`place_point` gives each place a representative point for distances: the gazetteer's
population-weighted centre for a country or subdivision (by ISO code), the town of the same name for
a city or county, else its parent's point.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from psylegal.errors import Ambiguous, DataError, NotFound, PsylegalError
from psylegal.law.model import LOCAL_KINDS, Jurisdiction

if TYPE_CHECKING:
    from psylegal.data.catalog import Catalog
    from psylegal.law.gazetteer import Town

Point = tuple[float, float]  # (latitude, longitude) in degrees


class TownContext(NamedTuple):
    """A town asked for that has no file of its own, and what the answer can say about it."""

    town: Town
    local_law_unknown: bool  # its country has local measures in the data, so its own may exist unrecorded


class Located(NamedTuple):
    place: Jurisdiction
    town: TownContext | None = None  # set when `place` is the place governing a town asked for


def resolve_place(catalog: Catalog, query: str) -> Located:
    """The place `query` names, or the covered place governing the town it names."""
    try:
        return Located(catalog.resolve(query))
    except NotFound as missing:
        return _resolve_town(catalog, query, missing)


def _resolve_town(catalog: Catalog, query: str, missing: NotFound) -> Located:
    from psylegal.law.gazetteer import GazetteerError, towns_named
    from psylegal.law.towns import match_towns

    try:
        matches = match_towns(query, catalog.places, region_resolver(catalog))
        if len(matches) == 1:
            [match] = matches
            place = catalog.get(match.place_id)
            return Located(place, TownContext(match.town, _has_local_law(catalog, place)))
        if matches:
            listed = "; ".join(f"{m.town.name}, {catalog.places[m.place_id]['name']} ({m.place_id})" for m in matches)
            first = matches[0]
            example = f"{first.town.name}, {catalog.places[first.place_id]['name']}"
            raise Ambiguous(
                f"'{_clip(query)}' names several towns: {listed}. Ask again with its state or country, e.g. '{example}'"
            )
        name = query.split(",", 1)[0]
        towns = towns_named(name)
    except GazetteerError as error:
        raise DataError(str(error)) from None
    if not towns:
        raise missing
    # A real town: never offer a country whose name merely looks alike (Portland → "United Kingdom").
    if "," in query:
        region = query.split(",", 1)[1].strip()
        raise NotFound(f"'{_clip(name.strip())}' is a town, but psylegal covers no place named '{_clip(region)}'")
    from psylegal.law.towns import CLEAR_LEAD

    countries = ", ".join(sorted({t.country for t in towns if t.population >= towns[0].population / CLEAR_LEAD}))
    raise NotFound(
        f"'{_clip(query)}' is a town in a country psylegal does not cover ({countries});"
        " 'psylegal list' shows every place"
    )


def region_resolver(catalog: Catalog) -> Callable[[str], str | None]:
    def resolve(text: str) -> str | None:
        try:
            return catalog.resolve(text).id
        except PsylegalError:
            return None

    return resolve


def _has_local_law(catalog: Catalog, place: Jurisdiction) -> bool:
    """Whether the data holds city or county measures in `place`'s country, so a town's own may exist."""
    root = catalog.chain(place)[-1].id
    for ident, summary in catalog.places.items():
        if summary["kind"] in {kind.value for kind in LOCAL_KINDS} and ident.split("-", 1)[0] == root:
            return True
    return False


def place_point(catalog: Catalog, place: Jurisdiction) -> Point | None:
    """A representative point for `place` (see the module docstring), or None when none is known."""
    from psylegal.law.gazetteer import GazetteerError, region_point, towns_named

    try:
        for jurisdiction in catalog.chain(place):
            if jurisdiction.kind in LOCAL_KINDS:
                parent = catalog.chain(jurisdiction)[1:2]
                region = parent[0].iso if parent and parent[0].iso else ""
                towns = [t for t in towns_named(jurisdiction.name) if not region or t.subdivision == region]
                if towns:
                    return towns[0].point
            elif jurisdiction.iso:
                point = region_point(jurisdiction.iso)
                if point is not None:
                    return point
    except GazetteerError as error:
        raise DataError(str(error)) from None
    return None


def located_point(catalog: Catalog, located: Located) -> Point | None:
    """Where a resolved query lies: the town asked for, else the place's point."""
    return located.town.town.point if located.town is not None else place_point(catalog, located.place)


def _clip(text: str, limit: int = 60) -> str:
    shown = "".join(ch if ch.isprintable() else "?" for ch in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
