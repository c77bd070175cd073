"""One exception hierarchy. The CLI catches `PsylegalError` once and prints its message as one line."""

from __future__ import annotations


class PsylegalError(Exception):
    """An error the user can act on; `exit_code` is what the process returns."""

    exit_code = 1


class NotFound(PsylegalError):
    """A place or therapy that matches nothing."""


class Ambiguous(PsylegalError):
    """A query that matches several places; the message lists them."""


class DataError(PsylegalError):
    """The data directory is missing or unusable."""

    exit_code = 3


class UsageError(PsylegalError):
    """A value the user passed that does not make sense (an unknown status filter, say)."""

    exit_code = 2


class WriteError(PsylegalError):
    """An output file that cannot be written (`export -o`); any file already there is left as it was."""
