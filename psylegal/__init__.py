"""psylegal: where psychedelic-assisted therapies are legally available, with sources.

The public Python API (psylegal.api) is importable from here: `psylegal.where("oregon")`. It loads
on first use, so `import psylegal` (and the command line's start-up) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from psylegal.api import Dataset, bills, changes, load, places, stale, therapies, therapy, where
    from psylegal.errors import Ambiguous, DataError, NotFound, PsylegalError, UsageError
    from psylegal.law.dates import DateError, PartialDate
    from psylegal.law.model import Kind, Route, Status
    from psylegal.query import PlaceAnswer, PlaceList, PlaceRow, TherapyAnswer, TherapyOverview
    from psylegal.tracking import BillList, ChangeFeed, StaleQueue

# Public name → the module that defines it, imported on first access.
_PUBLIC = {
    **dict.fromkeys(
        ["Dataset", "bills", "changes", "load", "places", "stale", "therapies", "therapy", "where"], "psylegal.api"
    ),
    **dict.fromkeys(["Ambiguous", "DataError", "NotFound", "PsylegalError", "UsageError"], "psylegal.errors"),
    **dict.fromkeys(["DateError", "PartialDate"], "psylegal.law.dates"),
    **dict.fromkeys(["Kind", "Route", "Status"], "psylegal.law.model"),
    **dict.fromkeys(["PlaceAnswer", "PlaceList", "PlaceRow", "TherapyAnswer", "TherapyOverview"], "psylegal.query"),
    **dict.fromkeys(["BillList", "ChangeFeed", "StaleQueue"], "psylegal.tracking"),
}

__all__ = [
    "Ambiguous",
    "BillList",
    "ChangeFeed",
    "DataError",
    "Dataset",
    "DateError",
    "Kind",
    "NotFound",
    "PartialDate",
    "PlaceAnswer",
    "PlaceList",
    "PlaceRow",
    "PsylegalError",
    "Route",
    "StaleQueue",
    "Status",
    "TherapyAnswer",
    "TherapyOverview",
    "UsageError",
    "__version__",
    "bills",
    "changes",
    "load",
    "places",
    "stale",
    "therapies",
    "therapy",
    "where",
]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'psylegal' has no attribute '{name}'")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})
