"""Find the data, load what is valid (through the cache), index names, and resolve what users type."""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from psylegal.data import store as cache
from psylegal.data.build import build_jurisdiction, build_therapy
from psylegal.errors import Ambiguous, DataError, NotFound, UsageError
from psylegal.law.model import CATALOG_FILE, LOCAL_KINDS, THERAPY_IDS, Jurisdiction, Kind, Therapy
from psylegal.law.names import normalise

_PACKAGE = Path(__file__).resolve().parent.parent  # psylegal/, where a wheel puts _data


def packaged_data_dir() -> Path:
    """Where a wheel installs the data (absent in a source checkout)."""
    return _PACKAGE / "_data"


def locate_data_dir(option: Path | None = None) -> Path:
    """`--data-dir`, else `$PSYLEGAL_DATA`, else the data shipped in the wheel, else the checkout's."""
    if option is not None:
        chosen, origin = option, "--data-dir"
    elif os.environ.get("PSYLEGAL_DATA"):
        chosen, origin = Path(os.environ["PSYLEGAL_DATA"]), "PSYLEGAL_DATA"
    else:
        for candidate in (packaged_data_dir(), _PACKAGE.parent / "jurisdictions"):
            if (candidate / CATALOG_FILE).is_file():
                return candidate
        raise DataError("psylegal's data is missing from this installation; reinstall it")
    if not chosen.is_dir():
        raise DataError(f"{origin}: '{chosen}' is not a directory")
    if not (chosen / CATALOG_FILE).is_file():
        raise DataError(f"{origin}: '{chosen}' has no {CATALOG_FILE}; point it at a jurisdictions/ directory")
    return chosen.resolve()


class Catalog:
    """The valid jurisdictions of one data directory.

    The cache holds each document as JSON text plus a small summary (name, kind, parent) and the
    name index, so a lookup decodes only the documents it shows and builds records on first use.
    """

    def __init__(
        self,
        data_dir: Path,
        documents: Mapping[str, dict[str, Any]],
        content: dict[str, Any],
    ) -> None:
        self.data_dir = data_dir
        self.places: dict[str, dict[str, Any]] = content["places"]  # id -> {"name", "kind", "parent"}
        self.raw_therapies: dict[str, dict[str, Any]] = content["therapies"]
        # The catalog's own `sources:`, which its safety items cite.
        self.therapy_sources: dict[str, dict[str, Any]] = content["therapy_sources"]
        self.skipped: list[str] = content["skipped"]
        self._index: dict[str, list[str]] = content["index"]
        self._documents = documents
        self._built: dict[str, Jurisdiction] = {}

    @classmethod
    def load(cls, data_dir: Path, today: datetime.date | None = None) -> Catalog:
        """Load the valid part of a data directory; files with errors are skipped and named."""
        key = cache.fingerprint(data_dir)
        cached = cache.read(data_dir, key)
        documents: Mapping[str, dict[str, Any]]
        if cached is None:
            content, documents = _check_and_collect(data_dir, today or datetime.date.today())
            cache.write(data_dir, key, content, documents)
        else:
            content, documents = cached
        if content.get("catalog_broken"):
            raise DataError(f"the therapy catalog in {data_dir} has problems; run 'psylegal validate'")
        return cls(data_dir, documents, content)

    # -- jurisdictions ----------------------------------------------------------------------
    def raw(self, ident: str) -> dict[str, Any]:
        """One validated document, as parsed from its YAML file."""
        return self._documents[ident]

    def get(self, ident: str) -> Jurisdiction:
        if ident not in self._built:
            self._built[ident] = build_jurisdiction(self.raw(ident))
        return self._built[ident]

    def all(self) -> list[Jurisdiction]:
        return [self.get(ident) for ident in sorted(self.places)]

    def in_tree_order(self) -> list[tuple[Jurisdiction, int]]:
        """Every place with its depth: countries by name, each followed by its subdivisions and
        their cities, depth-first (a place whose parent is missing counts as a root)."""
        places = self.all()
        by_parent: dict[str | None, list[Jurisdiction]] = {}
        for place in places:
            parent = place.parent if place.parent in self.places else None
            by_parent.setdefault(parent, []).append(place)
        result: list[tuple[Jurisdiction, int]] = []

        def visit(parent: str | None, depth: int) -> None:
            for child in sorted(by_parent.get(parent, []), key=lambda j: j.name.casefold()):
                result.append((child, depth))
                visit(child.id, depth + 1)

        visit(None, 0)
        return result

    def chain(self, jurisdiction: Jurisdiction) -> list[Jurisdiction]:
        """The place and its parents, nearest first (a missing parent ends the chain)."""
        chain = [jurisdiction]
        parent = jurisdiction.parent
        # Validation rejects cycles; the bound only guards against a hand-edited cache.
        while parent is not None and parent in self.places and len(chain) < 10:
            chain.append(self.get(parent))
            parent = chain[-1].parent
        return chain

    def resolve(self, query: str) -> Jurisdiction:
        """The one place a query names, by id, name, alias or ISO code.

        A query typed exactly as an id (`co`, `us-co`) always means that id. Anything else is
        compared case-, accent- and punctuation-insensitively, and never partially, so `new mexico`
        cannot answer Mexico. Several matches are listed, never guessed between.
        """
        if query in self.places:
            return self.get(query)
        key = normalise(query)
        if not key:
            raise UsageError("give a place: a name, an alias or an id such as 'us-co'")
        matches = sorted(self._index.get(key, ()))
        if len(matches) == 1:
            return self.get(matches[0])
        if matches:
            listed = "; ".join(f"{i} ({self.places[i]['name']}, {self.places[i]['kind']})" for i in matches)
            raise Ambiguous(
                f"'{_clip(query)}' matches several places: {listed}. Ask again with an id, e.g. '{matches[0]}'"
            )
        raise NotFound(f"no place matches '{_clip(query)}'{self._suggest(key)}")

    def _suggest(self, key: str) -> str:
        import difflib  # only on a miss

        close = difflib.get_close_matches(key, list(self._index), n=6, cutoff=0.7)
        ids: list[str] = []
        for match in close:
            ids += [i for i in sorted(self._index[match]) if i not in ids]
        if not ids:
            return "; 'psylegal list' shows every place"
        return "; did you mean " + ", ".join(f"{self.places[i]['name']} ({i})" for i in ids[:4]) + "?"

    # -- therapies --------------------------------------------------------------------------
    def therapies(self) -> list[Therapy]:
        return [self.therapy(t) for t in THERAPY_IDS if t in self.raw_therapies]

    def therapy(self, ident: str) -> Therapy:
        return build_therapy(ident, self.raw_therapies[ident], self.therapy_sources)

    def resolve_therapy(self, query: str) -> Therapy:
        key = normalise(query)
        names: dict[str, str] = {}
        for therapy in self.therapies():
            for name in (therapy.id, therapy.name, *therapy.aliases):
                names.setdefault(normalise(name), therapy.id)
        if key in names:
            return self.therapy(names[key])
        import difflib  # only on a miss

        close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(sorted({names[c] for c in close}))}?" if close else ""
        raise NotFound(f"no therapy matches '{_clip(query)}'{hint} (known: {', '.join(THERAPY_IDS)})")


