"""The public Python API, the same one the command line uses.

    >>> import psylegal
    >>> oregon = psylegal.where("oregon", therapy="psilocybin")
    >>> oregon.therapies[0].status.value
    'available'

Each function loads the data (through the cache), answers, and returns a typed answer record from
psylegal.query. To ask many questions, load once with `psylegal.load()` and ask the `Dataset`.
Errors are `psylegal.PsylegalError` subclasses: `NotFound`, `Ambiguous`, `UsageError`, `DataError`.
"""

from __future__ import annotations

import datetime
from enum import Enum
from pathlib import Path
from typing import TypeVar

from psylegal.data.catalog import Catalog, locate_data_dir
from psylegal.data.problems import Problem
from psylegal.errors import UsageError
from psylegal.law.model import Kind, Status, Therapy
from psylegal.query import PlaceAnswer, PlaceList, TherapyOverview, answer_place, list_places, overview

__all__ = ["Dataset", "load", "parse_choice", "places", "therapies", "therapy", "where"]

Choice = TypeVar("Choice", bound=Enum)


class Dataset:
    """One data directory, loaded once, as it stands on `today`; answers any number of questions."""

    def __init__(self, catalog: Catalog, today: datetime.date) -> None:
        self._catalog = catalog
        self.today = today

    @property
    def data_dir(self) -> Path:
        return self._catalog.data_dir

    @property
    def broken(self) -> tuple[Problem, ...]:
        """The first problem of each data file left out of the answers."""
        return tuple(self._catalog.broken)

    @property
    def skipped(self) -> tuple[str, ...]:
        """Data files left out of every answer because they have problems (`psylegal validate` says which)."""
        return tuple(self._catalog.skipped)

    def where(self, place: str, therapy: str | None = None) -> PlaceAnswer:
        """Every therapy's status in a place (by name, alias, ISO code or id), or just `therapy`'s."""
        jurisdiction = self._catalog.resolve(place)
        return answer_place(self._catalog, jurisdiction, self._therapies(therapy), self.today)

    def places(
        self,
        *,
        kind: Kind | str | None = None,
        parent: str | None = None,
        therapy: str | None = None,
        status: Status | str | None = None,
    ) -> PlaceList:
        """Every place, or those of a `kind`, inside `parent`, or where a shown therapy has `status`."""
        wanted_kind = parse_choice(kind, Kind, "kind")
        wanted_status = parse_choice(status, Status, "status")
        therapies = self._therapies(therapy)
        within = self._catalog.resolve(parent) if parent is not None else None
        return list_places(self._catalog, therapies, wanted_kind, within, wanted_status)

    def therapy(self, name: str, *, status: Status | str | None = None) -> TherapyOverview:
        """Where one therapy (by id, name or alias) stands everywhere, grouped by status."""
        wanted = parse_choice(status, Status, "status")
        [subject] = self._therapies(name)
        return overview(self._catalog, subject, wanted)

    def therapies(self) -> tuple[Therapy, ...]:
        """The therapies covered, in catalog order."""
        return tuple(self._catalog.therapies())

    def _therapies(self, query: str | None) -> list[Therapy]:
        """Every therapy (None), or the one `query` names."""
        if query is None:
            return self._catalog.therapies()
        if not query.strip():
            raise UsageError("give a therapy: an id, a name or an alias such as 'psilocybin'")
        return [self._catalog.resolve_therapy(query)]


def load(data_dir: Path | str | None = None, *, today: datetime.date | None = None) -> Dataset:
    """The data in `data_dir` (default: $PSYLEGAL_DATA, else the shipped data) as of `today`."""
    day = today if today is not None else datetime.date.today()
    directory = locate_data_dir(Path(data_dir) if data_dir is not None else None)
    return Dataset(Catalog.load(directory, day), day)


def where(
    place: str,
    therapy: str | None = None,
    *,
    data_dir: Path | str | None = None,
    today: datetime.date | None = None,
) -> PlaceAnswer:
    """Every therapy's legal status in `place`, layer by layer, with notes, due diligence, timeline and sources."""
    return load(data_dir, today=today).where(place, therapy)


def places(
    *,
    kind: Kind | str | None = None,
    parent: str | None = None,
    therapy: str | None = None,
    status: Status | str | None = None,
    data_dir: Path | str | None = None,
    today: datetime.date | None = None,
) -> PlaceList:
    """Every place with its effective statuses, filtered like `psylegal list`."""
    return load(data_dir, today=today).places(kind=kind, parent=parent, therapy=therapy, status=status)


def therapy(
    name: str,
    *,
    status: Status | str | None = None,
    data_dir: Path | str | None = None,
    today: datetime.date | None = None,
) -> TherapyOverview:
    """Where one therapy stands everywhere, grouped by effective status."""
    return load(data_dir, today=today).therapy(name, status=status)


def therapies(*, data_dir: Path | str | None = None, today: datetime.date | None = None) -> tuple[Therapy, ...]:
    """The therapies psylegal covers."""
    return load(data_dir, today=today).therapies()


def parse_choice(value: Choice | str | None, enum: type[Choice], name: str) -> Choice | None:
    """A value of a closed vocabulary (a member, or its word in any case), or a `UsageError` listing them.

    `name` is how the caller knows the value: "--status" on the command line, "status" in Python.
    """
    if value is None or isinstance(value, enum):
        return value
    try:
        return enum(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(str(member.value) for member in enum)
        raise UsageError(f"{name} must be one of {allowed}; got '{value}'") from None
