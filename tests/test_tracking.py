"""`changes` (text, JSON, Atom), `bills` and `stale`, on the law-over-time fixtures and the real data."""

from __future__ import annotations

import datetime
import json
from xml.etree import ElementTree

import feedparser
import pytest
from typer.testing import CliRunner

import psylegal
from psylegal.cli import app
from psylegal.data.catalog import Catalog
from psylegal.errors import UsageError
from psylegal.law.dates import PartialDate
from psylegal.law.model import Status
from psylegal.render import Output, renderer
from psylegal.tracking import StaleKind

from .conftest import FIXTURES, PINNED_TODAY, SHIPPED

HISTORY = FIXTURES / "history"
ATOM = "{http://www.w3.org/2005/Atom}"


def feed(**options: object) -> psylegal.ChangeFeed:
    return psylegal.changes(data_dir=HISTORY, today=PINNED_TODAY, **options)  # type: ignore[arg-type]


def test_changes_newest_first_with_status_before_and_after() -> None:
    changes = feed().changes
    dates = [change.date for change in changes]
    assert dates == sorted(dates, reverse=True)
    rollback = [c for c in changes if c.place.id == "yy-or" and c.type.value == "status" and "mdma" in c.therapies]
    assert [(c.before, c.after, str(c.date)) for c in rollback] == [
        (Status.DECRIMINALIZED, Status.PROHIBITED, "2024-09-01"),
        (None, Status.DECRIMINALIZED, "2021-02-01"),
    ]
    assert all(change.sources for change in changes)  # each with a source
    # Within one day, the status change comes before the event that explains it.
    same_day = [c.type.value for c in changes if str(c.date) == "2024-09-01"]
    assert same_day == ["status", "event"]


def test_changes_filters() -> None:
    since = feed(since="2024-01-01").changes
    assert since and all(c.date.last_day >= datetime.date(2024, 1, 1) for c in since)
    window = feed(since="2021", until="2021").changes
    assert {str(c.date) for c in window} == {"2021-02-01"}
    assert {c.place.id for c in feed(place="orland").changes} == {"yy-or"}
    assert {c.place.id for c in feed(place="whyland").changes} == {"yy", "yy-or", "yy-nm"}  # children included
    assert all("lsd" in c.therapies or not c.therapies for c in feed(therapy="lsd").changes)
    assert [c.event.value for c in feed(type="rollback").changes if c.event] == ["rollback"]
    assert {c.type.value for c in feed(type="route-closed").changes} == {"route-closed"}
    with pytest.raises(psylegal.UsageError, match="--type must be one of"):
        feed(type="rollbak")
    with pytest.raises(psylegal.UsageError, match="is after until"):
        feed(since="2025-01-01", until="2024-01-01")


def test_upcoming_is_soonest_first_and_never_past() -> None:
    # (The fixture data was reviewed in 2026-03; on an earlier day its review dates lie in the future.)
    for today in (datetime.date(2026, 3, 15), PINNED_TODAY, datetime.date(2026, 12, 31), datetime.date(2027, 1, 1)):
        upcoming = psylegal.changes(upcoming=True, data_dir=HISTORY, today=today).changes
        assert all(change.date.last_day >= today for change in upcoming)
        assert [c.date for c in upcoming] == sorted(c.date for c in upcoming)
    early = psylegal.changes(upcoming=True, data_dir=HISTORY, today=datetime.date(2026, 3, 15)).changes
    assert [(str(c.date), c.type.value) for c in early] == [
        ("2026-06-30", "recheck"),
        ("2026-12-31", "route-expected"),
        ("2026-12-31", "recheck"),
    ]


def test_upcoming_never_shows_a_past_date_in_the_real_data() -> None:
    upcoming = psylegal.changes(upcoming=True, data_dir=SHIPPED, today=PINNED_TODAY).changes
    assert upcoming, "the shipped data has expected openings"
    assert all(change.date.last_day >= PINNED_TODAY for change in upcoming)
    assert any(c.place.id == "us-nm" and c.type.value == "route-expected" for c in upcoming)


def test_changes_text_groups_by_month(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["changes", "--data-dir", str(HISTORY), "--place", "orland"]).stdout
    assert shown.startswith("Changes in Orland, newest first:")
    assert shown.index("September 2024") < shown.index("February 2021") < shown.index("November 2020")
    assert "Orland (yy-or) · mdma · status decriminalized → prohibited" in shown
    nothing = runner.invoke(app, ["changes", "--data-dir", str(HISTORY), "--since", "2026-11-01"])
    assert nothing.exit_code == 0 and "none recorded" in nothing.stdout


