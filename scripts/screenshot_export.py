"""Take the README's screenshot of the HTML export (docs/export-html.png) in Debian's chromium.

    pip install -e '.[test]'; apt-get install chromium
    python scripts/screenshot_export.py [--today YYYY-MM-DD]

The page is exported from the shipped data, opened from a file with every other request refused,
and shot at 1200x1400 (the map, the legend and the top of the table); the PNG is reduced to a 256-colour
palette to keep the repository small.
"""

from __future__ import annotations

import argparse
import datetime
import io
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import Route, sync_playwright

import psylegal
from psylegal.render import exporter

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "export-html.png"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today())
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.stderr.write("screenshot_export: no chromium on PATH (apt-get install chromium)\n")
        return 1
    dataset = psylegal.load(ROOT / "jurisdictions", today=args.today).export()
    with tempfile.TemporaryDirectory() as scratch:
        page_file = Path(scratch) / "psylegal.html"
        page_file.write_text(exporter("html").export(dataset), encoding="utf-8")
        with sync_playwright() as driver:
            context = driver.chromium.launch_persistent_context(
                str(Path(scratch) / "profile"),
                executable_path=chromium,
                args=FLAGS,
                headless=True,
                viewport={"width": 1200, "height": 1400},
            )
            page = context.new_page()

            def only_the_page(route: Route) -> None:
                if route.request.url == page_file.as_uri():
                    route.continue_()
                else:
                    route.abort()

            page.route("**/*", only_the_page)
            page.goto(page_file.as_uri())
            shot = page.screenshot()
            context.close()
    image = Image.open(io.BytesIO(shot)).convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    TARGET.parent.mkdir(exist_ok=True)
    image.save(TARGET, optimize=True)
    print(f"{TARGET.relative_to(ROOT)}: {image.size[0]}x{image.size[1]}, {TARGET.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