def _check_and_collect(data_dir: Path, today: datetime.date) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    from psylegal.data.validation import check_directory  # only on a cache miss: it parses every file

    report = check_directory(data_dir, today)
    catalog_name = report.files[0] if report.files else CATALOG_FILE
    catalog_broken = report.catalog is None or report.errors_in(catalog_name)
    therapies = report.catalog.data["therapies"] if not catalog_broken and report.catalog else {}
    therapy_sources = (report.catalog.data.get("sources") or {}) if not catalog_broken and report.catalog else {}
    jurisdictions: dict[str, dict[str, Any]] = {}
    skipped: list[str] = []
    for _stem, (document, display) in sorted(report.jurisdictions.items()):
        if report.errors_in(display):
            skipped.append(display)
        else:
            jurisdictions[document.data["id"]] = document.data
    skipped += [f for f in report.files[1:] if Path(f).stem not in report.jurisdictions]
    content = {
        "places": {
            ident: {"name": raw["name"], "kind": raw["kind"], "parent": raw.get("parent")}
            for ident, raw in jurisdictions.items()
        },
        "index": name_index(jurisdictions),
        "therapies": therapies,
        "therapy_sources": therapy_sources,
        "skipped": sorted(skipped),
        "catalog_broken": catalog_broken,
    }
    return content, jurisdictions


def name_index(jurisdictions: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Normalised name → ids, over every id, name, alias and ISO code.

    Cities and counties are also named with their state ("Cambridge, MA", "Santa Cruz California").
    """
    index: dict[str, set[str]] = {}
    for ident, raw in jurisdictions.items():
        names = [ident, raw["name"], *(raw.get("aliases") or ())]
        if raw.get("iso"):
            names.append(raw["iso"])
        parent = jurisdictions.get(raw.get("parent") or "")
        if parent is not None and Kind(raw["kind"]) in LOCAL_KINDS:
            own = [raw["name"], *(raw.get("aliases") or ())]
            for parent_name in (parent["name"], parent["id"].rsplit("-", 1)[-1]):
                names += [f"{name} {parent_name}" for name in own]
        for name in names:
            index.setdefault(normalise(name), set()).add(ident)
    return {key: sorted(ids) for key, ids in index.items()}


def _clip(text: str, limit: int = 60) -> str:
    """Echo user input safely: printable, and short."""
    shown = "".join(ch if ch.isprintable() else "?" for ch in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
