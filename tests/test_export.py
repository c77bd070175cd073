"""`psylegal export`: JSON, CSV with its data package, Markdown and HTML, and how -o writes files."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from frictionless import Package, validate
from markdown_it import MarkdownIt
from typer.testing import CliRunner

import psylegal
from psylegal.cli import app
from psylegal.law.model import DISCLAIMER, Kind, Status
from psylegal.render import EXPORT_FORMATS, exporter
from psylegal.render.csv import COLUMNS
from psylegal.render.html import STATUS_FILLS, page_data

from .conftest import PINNED_TODAY, SHIPPED, VALID

# A place name written to break out of every format: a CSV formula, Markdown, HTML and the script element.
HOSTILE = "=1+2 *bold* [x](javascript:alert(1)) <img src=x onerror=alert(1)></script><!--<script>alert(2)</script>"


def export(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def hostile_data(data_copy: Path) -> Path:
    """The fixture data with Aaland renamed to HOSTILE (a name validation accepts: it is only text)."""
    path = data_copy / "zz-aa.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Aaland", f"name: {json.dumps(HOSTILE)}"), "utf-8")
    return data_copy


# -- JSON ------------------------------------------------------------------------------------------
def test_json_holds_every_place_as_where_json_gives_it(runner: CliRunner) -> None:
    document = json.loads(export(runner, "--format", "json", "--data-dir", str(VALID)))
    ids = [place["id"] for place in document["places"]]
    assert ids == [row.place.id for row in psylegal.places(data_dir=VALID, today=PINNED_TODAY).rows]
    for place in document["places"]:
        where = runner.invoke(app, ["where", place["id"], "--json", "--data-dir", str(VALID)])
        assert place == json.loads(where.stdout)
    assert [t["id"] for t in document["therapies"]] == [t.id for t in psylegal.therapies(data_dir=VALID)]
    assert document["generated"] == PINNED_TODAY.isoformat()
    assert document["schema_version"] == document["places"][0]["schema_version"]


def test_json_of_the_shipped_data_covers_every_place_and_therapy_filter(runner: CliRunner) -> None:
    everything = json.loads(export(runner, "-f", "json"))
    data = psylegal.load(SHIPPED, today=PINNED_TODAY)
    assert len(everything["places"]) == len(data.places().rows)
    only = json.loads(export(runner, "-f", "json", "--therapy", "magic mushrooms"))
    assert [t["id"] for t in only["therapies"]] == ["psilocybin"]
    assert all(list(place["therapies"]) == ["psilocybin"] for place in only["places"])
    denver = next(place for place in only["places"] if place["id"] == "us-co-denver")
    assert denver == json.loads(runner.invoke(app, ["where", "denver", "-t", "psilocybin", "--json"]).stdout)


# -- CSV and its data package ----------------------------------------------------------------------
def test_csv_has_one_row_per_place_and_therapy_with_the_statuses_of_the_data(runner: CliRunner) -> None:
    rows = list(csv.DictReader(io.StringIO(export(runner, "-f", "csv"))))
    data = psylegal.load(SHIPPED, today=PINNED_TODAY)
    listing = data.places()
    assert len(rows) == len(listing.rows) * len(listing.therapies)
    assert list(rows[0]) == [column.name for column in COLUMNS]
    assert {(row["place_id"], row["therapy"]) for row in rows} == {
        (r.place.id, t.id) for r in listing.rows for t in listing.therapies
    }
    for therapy in data.therapies():
        groups = data.therapy(therapy.id).groups
        shown = Counter(row["status"] for row in rows if row["therapy"] == therapy.id)
        assert shown == Counter({status.value: len(places) for status, places in groups.items() if places})
    # Own statuses are blank exactly where the place's own law says nothing.
    denver = next(row for row in rows if row["place_id"] == "us-co-denver" and row["therapy"] == "psilocybin")
    assert (denver["status"], denver["own_status"], denver["decided_by"]) == ("available", "decriminalized", "us-co")
    assert "licensed-program" in denver["open_routes"].split(";")


def test_csv_eligibility_comes_from_the_route_that_gives_the_status(runner: CliRunner) -> None:
    rows = {(r["place_id"], r["therapy"]): r for r in csv.DictReader(io.StringIO(export_fixture(runner, "csv")))}
    aaland = rows[("zz-aa", "psilocybin")]
    assert aaland["eligibility_route"] == "licensed-program"
    assert (aaland["min_age"], aaland["residents_only"], aaland["diagnosis_required"]) == ("21", "false", "false")
    assert aaland["prescription_required"] == ""  # no source says: unknown, left blank
    assert aaland["setting"] == "licensed-centre"
    assert (aaland["source_title"], aaland["source_url"]) == (
        "Aaland Psilocybin Act",
        "https://example.org/aaland-psilocybin-act",
    )
    assert (aaland["source_date"], aaland["source_accessed"]) == ("2023-11-07", "2026-01-15")
    # An upcoming route is not open: no routes, no eligibility.
    mdma = rows[("zz-aa", "mdma")]
    assert (mdma["status"], mdma["open_routes"], mdma["eligibility_route"], mdma["min_age"]) == ("pending", "", "", "")


def export_fixture(runner: CliRunner, output_format: str, data: Path = VALID) -> str:
    return export(runner, "-f", output_format, "--data-dir", str(data))


def test_csv_quotes_a_leading_formula_character_so_spreadsheets_show_it_as_text(
    runner: CliRunner, hostile_data: Path
) -> None:
    rows = list(csv.DictReader(io.StringIO(export_fixture(runner, "csv", hostile_data))))
    assert {row["place_name"] for row in rows if row["place_id"] == "zz-aa"} == {"'" + HOSTILE}


def test_csv_with_o_writes_a_data_package_that_validates(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "psylegal.csv"
    export(runner, "-f", "csv", "-o", str(target))
    descriptor = tmp_path / "datapackage.json"
    report = validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    package = Package(str(descriptor))
    [resource] = package.resources
    assert resource.path == "psylegal.csv"
    fields = {field.name: field for field in resource.schema.fields}
    assert list(fields) == [column.name for column in COLUMNS]
    assert fields["status"].constraints["enum"] == [status.value for status in Status]
    assert fields["kind"].constraints["enum"] == [kind.value for kind in Kind]
    assert (fields["min_age"].type, fields["residents_only"].type, fields["reviewed"].type) == (
        "integer",
        "boolean",
        "date",
    )
    rows = resource.read_rows()
    assert len(rows) == len(list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8")))))
    assert {row["status"] for row in rows} <= {status.value for status in Status}
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    assert meta["licenses"][0]["name"] == "MIT"
    urls = {row["source_url"] for row in rows if row["source_url"]}
    assert urls <= {source["path"] for source in meta["sources"]}


def test_the_data_package_catches_a_value_outside_the_schema(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "psylegal.csv"
    export(runner, "-f", "csv", "-o", str(target), "--data-dir", str(VALID))
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace(",available,", ",fabulous,", 1).replace(",21,", ",twenty-one,", 1), "utf-8")
    report = validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert {error[0] for error in report.flatten(["type"])} == {"constraint-error", "type-error"}


def test_a_datapackage_json_that_is_not_psylegals_is_never_replaced(runner: CliRunner, tmp_path: Path) -> None:
    theirs = tmp_path / "datapackage.json"
    theirs.write_text('{"name": "someone-elses"}', encoding="utf-8")
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"psylegal: error: '{theirs}' exists and was not written by psylegal; write the CSV into another directory\n"
    )
    assert theirs.read_text(encoding="utf-8") == '{"name": "someone-elses"}'
    assert sorted(path.name for path in tmp_path.iterdir()) == ["datapackage.json"]
    # One that psylegal wrote is brought up to date.
    theirs.write_text('{"name": "psylegal", "resources": []}', encoding="utf-8")
    export(runner, "-f", "csv", "-o", str(tmp_path / "out.csv"), "--data-dir", str(VALID))
    assert json.loads(theirs.read_text(encoding="utf-8"))["resources"][0]["path"] == "out.csv"


# -- Markdown --------------------------------------------------------------------------------------
def test_markdown_has_a_table_per_region_with_every_place(runner: CliRunner) -> None:
    report = export(runner, "-f", "markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(report)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    assert headings[:2] == ["Legend", "Countries"]
    assert "United States: states, districts and territories" in headings
    assert "United States: cities and counties" in headings
    assert headings[-1] == "Sources"
    body_rows = sum(1 for t in tokens if t.type == "tr_open") - sum(1 for t in tokens if t.type == "thead_open")
    places = len(psylegal.places(data_dir=SHIPPED, today=PINNED_TODAY).rows)
    assert body_rows == places + len(Status)  # every place once, plus the legend
    for status in Status:
        assert f"| {status.label} | {status.explanation} |" in report
    assert DISCLAIMER in " ".join(report.split())
    assert "| Denver (us-co-denver) | Colorado | " in report
    assert "Available (own law: decriminalized)" in report


def test_markdown_shows_hostile_text_literally(runner: CliRunner, hostile_data: Path) -> None:
    report = export_fixture(runner, "markdown", hostile_data)
    rendered = MarkdownIt("commonmark").enable("table").render(report)
    assert "<script" not in rendered and "<img" not in rendered and "<strong>bold" not in rendered
    assert 'href="javascript' not in rendered
    assert '<a href="https://example.org/aaland-psilocybin-act">Aaland Psilocybin Act</a>' in rendered
    # The name itself survives, as text.
    assert "=1+2 *bold* [x](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;" in rendered


# -- HTML (static checks; tests/test_export_browser.py runs the page) -------------------------------
def embedded(page: str) -> object:
    match = re.search(r'<script type="application/json" id="psylegal-data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def test_html_is_one_file_that_loads_nothing_else(runner: CliRunner) -> None:
    page = export(runner, "-f", "html")
    assert not re.search(r"<(link|img|iframe|object|embed)\b|\bsrc=|url\(|@import", page, re.I)
    assert "default-src 'none'" in page
    assert page.count("<path ") == 51  # the 50 states and DC
    data = psylegal.load(SHIPPED, today=PINNED_TODAY)
    assert embedded(page) == json.loads(json.dumps(page_data(data.export())))
    assert set(STATUS_FILLS) == set(Status)


def test_html_data_cannot_break_out_of_its_script_element(runner: CliRunner, hostile_data: Path) -> None:
    page = export_fixture(runner, "html", hostile_data)
    assert page.count("</script>") == 2  # the data's own and the behaviour's
    assert "<!--" not in page
    assert "<img" not in page
    names = [place["name"] for place in embedded(page)["places"]]  # type: ignore[index]
    assert HOSTILE in names


def test_html_assets_cannot_end_their_own_elements() -> None:
    from importlib import resources

    page = resources.files("psylegal.render") / "page"
    assert "</style" not in (page / "page.css").read_text(encoding="utf-8").lower()
    assert "</script" not in (page / "page.js").read_text(encoding="utf-8").lower()
    assert "innerHTML" not in (page / "page.js").read_text(encoding="utf-8")


# -- writing files ---------------------------------------------------------------------------------
@pytest.mark.parametrize("output_format", list(EXPORT_FORMATS))
def test_o_writes_the_same_as_stdout(runner: CliRunner, tmp_path: Path, output_format: str) -> None:
    target = tmp_path / f"out.{output_format}"
    shown = export_fixture(runner, output_format)
    result = runner.invoke(app, ["export", "-f", output_format, "-o", str(target), "--data-dir", str(VALID)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") == shown
    assert exporter(output_format).export(psylegal.load(VALID, today=PINNED_TODAY).export()).rstrip("\n") == (
        shown.rstrip("\n")
    )


@pytest.mark.parametrize("to_file", [False, True])
def test_a_large_export_is_written_in_pieces_and_whole(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, to_file: bool
) -> None:
    """One write of over 2 GiB is cut short without an error, so no single write may be that large.

    PIECE is shrunk to 1,000 characters so that the fixture export (tens of thousands) needs many
    writes: every write must fit in a piece, and together they must give the whole export.
    """
    from psylegal.commands import export as export_command

    whole = export_fixture(runner, "json")
    sizes: list[int] = []
    assert export_command.PIECE == 256 * 1024 * 1024  # at most 1 GiB of UTF-8 per write
    monkeypatch.setattr(export_command, "PIECE", 1000)

    class Recording(io.StringIO):
        def write(self, text: str) -> int:
            sizes.append(len(text))
            return super().write(text)

    target = tmp_path / "out.json"
    stream = Recording()
    opened = os.fdopen
    if to_file:
        monkeypatch.setattr(export_command.os, "fdopen", lambda *a, **k: _Tee(opened(*a, **k), sizes))
    code = export_command.run(
        output_format="json",
        output=target if to_file else None,
        therapy=None,
        data_dir=VALID,
        today=PINNED_TODAY,
        out=stream,
        err=io.StringIO(),
    )
    assert code == 0
    written = target.read_text(encoding="utf-8") if to_file else stream.getvalue()
    assert written == whole
    assert len(sizes) >= len(whole) // 1000 and max(sizes) <= 1000


class _Tee:
    """A file opened by os.fdopen whose writes are also measured."""

    def __init__(self, stream: Any, sizes: list[int]) -> None:
        self.stream, self.sizes = stream, sizes

    def write(self, text: str) -> int:
        self.sizes.append(len(text))
        return int(self.stream.write(text))

    def __enter__(self) -> _Tee:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()


def test_a_failed_write_leaves_the_existing_file_untouched(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text("my notes\n", encoding="utf-8")

    def full_disk(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device", destination)

    monkeypatch.setattr(os, "replace", full_disk)
    result = runner.invoke(app, ["export", "-f", "markdown", "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == f"psylegal: error: cannot write '{target}': No space left on device\n"
    assert target.read_text(encoding="utf-8") == "my notes\n"
    assert [path.name for path in tmp_path.iterdir()] == ["report.md"]  # no temporary file left behind


def test_a_failed_export_never_touches_the_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("keep", encoding="utf-8")
    result = runner.invoke(app, ["export", "-f", "json", "-o", str(target), "--therapy", "unobtainium"])
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "keep"


def test_an_existing_file_keeps_its_permissions(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    export(runner, "-f", "json", "-o", str(target), "--data-dir", str(VALID))
    assert (target.stat().st_mode & 0o777, json.loads(target.read_text(encoding="utf-8"))["places"][0]["id"]) == (
        0o640,
        "zz",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "xml"], "--format must be one of json, csv, markdown, html; got 'xml'"),
        (["-f", "json", "-o", "."], "-o must name a file, not a directory: '.'"),
        (["-f", "json", "-o", "missing/out.json"], "-o: no such directory: 'missing'"),
        (["-f", "csv", "-o", "datapackage.json"], "-o: 'datapackage.json' is the name of the CSV's descriptor;"),
        (["-f", "json", "--therapy", " "], "give a therapy"),
    ],
)
def test_bad_options_are_one_line_and_write_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"psylegal: error: {message}")
    assert result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_readme_export_examples_run(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Export\n.*?```sh\n(.*?)```", readme, re.S)
    assert block
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    for line in block.group(1).splitlines():
        command, _, redirect = line.split("#")[0].partition(">")
        args = command.split()
        assert args[:2] == ["psylegal", "export"]
        shown = export(runner, *args[2:])
        if redirect.strip():
            Path(redirect.strip()).write_text(shown, encoding="utf-8")
    written = sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*") if path.is_file())
    assert written == [
        "data/datapackage.json",
        "data/psylegal.csv",
        "psilocybin.html",
        "psylegal-2022.json",
        "psylegal.html",
        "psylegal.json",
        "report.md",
    ]
    assert json.loads((tmp_path / "psylegal-2022.json").read_text(encoding="utf-8"))["as_of"] == "2022-01-01"
    assert validate("data/datapackage.json").valid


# -- --as-of: every format as the law stood at the end of a day ------------------------------------
# Shipped data: Oregon's licensed psilocybin program opened in 2023-06, so on 2022-01-01 Oregon's
# psilocybin answer was not `available`; today it is.
THEN = "2022-01-01"


def oregon_psilocybin(day: str | None) -> Status:
    return psylegal.where("us-or", "psilocybin", as_of=day, data_dir=SHIPPED, today=PINNED_TODAY).therapies[0].status


def test_the_shipped_data_changed_in_oregon_between_then_and_today() -> None:
    assert oregon_psilocybin(None) is Status.AVAILABLE
    assert oregon_psilocybin(THEN) is not Status.AVAILABLE


def test_json_as_of_says_so_on_the_document_and_on_every_place(runner: CliRunner) -> None:
    then = json.loads(export(runner, "-f", "json", "-t", "psilocybin", "--as-of", THEN))
    today = json.loads(export(runner, "-f", "json", "-t", "psilocybin"))
    assert (then["as_of"], today["as_of"]) == (THEN, None)
    assert then["generated"] == today["generated"] == PINNED_TODAY.isoformat()
    assert {place["as_of"] for place in then["places"]} == {THEN}
    assert {place["as_of"] for place in today["places"]} == {None}

    def oregon(document: dict[str, Any]) -> dict[str, Any]:
        return next(place for place in document["places"] if place["id"] == "us-or")

    assert oregon(then)["therapies"]["psilocybin"]["status"] == oregon_psilocybin(THEN).value
    assert oregon(today)["therapies"]["psilocybin"]["status"] == "available"
    # Each place is exactly what `where --as-of --json` prints for it.
    where = runner.invoke(app, ["where", "us-or", "-t", "psilocybin", "--as-of", THEN, "--json"])
    assert oregon(then) == json.loads(where.stdout)
    year = json.loads(export(runner, "-f", "json", "-t", "psilocybin", "--as-of", "2022", "--data-dir", str(VALID)))
    assert year["as_of"] == "2022-12-31"  # a year alone means its last day


def test_csv_as_of_fills_its_column_and_the_data_package_still_validates(runner: CliRunner, tmp_path: Path) -> None:
    then_path, today_path = tmp_path / "then" / "psylegal.csv", tmp_path / "today" / "psylegal.csv"
    for path, extra in ((then_path, ["--as-of", THEN]), (today_path, [])):
        path.parent.mkdir()
        export(runner, "-f", "csv", "-t", "psilocybin", "-o", str(path), *extra)
        report = validate(str(path.parent / "datapackage.json"))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    then = list(csv.DictReader(io.StringIO(then_path.read_text(encoding="utf-8"))))
    today = list(csv.DictReader(io.StringIO(today_path.read_text(encoding="utf-8"))))
    assert {row["as_of"] for row in then} == {THEN} and {row["as_of"] for row in today} == {""}
    oregon = {
        name: next(r for r in rows if r["place_id"] == "us-or") for name, rows in (("then", then), ("now", today))
    }
    assert (oregon["then"]["status"], oregon["now"]["status"]) == (oregon_psilocybin(THEN).value, "available")
    assert (
        "licensed-program" in oregon["now"]["open_routes"] and "licensed-program" not in oregon["then"]["open_routes"]
    )
    descriptor = json.loads((then_path.parent / "datapackage.json").read_text(encoding="utf-8"))
    assert f"as the law stood at the end of {THEN}" in descriptor["description"]
    fields = {field["name"]: field for field in descriptor["resources"][0]["schema"]["fields"]}
    assert fields["as_of"]["type"] == "date"
    [resource] = Package(str(then_path.parent / "datapackage.json")).resources
    assert {str(row["as_of"]) for row in resource.read_rows()} == {THEN}


def test_markdown_as_of_is_labelled_and_shows_that_days_statuses(runner: CliRunner) -> None:
    then = export(runner, "-f", "markdown", "-t", "psilocybin", "--as-of", THEN)
    today = export(runner, "-f", "markdown", "-t", "psilocybin")
    label = f"as the law stood at the end of {THEN}"
    rendered = MarkdownIt("commonmark").enable("table").render(then)
    assert f"<strong>Historical: {label}.</strong>" in rendered
    assert "as the law stood" not in today
    assert "| Oregon (us-or) | Available |" in today
    assert f"| Oregon (us-or) | {oregon_psilocybin(THEN).label}" in then


def test_html_as_of_is_labelled_and_carries_that_days_answers(runner: CliRunner) -> None:
    then = export(runner, "-f", "html", "-t", "psilocybin", "--as-of", THEN)
    today = export(runner, "-f", "html", "-t", "psilocybin")
    label = f"as the law stood at the end of {THEN}"
    assert f"<title>psylegal: psychedelic-assisted therapies, place by place, {label}</title>" in then
    assert f'<p class="historical" role="note"><strong>Historical: {label}.</strong>' in then
    assert "<strong>Historical:" not in today and 'class="historical"' not in today
    data: Any = embedded(then)
    now: Any = embedded(today)
    assert (data["as_of"], now["as_of"]) == (THEN, None)
    oregon = {name: next(p for p in d["places"] if p["id"] == "us-or") for name, d in (("then", data), ("now", now))}
    assert oregon["then"]["therapies"]["psilocybin"]["status"] == oregon_psilocybin(THEN).value
    assert oregon["now"]["therapies"]["psilocybin"]["status"] == "available"
    assert oregon["then"]["summary"] is None and oregon["now"]["summary"]  # today's summary is not history


@pytest.mark.parametrize("output_format", list(EXPORT_FORMATS))
def test_as_of_after_today_is_refused_and_writes_nothing(runner: CliRunner, tmp_path: Path, output_format: str) -> None:
    target = tmp_path / "out"
    target.write_text("keep", encoding="utf-8")
    result = runner.invoke(app, ["export", "-f", output_format, "-o", str(target), "--as-of", "2030-01-01"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"psylegal: error: --as-of 2030-01-01 is after today ({PINNED_TODAY});"
        " 'psylegal changes --upcoming' lists what is expected\n"
    )
    assert target.read_text(encoding="utf-8") == "keep"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]
