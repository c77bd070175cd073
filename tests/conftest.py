"""Shared fixtures: the shipped data, the fixture data, an isolated cache, and a CLI runner."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psylegal.data.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "jurisdictions"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid"
# "Today" for the CLI in tests, so that review ages and future dates judge the same way every day:
# the fixture data was reviewed in January 2026 and the shipped data in November 2026.
PINNED_TODAY = datetime.date(2026, 12, 3)


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache directory, and no test sees a developer's PSYLEGAL_* settings."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("PSYLEGAL_CACHE_DIR", str(cache))
    for name in ("PSYLEGAL_DATA", "PSYLEGAL_NO_CACHE", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return cache


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> datetime.date:
    monkeypatch.setattr("psylegal.cli._today", lambda: PINNED_TODAY)
    return PINNED_TODAY


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    # Session fixtures run before the per-test cache isolation; give this one its own cache too.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PSYLEGAL_CACHE_DIR", str(tmp_path_factory.mktemp("shipped-cache")))
        return Catalog.load(SHIPPED)


@pytest.fixture
def fixture_catalog() -> Catalog:
    return Catalog.load(VALID)


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A writable copy of the fixture data at ./data, with the working directory at its parent."""
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    monkeypatch.chdir(tmp_path)
    yield target


@pytest.fixture
def us_data(tmp_path: Path) -> Path:
    """Fixture data placed in the United States: Zedland as `us`, Aaland as Colorado, Beeland as Texas.

    Real ids and ISO codes, so the gazetteer's points, the US tile grid and town lookups apply to it;
    every other state is missing, which views must show as such.
    """
    target = tmp_path / "us-data"
    target.mkdir()
    shutil.copy(VALID / "therapies.yaml", target)
    common = [("parent: zz", "parent: us")]
    renames = {
        "zz.yaml": ("us", [("id: zz", "id: us"), ('iso: "ZZ"', 'iso: "US"'), ("Zedland", "United States")]),
        "zz-aa.yaml": ("us-co", [("id: zz-aa", "id: us-co"), *common, ("ZZ-AA", "US-CO"), ("Aaland", "Colorado")]),
        "zz-bb.yaml": ("us-tx", [("id: zz-bb", "id: us-tx"), *common, ("ZZ-BB", "US-TX"), ("Beeland", "Texas")]),
    }
    for source, (ident, replacements) in renames.items():
        text = (VALID / source).read_text(encoding="utf-8")
        for old, new in replacements:
            text = text.replace(old, new)
        (target / f"{ident}.yaml").write_text(text, encoding="utf-8")
    return target


@pytest.fixture
def us_history(tmp_path: Path) -> Path:
    """The law-over-time fixture data (tests/fixtures/history) placed in the United States: Whyland as
    `us`, Orland as Oregon, Nueva as New Mexico, so the US tile grid applies to its dated records."""
    history = FIXTURES / "history"
    target = tmp_path / "us-history"
    target.mkdir()
    shutil.copy(history / "therapies.yaml", target)
    renames = {
        "yy.yaml": ("us", [("id: yy", "id: us"), ('iso: "YY"', 'iso: "US"'), ("Whyland", "United States")]),
        "yy-or.yaml": ("us-or", [("id: yy-or", "id: us-or"), ("parent: yy", "parent: us"), ("YY-OR", "US-OR")]),
        "yy-nm.yaml": ("us-nm", [("id: yy-nm", "id: us-nm"), ("parent: yy", "parent: us"), ("YY-NM", "US-NM")]),
    }
    for source, (ident, replacements) in renames.items():
        text = (history / source).read_text(encoding="utf-8")
        for old, new in replacements:
            text = text.replace(old, new)
        (target / f"{ident}.yaml").write_text(text, encoding="utf-8")
    return target
