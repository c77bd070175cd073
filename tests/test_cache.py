"""The per-file cache: reused when fresh, one file re-read per edit, rebuilt when damaged, harmless when
unwritable, and never an answer for the wrong place."""

from __future__ import annotations

import datetime
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from psylegal.data import store, validation
from psylegal.data.catalog import Catalog

TODAY = datetime.date(2026, 2, 1)  # the fixture data was reviewed in January 2026


def count_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the name of every file the pipeline reads and checks from now on."""
    checked: list[str] = []
    real = validation.check_file

    def spy(data_dir: Path, name: str, therapy_ids: list[str], today: datetime.date) -> validation.Verdict:
        checked.append(name)
        return real(data_dir, name, therapy_ids, today)

    monkeypatch.setattr(validation, "check_file", spy)
    return checked


def answers(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Every place's name and therapy statuses: what a damaged cache must never change."""
    return {j.id: (j.name, *sorted(f"{t}={e.status.value}" for t, e in j.therapies.items())) for j in catalog.all()}


def database(cache: Path) -> Path:
    [path] = cache.glob("catalog-*.sqlite")
    return path


def test_second_load_reads_no_data_file(data_copy: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Catalog.load(data_copy, TODAY)
    assert database(isolated_cache).is_file()
    checked = count_checks(monkeypatch)
    second = Catalog.load(data_copy, TODAY)
    assert dict(second.places) == dict(first.places) and second.resolve("aaland").id == "zz-aa"
    assert checked == []


def test_changed_checking_code_rechecks_every_file(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A development checkout keeps its version number while its rules change: the cache must not
    # serve verdicts that the edited code would not give.
    Catalog.load(data_copy, TODAY)
    checked = count_checks(monkeypatch)
    Catalog.load(data_copy, TODAY)
    assert checked == []
    monkeypatch.setattr(store, "_code_stamp", lambda: "edited checks.py")
    Catalog.load(data_copy, TODAY)
    assert sorted(checked) == sorted(p.name for p in data_copy.iterdir())


def test_editing_one_file_rereads_that_file_alone(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Catalog.load(data_copy, TODAY)
    checked = count_checks(monkeypatch)
    path = data_copy / "zz-aa.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Aaland", "name: Aaland Renamed"), encoding="utf-8")
    catalog = Catalog.load(data_copy, TODAY)
    assert catalog.resolve("aaland renamed").name == "Aaland Renamed"
    assert checked == ["zz-aa.yaml"]
    # Its city is named with its state, so the city's index entries follow the new name.
    assert catalog.resolve("Aaland Town, Aaland Renamed").id == "zz-aa-town"


def test_added_and_removed_files_are_seen(data_copy: Path) -> None:
    Catalog.load(data_copy, TODAY)
    (data_copy / "zz-bb-georgia.yaml").unlink()
    assert "zz-bb-georgia" not in Catalog.load(data_copy, TODAY).places


def test_same_size_edit_with_new_mtime_invalidates(data_copy: Path) -> None:
    Catalog.load(data_copy, TODAY)
    path = data_copy / "zz-aa.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Aaland", "Bbland"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert Catalog.load(data_copy, TODAY).get("zz-aa").name == "Bbland"


def test_racy_entry_is_compared_by_content(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Catalog.load(data_copy, TODAY)  # just written, so every entry is racy
    path = data_copy / "zz-aa.yaml"
    text = path.read_text(encoding="utf-8")
    # Pretend the stamp did not change (a same-size edit within one timestamp tick): only the digest can tell.
    stamp = store._stat_text(path)
    path.write_text(text.replace("Aaland", "Ccland"), encoding="utf-8")
    real = store._stat_text
    monkeypatch.setattr(store, "_stat_text", lambda p: stamp if Path(p) == path else real(p))
    assert Catalog.load(data_copy, TODAY).resolve("zz-aa").name == "Ccland"


def test_verdicts_follow_the_date(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = data_copy / "zz-aa.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('reviewed: "2026-01-15"', 'reviewed: "2026-03-01"'))
    assert "zz-aa" not in Catalog.load(data_copy, TODAY).places  # reviewed in the future: an error
    checked = count_checks(monkeypatch)
    assert "zz-aa" not in Catalog.load(data_copy, datetime.date(2026, 2, 20)).places
    assert checked == []  # no date in the data lies between the two days: the verdicts stand
    assert "zz-aa" in Catalog.load(data_copy, datetime.date(2026, 3, 1)).places
    assert checked == ["zz-aa.yaml"]


def damage_cut(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def damage_byte(path: Path) -> None:
    blob = bytearray(path.read_bytes())
    at = blob.index(b"Aaland licenses")
    blob[at] = ord("B")
    path.write_bytes(bytes(blob))


def damage_reorder(path: Path) -> None:
    blob = path.read_bytes()
    page = 4096
    pages = [blob[i : i + page] for i in range(0, len(blob), page)]
    pages[1], pages[-1] = pages[-1], pages[1]
    path.write_bytes(b"".join(pages))


def damage_wrong_document(path: Path) -> None:
    """A cache that is well-formed but holds Beeland's document where Aaland's should be."""
    with sqlite3.connect(path) as conn:
        (other,) = conn.execute("SELECT document FROM files WHERE name = 'zz-bb.yaml'").fetchone()
        conn.execute("UPDATE files SET document = ? WHERE name = 'zz-aa.yaml'", (other,))


def damage_foreign(path: Path) -> None:
    path.write_text("not a database at all\n", encoding="utf-8")


@pytest.mark.parametrize("damage", [damage_cut, damage_byte, damage_reorder, damage_wrong_document, damage_foreign])
def test_damaged_cache_is_rebuilt_never_trusted(data_copy: Path, isolated_cache: Path, damage) -> None:  # type: ignore[no-untyped-def]
    clean = answers(Catalog.load(data_copy, TODAY))
    damage(database(isolated_cache))
    assert answers(Catalog.load(data_copy, TODAY)) == clean
    assert Catalog.load(data_copy, TODAY).resolve("aaland").summary.startswith("Aaland licenses")


def test_wrong_document_is_refused_even_when_resealed(data_copy: Path, isolated_cache: Path) -> None:
    Catalog.load(data_copy, TODAY)
    path = database(isolated_cache)
    damage_wrong_document(path)
    reseal = store.Store(data_copy.resolve(), TODAY, path)
    reseal._seal()  # as if we had written it ourselves: the checksum and the id check still catch it
    reseal.close()
    assert Catalog.load(data_copy, TODAY).resolve("aaland").name == "Aaland"


def test_unwritable_cache_directory_still_answers(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("PSYLEGAL_CACHE_DIR", str(blocker / "cache"))  # a directory under a file: cannot exist
    assert Catalog.load(data_copy, TODAY).resolve("zed").id == "zz"


def test_cache_can_be_turned_off(data_copy: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PSYLEGAL_NO_CACHE", "1")
    Catalog.load(data_copy, TODAY)
    assert list(isolated_cache.iterdir()) == []


def test_default_location_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PSYLEGAL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert store._cache_dir() == tmp_path / "psylegal"


def test_no_home_directory_means_no_cache(monkeypatch: pytest.MonkeyPatch, data_copy: Path) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("PSYLEGAL_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert store._cache_dir() is None
    assert Catalog.load(data_copy, TODAY).resolve("zed").id == "zz"


# Twenty processes start a first lookup together; each logs the files it checks.
_SPY = """
import sys
from psylegal.data import validation
real, log_path = validation.check_file, sys.argv[1]
def spy(data_dir, name, therapy_ids, today):
    with open(log_path, "a") as log:
        log.write(name + "\\n")
    return real(data_dir, name, therapy_ids, today)
validation.check_file = spy
sys.argv = ["psylegal", "where", "aaland", "--data-dir", sys.argv[2]]
from psylegal.cli import main
main()
"""


def test_concurrent_first_lookups_check_each_file_once(data_copy: Path, tmp_path: Path, isolated_cache: Path) -> None:
    log = tmp_path / "checked.log"
    env = {**os.environ, "PSYLEGAL_CACHE_DIR": str(isolated_cache)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _SPY, str(log), str(data_copy)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for _ in range(20)
    ]
    results = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), [err for _, err in results]
    assert all(b"Aaland" in out and err == b"" for out, err in results)
    checked = log.read_text(encoding="utf-8").splitlines()
    assert sorted(checked) == sorted(p.name for p in data_copy.iterdir())
