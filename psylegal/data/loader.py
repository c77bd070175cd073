"""The only place YAML is parsed, and the only place data files are opened.

A data file is opened only when it is a regular file whose real path lies inside the data
directory (a symbolic link leading out, a loop, a FIFO or a directory named `x.yaml` is a problem,
never read), and only up to a size no real data file approaches. Its text is parsed from the
event stream of PyYAML's safe, C-accelerated parser (pure Python where LibYAML is missing) by a
loop with its own stack, not by recursion, so that nesting is bounded by a limit we set rather than
by Python's stack. On the way we keep the line and column of every key and value, and reject what
PyYAML would silently accept: duplicate keys (it keeps the last), aliases (which can expand
exponentially) and tags other than the plain ones.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from psylegal.data.problems import Problem

try:  # LibYAML is several times faster; fall back quietly where it was not compiled in.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

KeyPath = tuple[str | int, ...]

# The shipped files are under 30 kB and nest 6 levels deep; these bounds only stop hostile files.
MAX_FILE_BYTES = 1 << 20
MAX_DEPTH = 32

_PLAIN_TAGS = {
    yaml.MappingStartEvent: "tag:yaml.org,2002:map",
    yaml.SequenceStartEvent: "tag:yaml.org,2002:seq",
}
_STR_TAG = "tag:yaml.org,2002:str"
_STARTS = frozenset({yaml.MappingStartEvent, yaml.SequenceStartEvent})
_ENDS = frozenset({yaml.MappingEndEvent, yaml.SequenceEndEvent})
# The tag PyYAML's resolver gives each short plain scalar text seen so far (it depends on the text only).
_PLAIN_SCALAR_TAGS: dict[str, str] = {}


@dataclass
class Document:
    """One parsed YAML file: its data and where each key path sits in the file."""

    path: Path
    data: Any
    value_marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    alias_paths: set[KeyPath] = field(default_factory=set)

    def mark(self, key_path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of a key path, or of its nearest located ancestor."""
        marks = self.key_marks if key else self.value_marks
        probe = key_path
        while probe:
            if probe in marks:
                return marks[probe]
            if probe in self.value_marks:
                return self.value_marks[probe]
            probe = probe[:-1]
        return self.value_marks.get((), (1, 1))


def format_path(key_path: KeyPath) -> str:
    """`therapies.psilocybin.routes[0].route`."""
    text = ""
    for part in key_path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def with_article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def type_name(value: Any) -> str:
    """Name a YAML-derived value's type the way a data editor thinks of it."""
    import datetime

    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "date"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


# -- YAML ------------------------------------------------------------------------------------
class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


_NO_KEY: Any = object()  # a mapping waiting for its next key
_SKIP: Any = object()  # a mapping whose next value is dropped (after a refused or duplicate key)


@dataclass
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: KeyPath
    key: Any = _NO_KEY
    first_line: dict[str, int] = field(default_factory=dict)


