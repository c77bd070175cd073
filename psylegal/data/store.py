"""A per-user cache of the checked data, so that a lookup parses a small header and the few
documents it shows instead of ~100 YAML files.

The cache is keyed by the data directory's path, every data file's name, size and modification
time, the psylegal version and the cache format; any change to any of them makes it miss, and the
data is read and checked again. It lives in `$PSYLEGAL_CACHE_DIR`, else `$XDG_CACHE_HOME/psylegal`,
else `~/.cache/psylegal`; `PSYLEGAL_NO_CACHE=1` turns it off. A cache that cannot be read or written
is ignored: it only ever costs speed, never an answer.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from psylegal import __version__

# Bump when the shape of the cached content changes, so that old caches simply miss.
CACHE_FORMAT = "4"


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


def fingerprint(data_dir: Path) -> str:
    """Everything that, changed, must invalidate the cache; compared whole, so no hash can collide."""
    entries = [__version__, CACHE_FORMAT, str(data_dir)]
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
    return base / f"catalog-{zlib.crc32(str(data_dir).encode()):08x}.cache"


class CachedDocuments(Mapping[str, dict[str, Any]]):
    """The documents section of a cache file, decoded one document at a time, on access."""

    def __init__(self, blob: bytes, start: int, offsets: dict[str, list[int]]) -> None:
        self._blob = blob
        self._start = start
        self._offsets = offsets

    def __getitem__(self, ident: str) -> dict[str, Any]:
        offset, length = self._offsets[ident]
        begin = self._start + offset
        document: dict[str, Any] = json.loads(self._blob[begin : begin + length])
        return document

    def __iter__(self) -> Iterator[str]:
        return iter(self._offsets)

    def __len__(self) -> int:
        return len(self._offsets)


def read(data_dir: Path, key: str) -> tuple[dict[str, Any], Mapping[str, dict[str, Any]]] | None:
    """The cached content and documents for this data directory, or None when absent or stale.

    The file is one JSON header line (the key, the content and each document's byte range) and then
    the documents, so a lookup parses the small header and only the documents it shows.
    """
    path = _cache_file(data_dir)
    if path is None:
        return None
    try:
        blob = path.read_bytes()
        end = blob.index(b"\n")
        header = json.loads(blob[:end])
        if header.get("key") != key:
            return None
        content, offsets = header["content"], header["documents"]
        if not isinstance(content, dict) or not isinstance(offsets, dict):
            return None
    except (OSError, ValueError, KeyError, AttributeError):
        return None
    return content, CachedDocuments(blob, end + 1, offsets)


def write(data_dir: Path, key: str, content: dict[str, Any], documents: Mapping[str, dict[str, Any]]) -> None:
    path = _cache_file(data_dir)
    if path is None:
        return
    import tempfile  # only when writing, which is rare

    body = bytearray()
    offsets: dict[str, list[int]] = {}
    for ident, document in documents.items():
        encoded = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        offsets[ident] = [len(body), len(encoded)]
        body += encoded + b"\n"
    header = json.dumps({"key": key, "content": content, "documents": offsets}, separators=(",", ":"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the target and rename, so a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".catalog-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(header.encode("utf-8") + b"\n" + bytes(body))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return
