"""The JSON renderer's fast paths write exactly what the standard encoder writes.

`dump_large` (python-rapidjson) must give `json.dumps(document, ensure_ascii=False, indent=2)` byte
for byte, or raise what it raises (both refuse NaN and the infinities, which JSON cannot hold);
`Listed` shares route lists between places, and must give each place the routes its own answer has.
Both are checked on real answers and on hostile values.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import gc
import io
import json
import math
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from psylegal.cli import app
from psylegal.commands import bills as bills_command
from psylegal.commands import changes as changes_command
from psylegal.commands import collector_paused
from psylegal.commands import export as export_command
from psylegal.commands import find as find_command
from psylegal.commands import listing as listing_command
from psylegal.commands import stale as stale_command
from psylegal.commands import therapy as therapy_command
from psylegal.data.catalog import Catalog
from psylegal.errors import DataError
from psylegal.law.model import Jurisdiction
from psylegal.query import answer_everywhere, list_places, overview
from psylegal.render import Output
from psylegal.render import json as render_json
from psylegal.render.html import script_json
from psylegal.render.json import NOT_FINITE, Listed, dump, dump_large, routes_json, status_json

from .conftest import FIXTURES, PINNED_TODAY, SHIPPED
from .test_validate import place_case

HISTORY = FIXTURES / "history"
PLAIN = Output(colour=False, width=100)


def standard(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def documents(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Any]]:
    """Every document that grows with the dataset, as the renderers build it from real answers."""
    therapies = catalog.therapies()
    captured: list[Any] = []
    monkeypatch.setattr(render_json, "dump_large", lambda document: captured.append(document) or "")
    render_json.places(list_places(catalog, therapies), PLAIN)
    yield "list", captured.pop()
    render_json.places(list_places(catalog, therapies, as_of=datetime.date(2022, 6, 30)), PLAIN)
    yield "list --as-of", captured.pop()
    for therapy in therapies:
        render_json.therapy(overview(catalog, therapy), PLAIN)
        yield f"therapy {therapy.id}", captured.pop()
    render_json.export(answer_everywhere(catalog, therapies, PINNED_TODAY))
    yield "export", captured.pop()
    monkeypatch.undo()


@pytest.mark.parametrize("data", [SHIPPED, HISTORY], ids=["shipped", "history"])
def test_the_fast_encoder_writes_real_documents_as_the_standard_one(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = Catalog.load(data, PINNED_TODAY)
    found = dict(documents(catalog, monkeypatch))
    assert len(found) == 3 + len(catalog.therapies())
    for label, document in found.items():
        assert dump_large(document) == standard(document), label
    if data == SHIPPED:  # non-ASCII names and notes (Zürich, São Paulo, …), routes nested four deep
        assert not dump_large(found["export"]).isascii()


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--as-of", "2023-07-01", "--data-dir", str(HISTORY)],
        ["list", "--status", "decriminalized", "-t", "psilocybin"],
        ["therapy", "psilocybin"],
        ["therapy", "mdma", "--status", "research", "--route", "clinical-trial"],
        ["changes"],
        ["changes", "--upcoming"],
        ["bills"],
        ["stale"],
        ["find", "psilocybin"],
        ["find", "ketamine", "--from", "texas"],
    ],
)
def test_json_commands_print_the_standard_encoders_text(runner: CliRunner, args: list[str]) -> None:
    """Parsing keeps key order and values, so re-encoding with `json` must give the very same text."""
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == standard(json.loads(result.stdout)) + "\n"


def test_validate_json_prints_the_standard_encoders_text(runner: CliRunner, tmp_path: Path) -> None:
    """Problems carry data's own text (control characters escaped, non-ASCII as itself)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    for case in ("escape-sequence", "not-utf8", "number-not-finite", "unknown-key-typo"):
        place_case(FIXTURES / "invalid" / f"{case}.yaml", data)
    result = runner.invoke(app, ["validate", "--format", "json", "--data-dir", str(data)])
    assert result.exit_code == 1, result.stderr
    assert len(json.loads(result.stdout)["problems"]) >= 3
    assert result.stdout == standard(json.loads(result.stdout)) + "\n"


