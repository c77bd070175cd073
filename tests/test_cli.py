"""The commands end to end through Typer's CliRunner: success paths, error paths, output safety."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from psylegal import __version__
from psylegal.cli import app
from psylegal.data.catalog import Catalog
from psylegal.law.model import DISCLAIMER, Status

from .conftest import SHIPPED, VALID

ESCAPE = re.compile(r"\x1b")


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env=env)


# -- where ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("full", [False, True])
def test_where_colorado_shows_everything_a_user_needs(runner: CliRunner, full: bool) -> None:
    result = run(runner, "where", "colorado", *(["--full"] if full else []))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Colorado\nstate in United States · id us-co · reviewed ")
    for therapy in ("Ketamine", "Esketamine", "Psilocybin", "MDMA", "LSD", "Ayahuasca / DMT", "Ibogaine", "Mescaline"):
        assert re.search(rf"^{re.escape(therapy)} +\w+", out, re.M), therapy
    assert re.search(r"^Psilocybin +available +Licensed program", out, re.M)
    assert "Licensed program: 21+ · no diagnosis · visitors welcome" in " ".join(out.split())
    assert "Before you go" in out and "Medical cautions" in out
    assert " ".join(DISCLAIMER.split()[:6]) in " ".join(out.split())
    assert not ESCAPE.search(out)  # not a terminal: no colour codes
    detail = ("Conflict: United States law still says research", "\nTimeline\n", "\nSources\n", "https://", "[1]")
    for part in detail:
        assert (part in out) is full, part
    if not full:
        assert "--full adds" in out


@pytest.mark.parametrize("place", ["colorado", "denver"])
def test_the_short_answer_fits_a_screen(runner: CliRunner, place: str) -> None:
    out = run(runner, "where", place, env={"COLUMNS": "100"}).stdout
    assert len(out.splitlines()) <= 60
    full = run(runner, "where", place, "--full", env={"COLUMNS": "100"}).stdout
    assert len(full.splitlines()) > 4 * len(out.splitlines())
    # Each point of due diligence takes at most two lines; --full has every word of it.
    points = out.split("\nBefore you go\n", 1)[1].split("\n\n", 1)[0].split("\n  • ")
    assert all(point.count("\n") <= 1 for point in points)
    assert len(points) == full.split("\nBefore you go\n", 1)[1].split("\n\n", 1)[0].count("\n  • ") + 1


def test_the_short_answer_says_when_federal_law_is_stricter(runner: CliRunner) -> None:
    # State law never overrides federal law: the one-screen answer must say so, not only --full.
    out = run(runner, "where", "oregon", env={"COLUMNS": "100"}).stdout
    assert "! Psilocybin: United States law still says research, and it can still be enforced here." in out
    texas = run(runner, "where", "texas", env={"COLUMNS": "100"}).stdout
    assert "law still says" not in texas  # Texas follows federal law: nothing stricter above it


def test_access_routes_list_therapeutic_routes_before_personal_use(runner: CliRunner) -> None:
    # Denver's own layer (personal use) is nearer than Colorado's program, but the program leads.
    result = run(runner, "where", "denver")
    assert re.search(r"^Psilocybin +available +Licensed program; Personal use +2025$", result.stdout, re.M)


def test_where_single_therapy_by_alias(runner: CliRunner) -> None:
    result = run(runner, "where", "oregon", "--therapy", "magic mushrooms")
    assert result.exit_code == 0
    assert re.search(r"^Psilocybin +available", result.stdout, re.M)
    assert not re.search(r"^Ketamine ", result.stdout, re.M)


def test_where_json_contract(runner: CliRunner, shipped: Catalog) -> None:
    result = run(runner, "where", "denver", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 2
    assert (data["id"], data["name"], data["kind"], data["parents"]) == (
        "us-co-denver",
        "Denver",
        "city",
        ["us-co", "us"],
    )
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["reviewed"])
    assert list(data["therapies"]) == [therapy.id for therapy in shipped.therapies()]
    psilocybin = data["therapies"]["psilocybin"]
    assert psilocybin["status"] == "available"
    assert psilocybin["decided_by"] == "us-co"
    assert [layer["jurisdiction"] for layer in psilocybin["layers"]] == ["us-co-denver", "us-co", "us"]
    assert psilocybin["own_status"] == psilocybin["layers"][0]["own_status"] == "decriminalized"
    assert psilocybin["conflicts"] == [{"jurisdiction": "us", "status": "research"}]
    assert all(source["url"].startswith("https://") for source in psilocybin["sources"])
    assert {"routes", "since", "notes", "sources", "safety"} <= set(psilocybin)
    # The catalog's medical cautions come with a therapy that is offered here, or that has an open
    # route here (decriminalised personal use, a tolerated retreat), and only then.
    assert [item["text"] for item in psilocybin["safety"]] == [
        item.text for item in shipped.therapy("psilocybin").safety
    ]
    assert all(item["sources"] for item in psilocybin["safety"])
    offered = {"available", "limited", "research", "unregulated"}
    for therapy in data["therapies"].values():
        open_route = any(route["state"] == "open" for route in therapy["routes"])
        assert bool(therapy["safety"]) == (therapy["status"] in offered or open_route)
    assert data["due_diligence"] and data["timeline"]
    assert [e["date"] for e in data["timeline"]] == sorted(e["date"] for e in data["timeline"])
    # Every source cited anywhere in the answer, once, in the order a reader meets them.
    cited = [
        *data["summary_sources"],
        *(
            s
            for t in data["therapies"].values()
            for s in [
                *(s for layer in t["layers"] for s in layer["sources"]),
                *(s for item in t["safety"] for s in item["sources"]),
            ]
        ),
        *(s for d in data["due_diligence"] for s in d["sources"]),
        *(s for e in data["timeline"] for s in e["sources"]),
    ]
    assert [s["url"] for s in data["sources"]] == list(dict.fromkeys(s["url"] for s in cited))
    assert data["disclaimer"] == DISCLAIMER


def test_where_unknown_place_is_one_line_with_suggestion(runner: CliRunner) -> None:
    result = run(runner, "where", "colorad")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "psylegal: error: no place matches 'colorad'; did you mean Colorado (us-co)?\n"


def test_where_ambiguous_lists_candidates(runner: CliRunner) -> None:
    result = run(runner, "where", "CO")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "co (Colombia, country); us-co (Colorado, state)" in result.stderr


def test_where_unknown_therapy(runner: CliRunner) -> None:
    result = run(runner, "where", "oregon", "--therapy", "unobtainium")
    assert result.exit_code == 1
    assert result.stderr.startswith("psylegal: error: no therapy matches 'unobtainium'")


def test_missing_argument_is_a_usage_error(runner: CliRunner) -> None:
    result = run(runner, "where")
    assert result.exit_code == 2
    assert "Missing argument 'PLACE'" in result.stderr
    assert "Traceback" not in result.stderr


def test_colour_when_forced_and_never_with_no_color(runner: CliRunner) -> None:
    coloured = run(runner, "where", "oregon", env={"FORCE_COLOR": "1"})
    assert ESCAPE.search(coloured.stdout)
    plain = run(runner, "where", "oregon", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not ESCAPE.search(plain.stdout)


def test_stale_review_is_flagged(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    # The fixture data was reviewed on 2026-01-15: fresh on the pinned day, stale a year later.
    fresh = run(runner, "where", "zedland", "--data-dir", str(VALID))
    assert "over a year ago" not in fresh.stdout
    monkeypatch.setattr("psylegal.cli._today", lambda: datetime.date(2027, 1, 16))
    stale = run(runner, "where", "zedland", "--data-dir", str(VALID))
    assert "! Last reviewed 2026-01-15, over a year ago: facts may have changed." in stale.stdout
    assert json.loads(run(runner, "where", "zedland", "--json", "--data-dir", str(VALID)).stdout)["review_stale"]


# -- data directory selection ----------------------------------------------------------------------
def test_data_dir_option_and_environment(runner: CliRunner) -> None:
    by_option = run(runner, "where", "zed", "--data-dir", str(VALID))
    assert by_option.exit_code == 0 and by_option.stdout.startswith("Zedland\n")
    by_env = run(runner, "where", "zed", env={"PSYLEGAL_DATA": str(VALID)})
    assert by_env.exit_code == 0 and by_env.stdout.startswith("Zedland\n")


def test_bad_data_dir_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "list", "--data-dir", str(tmp_path))
    assert result.exit_code == 3
    assert (
        result.stderr
        == f"psylegal: error: --data-dir: '{tmp_path}' has no therapies.yaml; point it at a jurisdictions/ directory\n"
    )
    missing = run(runner, "list", env={"PSYLEGAL_DATA": str(tmp_path / "nope")})
    assert missing.exit_code == 3 and "PSYLEGAL_DATA" in missing.stderr


def test_broken_file_is_left_out_with_a_warning(runner: CliRunner, data_copy: Path) -> None:
    (data_copy / "zz-bb.yaml").write_text("id: zz-bb\nname: [unclosed\n", encoding="utf-8")
    result = run(runner, "where", "aaland", "--data-dir", str(data_copy))
    assert result.exit_code == 0
    # Its city goes too: its parent no longer exists.
    assert (
        result.stderr == "psylegal: warning: left out 2 data files with problems"
        " (data/zz-bb-georgia.yaml, data/zz-bb.yaml); the first: data/zz-bb-georgia.yaml:5:9: parent:"
        " parent 'zz-bb' does not exist (did you mean 'zz-aa'?) [parent-missing]; run 'psylegal validate'\n"
    )
    gone = run(runner, "where", "beeland", "--data-dir", str(data_copy))
    assert gone.exit_code == 1


# -- untrusted text --------------------------------------------------------------------------------
def test_markup_and_escapes_in_data_are_printed_literally(runner: CliRunner, data_copy: Path) -> None:
    path = data_copy / "zz-aa.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "summary: Aaland licenses", 'summary: "[red]loud[/red] [link=https://x.example]x[/link] Aaland licenses'
    )
    path.write_text(text.replace("and bans esketamine.", 'and bans esketamine."'), encoding="utf-8")
    result = run(runner, "where", "aaland", "--data-dir", str(data_copy), env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert "[red]loud[/red] [link=https://x.example]x[/link]" in result.stdout


def test_escape_sequence_in_data_never_reaches_the_terminal(runner: CliRunner, data_copy: Path) -> None:
    path = data_copy / "zz-aa.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "summary: Aaland licenses psilocybin services and bans esketamine.",
            'summary: "Aaland \\e[2J\\e]0;pwned\\a licenses"',
        ),
        encoding="utf-8",
    )
    result = run(runner, "where", "aaland", "--data-dir", str(data_copy))
    # The file fails validation (control-char) and is left out, so nothing from it is printed at all.
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert "left out 1 data file with problems (data/zz-aa.yaml)" in result.stderr


def test_nan_in_the_data_never_reaches_json(runner: CliRunner, data_copy: Path) -> None:
    path = data_copy / "zz-aa.yaml"
    eligibility = "          setting: [licensed-centre]\n"
    cost = "          cost:\n            min: .nan\n            max: .inf\n            currency: USD\n"
    path.write_text(path.read_text(encoding="utf-8").replace(eligibility, eligibility + cost, 1), encoding="utf-8")
    result = run(runner, "where", "aaland", "--json", "--data-dir", "data")
    # The file fails validation (non-finite) and is left out: nothing printed, one error line, no traceback.
    assert result.exit_code == 1 and result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("psylegal: error: ")]
    assert len(errors) == 1 and "Traceback" not in result.stderr
    assert "cost.min: must be a finite number; got .nan [non-finite]" in errors[0]
    assert all(line.startswith("psylegal: ") for line in result.stderr.splitlines())

    def no_constant(name: str) -> Any:
        raise AssertionError(f"{name} in JSON output")

    for args in (["where", "zedland"], ["list"], ["export", "--format", "json"]):
        listed = run(runner, *args, *(["--json"] if args[0] != "export" else []), "--data-dir", "data")
        assert listed.exit_code == 0, listed.stderr
        json.loads(listed.stdout, parse_constant=no_constant)
        assert "left out 1 data file with problems (data/zz-aa.yaml)" in listed.stderr


# -- list ------------------------------------------------------------------------------------------
def test_list_grid_fits_80_columns_with_legend(runner: CliRunner) -> None:
    result = run(runner, "list", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0].split()[:3] == ["Place", "Id", "Ket"]
    assert any(line.startswith("United States") for line in lines)
    assert any(line.startswith("  Colorado ") for line in lines)
    assert any(line.startswith("    Denver ") for line in lines)
    assert "Legend:" in result.stdout
    for status in Status:
        assert f"{status.symbol} {status.value}" in result.stdout


def test_list_json_contract(runner: CliRunner) -> None:
    data = json.loads(run(runner, "list", "--json").stdout)
    assert data["schema_version"] == 2 and data["disclaimer"] == DISCLAIMER
    places = data["places"]
    oregon = next(item for item in places if item["id"] == "us-or")
    assert set(oregon) == {"id", "name", "kind", "parent", "reviewed", "match", "therapies"}
    assert oregon["parent"] == "us" and oregon["therapies"]["psilocybin"]["status"] == "available"
    assert oregon["match"] is None  # no status filter
    assert len(oregon["therapies"]) == 8
    new_mexico = next(item for item in places if item["id"] == "us-nm")["therapies"]
    assert (new_mexico["psilocybin"]["status"], new_mexico["psilocybin"]["own_status"]) == ("research", "pending")
    assert new_mexico["lsd"]["own_status"] is None  # New Mexico's own law says nothing about LSD


@pytest.mark.parametrize(
    ("args", "must", "must_not"),
    [
        (["--kind", "country"], {"us", "mx", "cr"}, {"us-co"}),
        (["--parent", "us-ca"], {"us-ca-oakland"}, {"us-ca", "us-co-denver"}),
        (["--parent", "united states", "--kind", "city"], {"us-co-denver"}, {"us-co", "mx"}),
        (["--therapy", "psilocybin", "--status", "available"], {"us-or", "us-co", "us-co-denver"}, {"us-nm", "mx"}),
        (["--status", "unregulated", "--kind", "country"], {"jm"}, {"us"}),
    ],
)
def test_list_filters(runner: CliRunner, args: list[str], must: set[str], must_not: set[str]) -> None:
    result = run(runner, "list", *args, "--json")
    assert result.exit_code == 0, result.stderr
    ids = {item["id"] for item in json.loads(result.stdout)["places"]}
    assert must <= ids and not (must_not & ids)


def test_list_single_therapy_column_and_bad_filters(runner: CliRunner) -> None:
    result = run(runner, "list", "--therapy", "shrooms", "--kind", "state")
    assert result.exit_code == 0
    assert re.search(r"^Oregon +us-or +available$", result.stdout, re.M)
    # New Mexico's own law (a program not running yet) differs from today's answer: marked.
    assert re.search(r"^New Mexico +us-nm +research\* \(own law: pending\)$", result.stdout, re.M)
    bad = run(runner, "list", "--status", "legal")
    assert bad.exit_code == 2
    assert bad.stderr == (
        "psylegal: error: --status must be one of available, unregulated, limited, research, pending,"
        " decriminalized, prohibited, unknown; got 'legal'\n"
    )
    assert run(runner, "list", "--kind", "planet").exit_code == 2
    assert run(runner, "list", "--parent", "atlantis").exit_code == 1


def test_list_with_no_match_says_so(runner: CliRunner) -> None:
    result = run(runner, "list", "--kind", "county", "--status", "available", "--therapy", "lsd")
    assert result.exit_code == 0
    assert result.stdout == "No places match these filters.\n"


# -- therapy / therapies -----------------------------------------------------------------------------
def test_therapy_groups_by_status(runner: CliRunner) -> None:
    result = run(runner, "therapy", "magic mushrooms")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Psilocybin (psilocybin)\n")
    assert out.index("available (") < out.index("limited (") < out.index("decriminalized (")
    assert "Oregon (us-or): Licensed program" in out


def test_therapy_json_and_status_filter(runner: CliRunner) -> None:
    data = json.loads(run(runner, "therapy", "psilocybin", "--status", "available", "--json").stdout)
    assert data["therapy"]["id"] == "psilocybin"
    available = {place["id"] for place in data["statuses"]["available"]}
    assert {"us-or", "us-co"} <= available
    assert all(not places for status, places in data["statuses"].items() if status != "available")


def test_therapy_unknown(runner: CliRunner) -> None:
    result = run(runner, "therapy", "cannabis")
    assert result.exit_code == 1 and result.stderr.startswith("psylegal: error: no therapy matches 'cannabis'")


def test_catalog_aliases_are_whole_names_of_one_substance(runner: CliRunner) -> None:
    # "N,N-DMT" is one alias (YAML once split it into "N" and "N-DMT"); 5-MeO-DMT is another substance.
    assert json.loads(run(runner, "therapy", "N,N-DMT", "--json").stdout)["therapy"]["id"] == "ayahuasca"
    for name in ("N", "N-DMT", "5-MeO-DMT"):
        assert run(runner, "therapy", name).exit_code == 1, name


def test_where_text_shows_the_catalog_cautions_where_the_therapy_is_offered(
    runner: CliRunner, shipped: Catalog
) -> None:
    first = shipped.therapy("ibogaine").safety[0].text.split()[:6]
    offered = run(runner, "where", "germany", "--therapy", "ibogaine", "--full", env={"COLUMNS": "200"}).stdout
    assert "Medical cautions for Ibogaine" in offered and " ".join(first) in offered
    short = run(runner, "where", "germany", "--therapy", "ibogaine", env={"COLUMNS": "200"}).stdout
    assert "Medical cautions for Ibogaine" in short and " ".join(first) in " ".join(short.split())
    banned = run(runner, "where", "france", "--therapy", "ibogaine", "--full", env={"COLUMNS": "200"}).stdout
    assert "ibogaine — prohibited" in banned.lower() and "Medical cautions" not in banned
    assert "Medical cautions" not in run(runner, "where", "france", "--therapy", "ibogaine").stdout


def test_therapies_catalog(runner: CliRunner, shipped: Catalog) -> None:
    result = run(runner, "therapies")
    assert result.exit_code == 0
    shown = re.findall(r"^(\w+) ", result.stdout, re.M)
    assert shown == ["Id", *(therapy.id for therapy in shipped.therapies())]
    data = json.loads(run(runner, "therapies", "--json").stdout)
    assert data["therapies"] == [
        {"id": t.id, "name": t.name, "description": t.description, "aliases": list(t.aliases)}
        for t in shipped.therapies()
    ]
    assert "Spravato" in data["therapies"][1]["aliases"]  # what people type reaches scripts too


# -- misc ------------------------------------------------------------------------------------------
def test_console_entry_point_prints_usage_errors_on_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from psylegal.cli import main

    monkeypatch.setattr("sys.argv", ["psylegal", "list", "--status"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "psylegal: error: Option '--status' requires an argument. (see 'psylegal --help')\n"
    monkeypatch.setattr("sys.argv", ["psylegal", "where", "oregon", "--therapy", "lsd", "--json"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    assert json.loads(capsys.readouterr().out)["therapies"]["lsd"]["status"] == "research"


def test_version(runner: CliRunner) -> None:
    result = run(runner, "--version")
    assert result.exit_code == 0 and result.stdout == f"psylegal {__version__}\n"


def test_no_arguments_shows_help(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from psylegal.cli import main

    monkeypatch.setattr("sys.argv", ["psylegal"])
    with pytest.raises(SystemExit) as exited:
        main()
    captured = capsys.readouterr()
    assert (exited.value.code, captured.err) == (0, "")
    assert re.match(r"Usage: .*psylegal \[OPTIONS\] COMMAND \[ARGS\]\.\.\.\n", captured.out)
    for command in ("where", "list", "therapy", "therapies", "validate", "new", "schema"):
        assert re.search(rf"^  {command} ", captured.out, re.M), command


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["where", "oregon", "--therapy", ""], 2, "give a therapy"),
        (["where", "oregon", "--therapy", " "], 2, "give a therapy"),
        (["list", "--parent", ""], 2, "give a place"),
        (["where", ""], 2, "give a place"),
        (["therapy", ""], 2, "give a therapy"),
    ],
)
def test_empty_values_are_refused(runner: CliRunner, args: list[str], code: int, message: str) -> None:
    result = run(runner, *args)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.startswith(f"psylegal: error: {message}") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("typed", ["\x1b[2J", "a\nb", "\x9b31m", "x\x07"])
def test_error_messages_never_echo_control_characters(runner: CliRunner, typed: str) -> None:
    for args in (["where", typed], ["therapy", typed], ["list", "--status", typed]):
        result = run(runner, *args)
        assert result.exit_code in (1, 2)
        assert result.stderr.startswith("psylegal: error: ") and result.stderr.count("\n") == 1
        assert result.stderr[:-1].isprintable(), result.stderr


def test_commands_take_keyword_arguments_only() -> None:
    import inspect

    from psylegal.commands import listing, therapies, therapy, where

    for module in (where, listing, therapy, therapies):
        parameters = inspect.signature(module.run).parameters.values()
        assert parameters and all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters), module.__name__


def test_shipped_data_dir_is_the_checkout_in_development() -> None:
    from psylegal.data.catalog import locate_data_dir

    assert locate_data_dir() in (SHIPPED, Path(__file__).resolve().parent.parent / "psylegal" / "_data")


# -- filters that mean what people mean --------------------------------------------------------------
def listed(runner: CliRunner, *args: str) -> dict[str, dict[str, Any]]:
    result = run(runner, *args, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    if args[0] == "list":
        return {place["id"]: place for place in data["places"]}
    return {place["id"]: place for places in data["statuses"].values() for place in places}


@pytest.mark.parametrize(
    ("args", "must", "must_not"),
    [
        # Denver's effective status is Colorado's `available`; its own law decriminalized psilocybin.
        (
            ["list", "--status", "decriminalized", "-t", "psilocybin"],
            {"us-co-denver", "us-ca-oakland", "cr"},
            {"us-co"},
        ),
        (["therapy", "psilocybin", "--status", "decriminalized"], {"us-co-denver", "us-ca-oakland", "cr"}, {"us-co"}),
        (["list", "--status", "pending", "-t", "psilocybin"], {"us-nm"}, {"us-or"}),
        (["therapy", "psilocybin", "--no-diagnosis", "--non-resident"], {"us-co", "us-co-denver"}, {"us-nm", "us"}),
        (["list", "-t", "psilocybin", "--route", "licensed-program"], {"us-or", "us-co", "us-co-denver"}, {"us-nm"}),
        (["list", "-t", "mdma", "--route", "expanded-access"], set(), {"us", "us-tx"}),  # closed: not a route in
        (["therapy", "mdma", "--route", "clinical-trial"], {"us", "us-tx"}, {"nl"}),
    ],
)
def test_filters_on_real_data(runner: CliRunner, args: list[str], must: set[str], must_not: set[str]) -> None:
    found = listed(runner, *args)
    assert must <= set(found) and not (must_not & set(found)), sorted(found)


def test_status_filter_marks_matches_by_own_law(runner: CliRunner) -> None:
    found = listed(runner, "list", "--status", "decriminalized", "-t", "psilocybin")
    assert found["us-co-denver"]["match"] == "own"
    assert found["us-co-denver"]["therapies"]["psilocybin"]["status"] == "available"
    assert found["cr"]["match"] == "effective"
    text = run(runner, "list", "--status", "decriminalized", "-t", "psilocybin").stdout
    assert re.search(r"^Denver +us-co-denver +available\* \(own law: decriminalized\)$", text, re.M)
    overview = run(runner, "therapy", "psilocybin", "--status", "decriminalized").stdout
    assert "Denver (us-co-denver): Licensed program; Personal use (matched by own law: decriminalized)" in " ".join(
        overview.split()
    )
    by_therapy = listed(runner, "therapy", "psilocybin", "--status", "decriminalized")
    assert (by_therapy["us-co-denver"]["match"], by_therapy["cr"]["match"]) == ("own", "effective")


def test_eligibility_filters_need_stated_eligibility(runner: CliRunner, shipped: Catalog) -> None:
    """Every place kept has an open route whose data says no diagnosis and visitors welcome; none is guessed."""
    found = listed(runner, "therapy", "psilocybin", "--no-diagnosis", "--non-resident")
    assert found
    for ident in found:
        chain = shipped.chain(shipped.get(ident))
        routes = [
            route
            for place in chain
            if "psilocybin" in place.therapies
            for route in place.therapies["psilocybin"].routes
        ]
        assert any(
            route.state.value == "open"
            and route.eligibility is not None
            and route.eligibility.diagnosis_required is False
            and route.eligibility.residents_only is False
            for route in routes
        ), ident


def test_oregon_is_found_without_a_diagnosis(runner: CliRunner) -> None:
    assert "us-or" in listed(runner, "therapy", "psilocybin", "--no-diagnosis", "--non-resident")


def test_oregon_is_found_by_non_resident(runner: CliRunner) -> None:
    assert {"us-or", "us-co"} <= set(listed(runner, "therapy", "psilocybin", "--non-resident"))


def test_bad_route_is_a_usage_error(runner: CliRunner) -> None:
    result = run(runner, "list", "--route", "mail-order")
    assert result.exit_code == 2
    assert result.stderr.startswith("psylegal: error: --route must be one of prescription, licensed-program,")
    help_text = " ".join(run(runner, "therapy", "--help").stdout.split())
    assert "A route whose eligibility is not stated does not match." in help_text


def test_a_run_builds_only_the_command_it_names() -> None:
    # Typer turns every command's signature into options before parsing; a lookup needs one.
    from psylegal.cli import _app_for, app

    assert [info.callback.__name__ for info in _app_for(["where", "colorado"]).registered_commands] == ["where"]
    assert [info.name for info in _app_for(["list", "--kind", "city"]).registered_commands] == ["list"]
    assert [info.name for info in _app_for(["map", "-t", "mdma"]).registered_commands] == ["map"]
    for whole in ([], ["--help"], ["--version"], ["wher", "colorado"]):
        assert _app_for(whole) is app


def test_where_says_in_plain_words_what_an_unknown_answer_means(runner: CliRunner, shipped: Catalog) -> None:
    """An unknown is never shown bare: the short answer names the unsettled therapies and warns against
    reading them as allowed; asked about one, it gives the note saying what is missing."""
    several = " ".join(run(runner, "where", "cyprus", env={"COLUMNS": "100"}).stdout.split())
    unsettled = [t.name for t in shipped.therapies() if shipped.get("cy").therapies[t.id].status is Status.UNKNOWN]
    assert unsettled and f"Not verified: {', '.join(unsettled)}." in several
    assert "do not assume it allows them" in several
    one = " ".join(run(runner, "where", "cyprus", "--therapy", "ibogaine", env={"COLUMNS": "100"}).stdout.split())
    note = " ".join((shipped.get("cy").therapies["ibogaine"].note or "").split())
    assert note and f"Not verified. {note}" in one
    assert "Not verified" not in run(runner, "where", "colorado").stdout
