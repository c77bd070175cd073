"""The per-file cache and the name index: one SQLite database per data directory.

Each data file has one row: its stamp (size, mtime, ctime, inode), a content digest, the range of
days over which its verdict holds, its own problems, a summary for the cross-file rules, the names
it claims and, when it has no errors, its data as JSON. Editing one file re-reads that file alone;
the cross-file rules then run again over the stored summaries, and only the index rows of files
whose content or validity changed (and of their children, whose names include the parent's) are
rewritten. A lookup reads the few rows it shows through the indexed `names` and `places` tables.

Why SQLite (measured; see BENCHMARKS.md): it is in the standard library, reads one row through an
index without decoding the rest, and gives atomic transactions; its import costs ~6 ms, which is
less than decoding a whole-directory JSON index at 10,000 places.

What a warm lookup checks, and why that is enough: the database's own stamp against a seal file we
write after every change (so a cache cut short, edited or reordered by anything but us is rebuilt,
never read), the format and psylegal version, the data directory's stamp (a file added, removed or
renamed, including editors' save-by-rename, changes it), the therapy catalog's stamp, today's date
against the stored range, and then the stamp of every file it shows. A file edited in place that
the lookup does not show is picked up by the first command that shows or lists it, and by
`validate`. Documents carry a checksum and are checked against the id they were asked for.

Writers take an exclusive lock, and re-check after taking it, so that twenty lookups started
together after an edit do the work once. A cache that cannot be opened, read or written is
replaced by one in memory: it only ever costs speed, never an answer. The database lives in
`$PSYLEGAL_CACHE_DIR`, else `$XDG_CACHE_HOME/psylegal`, else `~/.cache/psylegal`;
`PSYLEGAL_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import datetime
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from psylegal import __version__
from psylegal.data.locate import data_file_names
from psylegal.data.problems import Problem, Severity
from psylegal.law.model import CATALOG_FILE, LOCAL_KINDS, Kind
from psylegal.law.names import normalise

# Bump when the tables or what they hold change, so that old caches are rebuilt. 5: verdicts judged
# by the rule `non-finite`; a file cached as clean with a .nan in it would otherwise stay clean.
CACHE_FORMAT = "5"
# A file stamped this close to when it was read may change again within the same timestamp tick
# without its stamp changing ("racy"): its content digest is compared until it is re-read.
RACY_NS = 2_000_000_000

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    name TEXT PRIMARY KEY, stamp TEXT, digest TEXT, racy INTEGER NOT NULL,
    low INTEGER NOT NULL, high INTEGER NOT NULL, context TEXT NOT NULL, errors INTEGER NOT NULL,
    problems TEXT NOT NULL, summary TEXT, names TEXT NOT NULL, document TEXT, checksum INTEGER NOT NULL
);
CREATE TABLE places (id TEXT PRIMARY KEY, file TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT);
CREATE INDEX places_parent ON places (parent);
CREATE INDEX places_file ON places (file);
CREATE TABLE names (key TEXT NOT NULL, id TEXT NOT NULL);
CREATE INDEX names_key ON names (key);
CREATE INDEX names_id ON names (id);
CREATE TABLE broken (file TEXT PRIMARY KEY, first TEXT NOT NULL);
CREATE TABLE broken_names (key TEXT NOT NULL, file TEXT NOT NULL);
CREATE INDEX broken_names_key ON broken_names (key);
"""


class CacheDamaged(Exception):
    """The database is not what we wrote; the caller rebuilds it."""


def _cache_dir() -> Path | None:
    if os.environ.get("PSYLEGAL_NO_CACHE"):
        return None
    if explicit := os.environ.get("PSYLEGAL_CACHE_DIR"):
        return Path(explicit)
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg) / "psylegal"
    try:
        return Path.home() / ".cache" / "psylegal"
    except RuntimeError:  # no HOME and no password entry: run without a cache
        return None


def cache_file(data_dir: Path) -> Path | None:
    base = _cache_dir()
    if base is None:
        return None
    # One database per data directory; the full path is stored inside, so a clash only rebuilds.
    return base / f"catalog-{zlib.crc32(str(data_dir).encode()):08x}.sqlite"