def test_export_json_prints_the_standard_encoders_text(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == standard(json.loads(result.stdout)) + "\n"


class Pair(NamedTuple):
    first: int
    second: str


class Word(str, enum.Enum):
    ONE = "one"


class Number(int, enum.Enum):
    TWO = 2


class Plain(enum.Enum):
    THREE = 3


class Mapping(dict[str, Any]):
    pass


class Items(list[Any]):
    pass


# Values on which python-rapidjson and `json` part ways, or that it refuses: each must come out as
# `json` writes it.
AWKWARD: list[Any] = [
    {"escape": "\x1b[31mred\x1b[0m", "tab": "a\tb", "vertical": "\x0b\x0e\x0f\x1a\x1f", "null": "\x00"},
    {"text": "a literal \\u001B, not an escape", "quote": '"', "slash": "/", "del": "\x7f"},
    {"lines": "\u2028\u2029", "accents": "Zürich, São Paulo, Kraków, 東京", "emoji": "🍄"},
    {"surrogate": "\ud800"},
    [1e-05, 2.5e-07, 1e16, 1e22, 0.1, -0.0, 100.0, 5e-324, 1.7976931348623157e308],
    [2**64, -(2**63) - 1, 10**40, True, False, None],
    {"tuple": (1, (2, 3)), "empty": (), "named": Pair(1, "x")},
    {Word.ONE: Word.ONE, "number": Number.TWO},
    {1: "int key", None: "none key", False: "bool key", 1.5: "float key"},
    Mapping(a=Items([1, Mapping(b=2)])),
    {"nested": [[], {}, [[]], {"a": {}}]},
]


@pytest.mark.parametrize("document", AWKWARD, ids=range(len(AWKWARD)))
def test_the_fast_encoder_writes_awkward_values_as_the_standard_one(document: Any) -> None:
    assert dump_large(document) == standard(document)


@pytest.mark.parametrize(
    "value",
    [
        *(object(), {1, 2}, frozenset(), b"bytes", datetime.date(2024, 1, 1), uuid.UUID(int=1)),
        *(decimal.Decimal("1.5"), Plain.THREE, (x for x in ()), {(1, 2): "tuple key"}),
    ],
    ids=lambda value: type(value).__name__,
)
def test_a_value_json_cannot_write_still_fails_loudly(value: Any) -> None:
    document = {"places": [{"id": "us-co", "bad": value}]}
    with pytest.raises(TypeError) as standard_error:
        standard(document)
    with pytest.raises(TypeError) as fast_error:
        dump_large(document)
    assert str(fast_error.value) == str(standard_error.value)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
@pytest.mark.parametrize("write", [dump, dump_large, script_json], ids=["dump", "dump_large", "script_json"])
def test_nan_and_infinity_are_refused_with_one_line(value: float, write: Callable[[Any], str]) -> None:
    """JSON has no NaN or Infinity: every JSON writer refuses them with the CLI's one-line error, never writes them."""
    document = {"places": [{"id": "us-co", "cost": {"min": 10, "max": value}}]}
    with pytest.raises(DataError) as raised:
        write(document)
    assert str(raised.value) == NOT_FINITE and "\n" not in NOT_FINITE


def test_a_circular_document_fails_as_it_always_did() -> None:
    document: dict[str, Any] = {"places": []}
    document["places"].append(document)
    with pytest.raises(ValueError, match="Circular reference detected"):
        dump_large(document)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False)  # both refuse those (test_nan_and_infinity_are_refused)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.tuples(children, children)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_the_fast_encoder_agrees_with_the_standard_one_on_any_json_value(document: Any) -> None:
    assert dump_large(document) == standard(document)


@pytest.mark.parametrize(("args", "imported"), [(["where", "colorado"], False), (["list"], True)])
def test_only_listings_import_the_fast_encoder(args: list[str], imported: bool) -> None:
    """A lookup (`where --json`) keeps the standard encoder: importing rapidjson costs more than it saves."""
    code = (
        "import sys\nfrom psylegal.cli import main\n"
        f"sys.argv = ['psylegal', *{args!r}, '--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('rapidjson' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip().splitlines()[-1] == str(imported)
    assert dump({"a": [1, "é"]}) == standard({"a": [1, "é"]})


# -- Listed: route lists shared between places --------------------------------------------------
@pytest.mark.parametrize(("data", "as_of"), [(SHIPPED, None), (HISTORY, datetime.date(2023, 7, 1))])
def test_a_listed_therapy_has_exactly_its_own_answers_routes(data: Path, as_of: datetime.date | None) -> None:
    catalog = Catalog.load(data, PINNED_TODAY)
    therapies = catalog.therapies()
    listed = Listed()
    answers = [answer for row in list_places(catalog, therapies, as_of=as_of).rows for answer in row.therapies]
    documents = [listed(answer) for answer in answers]
    for answer, document in zip(answers, documents, strict=True):
        assert document == {**status_json(answer), "routes": routes_json(answer, cited=False)}, answer.place.id
    if as_of is None:
        # The sharing is real here: children silent on a therapy reuse their parent's list.
        assert len({id(document["routes"]) for document in documents}) < len(documents)
        assert any(document["routes"] for document in documents)


# -- the collector pause -------------------------------------------------------------------------
@pytest.mark.parametrize("running", [True, False])
def test_the_collector_is_left_as_it_was_found(running: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if running else gc.disable)()
        with pytest.raises(RuntimeError), collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("a command failed")
        assert gc.isenabled() is running
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("command", ["list", "therapy", "find", "changes", "bills", "stale", "export"])
def test_listings_leave_no_records_for_the_collector(command: str) -> None:
    """Paused, the collector frees nothing: records held in a reference cycle would stay until it ran."""
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        out = io.StringIO()
        common: dict[str, Any] = {
            "data_dir": SHIPPED,
            "today": PINNED_TODAY,
            "out": out,
            "err": sys.stderr,
        }
        if command == "list":
            listing_command.run(kind=None, parent=None, therapy=None, status=None, output_format="json", **common)
        elif command == "therapy":
            therapy_command.run(name="psilocybin", status=None, output_format="json", **common)
        elif command == "find":
            find_command.run(
                therapy="psilocybin",
                origin="texas",
                routes=[],
                no_diagnosis=False,
                non_resident=False,
                age=None,
                statuses=[],
                output_format="json",
                **common,
            )
        elif command == "changes":
            changes_command.run(
                since=None,
                until=None,
                place=None,
                therapy=None,
                kind=None,
                upcoming=False,
                output_format=None,
                as_json=True,
                **common,
            )
        elif command == "bills":
            bills_command.run(place=None, therapy=None, stage=None, output_format="json", **common)
        elif command == "stale":
            stale_command.run(days=None, kinds=[], output_format="json", **common)
        else:
            export_command.run(output_format="json", output=None, therapy=None, **common)
        gc.collect()
        left = [item for item in gc.garbage if isinstance(item, (Jurisdiction, Catalog))]
        assert out.getvalue().startswith("{")
        assert left == []
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()
