"""Render the seeds report as HTML and photograph it in Debian's chromium, for a person to look at.

    python bench/screenshots/take.py            # the real pipeline over seeds/ (loads the model)
    python bench/screenshots/take.py --fixture  # the hand-built report in fixtures/render/
    python bench/screenshots/take.py --all      # also a narrow (phone) and a print-media shot

Writes seeds-report.html and seeds-report.png next to this script and prints what it
wrote and how long rendering took.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from quotediff.render.html import render

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "fixtures" / "render"))
from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (fixtures/render/browser.py)


def seeds_report(use_fixture: bool):
    if use_fixture:
        import render_reports

        return render_reports.seeds_report()
    from quotediff.pipeline import compare

    return compare([str(ROOT / "seeds")])


def main() -> None:
    report = seeds_report("--fixture" in sys.argv)
    started = time.perf_counter()
    page_html = render(report, title="Seeds: how five outlets quoted the same statements")
    elapsed = time.perf_counter() - started
    html_path = HERE / "seeds-report.html"
    html_path.write_text(page_html, encoding="utf-8")
    print(
        f"{html_path.relative_to(ROOT)}: {len(page_html.encode()):,} bytes, {len(report.clusters)} clusters, rendered in {elapsed * 1000:.0f} ms"
    )

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        shots = [("seeds-report.png", 1280, "screen")]
        if "--all" in sys.argv:
            shots += [("seeds-report-narrow.png", 420, "screen"), ("seeds-report-print.png", 900, "print")]
        for name, width, media in shots:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(html_path.as_uri())
            page.emulate_media(media=media)
            page.screenshot(path=str(HERE / name), full_page=True)
            print(f"{(HERE / name).relative_to(ROOT)}: {width}px wide, {media}")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
