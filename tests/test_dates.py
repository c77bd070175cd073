"""Partial dates: parsing with clear errors, ordering across precisions, and point-in-time questions."""

from __future__ import annotations

import datetime

import pytest

from psylegal.data.catalog import Catalog
from psylegal.law.dates import DateError, PartialDate

D = datetime.date


@pytest.mark.parametrize(
    ("text", "parsed", "precision"),
    [
        ("2023", PartialDate(2023), "year"),
        ("2023-06", PartialDate(2023, 6), "month"),
        ("2023-06-01", PartialDate(2023, 6, 1), "day"),
        ("2024-02-29", PartialDate(2024, 2, 29), "day"),  # a leap day
        (" 2023-06 ", PartialDate(2023, 6), "month"),  # typed with spaces around it
    ],
)
def test_parse_keeps_the_precision_given(text: str, parsed: PartialDate, precision: str) -> None:
    assert PartialDate.parse(text) == parsed
    assert parsed.precision == precision
    assert str(parsed) == text.strip()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "'' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("June 2023", "'June 2023' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2023-6", "'2023-6' is not a date: write YYYY"),
        ("23", "'23' is not a date: write YYYY"),
        ("2023-06-01T00:00", "is not a date: write YYYY"),
        ("2023/06/01", "is not a date: write YYYY"),
        ("2023-", "is not a date: write YYYY"),
        ("2023-06-01-02", "is not a date: write YYYY"),
        ("+202", "is not a date: write YYYY"),
        ("２０２３", "is not a date: write YYYY"),  # digits of other scripts are not a date
        ("0000", "'0000' is not a date: there is no year 0"),
        ("2023-13", "'2023-13' is not a date: month 13 is not between 01 and 12"),
        ("2023-00", "month 0 is not between 01 and 12"),
        ("2023-02-29", "'2023-02-29' is not a date: 2023-02 has 28 days"),
        ("2023-04-31", "2023-04 has 30 days"),
        ("1900-02-29", "1900-02 has 28 days"),
        ("2023-04-00", "2023-04 has 30 days"),
        ("2023\x1b[2J", "'2023\\x1b[2J' is not a date"),  # shown escaped, never as a terminal command
    ],
)
def test_parse_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(DateError) as error:
        PartialDate.parse(text)
    assert message in str(error.value)
    assert isinstance(error.value, ValueError)


def test_ordering_across_precisions() -> None:
    texts = ["2024", "2023-06-01", "2023-06", "2023", "2023-01", "2022-12-31", "2023-01-01", "2023-02"]
    ordered = sorted(PartialDate.parse(t) for t in texts)
    assert [str(d) for d in ordered] == [
        "2022-12-31",
        "2023",
        "2023-01",
        "2023-01-01",
        "2023-02",
        "2023-06",
        "2023-06-01",
        "2024",
    ]
    assert PartialDate(2023) != PartialDate(2023, 1, 1)
    assert len({PartialDate(2023), PartialDate.parse("2023")}) == 1


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2023", D(2023, 1, 1), D(2023, 12, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28)),
        ("2023-06-15", D(2023, 6, 15), D(2023, 6, 15)),
        ("1900-02", D(1900, 2, 1), D(1900, 2, 28)),  # not a leap year
        ("2000-02", D(2000, 2, 1), D(2000, 2, 29)),  # a leap year
        ("9999", D(9999, 1, 1), D(9999, 12, 31)),
    ],
)
def test_span_of_days(text: str, first: datetime.date, last: datetime.date) -> None:
    date = PartialDate.parse(text)
    assert (date.first_day, date.last_day) == (first, last)


@pytest.mark.parametrize(
    ("text", "day", "on_or_before", "contains", "after"),
    [
        # A full date against the day before, the day itself and the day after.
        ("2024-09-01", D(2024, 8, 31), False, False, True),
        ("2024-09-01", D(2024, 9, 1), True, True, False),
        ("2024-09-01", D(2024, 9, 2), True, False, False),
        # A month: certain only once the month is over.
        ("2023-06", D(2023, 5, 31), False, False, True),
        ("2023-06", D(2023, 6, 1), False, True, False),
        ("2023-06", D(2023, 6, 30), True, True, False),
        ("2023-06", D(2023, 7, 1), True, False, False),
        # A year: the same at the year's edges.
        ("2026", D(2025, 12, 31), False, False, True),
        ("2026", D(2026, 11, 28), False, True, False),
        ("2026", D(2026, 12, 31), True, True, False),
    ],
)
def test_point_in_time(text: str, day: datetime.date, on_or_before: bool, contains: bool, after: bool) -> None:
    date = PartialDate.parse(text)
    assert (date.on_or_before(day), date.contains(day), date.after(day)) == (on_or_before, contains, after)


def test_of_a_day_round_trips() -> None:
    day = D(2026, 11, 28)
    assert PartialDate.of(day) == PartialDate.parse("2026-11-28")
    assert PartialDate.of(day).first_day == day


def test_every_date_in_the_shipped_data_parses(shipped: Catalog) -> None:
    dates = [
        text
        for place in shipped.all()
        for text in (
            place.reviewed,
            *(entry.since for entry in place.therapies.values()),
            *(route.since for entry in place.therapies.values() for route in entry.routes),
            *(event.date for event in place.timeline),
            *(source.date for source in place.sources),
        )
        if text is not None
    ]
    assert len(dates) > 1000
    assert all(str(PartialDate.parse(text)) == text for text in dates)
