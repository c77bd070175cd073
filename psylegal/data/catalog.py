"""Load the data through the per-file cache, show what is valid, and resolve what users type.

A Catalog reads lazily from the cache (`psylegal.data.store`): a lookup decodes only the documents
it shows, after checking that their files are unchanged; listing everything checks every file.
"""

from __future__ import annotations

import dataclasses
import datetime
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from psylegal.data import store as cache
from psylegal.data.build import build_jurisdiction, build_therapy
from psylegal.data.locate import locate_data_dir, packaged_data_dir
from psylegal.data.problems import Problem
from psylegal.errors import Ambiguous, DataError, NotFound, UsageError
from psylegal.law.model import CATALOG_FILE, THERAPY_IDS, Jurisdiction, Therapy
from psylegal.law.names import normalise

# Re-exported while commands import them from here; psylegal.data.locate is their home.
__all__ = ["Catalog", "locate_data_dir", "packaged_data_dir"]

Result = TypeVar("Result")


class Places(Mapping[str, dict[str, Any]]):
    """id -> {"name", "kind", "parent"} of every valid place, read from the cache on access."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def __getitem__(self, ident: str) -> dict[str, Any]:
        row = self._catalog._safely(lambda store: store.place(ident))
        if row is None:
            raise KeyError(ident)
        return {"name": row[1], "kind": row[2], "parent": row[3]}

    def __contains__(self, ident: object) -> bool:
        return isinstance(ident, str) and self._catalog._safely(lambda store: store.place(ident)) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._catalog._safely(lambda store: store.place_ids()))

    def __len__(self) -> int:
        return self._catalog._safely(lambda store: store.count())


class Catalog:
    """The valid jurisdictions of one data directory. Files with errors are left out and named."""

    def __init__(self, data_dir: Path, today: datetime.date, store: cache.Store) -> None:
        self.data_dir = data_dir
        self.today = today
        self._store = store
        self._built: dict[str, Jurisdiction] = {}
        self._everything_checked = False
        self._read_summary()

    @property
    def places(self) -> Mapping[str, dict[str, Any]]:
        # Made on access: kept as an attribute, the view and its catalog would be a reference cycle,
        # freed only by the garbage collector, which listings pause (see collector_paused).
        return Places(self)

    @classmethod
    def load(cls, data_dir: Path, today: datetime.date | None = None) -> Catalog:
        """Load the valid part of a data directory; files with errors are skipped and named."""
        data_dir = data_dir.resolve()
        return cls(data_dir, today or datetime.date.today(), cache.load(data_dir, today or datetime.date.today()))

    def _read_summary(self) -> None:
        # The first error of every file left out of the answers, keyed by the file's real path.
        self.broken: list[Problem] = [
            dataclasses.replace(p, file=str(self.data_dir / p.file)) for p in self._safely(lambda store: store.broken())
        ]
        self.skipped: list[str] = [p.file for p in self.broken]
        raw = self._safely(lambda store: store.therapies_data())
        if raw is None or any(Path(p.file).name == CATALOG_FILE for p in self.broken):
            raise DataError(f"the therapy catalog in {self.data_dir} has problems; run 'psylegal validate'")
        self.raw_therapies: dict[str, dict[str, Any]] = raw["therapies"]
        # The catalog's own `sources:`, which its safety items cite.
        self.therapy_sources: dict[str, dict[str, Any]] = raw.get("sources") or {}

    def _safely(self, read: Callable[[cache.Store], Result]) -> Result:
        """Read from the cache; when it turns out damaged, rebuild it in memory and read again."""
        try:
            return read(self._store)
        except (sqlite3.Error, cache.CacheDamaged):
            self._store.close()
            self._store = cache.load(self.data_dir, self.today, in_memory=True)
            self._built.clear()
            return read(self._store)

    def _changed(self, idents: list[str]) -> bool:
        """Bring the cache up to date if any of these places' files changed; say whether it did."""
        if self._safely(lambda store: store.unchanged(idents)):
            return False
        self._safely(lambda store: store.refresh(lambda: store._fresh() and store.unchanged(idents)))
        self._built.clear()
        self._read_summary()
        return True

    def _check_everything(self) -> None:
        if not self._everything_checked:
            if not self._safely(lambda store: store.everything_unchanged()):
                self._safely(lambda store: store.refresh())
                self._built.clear()
                self._read_summary()
            self._everything_checked = True

    # -- jurisdictions ----------------------------------------------------------------------
    def raw(self, ident: str) -> dict[str, Any]:
        """One validated document, as parsed from its YAML file."""
        return self._safely(lambda store: store.document(ident))

    def get(self, ident: str) -> Jurisdiction:
        if ident not in self._built:
            self._changed([ident])
            self._built[ident] = build_jurisdiction(self.raw(ident))
        return self._built[ident]

    def all(self) -> list[Jurisdiction]:
        self._check_everything()
        missing = [ident for ident in self.places if ident not in self._built]
        if missing:
            documents = self._safely(lambda store: store.documents())
            for ident in missing:
                self._built[ident] = build_jurisdiction(documents[ident])
        return [self._built[ident] for ident in sorted(self._built)]

    def in_tree_order(self) -> list[tuple[Jurisdiction, int]]:
        """Every place with its depth: countries by name, each followed by its subdivisions and
        their cities, depth-first (a place whose parent is missing counts as a root)."""
        places = self.all()
        known = set(self.places)  # one query, not one per place
        by_parent: dict[str | None, list[Jurisdiction]] = {}
        for place in places:
            parent = place.parent if place.parent in known else None
            by_parent.setdefault(parent, []).append(place)
        for children in by_parent.values():
            children.sort(key=lambda j: j.name.casefold())
        # A stack rather than a recursive closure: the closure would be a reference cycle holding
        # every place until the garbage collector finds it (listings pause it; see collector_paused).
        result: list[tuple[Jurisdiction, int]] = []
        stack = [(child, 0) for child in reversed(by_parent.get(None, []))]
        while stack:
            place, depth = stack.pop()
            result.append((place, depth))
            stack.extend((child, depth + 1) for child in reversed(by_parent.get(place.id, [])))
        return result

    def chain(self, jurisdiction: Jurisdiction) -> list[Jurisdiction]:
        """The place and its parents, nearest first (a missing parent ends the chain)."""
        chain = [jurisdiction]
        parent = jurisdiction.parent
        # Validation rejects cycles; the bound only guards against a hand-edited cache.
        while parent is not None and (parent in self._built or parent in self.places) and len(chain) < 10:
            chain.append(self.get(parent))
            parent = chain[-1].parent
        return chain

    def resolve(self, query: str) -> Jurisdiction:
        """The one place a query names, by id, name, alias or ISO code.

        A query typed exactly as an id (`co`, `us-co`) always means that id. Anything else is
        compared case-, accent- and punctuation-insensitively, and never partially, so `new mexico`
        cannot answer Mexico. Several matches are listed, never guessed between.
        """
        key = normalise(query)
        if query in self.places:
            if not self._changed([query]):
                return self.get(query)
        elif not key:
            raise UsageError("give a place: a name, an alias or an id such as 'us-co'")
        matches = self._safely(lambda store: store.lookup(key))
        if self._changed(matches):
            matches = self._safely(lambda store: store.lookup(key))
        if len(matches) == 1:
            return self.get(matches[0])
        if matches:
            listed = "; ".join(f"{i} ({self.places[i]['name']}, {self.places[i]['kind']})" for i in matches)
            raise Ambiguous(
                f"'{_clip(query)}' matches several places: {listed}. Ask again with an id, e.g. '{matches[0]}'"
            )
        self._check_everything()  # a miss may be a name added to a file edited in place
        if self._safely(lambda store: store.lookup(key)):
            return self.resolve(query)
        broken = self._safely(lambda store: store.broken_claiming(key))
        if broken:
            from psylegal.render.problems import display_path, text_line

            first = dataclasses.replace(broken[0], file=str(self.data_dir / broken[0].file))
            raise NotFound(
                f"'{_clip(query)}' is in {display_path(first.file)}, which has problems and is left out:"
                f" {_clip(text_line(first), 300)} (run 'psylegal validate')"
            )
        raise NotFound(f"no place matches '{_clip(query)}'{self._suggest(key)}")

    def _suggest(self, key: str) -> str:
        import difflib  # only on a miss

        def close_ids(store: cache.Store) -> list[str]:
            ids: list[str] = []
            for match in difflib.get_close_matches(key, store.keys(), n=6, cutoff=0.7):
                ids += [i for i in store.lookup(match) if i not in ids]
            return ids

        ids = self._safely(close_ids)
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


def _clip(text: str, limit: int = 60) -> str:
    """Echo user input safely: printable, and short."""
    shown = "".join(ch if ch.isprintable() else "?" for ch in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
