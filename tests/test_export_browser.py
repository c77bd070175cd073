"""The HTML export in a real browser: Debian's chromium, driven by Playwright, with the network blocked.

Locally without chromium (or Playwright) these tests skip with the reason; in CI (CI=true), where
.ci/run installs chromium, a missing browser is a failure, never a silent skip.
"""

from __future__ import annotations

import io
import os
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from typer.testing import CliRunner

import psylegal
from psylegal.cli import app
from psylegal.render.html import STATUS_FILLS

from .conftest import PINNED_TODAY, SHIPPED, VALID

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1200, "height": 1000}


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no chromium at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    reason = _missing()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=FLAGS, headless=True, viewport=VIEWPORT
        )
        yield context
        context.close()


class Visit:
    """A page loaded from a file, with every request, console error, page error and dialog recorded."""

    def __init__(self, context: Any, path: Path) -> None:
        self.url = path.as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(self.url)

    def _route(self, route: Any) -> None:
        self.requests.append(route.request.url)
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def visible_rows(self) -> list[str]:
        return list(
            self.page.eval_on_selector_all("#table tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.place)")
        )

    def fill(self, place: str) -> str:
        return str(self.page.get_attribute(f'#map path[data-place="{place}"]', "fill"))


def write_page(tmp_path: Path, *args: str) -> Path:
    target = tmp_path / "psylegal.html"
    result = CliRunner().invoke(app, ["export", "--format", "html", "-o", str(target), *args])
    assert result.exit_code == 0, result.stderr
    return target


@pytest.fixture(scope="module")
def visit(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Visit]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("psylegal.cli._today", lambda: PINNED_TODAY)
        patch.setenv("PSYLEGAL_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        path = write_page(tmp_path_factory.mktemp("page"))
    shown = Visit(browser, path)
    yield shown
    shown.page.close()


def test_the_page_loads_with_no_error_and_no_request_but_its_own(visit: Visit) -> None:
    assert visit.errors == []
    assert visit.requests == [visit.url]
    places = psylegal.places(data_dir=SHIPPED, today=PINNED_TODAY).rows
    assert len(visit.visible_rows()) == len(places)
    assert visit.page.text_content("#count") == f"{len(places)} places"


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def test_the_search_box_filters_the_table(visit: Visit) -> None:
    data = psylegal.load(SHIPPED, today=PINNED_TODAY).export()
    expected = [
        answer.place.id
        for answer in data.places
        if "colorado"
        in fold(
            " ".join(
                [
                    answer.place.name,
                    answer.place.id,
                    answer.place.kind.value,
                    *answer.place.aliases,
                    answer.parents[0].name if answer.parents else "",
                ]
            )
        )
    ]
    visit.page.fill("#search", "Colorado")
    assert visit.visible_rows() == expected
    assert "us-co" in expected and "us-co-denver" in expected and len(expected) < len(data.places)
    assert visit.page.text_content("#count") == f"{len(expected)} of {len(data.places)} places"
    visit.page.fill("#search", "méxico")  # accents and case are ignored, as on the command line
    assert "mx" in visit.visible_rows()
    visit.page.fill("#search", "")
    assert len(visit.visible_rows()) == len(data.places)


def test_the_switcher_recolours_the_map_from_the_keyboard(visit: Visit) -> None:
    colorado = psylegal.where("us-co", data_dir=SHIPPED, today=PINNED_TODAY)
    assert visit.page.input_value("#therapy") == "psilocybin"
    assert visit.fill("us-co") == STATUS_FILLS[colorado.therapy("psilocybin").status]
    visit.page.focus("#therapy")
    visit.page.keyboard.press("ArrowDown")  # the next therapy in catalog order
    therapies = [therapy.id for therapy in psylegal.therapies(data_dir=SHIPPED)]
    chosen = therapies[therapies.index("psilocybin") + 1]
    assert visit.page.input_value("#therapy") == chosen
    assert visit.fill("us-co") == STATUS_FILLS[colorado.therapy(chosen).status]
    # Every state's colour is its own answer for that therapy.
    for state in ("us-or", "us-tx", "us-nm", "us-dc"):
        answer = psylegal.where(state, chosen, data_dir=SHIPPED, today=PINNED_TODAY).therapies[0]
        assert visit.fill(state) == STATUS_FILLS[answer.status]
    before = {state: visit.fill(state) for state in ("us-co", "us-or")}
    visit.page.select_option("#therapy", "psilocybin")
    assert {state: visit.fill(state) for state in before} != before
    assert visit.page.text_content('#map path[data-place="us-co"] title') == "Colorado: Available"


def test_the_column_headers_sort_the_table(visit: Visit) -> None:
    names = lambda: visit.page.eval_on_selector_all(  # noqa: E731
        "#table tbody tr", "rows => rows.map(r => r.querySelector('th').textContent)"
    )
    header = visit.page.locator('#table th[data-key="name"] button')
    header.focus()
    visit.page.keyboard.press("Enter")
    ascending = names()
    assert ascending == sorted(ascending, key=fold)
    assert visit.page.get_attribute('#table th[data-key="name"]', "aria-sort") == "ascending"
    visit.page.keyboard.press("Enter")
    assert names() == list(reversed(ascending))
    assert visit.page.get_attribute('#table th[data-key="name"]', "aria-sort") == "descending"
    # A therapy column sorts by status, in the legend's order.
    visit.page.click('#table th[data-key="psilocybin"] button')
    order = [status.label for status in STATUS_FILLS]
    shown = visit.page.eval_on_selector_all(
        "#table tbody tr", "rows => rows.map(r => r.children[5].textContent.trim().split(' own law')[0])"
    )
    ranks = [next(i for i, label in enumerate(order) if cell.startswith(label)) for cell in shown]
    assert ranks == sorted(ranks) and ranks[0] < ranks[-1]
    assert visit.page.get_attribute('#table th[data-key="name"]', "aria-sort") is None


def test_a_screenshot_shows_the_page(visit: Visit) -> None:
    visit.page.evaluate("window.scrollTo(0, 0)")
    image = Image.open(io.BytesIO(visit.page.screenshot())).convert("RGB")
    assert image.size == (VIEWPORT["width"], VIEWPORT["height"])
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20) or []}
    assert len(colours) > 50  # text, map and legend, not a blank page
    shown = {STATUS_FILLS[status] for status in STATUS_FILLS}
    hexes = {"#{:02x}{:02x}{:02x}".format(*colour) for colour in colours}
    assert len(shown & hexes) >= 2  # the map's fills are painted