class _Builder:
    """Builds Python values from YAML events with an explicit stack, recording marks and problems."""

    def __init__(self, document: Document, display: str) -> None:
        self.document = document
        self.display = display
        self.problems: list[Problem] = []
        self._constructor = yaml.constructor.SafeConstructor()
        self.resolver: Any = yaml.resolver.Resolver()

    def problem(self, mark: yaml.Mark, key_path: KeyPath, message: str, rule: str) -> None:
        self.problems.append(
            Problem(self.display, mark.line + 1, mark.column + 1, format_path(key_path), message, rule)
        )

    def build(self, loader: Any) -> Any:
        """The value of the node whose first event is next in the stream."""
        # The hot loop of `validate` (about half its time per file went to building values): event
        # kinds are told apart by exact type (the parser makes no subclasses), and the common cases,
        # a key and a plain value, are handled inline rather than through method calls.
        root = self._root = _Frame([], ())  # holds the top-level value
        stack = [root]
        skipping = 0  # depth inside a subtree whose events are read and dropped
        get_event = loader.get_event
        value_marks = self.document.value_marks
        while True:
            event = get_event()
            kind = type(event)
            starts = kind in _STARTS
            if skipping:
                skipping += 1 if starts else -1 if kind in _ENDS else 0
            elif kind in _ENDS:
                stack.pop()
            else:
                top = stack[-1]
                container = top.container
                if container.__class__ is dict and top.key is _NO_KEY:
                    if self._key(event, top) and starts:
                        skipping = 1
                elif top.key is _SKIP:
                    top.key = _NO_KEY
                    skipping = 1 if starts else 0
                elif kind is yaml.ScalarEvent and top is not root:
                    # A value in a mapping or a list: the commonest event of all.
                    if container.__class__ is list:
                        key_path = (*top.path, len(container))
                        mark = event.start_mark
                        value_marks[key_path] = (mark.line + 1, mark.column + 1)
                        container.append(self._scalar(event, key_path))
                    else:
                        key_path = (*top.path, top.key)
                        mark = event.start_mark
                        value_marks[key_path] = (mark.line + 1, mark.column + 1)
                        container[top.key] = self._scalar(event, key_path)
                        top.key = _NO_KEY
                else:
                    skipping = self._node(event, stack)
            if len(stack) == 1 and not skipping and root.container:
                return root.container[0]

    def _node(self, event: Any, stack: list[_Frame]) -> int:
        """Place one node in its parent; return 1 when its subtree is to be skipped."""
        top = stack[-1]
        key_path = self._child_path(top)
        mark = event.start_mark
        self.document.value_marks[key_path] = (mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            self.problem(mark, key_path, "YAML anchors and aliases are not allowed", "yaml-alias")
            self.document.alias_paths.add(key_path)
            self._attach(top, None)
            return 0
        if isinstance(event, yaml.ScalarEvent):
            self._attach(top, self._scalar(event, key_path))
            return 0
        if event.tag is not None and event.tag != _PLAIN_TAGS[type(event)]:
            self.problem(mark, key_path, f"unsupported YAML tag '{event.tag}'", "yaml-syntax")
            self._attach(top, None)
            return 1
        if len(stack) > MAX_DEPTH:
            raise _TooDeep(mark)
        value: dict[Any, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self._attach(top, value)
        stack.append(_Frame(value, key_path))
        return 0

    _root: _Frame

    def _child_path(self, top: _Frame) -> KeyPath:
        if top is self._root:
            return ()
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        return (*top.path, top.key)

    def _attach(self, top: _Frame, value: Any) -> None:
        if isinstance(top.container, list):
            top.container.append(value)
        else:
            top.container[top.key] = value
            top.key = _NO_KEY

    def _key(self, event: Any, top: _Frame) -> bool:
        """Take a mapping key; return True when it was refused (its value will be dropped too)."""
        mark = event.start_mark
        if not isinstance(event, yaml.ScalarEvent):
            self.problem(mark, top.path, "keys must be plain text", "key-type")
            top.key = _SKIP
            return True
        key = self._scalar(event, top.path)
        if not isinstance(key, str):
            # `yes:` or `2024:` as a key: YAML turns them into bool/int; say so rather than drop it.
            read_as = type_name(key)
            key = str(event.value)
            self.problem(
                mark, (*top.path, key), f"key '{key}' is read by YAML as {with_article(read_as)}; quote it", "key-type"
            )
        child_path = (*top.path, key)
        line = mark.line + 1
        if key in top.first_line:
            self.problem(
                mark,
                child_path,
                f"duplicate key '{key}' (first defined on line {top.first_line[key]}); YAML would keep only the last",
                "duplicate-key",
            )
            top.key = _SKIP
            return False
        top.first_line[key] = line
        self.document.key_marks[child_path] = (line, mark.column + 1)
        top.key = key
        return False

    def _scalar(self, event: Any, key_path: KeyPath) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            value = event.value
            if not event.implicit[0]:
                return value  # quoted: always a string, whatever it looks like
            # A plain scalar's tag depends on its text alone; short texts repeat ("available", dates).
            tag = _PLAIN_SCALAR_TAGS.get(value) if len(value) <= 64 else None
            if tag is None:
                tag = self.resolver.resolve(yaml.ScalarNode, value, event.implicit)
                if len(value) <= 64 and len(_PLAIN_SCALAR_TAGS) < 4096:
                    _PLAIN_SCALAR_TAGS[value] = tag
        if tag == _STR_TAG:
            return event.value
        construct = yaml.constructor.SafeConstructor.yaml_constructors.get(tag)
        if construct is None or tag in _PLAIN_TAGS.values():
            self.problem(event.start_mark, key_path, f"unsupported YAML tag '{tag}'", "yaml-syntax")
            return None
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return construct(self._constructor, node)
        except (yaml.YAMLError, ValueError, OverflowError) as error:
            self.problem(event.start_mark, key_path, f"cannot read value: {error}", "yaml-syntax")
            return None


def parse_text(text: str, path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document; return it (or None when unreadable) and the problems found."""
    document = Document(path=path, data=None)
    builder = _Builder(document, display)
    loader = _Loader(text)
    try:
        loader.get_event()  # the stream starts
        if loader.check_event(yaml.StreamEndEvent):
            return None, [Problem(display, 1, 1, "", "file is empty", "empty-file")]
        loader.get_event()  # the document starts
        document.data = builder.build(loader)
        loader.get_event()  # the document ends
        if not loader.check_event(yaml.StreamEndEvent):
            second: Any = loader.peek_event()
            builder.problem(second.start_mark, (), "a data file holds one YAML document", "yaml-syntax")
    except _TooDeep as deep:
        builder.problem(deep.mark, (), f"nested more than {MAX_DEPTH} levels deep", "yaml-depth")
        return None, builder.problems
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = "; ".join(str(part) for part in (error.context, error.problem) if part)
        return None, [
            *builder.problems,
            Problem(display, line, column, "", f"YAML syntax error: {message}", "yaml-syntax"),
        ]
    except yaml.YAMLError as error:
        return None, [*builder.problems, Problem(display, 1, 1, "", f"YAML error: {error}", "yaml-syntax")]
    finally:
        loader.dispose()
    return document, builder.problems


# -- files -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class FileStamp:
    """What identifies a file's content without reading it (inode, size and both timestamps)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int

    @classmethod
    def of(cls, result: os.stat_result) -> FileStamp:
        return cls(result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_ino)


def read_data_file(path: Path, data_dir: Path) -> tuple[bytes, FileStamp] | str:
    """The bytes of one data file and its stamp, or a sentence saying why it was not read.

    `data_dir` must be resolved. The file's real path must lie inside it; it is opened without
    following a final symbolic link and without blocking (a FIFO would otherwise wait forever),
    and is read only if it is a regular file of a plausible size.
    """
    try:
        real = os.path.realpath(path, strict=True)
    except OSError as error:
        if error.errno == 40:  # ELOOP
            return "symbolic link loop; the file cannot be resolved"
        return f"cannot read file: {error.strerror or error}"
    root = str(data_dir)
    if os.path.commonpath([real, root]) != root:
        return "symbolic link to a file outside the data directory; refused, not read"
    try:
        handle = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        return f"cannot read file: {error.strerror or error}"
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            return "is a directory, not a data file"
        if not stat.S_ISREG(info.st_mode):
            return "is not a regular file (a FIFO, socket or device); refused, not read"
        if info.st_size > MAX_FILE_BYTES:
            return f"file is {info.st_size:,} bytes; data files are limited to {MAX_FILE_BYTES:,}"
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(handle, MAX_FILE_BYTES + 1 - total):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_FILE_BYTES:
                return f"file grew past {MAX_FILE_BYTES:,} bytes while being read"
        return b"".join(chunks), FileStamp.of(info)
    except OSError as error:
        return f"cannot read file: {error.strerror or error}"
    finally:
        os.close(handle)


def parse_bytes(raw: bytes, path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Decode and parse one data file's bytes: UTF-8 without a byte-order mark, LF line endings."""
    problems: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(display, 1, 1, "", "file starts with a byte-order mark; save it as UTF-8 without one", "encoding")
        )
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            *problems,
            Problem(display, line, column, "", f"file is not UTF-8 text ({error.reason})", "encoding"),
        ]
    carriage = text.find("\r")
    if carriage >= 0:
        line = text.count("\n", 0, carriage) + 1
        column = carriage - (text.rfind("\n", 0, carriage) + 1) + 1
        problems.append(
            Problem(
                display,
                line,
                column,
                "",
                "line ends with a carriage return (CR LF); data files use LF line endings",
                "new-lines",
            )
        )
        text = text.replace("\r\n", "\n")
    document, found = parse_text(text, path, display)
    return document, problems + found


def parse_file(path: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file by its path (for tests and tools; the pipeline uses read_data_file)."""
    shown = display or str(path)
    outcome = read_data_file(path, path.parent.resolve())
    if isinstance(outcome, str):
        return None, [Problem(shown, 1, 1, "", outcome, "file-read")]
    return parse_bytes(outcome[0], path, shown)


def iter_strings(value: Any) -> Iterator[str]:
    """Every string inside a parsed value, without recursion (values nest at most MAX_DEPTH deep)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            pending += item.values()
        elif isinstance(item, list):
            pending += item
