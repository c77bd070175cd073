"""A per-user cache of the checked data, so that a lookup reads one JSON file instead of ~100 YAML files.

The cache is keyed by the data directory's path and every data file's name, size and modification
time, plus the psylegal version; any change to any of them makes it miss, and the data is read and
checked again. It lives in `$PSYLEGAL_CACHE_DIR`, else `$XDG_CACHE_HOME/psylegal`, else
`~/.cache/psylegal`; `PSYLEGAL_NO_CACHE=1` turns it off. A cache that cannot be read or written is
ignored: it only ever costs speed, never an answer.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

from psylegal import __version__


def _cache_dir() -> Path | None:
    if os.environ.get("PSYLEGAL_NO_CACHE"):
        return None
    if explicit := os.environ.get("PSYLEGAL_CACHE_DIR"):
        return Path(explicit)
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg) / "psylegal"
    return Path.home() / ".cache" / "psylegal"


def fingerprint(data_dir: Path) -> str:
    """Everything that, changed, must invalidate the cache; compared whole, so no hash can collide."""
    entries = [__version__, str(data_dir)]
    with os.scandir(data_dir) as scan:
        for entry in sorted(scan, key=lambda e: e.name):
            if entry.name.endswith(".yaml") and entry.is_file():
                stat = entry.stat()
                entries.append(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(entries)


def _cache_file(data_dir: Path) -> Path | None:
    base = _cache_dir()
    if base is None:
        return None
    # One file per data directory; the full path is inside the fingerprint, so a clash only misses.
    return base / f"catalog-{zlib.crc32(str(data_dir).encode()):08x}.json"


def read(data_dir: Path, key: str) -> dict[str, Any] | None:
    path = _cache_file(data_dir)
    if path is None:
        return None
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("key") != key:
        return None
    content = payload.get("content")
    return content if isinstance(content, dict) else None


def write(data_dir: Path, key: str, content: dict[str, Any]) -> None:
    path = _cache_file(data_dir)
    if path is None:
        return
    import tempfile  # only when writing, which is rare

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the target and rename, so a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".catalog-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"key": key, "content": content}, stream, separators=(",", ":"))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return
