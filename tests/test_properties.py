"""Properties that must hold for any input: the CLI never crashes, names resolve to their place, the
loader never raises, and a cached verdict reused on another day equals a fresh check on that day."""

from __future__ import annotations

import contextlib
import datetime
import io
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psylegal import cli
from psylegal.data.catalog import Catalog
from psylegal.data.loader import parse_text
from psylegal.errors import Ambiguous

from .conftest import VALID

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

words = st.text(max_size=40) | st.sampled_from(["colorado", "CO", "us-co", "Georgia", "psilocybin", "", " ", "-x"])
flags = st.lists(st.sampled_from(["--json", "--strict", "--help"]), max_size=2)


def console(args: list[str]) -> tuple[int, str, str]:
    """Run the console script in-process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["psylegal", *args]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            cli.main()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    finally:
        sys.argv = argv
    return code, out.getvalue(), err.getvalue()


def assert_well_behaved(code: int, err: str) -> None:
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err
    if code != 0:
        assert err.count("\n") == 1 and err.startswith("psylegal: error: "), err


@SETTINGS
@given(place=words, therapy=st.none() | words, extra=flags)
def test_where_with_any_place_and_therapy(place: str, therapy: str | None, extra: list[str]) -> None:
    args = ["where", place, *(["--therapy", therapy] if therapy is not None else []), *extra]
    code, _, err = console(args)
    assert_well_behaved(code, err)


@SETTINGS
@given(
    command=st.sampled_from(["list", "therapy"]),
    name=words,
    kind=st.none() | words,
    status=st.none() | words,
    parent=st.none() | words,
    extra=flags,
)
def test_list_and_therapy_with_any_options(
    command: str, name: str, kind: str | None, status: str | None, parent: str | None, extra: list[str]
) -> None:
    args = [command] + ([name] if command == "therapy" else [])
    args += ["--status", status] if status is not None else []
    if command == "list":
        args += (["--kind", kind] if kind is not None else []) + (["--parent", parent] if parent is not None else [])
        args += ["--therapy", name] if name else []
    code, _, err = console([*args, *extra])
    assert_well_behaved(code, err)


def test_every_name_of_every_shipped_place_resolves_to_it(shipped: Catalog) -> None:
    for place in shipped.all():
        for name in (place.id, place.name, *place.aliases, *([place.iso] if place.iso else [])):
            try:
                assert shipped.resolve(name).id == place.id, name
            except Ambiguous as several:  # a name two places share (CO, Georgia) lists both, never guesses
                assert f"{place.id} (" in str(several), name


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_the_loader_never_raises(text: str) -> None:
    document, problems = parse_text(text, Path("x.yaml"), "x.yaml")
    assert document is not None or problems


@pytest.fixture(scope="module")
def dated_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture data with dates that flip verdicts: one in the future, one review about to go stale."""
    target = tmp_path_factory.mktemp("dated") / "data"
    shutil.copytree(VALID, target)
    path = target / "zz-aa.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('reviewed: "2026-01-15"', 'reviewed: "2026-06-01"'))
    return target


def statuses(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    return {j.id: tuple(sorted(f"{t}={e.status.value}" for t, e in j.therapies.items())) for j in catalog.all()}


@SETTINGS
@given(
    first=st.dates(datetime.date(2026, 1, 1), datetime.date(2028, 1, 1)),
    second=st.dates(datetime.date(2026, 1, 1), datetime.date(2028, 1, 1)),
)
def test_a_verdict_reused_on_another_day_equals_a_fresh_check(
    dated_copy: Path, first: datetime.date, second: datetime.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    Catalog.load(dated_copy, first)  # fills the cache as of the first day
    cached = Catalog.load(dated_copy, second)
    with monkeypatch.context() as patch:
        patch.setenv("PSYLEGAL_NO_CACHE", "1")
        fresh = Catalog.load(dated_copy, second)
    assert statuses(cached) == statuses(fresh)
    assert cached.skipped == fresh.skipped
