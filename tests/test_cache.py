"""The lookup cache: used when fresh, rebuilt on any data change, harmless when broken or unwritable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from psylegal.data import validation
from psylegal.data.catalog import Catalog


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the data was parsed although the cache was fresh")

    monkeypatch.setattr(validation, "check_directory", fail)


def test_second_load_reads_the_cache(data_copy: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Catalog.load(data_copy)
    assert len(list(isolated_cache.glob("catalog-*.cache"))) == 1
    forbid_parsing(monkeypatch)
    second = Catalog.load(data_copy)
    assert second.places == first.places and second.resolve("aaland").id == "zz-aa"


def test_any_change_to_a_data_file_invalidates(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Catalog.load(data_copy)
    path = data_copy / "zz-aa.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Aaland", "name: Aaland Renamed"), encoding="utf-8")
    assert Catalog.load(data_copy).get("zz-aa").name == "Aaland Renamed"
    (data_copy / "zz-bb-georgia.yaml").unlink()
    assert "zz-bb-georgia" not in Catalog.load(data_copy).places


def test_same_size_edit_with_new_mtime_invalidates(data_copy: Path) -> None:
    Catalog.load(data_copy)
    path = data_copy / "zz-aa.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Aaland", "Bbland"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert Catalog.load(data_copy).get("zz-aa").name == "Bbland"


def test_corrupt_cache_is_ignored(data_copy: Path, isolated_cache: Path) -> None:
    Catalog.load(data_copy)
    for path in isolated_cache.glob("catalog-*.cache"):
        path.write_text("{not json", encoding="utf-8")
    assert Catalog.load(data_copy).resolve("zed").id == "zz"


def test_unwritable_cache_directory_still_answers(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("PSYLEGAL_CACHE_DIR", str(blocker / "cache"))  # a directory under a file: cannot exist
    assert Catalog.load(data_copy).resolve("zed").id == "zz"


def test_cache_can_be_turned_off(data_copy: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PSYLEGAL_NO_CACHE", "1")
    Catalog.load(data_copy)
    assert list(isolated_cache.iterdir()) == []


def test_default_location_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from psylegal.data import store as cache

    monkeypatch.delenv("PSYLEGAL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache._cache_dir() == tmp_path / "psylegal"


def test_no_home_directory_means_no_cache(monkeypatch: pytest.MonkeyPatch, data_copy: Path) -> None:
    from psylegal.data import store as cache

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("PSYLEGAL_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache._cache_dir() is None
    assert Catalog.load(data_copy).resolve("zed").id == "zz"