def _stamp_text(stamp: Any) -> str | None:
    """A FileStamp as stored; the same text as `_stat_text` gives for the file it was taken from."""
    return None if stamp is None else f"{stamp.size}:{stamp.mtime_ns}:{stamp.ctime_ns}:{stamp.inode}"


def _stat_text(path: Path) -> str | None:
    try:
        result = os.stat(path)
    except OSError:
        return None
    return f"{result.st_size}:{result.st_mtime_ns}:{result.st_ctime_ns}:{result.st_ino}"


# The modules whose code decides a file's verdict and built data. Their stamps are part of the cache's
# identity, so that editing a rule in a development checkout (same version number) re-checks the
# data instead of serving verdicts the new code would not give.
_VERDICT_MODULES = ("loader", "shape", "checks", "validation", "build")
_PACKAGE_DIR = Path(__file__).resolve().parent


def _code_stamp() -> str:
    law = _PACKAGE_DIR.parent / "law"
    paths = [_PACKAGE_DIR / f"{name}.py" for name in _VERDICT_MODULES] + [law / "model.py", law / "access.py"]
    return ";".join(_stat_text(path) or "-" for path in paths)


def _checksum(name: str, document: str | None) -> int:
    return zlib.crc32(f"{name}\0{document}".encode())


class Store:
    """One data directory's cache, open for lookups; refreshed when the data changed."""

    def __init__(self, data_dir: Path, today: datetime.date, path: Path | None) -> None:
        self.data_dir = data_dir
        self.today = today
        self.path = path
        # Whether the database is ours, judged before and after connecting so that a file replaced
        # in between is not trusted on the strength of another file's seal.
        trusted = self._sealed()
        self.conn = self._connect()
        self.trusted = trusted and self._sealed()

    # -- opening, sealing, locking --------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                # SQLite's default rollback journal is what we want; no pragma is run here, because
                # one run while another process writes can fail at once ("database is locked"), and
                # this process would then check every file again in memory.
                return sqlite3.connect(self.path, timeout=60, isolation_level=None)
            except (OSError, sqlite3.Error):
                self.path = None
        return sqlite3.connect(":memory:", isolation_level=None)

    def _seal_path(self) -> Path | None:
        return None if self.path is None else self.path.with_name(self.path.name + ".seal")

    def _sealed(self) -> bool:
        """The database is the one we last wrote (on disk), or in memory."""
        seal = self._seal_path()
        if seal is None or self.path is None:
            return True
        try:
            return seal.read_text(encoding="ascii") == f"{CACHE_FORMAT}:{_stat_text(self.path)}"
        except (OSError, ValueError):
            return False

    def _seal(self) -> None:
        seal = self._seal_path()
        if seal is None or self.path is None:
            return
        temporary = seal.with_name(f"{seal.name}.{os.getpid()}.tmp")
        try:
            temporary.write_text(f"{CACHE_FORMAT}:{_stat_text(self.path)}", encoding="ascii")
            os.replace(temporary, seal)
        except OSError:
            with suppress(OSError):
                temporary.unlink()

    @contextmanager
    def _lock(self) -> Iterator[None]:
        """An exclusive lock beside the database, so that only one process rebuilds at a time."""
        if self.path is None:
            yield
            return
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: SQLite's own locking is all there is
            yield
            return
        try:
            handle = os.open(self.path.with_name(self.path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            yield
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        finally:
            os.close(handle)

    def _meta(self) -> dict[str, str]:
        try:
            return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error:
            return {}

    def _expected_meta(self) -> dict[str, str]:
        return {
            "format": CACHE_FORMAT,
            "version": __version__,
            "code": _code_stamp(),
            "data_dir": str(self.data_dir),
            "dir": _stat_text(self.data_dir) or "",
            "catalog": _stat_text(self.data_dir / CATALOG_FILE) or "",
        }

    def _fresh(self) -> bool:
        meta = self._meta()
        if any(meta.get(key) != value for key, value in self._expected_meta().items()):
            return False
        try:
            low, high = int(meta["low"]), int(meta["high"])
        except (KeyError, ValueError):
            return False
        return low <= self.today.toordinal() < high

    def open(self, *, every_file: bool = False) -> None:
        """Make the cache answer for the data as it is now, rebuilding what changed.

        Without `every_file`, files edited in place are checked only when shown (see above).
        """

        def current() -> bool:
            return self._fresh() and (not every_file or self.everything_unchanged())

        if not (self.trusted and current()):
            self.refresh(current)

    def refresh(self, current: Callable[[], bool] = lambda: False) -> None:
        """Re-check what changed, under the lock; start from an empty database when it is damaged.

        `current` says whether the cache is now up to date: another process may have done the
        work while we waited for the lock.
        """
        with self._lock():
            # Writers hold the lock, so what we see now stays put; reconnect to see the file as it is.
            self.conn.close()
            self.conn = self._connect()
            if not self._sealed():
                self._discard()
            elif current():
                return
            try:
                self._update()
            except sqlite3.DatabaseError:
                self._discard()
                self._update()
            self._seal()
            self.trusted = True

    def _discard(self) -> None:
        """Throw the database away (it is damaged, foreign or half-written) and start empty."""
        self.conn.close()
        if self.path is not None:
            for suffix in ("", "-journal", ".seal"):
                with suppress(OSError):
                    os.unlink(f"{self.path}{suffix}")
        self.conn = self._connect()

    def _ensure_schema(self) -> None:
        meta = self._meta()
        if (
            meta.get("format") == CACHE_FORMAT
            and meta.get("version") == __version__
            and meta.get("code") == _code_stamp()
        ):
            return
        tables = [row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            self.conn.execute(f'DROP TABLE IF EXISTS "{table}"')
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                self.conn.execute(statement)  # one by one: executescript would commit the transaction

    # -- the incremental update -------------------------------------------------------------------
    def _update(self) -> None:
        from psylegal.data import validation

        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._ensure_schema()
            meta = self._expected_meta()  # stamped before listing: a change while we work shows next time
            names = data_file_names(self.data_dir)
            if CATALOG_FILE not in names:
                names.append(CATALOG_FILE)
            old = {
                row[0]: row[1:]
                for row in conn.execute("SELECT name, stamp, digest, racy, low, high, context FROM files")
            }
            catalog = None
            if self._stale(CATALOG_FILE, old, ""):
                catalog = validation.check_file(self.data_dir, CATALOG_FILE, [], self.today)
                self._store(catalog, "")
            therapy_ids = validation.catalog_ids(catalog) if catalog is not None else self._stored_catalog_ids()
            context = validation.therapy_context(therapy_ids, self.data_dir)
            changed = {CATALOG_FILE} if catalog is not None else set()
            stale = [n for n in names if n != CATALOG_FILE and self._stale(n, old, context)]
            for verdict in validation.check_files(self.data_dir, stale, therapy_ids, self.today):
                self._store(verdict, context)
                changed.add(verdict.name)
            gone = set(old) - set(names)
            for name in gone:
                conn.execute("DELETE FROM files WHERE name = ?", (name,))
            self._reindex(changed | gone)
            low, high = conn.execute("SELECT max(low), min(high) FROM files").fetchone()
            meta.update(low=str(low), high=str(high))
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
            conn.execute("COMMIT")
        except BaseException:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    def _stored_catalog_ids(self) -> list[str]:
        from psylegal.data import validation

        return validation.catalog_ids(validation.Verdict(CATALOG_FILE, data=self.therapies_data()))

    def _stale(self, name: str, old: dict[str, tuple[Any, ...]], context: str) -> bool:
        """Whether a file's stored verdict no longer holds (or there is none)."""
        stamp = _stat_text(self.data_dir / name)
        now = self.today.toordinal()
        row = old.get(name)
        if row is not None:
            stored_stamp, stored_digest, racy, low, high, stored_context = row
            if (
                stamp is not None
                and stamp == stored_stamp
                and low <= now < high
                and stored_context == context
                and not (racy and self._digest(name) != stored_digest)
            ):
                return False
        return True

    def _store(self, verdict: Any, context: str) -> None:
        name = verdict.name
        verdict.context = context
        document = None if verdict.data is None else json.dumps(verdict.data, ensure_ascii=False, default=str)
        stamp_ns = max(verdict.stamp.mtime_ns, verdict.stamp.ctime_ns) if verdict.stamp else 0
        summary = verdict.summary
        self.conn.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                name,
                _stamp_text(verdict.stamp),
                verdict.digest,
                int(time.time_ns() - stamp_ns < RACY_NS),
                verdict.window[0],
                verdict.window[1],
                context,
                int(verdict.has_errors),
                json.dumps([_problem_row(p) for p in verdict.problems]),
                None if summary is None else json.dumps([summary.id, summary.parent, summary.aliases, summary.marks]),
                json.dumps(verdict.names),
                document,
                _checksum(name, document),
            ),
        )

    def _digest(self, name: str) -> str | None:
        from psylegal.data import validation
        from psylegal.data.loader import read_data_file

        outcome = read_data_file(self.data_dir / name, self.data_dir)
        return None if isinstance(outcome, str) else validation.digest(outcome[0])

    def _reindex(self, changed: set[str]) -> None:
        """Run the cross-file rules again and rewrite the index rows whose inputs changed."""
        from psylegal.data.checks import Summary, check_across

        conn = self.conn
        summaries = sorted(
            (
                Summary(name, ident, parent, tuple(aliases), {k: (v[0], v[1]) for k, v in marks.items()})
                for name, text in conn.execute("SELECT name, summary FROM files WHERE summary IS NOT NULL")
                for ident, parent, aliases, marks in [json.loads(text)]
            ),
            key=lambda summary: summary_order(summary.file),
        )
        across: dict[str, list[Problem]] = {}
        for problem in check_across(summaries):
            across.setdefault(problem.file, []).append(problem)
        conn.execute("DELETE FROM meta WHERE key = 'across'")
        conn.execute(
            "INSERT INTO meta VALUES ('across', ?)",
            (json.dumps({f: [_problem_row(p) for p in ps] for f, ps in across.items()}),),
        )
        valid = {
            name
            for (name,) in conn.execute(
                "SELECT name FROM files WHERE errors = 0 AND document IS NOT NULL AND name != ?", (CATALOG_FILE,)
            )
            if name not in across
        }
        indexed = {file for (file,) in conn.execute("SELECT DISTINCT file FROM places")}
        redo = (changed | (valid ^ indexed)) - {CATALOG_FILE}
        # A city's names include its parent's ("Cambridge, MA"), so a changed parent re-indexes its children.
        documents = self._documents_of(redo & valid)
        ids = [i for (i,) in conn.execute(_in("SELECT id FROM places WHERE file IN"), (json.dumps(sorted(redo)),))]
        ids += [raw["id"] for raw in documents.values()]
        children = {f for (f,) in conn.execute(_in("SELECT file FROM places WHERE parent IN"), (json.dumps(ids),))}
        documents.update(self._documents_of((children - redo) & valid))
        redo |= children
        for file in sorted(redo):
            doomed = [i for (i,) in conn.execute("SELECT id FROM places WHERE file = ?", (file,))]
            conn.executemany("DELETE FROM names WHERE id = ?", [(i,) for i in doomed])
            conn.execute("DELETE FROM places WHERE file = ?", (file,))
        conn.executemany(
            "INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?)",
            [(raw["id"], file, raw["name"], raw["kind"], raw.get("parent")) for file, raw in documents.items()],
        )
        rows: list[tuple[str, str]] = []
        for raw in documents.values():
            parent = conn.execute("SELECT id, name FROM places WHERE id = ?", (raw.get("parent"),)).fetchone()
            rows += [(key, raw["id"]) for key in place_names(raw, parent)]
        conn.executemany("INSERT INTO names VALUES (?, ?)", rows)
        self._rebuild_broken(across, valid)

    def _rebuild_broken(self, across: dict[str, list[Problem]], valid: set[str]) -> None:
        conn = self.conn
        conn.execute("DELETE FROM broken")
        conn.execute("DELETE FROM broken_names")
        for name, problems, names in conn.execute(
            "SELECT name, problems, names FROM files WHERE errors = 1 OR name IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(across)),),
        ).fetchall():
            if name in valid:
                continue
            found = [_problem(name, row) for row in json.loads(problems)] + across.get(name, [])
            first = min(p for p in found if p.severity is Severity.ERROR)
            conn.execute("INSERT INTO broken VALUES (?, ?)", (name, json.dumps(_problem_row(first))))
            conn.executemany("INSERT INTO broken_names VALUES (?, ?)", [(key, name) for key in json.loads(names)])

    def _documents_of(self, files: set[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for name, text, check in self.conn.execute(
            _in("SELECT name, document, checksum FROM files WHERE name IN"), (json.dumps(sorted(files)),)
        ):
            if text is not None:
                found[name] = self._decode(name, text, check)
        return found

    def _decode(self, name: str, text: str, check: int) -> dict[str, Any]:
        if _checksum(name, text) != check:
            raise CacheDamaged(name)
        try:
            document = json.loads(text)
        except ValueError:
            raise CacheDamaged(name) from None
        if not isinstance(document, dict):
            raise CacheDamaged(name)
        return document

    # -- reading --------------------------------------------------------------------------------
    def place(self, ident: str) -> tuple[str, str, str, str | None] | None:
        """(file, name, kind, parent) of a valid place."""
        row = self.conn.execute("SELECT file, name, kind, parent FROM places WHERE id = ?", (ident,)).fetchone()
        return None if row is None else (row[0], row[1], row[2], row[3])

    def place_ids(self) -> list[str]:
        return [i for (i,) in self.conn.execute("SELECT id FROM places ORDER BY id")]

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM places").fetchone()[0])

    def document(self, ident: str) -> dict[str, Any]:
        """The data of one valid place, checked against its checksum and its id."""
        row = self.conn.execute(
            "SELECT f.name, f.document, f.checksum FROM places p JOIN files f ON f.name = p.file WHERE p.id = ?",
            (ident,),
        ).fetchone()
        if row is None or row[1] is None:
            raise CacheDamaged(ident)
        document = self._decode(row[0], row[1], row[2])
        if document.get("id") != ident:
            raise CacheDamaged(ident)
        return document

    def documents(self) -> dict[str, dict[str, Any]]:
        """Every valid place's data, by id, in one pass."""
        found: dict[str, dict[str, Any]] = {}
        for ident, name, text, check in self.conn.execute(
            "SELECT p.id, f.name, f.document, f.checksum FROM places p JOIN files f ON f.name = p.file"
        ):
            document = self._decode(name, text, check)
            if document.get("id") != ident:
                raise CacheDamaged(ident)
            found[ident] = document
        return found

    def unchanged(self, idents: list[str]) -> bool:
        """Whether the files of these places are as they were checked (their stamps, and digests when racy)."""
        rows = self.conn.execute(
            _in("SELECT f.name, f.stamp, f.racy, f.digest FROM places p JOIN files f ON f.name = p.file WHERE p.id IN"),
            (json.dumps(idents),),
        ).fetchall()
        for name, stamp, racy, stored_digest in rows:
            if _stat_text(self.data_dir / name) != stamp or (racy and self._digest(name) != stored_digest):
                return False
        return True

    def everything_unchanged(self) -> bool:
        """Whether no data file changed since the last update (stats every file)."""
        names = set(data_file_names(self.data_dir)) | {CATALOG_FILE}
        stored = dict(self.conn.execute("SELECT name, stamp FROM files").fetchall())
        if set(stored) != names:
            return False
        racy = {n: d for n, d in self.conn.execute("SELECT name, digest FROM files WHERE racy = 1")}
        return all(_stat_text(self.data_dir / n) == stored[n] for n in names) and all(
            self._digest(n) == d for n, d in racy.items()
        )

    def lookup(self, key: str) -> list[str]:
        return sorted({i for (i,) in self.conn.execute("SELECT id FROM names WHERE key = ?", (key,))})

    def keys(self) -> list[str]:
        return [k for (k,) in self.conn.execute("SELECT DISTINCT key FROM names")]

    def names_of(self, ident: str) -> set[str]:
        return {k for (k,) in self.conn.execute("SELECT key FROM names WHERE id = ?", (ident,))}

    def broken(self) -> list[Problem]:
        """The first error of every file left out of the answers, in file order."""
        return [
            _problem(f, json.loads(first))
            for f, first in self.conn.execute("SELECT file, first FROM broken ORDER BY file")
        ]

    def broken_claiming(self, key: str) -> list[Problem]:
        """The first error of each broken file that claims this normalised name."""
        return [
            _problem(f, json.loads(first))
            for f, first in self.conn.execute(
                "SELECT b.file, b.first FROM broken_names n JOIN broken b ON b.file = n.file"
                " WHERE n.key = ? ORDER BY b.file",
                (key,),
            )
        ]

    def therapies_data(self) -> Any:
        row = self.conn.execute("SELECT document, checksum FROM files WHERE name = ?", (CATALOG_FILE,)).fetchone()
        if row is None or row[0] is None:
            return None
        return self._decode(CATALOG_FILE, row[0], row[1])

    def all_problems(self) -> tuple[list[str], list[Problem]]:
        """Every file's name and every problem (its own and cross-file), files named inside the directory."""
        names: list[str] = []
        problems: list[Problem] = []
        for name, rows in self.conn.execute("SELECT name, problems FROM files ORDER BY name"):
            names.append(name)
            problems += [_problem(name, row) for row in json.loads(rows)]
        across = json.loads(self._meta().get("across", "{}"))
        problems += [_problem(name, row) for name, rows in across.items() for row in rows]
        return names, problems

    def close(self) -> None:
        self.conn.close()


def summary_order(name: str) -> str:
    """Cross-file rules judge files in the order of their ids ("zz" before "zz-cc")."""
    return name.rsplit(".", 1)[0]


def place_names(raw: dict[str, Any], parent: tuple[str, str] | None) -> set[str]:
    """Normalised names of one place: its id, name, aliases and ISO code; cities and counties are
    also named with their state ("Cambridge, MA", "Santa Cruz California")."""
    names = [raw["id"], raw["name"], *(raw.get("aliases") or ())]
    if raw.get("iso"):
        names.append(raw["iso"])
    if parent is not None and Kind(raw["kind"]) in LOCAL_KINDS:
        own = [raw["name"], *(raw.get("aliases") or ())]
        for parent_name in (parent[1], parent[0].rsplit("-", 1)[-1]):
            names += [f"{name} {parent_name}" for name in own]
    return {key for key in (normalise(name) for name in names) if key}


def _in(sql: str) -> str:
    """`sql` followed by a subquery over one JSON-list parameter (no limit on how many values)."""
    return f"{sql} (SELECT value FROM json_each(?))"


def _problem_row(problem: Problem) -> list[Any]:
    return [problem.line, problem.column, problem.path, problem.message, problem.rule, problem.severity.value]


def _problem(file: str, row: list[Any]) -> Problem:
    line, column, path, message, rule, severity = row
    return Problem(file, int(line), int(column), str(path), str(message), str(rule), Severity(severity))


def load(data_dir: Path, today: datetime.date, *, in_memory: bool = False, every_file: bool = False) -> Store:
    """The cache for a (resolved) data directory, up to date; in memory when the disk one fails."""
    store = Store(data_dir, today, None if in_memory else cache_file(data_dir))
    try:
        store.open(every_file=every_file)
    except (sqlite3.Error, CacheDamaged, OSError):
        store.close()
        store = Store(data_dir, today, None)
        store.open()
    return store


@contextmanager
def open_store(data_dir: Path, today: datetime.date) -> Iterator[Store]:
    """The cache with every file checked against its stamp, for validation."""
    store = load(data_dir, today, every_file=True)
    try:
        yield store
    finally:
        store.close()
