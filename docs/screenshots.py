"""Make the README's two screenshots: the overview page and a brief page, into docs/.

    make screenshots            # or: python docs/screenshots.py [--out docs]

A store is built in a temporary folder from the bundled examples (briefed by the real pipeline, so the brief page
is the product's own output) and the tests' generated newsroom (tests/web_newsroom.py: four months of made-up
fishing talks, so the overview has bars to draw); ``newsbrief serve``'s app runs on a free port of 127.0.0.1, and
Debian's Chromium (headless, through Playwright, as the browser tests) takes the two pictures at 1100 px wide.
Needs the test extra (playwright) and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--no-first-run", "--disable-sync"]
WIDTH, HEIGHT = 1100, 1300


def build_store(db: Path) -> str:
    """The store; returns the id of the brief to show (the defence-spending example)."""
    import web_newsroom  # type: ignore[import-not-found]
    from newsbrief.ingest import read
    from newsbrief.pipeline import Pipeline
    from newsbrief.store import Store

    web_newsroom.build(db)
    examples = sorted((ROOT / "examples").glob("*.txt"))
    articles = [next(iter(read(str(p)))) for p in examples]
    with Store(db) as store:
        for brief in Pipeline().run(articles):
            store.add(brief)
    return articles[[p.name for p in examples].index("defence-spending.txt")].id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from newsbrief.web import create_app
    from test_browser import serving  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "news.db"
        brief_id = build_store(db)
        with serving(create_app(db)) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            shots = (("screenshot-overview.png", "/overview"), ("screenshot-brief.png", f"/briefs/{brief_id}"))
            for name, path in shots:
                page.goto(url + path)
                page.screenshot(path=str(args.out / name))  # the window, not the whole page: a small file
                print(args.out / name)
            browser.close()


if __name__ == "__main__":
    main()
