"""The YAML loader: positions, duplicate keys, aliases, and YAML's implicit conversions."""

from __future__ import annotations

import datetime
from pathlib import Path

from psylegal.data.loader import format_path, parse_text


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_text(text, Path("x.yaml"), "x.yaml")


def test_marks_every_key_and_value() -> None:
    document, problems = parse("a: 1\nb:\n  - c: two\n")
    assert problems == [] and document is not None
    assert document.data == {"a": 1, "b": [{"c": "two"}]}
    assert document.mark(("b", 0, "c")) == (3, 8)
    assert document.mark(("b", 0, "c"), key=True) == (3, 5)
    assert document.mark(("b", 0, "missing")) == (3, 5)  # the nearest located ancestor


def test_duplicate_keys_name_both_lines() -> None:
    document, problems = parse("a: 1\nb: 2\na: 3\n")
    assert [(p.line, p.rule) for p in problems] == [(3, "duplicate-key")]
    assert "first defined on line 1" in problems[0].message
    assert document is not None and document.data == {"a": 1, "b": 2}  # the first one is kept


def test_implicit_types_are_kept_for_the_checks_to_name() -> None:
    document, _ = parse("a: no\nb: 2024-11-05\nc: 12\nd: '12'\ne: null\n")
    assert document is not None
    assert document.data == {"a": False, "b": datetime.date(2024, 11, 5), "c": 12, "d": "12", "e": None}


def test_aliases_are_refused_not_expanded() -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    document, problems = parse(bomb)
    assert {p.rule for p in problems} == {"yaml-alias"}
    assert document is not None and document.data["c"] == [None, None]


def test_syntax_error_has_a_position() -> None:
    document, problems = parse("a: [1, 2\nb: 3\n")
    assert document is None
    assert [(p.line, p.rule) for p in problems] == [(2, "yaml-syntax")]


def test_unsafe_tags_are_not_constructed() -> None:
    document, problems = parse("a: !!python/object/apply:os.system ['echo hi']\n")
    assert document is not None and document.data["a"] is None
    assert [p.rule for p in problems] == ["yaml-syntax"]
    assert "unsupported YAML tag" in problems[0].message


def test_non_string_keys_are_reported() -> None:
    _, problems = parse("yes: 1\n2024: 2\n")
    assert [p.message for p in problems] == [
        "key 'yes' is read by YAML as a boolean; quote it",
        "key '2024' is read by YAML as an integer; quote it",
    ]


def test_format_path() -> None:
    assert format_path(("therapies", "psilocybin", "routes", 0, "route")) == "therapies.psilocybin.routes[0].route"
    assert format_path(()) == ""
