"""Partial dates: a year, a year and month, or a full day, as the law's record gives them.

Sources often date a change only to the year ("legalised in 2023") or the month. A `PartialDate`
keeps exactly the precision it was given, orders sensibly against dates of other precisions, and
answers the point-in-time question "is this on or before that day?" without inventing a day.

A partial date stands for a span of days: "2023" is 2023-01-01 to 2023-12-31. Ordering compares the
first day, and a less precise date sorts before a more precise one that starts on the same day
("2023" < "2023-01" < "2023-01-01" < "2023-02"). `on_or_before(day)` is true only when every day the
date may mean is on or before `day`; `after(day)` only when every one is after it; a date whose
span contains `day` is neither (`contains(day)`), and callers decide what that means for them.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

# The lengths of the parts of YYYY, YYYY-MM and YYYY-MM-DD. Checked by hand: compiling the regular
# expression costs more than a lookup's whole use of dates.
_PART_LENGTHS = (4, 2, 2)


class DateError(ValueError):
    """Text that is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD."""


class PartialDate(NamedTuple):
    """A year, a year-month or a full date. `month` and `day` are 0 when not given."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read "2023", "2023-06" or "2023-06-01"; anything else is a `DateError` that says why."""
        shown = text if len(text) <= 40 and text.isprintable() else repr(text[:40])[1:-1]
        parts = text.strip().split("-")
        if not (
            [len(part) for part in parts] == list(_PART_LENGTHS[: len(parts)])
            and all(part.isascii() and part.isdigit() for part in parts)
        ):
            raise DateError(f"'{shown}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2023-06-01)")
        year, month, day = (int(part) for part in [*parts, "0", "0"][:3])
        if year < 1:
            raise DateError(f"'{shown}' is not a date: there is no year 0")
        if len(parts) > 1 and not 1 <= month <= 12:
            raise DateError(f"'{shown}' is not a date: month {month} is not between 01 and 12")
        if len(parts) > 2:
            last = _days_in(year, month)
            if not 1 <= day <= last:
                raise DateError(f"'{shown}' is not a date: {year:04d}-{month:02d} has {last} days")
        return cls(year, month, day)

    @classmethod
    def of(cls, day: datetime.date) -> PartialDate:
        """A full date from a `datetime.date`."""
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> str:
        """ "year", "month" or "day"."""
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> datetime.date:
        if self.day:
            return self.first_day
        month = self.month or 12
        return datetime.date(self.year, month, _days_in(self.year, month))

    def on_or_before(self, day: datetime.date) -> bool:
        """Certainly on or before `day`: its last possible day is not later than `day`."""
        return self.last_day <= day

    def after(self, day: datetime.date) -> bool:
        """Certainly after `day`: its first possible day is later than `day`."""
        return self.first_day > day

    def contains(self, day: datetime.date) -> bool:
        """`day` is one of the days this date may mean (so it is neither before nor after it)."""
        return self.first_day <= day <= self.last_day

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def _days_in(year: int, month: int) -> int:
    # `calendar.monthrange` would say the same, but importing calendar costs more than this.
    if month == 12:
        return 31
    return (datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)).day