def test_a_phone_width_page_scrolls_only_the_table(browser: Any, tmp_path: Path) -> None:
    page = browser.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto(write_page(tmp_path, "--data-dir", str(SHIPPED)).as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("document.querySelector('.table-wrap').scrollWidth") > 390
    page.close()


def test_hostile_data_stays_text(browser: Any, data_copy: Path, tmp_path: Path) -> None:
    hostile = "<img src=x onerror=alert(1)></script><!--<script>alert(2)</script>"
    path = data_copy / "zz-aa.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Aaland", f"name: '{hostile}'"), "utf-8")
    shown = Visit(browser, write_page(tmp_path, "--data-dir", str(data_copy)))
    assert (shown.errors, shown.dialogs, shown.requests) == ([], [], [shown.url])
    assert shown.page.text_content('#table tr[data-place="zz-aa"] th') == hostile
    assert shown.page.locator("#table img, #details img, script:not([id])").count() == 1  # only our own script
    assert len(shown.visible_rows()) == len(psylegal.places(data_dir=VALID, today=PINNED_TODAY).rows)
    shown.page.close()


def test_a_one_therapy_page_maps_that_therapy(browser: Any, tmp_path: Path) -> None:
    shown = Visit(browser, write_page(tmp_path, "--therapy", "ecstasy", "--data-dir", str(SHIPPED)))
    assert (shown.errors, shown.requests) == ([], [shown.url])
    assert shown.page.eval_on_selector_all("#therapy option", "options => options.map(o => o.value)") == ["mdma"]
    oregon = psylegal.where("us-or", "mdma", data_dir=SHIPPED, today=PINNED_TODAY).therapies[0]
    assert shown.fill("us-or") == STATUS_FILLS[oregon.status]
    assert shown.page.locator("#table thead th").count() == 5  # place, kind, in, MDMA, reviewed
    shown.page.close()


def test_a_place_link_opens_its_details_with_the_sources_as_links(visit: Visit) -> None:
    colorado = psylegal.where("us-co", data_dir=SHIPPED, today=PINNED_TODAY)
    visit.page.fill("#search", "")
    visit.page.click('#table tr[data-place="us-co"] th a')
    assert visit.page.evaluate("document.getElementById('place-us-co').open") is True
    links = visit.page.eval_on_selector_all("#place-us-co ol a", "links => links.map(a => a.getAttribute('href'))")
    assert links == [source.url for source in colorado.sources]
    assert visit.requests == [visit.url]  # following an in-page link loads nothing


def test_a_historical_page_says_so_and_maps_that_day(browser: Any, tmp_path: Path) -> None:
    """Oregon's licensed psilocybin program opened in 2023-06: the page as of 2022-01-01 maps the law then."""
    shown = Visit(browser, write_page(tmp_path, "--as-of", "2022-01-01", "--data-dir", str(SHIPPED)))
    assert (shown.errors, shown.requests) == ([], [shown.url])
    label = "as the law stood at the end of 2022-01-01"
    assert label in shown.page.title()
    assert shown.page.is_visible(".historical") and label in str(shown.page.text_content(".historical"))
    assert label in str(shown.page.text_content("#map-caption"))
    then = psylegal.where("us-or", "psilocybin", as_of="2022-01-01", data_dir=SHIPPED, today=PINNED_TODAY)
    now = psylegal.where("us-or", "psilocybin", data_dir=SHIPPED, today=PINNED_TODAY)
    assert shown.fill("us-or") == STATUS_FILLS[then.therapies[0].status] != STATUS_FILLS[now.therapies[0].status]
    shown.page.close()
