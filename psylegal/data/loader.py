"""The only place YAML is parsed.

Files are read with PyYAML's safe, C-accelerated composer (pure Python where LibYAML is missing) and
turned into plain Python values by hand, so that we keep the line and column of every key and value
and can reject what PyYAML would silently accept: duplicate keys (PyYAML keeps the last one) and
aliases (which can expand exponentially).
"""

from __future__ import annotations

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

# Collections may carry only their plain tags; scalars with other tags fail in the safe constructor.
_COLLECTION_TAGS: dict[type[yaml.Node], str] = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}


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


class _Converter:
    """Walks a composed node tree into Python values, recording marks and problems."""

    def __init__(self, document: Document, display: str) -> None:
        self.document = document
        self.display = display
        self.problems: list[Problem] = []
        self._constructor = yaml.constructor.SafeConstructor()
        self._seen: set[int] = set()

    def problem(self, mark: yaml.Mark, key_path: KeyPath, message: str, rule: str) -> None:
        self.problems.append(
            Problem(self.display, mark.line + 1, mark.column + 1, format_path(key_path), message, rule)
        )

    def convert(self, node: yaml.Node, key_path: KeyPath) -> Any:
        self.document.value_marks[key_path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in self._seen:
            self.problem(node.start_mark, key_path, "YAML anchors and aliases are not allowed", "yaml-alias")
            self.document.alias_paths.add(key_path)
            return None
        self._seen.add(id(node))
        expected_tag = _COLLECTION_TAGS.get(type(node))
        if expected_tag is not None and node.tag != expected_tag:
            self.problem(node.start_mark, key_path, f"unsupported YAML tag '{node.tag}'", "yaml-syntax")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key_path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(child, (*key_path, i)) for i, child in enumerate(node.value)]
        try:
            return self._constructor.construct_object(node, deep=True)
        except yaml.YAMLError as error:
            self.problem(node.start_mark, key_path, f"cannot read value: {error}", "yaml-syntax")
            return None

    def _mapping(self, node: yaml.MappingNode, key_path: KeyPath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node.start_mark, key_path, "keys must be plain text", "key-type")
                continue
            key = self._constructor.construct_object(key_node)
            if not isinstance(key, str):
                # `yes:` or `2024:` as a key: YAML turns them into bool/int; say so rather than drop it.
                read_as = type_name(key)
                key = str(key_node.value)
                self.problem(
                    key_node.start_mark,
                    (*key_path, key),
                    f"key '{key}' is read by YAML as {with_article(read_as)}; quote it",
                    "key-type",
                )
            child_path = (*key_path, key)
            line = key_node.start_mark.line + 1
            if key in first_line:
                self.problem(
                    key_node.start_mark,
                    child_path,
                    f"duplicate key '{key}' (first defined on line {first_line[key]}); YAML would keep only the last",
                    "duplicate-key",
                )
                continue
            first_line[key] = line
            self.document.key_marks[child_path] = (line, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, child_path)
        return result


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


def parse_text(text: str, path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document; return it (or None when unreadable) and the problems found."""
    document = Document(path=path, data=None)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = "; ".join(str(part) for part in (error.context, error.problem) if part)
        return None, [Problem(display, line, column, "", f"YAML syntax error: {message}", "yaml-syntax")]
    except yaml.YAMLError as error:
        return None, [Problem(display, 1, 1, "", f"YAML error: {error}", "yaml-syntax")]
    if node is None:
        return None, [Problem(display, 1, 1, "", "file is empty", "empty-file")]
    converter = _Converter(document, display)
    document.data = converter.convert(node, ())
    return document, converter.problems


def parse_file(path: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    shown = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown, 1, 1, "", f"cannot read file: {error.strerror}", "file-read")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [Problem(shown, 1, 1, "", f"file is not UTF-8 text ({error.reason})", "encoding")]
    return parse_text(text, path, shown)


def data_files(directory: Path) -> Iterator[Path]:
    """Every `*.yaml` file directly in a data directory, in a stable order."""
    yield from sorted(p for p in directory.glob("*.yaml") if p.is_file())
