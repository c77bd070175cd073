"""Law over time (psylegal/law/history.py): statuses and routes as of a day, at the boundaries.

Fixture data in tests/fixtures/history: Orland (modelled on Oregon: MDMA decriminalized from
2021-02-01 until the rollback of 2024-09-01, psilocybin pending from 2020-11-03 and available from
2023-06), Whyland (an LSD access route open from 2019-01 until 2022-07-15; ketamine dated to the
year 1990) and Nueva (a program expected to open by 2026-12-31).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import psylegal
from psylegal.cli import app
from psylegal.law.dates import PartialDate
from psylegal.law.history import route_on, standing
from psylegal.law.model import AccessRoute, Route, RouteState, Status, TherapyEntry

from .conftest import FIXTURES, PINNED_TODAY, SHIPPED

HISTORY = FIXTURES / "history"


@pytest.fixture
def data() -> psylegal.Dataset:
    return psylegal.load(HISTORY, today=PINNED_TODAY)


def status_on(data: psylegal.Dataset, place: str, therapy: str, day: str) -> Status:
    return data.where(place, therapy, as_of=day).therapies[0].status


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2021-01-31", Status.UNKNOWN),  # the day before the first record: no record, no guess
        ("2021-02-01", Status.DECRIMINALIZED),  # the day it took effect
        ("2024-08-31", Status.DECRIMINALIZED),  # the day before the rollback
        ("2024-09-01", Status.PROHIBITED),  # the rollback
        ("2026-11-28", Status.PROHIBITED),
    ],
)
def test_a_rollback_at_its_boundaries(data: psylegal.Dataset, day: str, expected: Status) -> None:
    assert status_on(data, "orland", "mdma", day) is expected


def test_before_the_earliest_record_the_answer_says_so(data: psylegal.Dataset) -> None:
    result = data.where("orland", "mdma", as_of="2021-01-31").therapies[0]
    assert result.deciding is None
    assert [(gap.jurisdiction.id, str(gap.date)) for gap in result.unrecorded] == [
        ("yy-or", "2021-02-01"),
        ("yy", "2026-01-15"),  # Whyland's MDMA entry is undated: known only from its review
    ]


def test_history_status_before_and_after_a_program_opens(data: psylegal.Dataset) -> None:
    assert status_on(data, "orland", "psilocybin", "2020-11-02") is Status.UNKNOWN
    assert status_on(data, "orland", "psilocybin", "2020-11-03") is Status.PENDING
    # "2023-06" counts from its first day, and the answer says the day is not recorded.
    assert status_on(data, "orland", "psilocybin", "2023-05-31") is Status.PENDING
    june = data.where("orland", "psilocybin", as_of="2023-06-15").therapies[0]
    assert june.status is Status.AVAILABLE
    assert [(d.jurisdiction.id, str(d.date)) for d in june.imprecise] == [("yy-or", "2023-06")]
    assert data.where("orland", "psilocybin", as_of="2023-07-01").therapies[0].imprecise == ()


def test_a_year_only_date_counts_from_its_first_day(data: psylegal.Dataset) -> None:
    assert status_on(data, "whyland", "ketamine", "1989-12-31") is Status.UNKNOWN
    mid = data.where("whyland", "ketamine", as_of="1990-06-30").therapies[0]
    assert mid.status is Status.AVAILABLE and [str(d.date) for d in mid.imprecise] == ["1990"]
    assert data.where("whyland", "ketamine", as_of="1991-01-01").therapies[0].imprecise == ()


def test_a_route_that_closes(data: psylegal.Dataset) -> None:
    def lsd(day: str) -> tuple[Status, list[RouteState]]:
        result = data.where("whyland", "lsd", as_of=day).therapies[0]
        return result.status, [placed.access.state for placed in result.routes]

    assert lsd("2018-12-31") == (Status.UNKNOWN, [])  # before the route and the record existed
    assert lsd("2019-01-01") == (Status.LIMITED, [RouteState.OPEN])
    assert lsd("2022-07-14") == (Status.LIMITED, [RouteState.OPEN])
    assert lsd("2022-07-15") == (Status.PROHIBITED, [RouteState.CLOSED])


def test_layers_combine_as_today(data: psylegal.Dataset) -> None:
    """Orland's psilocybin program beats Whyland's own (undated, so silent) prohibition."""
    then = data.where("orland", "psilocybin", as_of="2024-01-01").therapies[0]
    assert then.status is Status.AVAILABLE and then.decided_by is not None and then.decided_by.id == "yy-or"
    now = data.where("orland", "psilocybin").therapies[0]
    assert [c.jurisdiction.id for c in now.conflicts] == ["yy"]


def test_an_upcoming_route_whose_date_arrives() -> None:
    """Nueva's program is expected by 2026-12-31: the day after, the answer says it may be out of date."""
    before = psylegal.where("nueva", "psilocybin", data_dir=HISTORY, today=datetime.date(2026, 12, 31))
    after = psylegal.where("nueva", "psilocybin", data_dir=HISTORY, today=datetime.date(2027, 1, 1))
    assert before.therapies[0].status is after.therapies[0].status is Status.PENDING  # never guessed open
    # Whyland's check before you go had a recheck date in June: passed on both days.
    assert [(e.jurisdiction.id, str(e.date), e.expected) for e in before.expired] == [("yy", "2026-06-30", False)]
    assert {(e.jurisdiction.id, str(e.date), e.expected) for e in after.expired} == {
        ("yy-nm", "2026-12-31", True),  # the expected opening
        ("yy-nm", "2026-12-31", False),  # the entry's recheck date
        ("yy", "2026-06-30", False),  # Whyland's check before you go
    }
    upcoming = psylegal.changes(upcoming=True, data_dir=HISTORY, today=datetime.date(2026, 12, 31))
    assert [c.type.value for c in upcoming.changes] == ["route-expected", "recheck"]
    later = psylegal.changes(upcoming=True, data_dir=HISTORY, today=datetime.date(2027, 1, 1))
    assert later.changes == ()
    queue = psylegal.stale(data_dir=HISTORY, today=datetime.date(2027, 1, 1))
    assert [(i.kind.value, i.place.id, str(i.date)) for i in queue.items if i.kind.value == "expected"] == [
        ("expected", "yy-nm", "2026-12-31")
    ]


