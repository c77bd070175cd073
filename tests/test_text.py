"""The terminal text: routes by state, eligibility, sources; goldens on fixture data, facts on real data.

Goldens live in tests/goldens/; after a deliberate change, rewrite them with
`PSYLEGAL_UPDATE_GOLDENS=1 pytest tests/test_text.py` and read the diff before committing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from psylegal.cli import app
from psylegal.law.model import Cost, Eligibility, Setting, Source, Status
from psylegal.render.terminal import Painter
from psylegal.render.text import NO_ROUTE, eligibility_line, legend, source_line

from .conftest import FIXTURES

ROUTES = FIXTURES / "routes"
GOLDENS = FIXTURES.parent / "goldens"


def show(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("name", "args"),
    [
        # The short answer (the default) and --full, which adds the detail and the numbered sources.
        ("where-qz", ["where", "qz"]),
        ("where-qz-mdma", ["where", "qz", "--therapy", "mdma"]),
        ("where-qz-full", ["where", "qz", "--full"]),
        ("where-qz-mdma-full", ["where", "qz", "--therapy", "mdma", "--full"]),
        ("list-qz", ["list"]),
        ("therapy-ibogaine", ["therapy", "ibogaine"]),
    ],
)
def test_goldens_on_fixture_data(runner: CliRunner, name: str, args: list[str]) -> None:
    actual = show(runner, *args, "--data-dir", str(ROUTES))
    golden = GOLDENS / f"{name}.txt"
    if os.environ.get("PSYLEGAL_UPDATE_GOLDENS"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


def test_where_shows_routes_by_state_on_fixture_data(runner: CliRunner) -> None:
    out = show(runner, "where", "qz", "--full", "--data-dir", str(ROUTES))
    # Under "How to get access" only open routes; closed, unconfirmed and coming routes are not access.
    assert re.search(r"^MDMA +research +Clinical trial +—$", out, re.M)
    assert re.search(r"^LSD +pending +Not operating yet +—$", out, re.M)
    assert re.search(
        r"^Ibogaine +pending +Not operating yet +—\n +Coming: Licensed program, expected 2027-06", out, re.M
    )
    assert "• Closed 2023: Expanded access: Fifty patients" in out  # `until` given
    assert "• Closed: Special access scheme:" in out  # no `until`: no date is invented
    assert "• Not confirmed running: Pilot program:" in out
    assert "Eligibility: 21+ · no diagnosis · visitors welcome · no prescription · licensed centre" in out
    # Undated and dated sources both say when they were read.
    assert "Quzland patient guide, undated, read 2026-01-10" in out
    assert "Quzland Therapies Act — Quzland Parliament, 2023-05, read 2026-01-15" in out
    assert "None" not in out


@pytest.mark.parametrize(
    ("eligibility", "expected"),
    [
        (Eligibility(sources=()), ""),
        (
            Eligibility(
                sources=(), min_age=21, residents_only=False, diagnosis_required=False, prescription_required=False
            ),
            "21+ · no diagnosis · visitors welcome · no prescription",
        ),
        (
            Eligibility(sources=(), diagnosis_required=True, conditions=("PTSD", "depression"), residents_only=True),
            "diagnosis required (PTSD, depression) · residents only",
        ),
        (Eligibility(sources=(), diagnosis_required=True), "diagnosis required"),
        (
            Eligibility(sources=(), prescription_required=True, setting=(Setting.HOME,)),
            "prescription or referral · home",
        ),
        (Eligibility(sources=(), cost=Cost("USD", min=1000, max=3500.5)), "USD 1,000–3,500.50"),
        (Eligibility(sources=(), cost=Cost("AUD", max=25000, note="a course")), "up to AUD 25,000 a course"),
        (Eligibility(sources=(), cost=Cost("USD", min=500)), "from USD 500"),
        (Eligibility(sources=(), cost=Cost("EUR", min=90, max=90)), "EUR 90"),
    ],
)
def test_eligibility_shows_only_what_the_data_states(eligibility: Eligibility, expected: str) -> None:
    assert eligibility_line(eligibility) == expected


@pytest.mark.parametrize(
    ("eligibility", "named", "plain"),
    [
        (None, "eligibility not recorded", ""),
        (Eligibility(sources=()), "not stated: age, diagnosis, residency", ""),
        (
            Eligibility(sources=(), min_age=21, residents_only=False),
            "21+ · visitors welcome; not stated: diagnosis",
            "21+ · visitors welcome",
        ),
        (
            Eligibility(sources=(), min_age=18, residents_only=True, diagnosis_required=True),
            "18+ · diagnosis required · residents only",
            "18+ · diagnosis required · residents only",
        ),
    ],
)
def test_eligibility_can_name_what_is_not_stated(eligibility: Eligibility | None, named: str, plain: str) -> None:
    # `find` names the unknowns a person filters on; `where` leaves them out.
    assert eligibility_line(eligibility, unknown=True) == named
    assert eligibility_line(eligibility) == plain


def test_source_line_never_prints_none() -> None:
    dated = Source("s", "Title", "https://example.org", "2025-03-04", "2026-11-28", "Publisher")
    assert source_line(dated) == "Title — Publisher, 2025-03-04, read 2026-11-28"
    assert source_line(dated._replace(date=None, publisher=None)) == "Title, undated, read 2026-11-28"


def test_research_has_its_own_phrase_symbol_and_legend_entry() -> None:
    assert NO_ROUTE.keys() == set(Status)
    assert NO_ROUTE[Status.RESEARCH] == "Clinical trials only"
    assert Status.RESEARCH.symbol == "R"
    assert "R research" in " ".join(legend(Painter(False), 80))
    colours = [status.colour for status in Status]
    assert len(set(colours)) == len(colours)  # research is told apart from limited by colour too


# -- real data ------------------------------------------------------------------------------------
# The "Since" column: a date (the deciding layer's `since` or its last dated change), or "—".
SINCE = r"(?:—|\d{4}(?:-\d\d){0,2})"


def test_us_mdma_shows_expanded_access_as_history_not_access(runner: CliRunner) -> None:
    out = show(runner, "where", "texas", "--therapy", "mdma", "--full")
    row = re.search(rf"^MDMA +research +(.*?) +{SINCE}$", out, re.M)
    assert row and row.group(1) == "Clinical trial"
    assert re.search(
        r"• Closed: Expanded access \(United States(, since [\d-]+)?\): .*fully enrolled", " ".join(out.split())
    )


def test_new_mexico_psilocybin_is_coming_with_its_expected_date(runner: CliRunner) -> None:
    out = show(runner, "where", "new mexico", "--therapy", "psilocybin", "--full")
    assert re.search(
        rf"^Psilocybin +research +Clinical trial +{SINCE}\n +Coming: Licensed program, expected 2026-12-31", out, re.M
    )
    assert "• Coming: Licensed program (New Mexico, expected 2026-12-31):" in out


def test_oregon_eligibility_is_shown_compactly(runner: CliRunner) -> None:
    short = show(runner, "where", "oregon", "--therapy", "psilocybin")
    assert re.search(r"^Psilocybin +available +Licensed program +[\d-]+\n +21\+ · no diagnosis · visitors", short, re.M)
    out = show(runner, "where", "oregon", "--therapy", "psilocybin", "--full")
    line = next(line for line in out.splitlines() if line.strip().startswith("Eligibility:"))
    assert "21+" in line and "visitors welcome" in line
    assert "residents only" not in out


def test_no_real_source_prints_none(runner: CliRunner) -> None:
    for place in ("oregon", "us-nm", "denver", "texas", "au", "nl"):
        sources = " ".join(show(runner, "where", place, "--full").split("\nSources\n", 1)[1].split())
        assert ", None" not in sources
        dates = re.findall(r", (?:undated|\d{4}(?:-\d\d){0,2}), read \d{4}-\d\d-\d\d https://", sources)
        assert len(dates) == len(re.findall(r"\[\d+\] ", sources)) > 0, place


def test_access_names_unconfirmed_routes_where_the_status_phrase_would_say_nothing(runner: CliRunner) -> None:
    """Available or limited with no route confirmed open that day (an undated route, asked about a day
    before the file's review), or unknown with a route nobody could confirm: the cell names the routes
    and says they are not confirmed running. Other statuses keep their phrase."""
    wide = {"COLUMNS": "200"}
    then = " ".join(runner.invoke(app, ["where", "oregon", "--as-of", "2022-01-01"], env=wide).stdout.split())
    assert "Ketamine available Prescription (not confirmed running) 1970" in then
    assert "LSD decriminalized No lawful supply; possession deprioritised 2021-02-01" in then
    assert "Psilocybin research Clinical trials only 2018-08" in then
    cyprus = " ".join(runner.invoke(app, ["where", "cyprus", "--therapy", "ketamine"], env=wide).stdout.split())
    assert "Ketamine unknown Clinical trial (not confirmed running)" in cyprus
    assert "Esketamine" not in cyprus and "(not confirmed running)" not in " ".join(
        runner.invoke(app, ["where", "colorado"], env=wide).stdout.split()
    )


def test_where_says_once_what_a_local_measure_cannot_do(runner: CliRunner) -> None:
    """A city's decriminalization gets one generated point, dated by the file's newest source, instead
    of the same uncited warnings copied into every city file."""
    from .conftest import SHIPPED
    from .test_query import newest_own_date

    newest = newest_own_date(SHIPPED / "us-ca-oakland.yaml")
    short = " ".join(show(runner, "where", "oakland").split())
    assert (
        f"• Oakland's measure binds only its own officials, inside its limits; the newest source read for it"
        f" dates from {newest}: check that it is still in force. …"
    ) in short
    full = " ".join(show(runner, "where", "oakland", "--full").split())
    assert "It licenses no one, state and federal law still apply, and it can be amended or repealed." in full
    assert "measure binds only" not in show(runner, "where", "denver")  # Colorado's own law overtook it
    assert "measure binds only" not in show(runner, "where", "oakland", "--therapy", "lsd")  # not covered


def test_full_shows_each_layers_research_log_beside_its_own_note(runner: CliRunner, data_copy: Path) -> None:
    """Layer by layer, most specific first: a note, then what was searched for it, then the next layer."""
    country = data_copy / "zz.yaml"
    country.write_text(
        country.read_text(encoding="utf-8").replace(
            "  lsd:\n    status: prohibited\n",
            "  lsd:\n    status: prohibited\n    note: Zedland lists LSD by name.\n"
            "    searched: The gazette index, for the schedule's latest amendment.\n",
            1,
        ),
        encoding="utf-8",
    )
    full = " ".join(show(runner, "where", "zz-aa-town", "--therapy", "lsd", "--full", "--data-dir", "data").split())
    order = [
        "– Town: The resolution's text on synthetic drugs was not found.",
        "– Town: Searched: The city clerk's archive and the town paper, for the resolution's full text.",
        "– Zedland: Zedland lists LSD by name.",
        "– Zedland: Searched: The gazette index, for the schedule's latest amendment.",
    ]
    positions = [full.find(text) for text in order]
    assert -1 not in positions and positions == sorted(positions), positions


def test_the_research_log_stays_out_of_the_short_answer(runner: CliRunner) -> None:
    """`searched` (what was looked for and not found) is for maintainers: `--full` and `stale` show it."""
    data = ["--data-dir", str(FIXTURES / "valid")]
    log = "The city clerk's archive and the town paper, for the resolution's full text."
    short = show(runner, "where", "zz-aa-town", "--therapy", "lsd", *data)
    assert "Not verified. The resolution's text on synthetic drugs was not found." in " ".join(short.split())
    assert "clerk" not in short
    full = " ".join(show(runner, "where", "zz-aa-town", "--therapy", "lsd", "--full", *data).split())
    assert f"Searched: {log}" in full
    queue = " ".join(show(runner, "stale", "--kind", "unknown", *data).split())
    assert f"The resolution's text on synthetic drugs was not found. Searched: {log}" in queue