def test_changes_json(runner: CliRunner) -> None:
    result = json.loads(
        runner.invoke(app, ["changes", "--json", "--data-dir", str(HISTORY), "-t", "mdma", "--type", "status"]).stdout
    )
    assert result["schema_version"] == 2 and result["therapy"] == "mdma" and result["count"] == len(result["changes"])
    first = result["changes"][0]
    assert (first["date"], first["status_before"], first["status_after"]) == (
        "2024-09-01",
        "decriminalized",
        "prohibited",
    )
    assert first["sources"][0]["url"] == "https://example.org/hb-4002"
    both = runner.invoke(app, ["changes", "--json", "--format", "atom", "--data-dir", str(HISTORY)])
    assert both.exit_code == 2 and "two formats" in both.stderr


def atom(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["changes", "--format", "atom", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_atom_feed_parses_and_has_the_rfc_4287_structure(runner: CliRunner) -> None:
    text = atom(runner, "--data-dir", str(HISTORY))
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.id.startswith("tag:psylegal,2026:") and parsed.feed.title and parsed.feed.updated
    assert parsed.feed.author == "psylegal"
    assert len(parsed.entries) == len(feed().changes)
    for entry in parsed.entries:
        assert entry.id.startswith("tag:psylegal,2026:") and entry.title and entry.updated
        assert entry.link.startswith("https://")
    # Structure, element by element (RFC 4287 4.1.1 and 4.1.2).
    root = ElementTree.fromstring(text)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{ATOM}{required}")) == 1, required
    ids = [entry.findtext(f"{ATOM}id") for entry in root.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))  # unique
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{required}")) == 1, required
        alternate = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
        assert len(alternate) == 1 and alternate[0].get("href", "").startswith("https://")
        datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated", "").replace("Z", "+00:00"))
    rollback = "tag:psylegal,2026:yy-or/mdma/status/2024-09-01"
    assert rollback in ids


def test_atom_ids_are_stable_across_runs_and_filters(runner: CliRunner) -> None:
    def ids(text: str) -> list[str]:
        return [entry.id for entry in feedparser.parse(text).entries]

    everything = ids(atom(runner, "--data-dir", str(HISTORY)))
    assert everything == ids(atom(runner, "--data-dir", str(HISTORY)))
    orland = ids(atom(runner, "--data-dir", str(HISTORY), "--place", "orland"))
    assert orland and set(orland) <= set(everything)


def test_atom_feed_of_the_real_data_parses(runner: CliRunner) -> None:
    parsed = feedparser.parse(atom(runner, "--since", "2026-01-01"))
    assert not parsed.bozo and parsed.entries
    ids = [entry.id for entry in parsed.entries]
    assert len(ids) == len(set(ids))
    upcoming = feedparser.parse(atom(runner, "--upcoming"))
    assert not upcoming.bozo and upcoming.entries


def test_bills(runner: CliRunner) -> None:
    listing = psylegal.bills(data_dir=HISTORY, today=PINNED_TODAY)
    assert [b.bill.number for b in listing.bills] == ["SB 1", "HB 2"]  # newest stage first
    assert [b.bill.number for b in psylegal.bills(stage="signed", data_dir=HISTORY).bills] == ["HB 2"]
    assert [b.bill.number for b in psylegal.bills(therapy="ecstasy", data_dir=HISTORY).bills] == ["SB 1"]
    assert psylegal.bills(place="nueva", data_dir=HISTORY).bills == ()
    as_json = json.loads(runner.invoke(app, ["bills", "--json", "--data-dir", str(HISTORY)]).stdout)
    assert [(b["number"], b["final"]) for b in as_json["bills"]] == [("SB 1", False), ("HB 2", True)]
    bad = runner.invoke(app, ["bills", "--stage", "singed", "--data-dir", str(HISTORY)])
    assert bad.exit_code == 2 and "--stage must be one of" in bad.stderr
    text = runner.invoke(app, ["bills", "--data-dir", str(HISTORY)]).stdout
    assert "SB 1 · Orland (yy-or) · filed 2026-03-10, session 2026 · mdma" in text


def test_where_lists_only_pending_bills(runner: CliRunner) -> None:
    answer = psylegal.where("orland", data_dir=HISTORY, today=PINNED_TODAY)
    assert [b.bill.number for b in answer.bills] == ["SB 1"]  # HB 2 was signed
    assert psylegal.where("orland", "psilocybin", data_dir=HISTORY, today=PINNED_TODAY).bills == ()
    shown = " ".join(runner.invoke(app, ["where", "orland", "--data-dir", str(HISTORY)]).stdout.split())
    assert "Pending bills: SB 1 (Orland, filed 2026-03-10)" in shown


def test_stale_queue(runner: CliRunner) -> None:
    queue = psylegal.stale(data_dir=HISTORY, today=PINNED_TODAY)
    assert [(i.kind.value, i.place.id, str(i.date)) for i in queue.items if i.kind.value != "undated-source"] == [
        ("recheck", "yy", "2026-06-30"),
        ("unknown", "yy", "2026-01-15"),  # an unknown answer, dated by its file's review
    ]
    assert [i.source.id for i in queue.items if i.source] == ["scheme", "hb-2"]  # oldest read first, then by place
    strict = psylegal.stale(days=30, data_dir=HISTORY, today=PINNED_TODAY)
    assert sorted(i.place.id for i in strict.items if i.kind.value == "review") == ["yy", "yy-nm", "yy-or"]
    result = json.loads(runner.invoke(app, ["stale", "--json", "--data-dir", str(HISTORY)]).stdout)
    assert result["counts"] == {"recheck": 1, "expected": 0, "review": 0, "unknown": 1, "undated-source": 2}
    assert result["kinds"] == ["recheck", "expected", "review", "unknown", "undated-source"]
    text = runner.invoke(app, ["stale", "--data-dir", str(HISTORY)]).stdout
    assert text.startswith(f"Maintainers' queue on {PINNED_TODAY}: 4 items.")
    only = json.loads(runner.invoke(app, ["stale", "--kind", "recheck", "--json", "--data-dir", str(HISTORY)]).stdout)
    assert (only["kinds"], only["counts"], len(only["items"])) == (["recheck"], {"recheck": 1}, 1)


def test_stale_queue_lists_every_unknown_answer_with_what_it_is_missing(runner: CliRunner, shipped: Catalog) -> None:
    unknown = {
        (place.id, therapy): f"{entry.note} Searched: {entry.searched}" if entry.searched else entry.note
        for place in shipped.all()
        for therapy, entry in place.therapies.items()
        if entry.status is Status.UNKNOWN
    }
    queue = psylegal.stale(kinds=["unknown"], data_dir=SHIPPED, today=PINNED_TODAY)
    assert queue.kinds == (StaleKind.UNKNOWN,) and unknown
    assert {(item.place.id, item.therapy): item.text for item in queue.items} == unknown
    assert all(item.date == PartialDate.parse(item.place.reviewed) for item in queue.items)
    text = runner.invoke(app, ["stale", "--kind", "unknown"]).stdout
    assert f"Unknown answers ({len(unknown)}), oldest first" in text and "Undated sources" not in text
    # Kinds combine, in the queue's own order whatever the order asked.
    both = psylegal.stale(kinds=["undated-source", "unknown"], data_dir=SHIPPED, today=PINNED_TODAY)
    assert both.kinds == (StaleKind.UNKNOWN, StaleKind.UNDATED_SOURCE)
    assert [item.kind for item in both.items] == sorted((item.kind for item in both.items), key=list(StaleKind).index)
    with pytest.raises(UsageError, match="kind must be one of"):
        psylegal.stale(kinds=["nothing"], data_dir=SHIPPED, today=PINNED_TODAY)
    refused = runner.invoke(app, ["stale", "--kind", "nothing"])
    assert refused.exit_code == 2 and "--kind must be one of" in refused.stderr


def test_stale_queue_of_the_real_data_counts_undated_sources() -> None:
    queue = psylegal.stale(data_dir=SHIPPED, today=PINNED_TODAY)
    undated = queue.of(StaleKind.UNDATED_SOURCE)
    assert queue.number(StaleKind.UNDATED_SOURCE) == len(undated)
    assert undated and all(item.source is not None and item.source.date is None for item in undated)
    assert [item.date for item in undated] == sorted(item.date for item in undated)


def test_sources_say_undated_and_when_read(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["where", "australia", "--therapy", "mdma", "--full"]).stdout
    assert "None" not in shown
    assert "undated, read 2026-11-28" in shown
    as_json = json.loads(runner.invoke(app, ["where", "australia", "--therapy", "mdma", "--json"]).stdout)
    assert any(s["date"] is None and s["accessed"] == "2026-11-28" for s in as_json["sources"])


@pytest.mark.parametrize("as_of", [None, "2010-01-01", "2023-07-01"])
def test_every_real_place_renders_today_and_as_of(as_of: str | None) -> None:
    data = psylegal.load(SHIPPED, today=PINNED_TODAY)
    output = Output(colour=False, width=80)
    for row in data.places().rows:
        answer = data.where(row.place.id, as_of=as_of)
        for name in ("text", "json"):
            assert renderer(name).where(answer, output)