def test_where_text_says_a_passed_date_may_be_out_of_date(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("psylegal.cli._today", lambda: datetime.date(2027, 1, 1))
    shown = " ".join(runner.invoke(app, ["where", "nueva", "--data-dir", str(HISTORY)]).stdout.split())
    assert (
        "Nueva (psilocybin): the licensed program route was expected to open by 2026-12-31, and that date has"
        " passed. This part may be out of date" in shown
    )


def test_as_of_cli_labels_history_and_refuses_the_future(runner: CliRunner) -> None:
    args = ["where", "orland", "--therapy", "mdma", "--data-dir", str(HISTORY)]
    shown = runner.invoke(app, [*args, "--as-of", "2021-01-31"])
    assert shown.exit_code == 0
    flowing = " ".join(shown.stdout.split())
    assert "Historical answer: the law as it stood at the end of 2021-01-31" in flowing
    assert "No record for Orland on this before 2021-02-01." in flowing
    as_json = json.loads(runner.invoke(app, [*args, "--as-of", "2024-09-01", "--json"]).stdout)
    assert as_json["as_of"] == "2024-09-01"
    assert as_json["therapies"]["mdma"]["status"] == "prohibited"
    # Today's summary is not the law of 2024-09-01: JSON leaves it out, as the text does.
    assert as_json["summary"] is None and as_json["summary_sources"] == []
    today_json = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert today_json["as_of"] is None and today_json["summary"]
    future = runner.invoke(app, [*args, "--as-of", "2030-01-01"])
    assert future.exit_code == 2 and future.stdout == ""
    assert future.stderr.startswith(f"psylegal: error: --as-of 2030-01-01 is after today ({PINNED_TODAY})")
    bad = runner.invoke(app, [*args, "--as-of", "2021-02-30"])
    assert bad.exit_code == 2 and "--as-of: '2021-02-30' is not a date: 2021-02 has 28 days" in bad.stderr


def test_as_of_on_list_and_therapy(runner: CliRunner) -> None:
    listing = json.loads(
        runner.invoke(app, ["list", "--as-of", "2022-01-01", "--json", "--data-dir", str(HISTORY)]).stdout
    )
    assert {row["id"]: row["therapies"]["lsd"]["status"] for row in listing["places"]} == {
        "yy": "limited",
        "yy-nm": "limited",
        "yy-or": "limited",
    }
    assert listing["as_of"] == "2022-01-01"
    overview = json.loads(
        runner.invoke(app, ["therapy", "mdma", "--as-of", "2022", "--json", "--data-dir", str(HISTORY)]).stdout
    )
    assert overview["as_of"] == "2022-12-31"  # a year alone means its last day
    assert [place["id"] for place in overview["statuses"]["decriminalized"]] == ["yy-or"]
    text = runner.invoke(app, ["list", "--as-of", "2022-01-01", "--data-dir", str(HISTORY)]).stdout
    assert text.startswith("Historical answer: the law as it stood at the end of 2022-01-01")


def test_standing_and_route_on_directly() -> None:
    entry = TherapyEntry("mdma", Status.PROHIBITED, None, (), None, ())
    reviewed = "2026-01-15"
    assert standing(entry, reviewed, datetime.date(2026, 1, 14)).entry is None
    assert standing(entry, reviewed, datetime.date(2026, 1, 14)).earliest == PartialDate(2026, 1, 15)
    assert standing(entry, reviewed, datetime.date(2026, 1, 15)).entry == entry
    undated = AccessRoute(Route.PRESCRIPTION, RouteState.OPEN, "Adults.")
    assert route_on(undated, datetime.date(2025, 1, 1), reviewed) == undated._replace(state=RouteState.UNKNOWN)
    assert route_on(undated, datetime.date(2026, 2, 1), reviewed) == undated
    closed = AccessRoute(Route.PILOT, RouteState.CLOSED, "Veterans.")  # closed on a day nobody recorded
    assert route_on(closed, datetime.date(2025, 1, 1), reviewed) == closed._replace(state=RouteState.UNKNOWN)
    assert route_on(closed, datetime.date(2026, 2, 1), reviewed) == closed
    coming = AccessRoute(Route.PILOT, RouteState.UPCOMING, "Veterans.", expected="2027", recheck="2027-06-30")
    assert route_on(coming, datetime.date(2025, 1, 1), reviewed) == coming._replace(recheck=None)


# -- real data: a place this branch backfilled ---------------------------------------------------
@pytest.mark.parametrize(
    ("place", "therapy", "day", "expected"),
    [
        ("au", "mdma", "2023-06-30", Status.UNKNOWN),
        ("au", "mdma", "2023-07-01", Status.LIMITED),
        ("au", "psilocybin", "2023-07-01", Status.LIMITED),
        ("cz", "psilocybin", "2009-12-31", Status.UNKNOWN),
        ("cz", "psilocybin", "2010-01-01", Status.DECRIMINALIZED),
        ("cz", "psilocybin", "2025-12-31", Status.DECRIMINALIZED),
        ("cz", "psilocybin", "2026-01-01", Status.PENDING),
        ("de", "psilocybin", "2025-07-10", Status.UNKNOWN),
        ("de", "psilocybin", "2025-07-11", Status.LIMITED),
        ("de", "psilocybin", "2026-07-11", Status.LIMITED),
        ("de", "psilocybin", "2026-07-12", Status.UNKNOWN),
    ],
)
def test_real_history_at_its_boundaries(place: str, therapy: str, day: str, expected: Status) -> None:
    result = psylegal.where(place, therapy, as_of=day, data_dir=SHIPPED, today=PINNED_TODAY).therapies[0]
    assert result.status is expected
    own = result.place.therapies.get(therapy)
    if expected is Status.UNKNOWN and own is None:
        assert [gap.jurisdiction.id for gap in result.unrecorded] == [place]


def test_every_real_history_agrees_with_today(shipped_path: Path = SHIPPED) -> None:
    """As of today, every place's own status is the one its file states: the history ends at it."""
    data = psylegal.load(shipped_path, today=PINNED_TODAY)
    for row in data.places(as_of=PINNED_TODAY).rows:
        for result in row.therapies:
            entry = row.place.therapies.get(result.therapy.id)
            if entry is not None:
                assert entry.status is result.own_status, (row.place.id, result.therapy.id)


def listed(runner: CliRunner, *args: str) -> list[tuple[str, str | None]]:
    result = runner.invoke(app, ["list", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return [(row["id"], row["match"]) for row in json.loads(result.stdout)["places"]]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # Oregon's licensed program opened in 2023-06, Colorado's in 2025: the route filter sees that day's routes.
        (["--as-of", "2022-01-01"], []),
        (["--as-of", "2024-01-01"], [("us-or", None)]),
        ([], [("us-co", None), ("us-co-denver", None), ("us-or", None)]),
    ],
)
def test_as_of_combines_with_the_route_filter(runner: CliRunner, args: list[str], expected: list[object]) -> None:
    assert listed(runner, "--parent", "us", "-t", "psilocybin", "--route", "licensed-program", *args) == expected


def test_as_of_combines_with_the_status_filter_and_its_own_law_match(runner: CliRunner) -> None:
    # Denver's own ordinance dates from 2019-05: before it, Denver does not match by its own law.
    before = listed(runner, "-t", "psilocybin", "--status", "decriminalized", "--as-of", "2019-01-01")
    after = listed(runner, "-t", "psilocybin", "--status", "decriminalized", "--as-of", "2020-01-01")
    assert ("us-co-denver", "own") in after and all(place != "us-co-denver" for place, _ in before)
    overview = runner.invoke(
        app, ["therapy", "mdma", "--status", "decriminalized", "--as-of", "2022", "--json", "--data-dir", str(HISTORY)]
    )
    document = json.loads(overview.stdout)
    assert [(p["id"], p["match"]) for p in document["statuses"]["decriminalized"]] == [("yy-or", "effective")]
    assert document["as_of"] == "2022-12-31" and document["filter_status"] == "decriminalized"


# -- a lapsed entry: a place's own law that stopped differing from the layers above --------------
@pytest.mark.parametrize(
    ("day", "expected", "decided_by", "unrecorded"),
    [
        ("2021-01-31", Status.LIMITED, "yy", ["yy-or"]),  # before Orland's first record: silent, and said so
        ("2021-06-01", Status.LIMITED, "yy", []),  # Whyland's access scheme governs
        ("2023-01-01", Status.DECRIMINALIZED, "yy-or", []),  # Orland's law refines Whyland's ban
        ("2024-09-01", Status.PROHIBITED, "yy", []),  # lapsed: silent, and nothing is missing
        ("2026-11-28", Status.PROHIBITED, "yy", []),
    ],
)
def test_a_lapsed_entry_speaks_until_it_lapses_then_the_layers_above_answer(
    data: psylegal.Dataset, day: str, expected: Status, decided_by: str | None, unrecorded: list[str]
) -> None:
    result = data.where("orland", "lsd", as_of=day).therapies[0]
    assert result.status is expected
    assert (result.deciding.jurisdiction.id if result.deciding else None) == decided_by
    assert [gap.jurisdiction.id for gap in result.unrecorded] == unrecorded
    assert ("yy-or" in [layer.jurisdiction.id for layer in result.layers]) is (day in {"2021-06-01", "2023-01-01"})


def test_today_a_lapsed_entry_is_history_not_law(data: psylegal.Dataset, runner: CliRunner) -> None:
    today = data.where("orland", "lsd").therapies[0]
    assert (today.status, today.own_status) == (Status.PROHIBITED, None)
    assert [layer.jurisdiction.id for layer in today.layers] == ["yy"]
    orland = today.place
    assert "lsd" not in orland.therapies and orland.lapsed["lsd"].until == "2024-09-01"
    # Its history still feeds the change feed: the day Orland's own law began to differ.
    feed = psylegal.changes(place="orland", therapy="lsd", data_dir=HISTORY, today=PINNED_TODAY)
    assert [(str(c.date), c.before, c.after) for c in feed.changes if c.type.value == "status"] == [
        ("2021-02-01", None, Status.DECRIMINALIZED)
    ]
    shown = runner.invoke(app, ["where", "orland", "--therapy", "lsd", "--data-dir", str(HISTORY)]).stdout
    assert "prohibited" in shown and "decriminalized" not in shown.split("Timeline")[0]


def test_oregon_measure_110_for_every_therapy_it_covered() -> None:
    """Real data: Oregon decriminalized possession from 2021-02-01 until the rollback of 2024-09-01;
    since then its own law adds nothing, and the federal answer applies (no restated copy of it)."""
    for therapy in ("mdma", "lsd", "ayahuasca", "ibogaine", "mescaline"):
        then = psylegal.where("oregon", therapy, as_of="2022-01-01", data_dir=SHIPPED, today=PINNED_TODAY)
        layer = {layer.jurisdiction.id: layer.entry.status for layer in then.therapies[0].layers}
        assert layer["us-or"] is Status.DECRIMINALIZED, therapy
        now = psylegal.where("oregon", therapy, data_dir=SHIPPED, today=PINNED_TODAY).therapies[0]
        federal = psylegal.where("united states", therapy, data_dir=SHIPPED, today=PINNED_TODAY).therapies[0]
        assert now.own_status is None and now.status is federal.status, therapy
        assert [layer.jurisdiction.id for layer in now.layers] == ["us"], therapy
