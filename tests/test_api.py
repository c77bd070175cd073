"""The public Python API: what a script gets from `import psylegal`, and what it costs to import."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

import psylegal
from psylegal.data.catalog import Catalog
from psylegal.law.model import Kind, Status

from .conftest import PINNED_TODAY, ROOT, SHIPPED, VALID


def test_where_returns_the_whole_answer() -> None:
    answer = psylegal.where("Oregon", therapy="magic mushrooms", today=PINNED_TODAY)
    assert isinstance(answer, psylegal.PlaceAnswer)
    assert (answer.place.id, [p.id for p in answer.parents]) == ("us-or", ["us"])
    [psilocybin] = answer.therapies
    assert psilocybin.therapy.id == "psilocybin" and psilocybin.status is psylegal.Status.AVAILABLE
    assert [layer.jurisdiction.id for layer in psilocybin.conflicts] == ["us"]
    assert answer.timeline and answer.sources and not answer.review_stale
    assert all(entry.date.on_or_before(PINNED_TODAY) for entry in answer.timeline)


def test_where_applies_the_therapy_to_every_part_of_the_answer() -> None:
    everything = psylegal.where("oregon", today=PINNED_TODAY)
    lsd = psylegal.where("oregon", "lsd", today=PINNED_TODAY)
    assert [t.therapy.id for t in lsd.therapies] == ["lsd"]
    assert 0 < len(lsd.timeline) < len(everything.timeline)
    assert all(not e.event.therapies or "lsd" in e.event.therapies for e in lsd.timeline)
    assert len(lsd.sources) < len(everything.sources)


def test_where_with_the_fixture_data_and_a_day(tmp_path: Path) -> None:
    fresh = psylegal.where("zed", data_dir=VALID, today=datetime.date(2026, 6, 1))
    stale = psylegal.where("zed", data_dir=str(VALID), today=datetime.date(2027, 6, 1))
    assert (fresh.place.id, fresh.review_stale, stale.review_stale) == ("zz", False, True)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: psylegal.where("narnia"), psylegal.NotFound, "no place matches 'narnia'"),
        (lambda: psylegal.where("CO"), psylegal.Ambiguous, "matches several places"),
        (lambda: psylegal.where("oregon", "cannabis"), psylegal.NotFound, "no therapy matches 'cannabis'"),
        (lambda: psylegal.places(status="legal"), psylegal.UsageError, "status must be one of available,"),
        (lambda: psylegal.places(kind="planet"), psylegal.UsageError, "kind must be one of country,"),
        (lambda: psylegal.places(parent=""), psylegal.UsageError, "give a place"),
        (lambda: psylegal.therapy("mdma", status="nope"), psylegal.UsageError, "status must be one of"),
        (lambda: psylegal.where("oregon", data_dir="/nonexistent"), psylegal.DataError, "is not a directory"),
    ],
)
def test_errors_are_the_documented_exceptions(call, error: type[Exception], message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error) as raised:
        call()
    assert message in str(raised.value)
    assert isinstance(raised.value, psylegal.PsylegalError)


def test_places_takes_words_or_enum_members() -> None:
    by_word = psylegal.places(kind="State", parent="united states", therapy="psilocybin", status="available")
    by_member = psylegal.places(kind=Kind.STATE, parent="us", therapy="psilocybin", status=Status.AVAILABLE)
    assert by_word == by_member
    assert {row.place.id for row in by_word.rows} >= {"us-or", "us-co"}
    assert all(row.therapies[0].status is Status.AVAILABLE for row in by_word.rows)


def test_therapy_and_therapies(shipped: Catalog) -> None:
    overview = psylegal.therapy("ecstasy", status="limited")
    assert overview.therapy.id == "mdma"
    assert {a.place.id for a in overview.groups[Status.LIMITED]} >= {"au", "ca"}
    assert all(not members for status, members in overview.groups.items() if status is not Status.LIMITED)
    # Federal MDMA is trial-only since expanded access closed: research, not limited.
    research = psylegal.therapy("mdma", status="research")
    assert "us" in {a.place.id for a in research.groups[Status.RESEARCH]}
    assert [t.id for t in psylegal.therapies()] == [t.id for t in shipped.therapies()]


def test_a_dataset_answers_many_questions_from_one_load() -> None:
    dataset = psylegal.load(SHIPPED, today=PINNED_TODAY)
    assert dataset.today == PINNED_TODAY and dataset.skipped == ()
    assert dataset.where("denver").place.id == "us-co-denver"
    assert dataset.where("denver") == psylegal.where("denver", today=PINNED_TODAY)


def test_public_names_resolve_and_unknown_ones_fail() -> None:
    for name in psylegal.__all__:
        assert getattr(psylegal, name) is not None, name
    assert "where" in dir(psylegal)
    with pytest.raises(AttributeError, match="no attribute 'wher'"):
        _ = psylegal.wher  # type: ignore[attr-defined]


def modules_after(code: str) -> set[str]:
    """The psylegal modules a fresh interpreter has imported after running `code`."""
    script = f"{code}\nimport sys\nsys.stderr.write(' '.join(m for m in sys.modules if m.startswith('psylegal')))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True, timeout=60
    )
    return set(result.stderr.split())


def test_importing_psylegal_loads_nothing_else() -> None:
    assert modules_after("import psylegal") == {"psylegal"}
    assert "psylegal.api" in modules_after("import psylegal; psylegal.where")


def test_a_lookup_imports_only_what_it_shows() -> None:
    lookup = (
        "from psylegal.cli import main\nimport sys\nsys.argv = ['psylegal', 'where', 'colorado']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    modules_after(lookup)  # fills this test's cache
    loaded = modules_after(lookup)
    assert {"psylegal.api", "psylegal.query", "psylegal.render.text"} <= loaded
    # No JSON renderer, no validation and no YAML parsing on a warm lookup.
    assert not loaded & {"psylegal.render.json", "psylegal.data.validation", "psylegal.data.loader"}
