"""Resolve a town that has no file of its own to the covered place whose law governs it.

`where austin` should answer with Texas's law, saying so; `where portland` names Portland, Oregon
and Portland, Maine rather than guessing; `where "portland, oregon"` answers Oregon. The gazetteer
is consulted only after the data's own names have failed, so ordinary lookups never load it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import NamedTuple

from psylegal.law.gazetteer import Town, towns_named

# Towns of one name are offered down to this fraction of the largest one's population: Austin, Texas
# (~970,000) alone, not Austin, Minnesota (~25,000); Portland, Oregon (~650,000) and Portland, Maine
# (~67,000), not Portland, Texas (~16,000).
CLEAR_LEAD = 20


class TownMatch(NamedTuple):
    town: Town
    place_id: str  # the nearest covered place whose law applies to the town


def governing_place(town: Town, known_ids: Collection[str]) -> str | None:
    """The most specific covered place containing the town: its subdivision, else its country."""
    for code in (town.subdivision, town.country):
        if code and code.lower() in known_ids:
            return code.lower()
    return None


def match_towns(
    query: str,
    known_ids: Collection[str],
    resolve_region: Callable[[str], str | None],
) -> list[TownMatch]:
    """The towns a query can mean, most likely first; one item when the choice is clear.

    `resolve_region` turns the region part of "portland, oregon" (or "portland oregon") into a place
    id, or None; a region that names no covered place matches nothing rather than being ignored.
    """
    if "," in query:
        name, region = (part.strip() for part in query.split(",", 1))
        return _pick(_within(name, region, known_ids, resolve_region))
    found = _matches(query, known_ids)
    if found:
        # Measured against every town of the name, covered or not: "Atlantis" is first a town of
        # 80,000 in South Africa, which psylegal does not cover, not Atlantis, Florida (2,000).
        return _pick(found, largest=towns_named(query)[0].population)
    words = query.split()
    for cut in range(len(words) - 1, 0, -1):  # "portland oregon", "salt lake city utah"
        within = _within(" ".join(words[:cut]), " ".join(words[cut:]), known_ids, resolve_region)
        if within:
            return _pick(within)
    return []


def _matches(name: str, known_ids: Collection[str]) -> list[TownMatch]:
    matches = []
    for town in towns_named(name):
        place = governing_place(town, known_ids)
        if place is not None:
            matches.append(TownMatch(town, place))
    return matches


def _within(
    name: str, region: str, known_ids: Collection[str], resolve_region: Callable[[str], str | None]
) -> list[TownMatch]:
    region_id = resolve_region(region) if region else None
    if region_id is None:
        return []
    return [
        match
        for match in _matches(name, known_ids)
        if region_id in (match.place_id, match.town.subdivision.lower(), match.town.country.lower())
    ]


def _pick(matches: list[TownMatch], largest: int | None = None) -> list[TownMatch]:
    """One town per governing place (the largest), leaving out towns dwarfed by the largest.

    `largest` is the population to measure against (default: the largest of `matches`).
    """
    best: dict[str, TownMatch] = {}
    for match in matches:  # already most populous first
        best.setdefault(match.place_id, match)
    ranked = list(best.values())
    if not ranked:
        return []
    floor = (ranked[0].town.population if largest is None else largest) / CLEAR_LEAD
    return [match for match in ranked if match.town.population >= floor]
