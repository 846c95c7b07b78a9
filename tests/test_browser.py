"""The web UI in a real browser (Debian's Chromium, headless, through Playwright): a reader opens the latest briefs,
a brief, searches a speaker and opens the relations chart. Screenshots go to test-artifacts/ (not committed)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import expect

from newsbrief.store import Store
from newsbrief.web import create_app
from test_store_corpus import HOSTILE, ISHIBA_REPLY, TRUMP_RALLY, corpus_briefs, make_brief

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(app: object) -> Iterator[str]:
    """``app`` served by uvicorn on a free loopback port in a thread; yields its base URL, stops it after."""
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "news.db"
    with Store(db) as store:
        for brief in corpus_briefs() + [make_brief(HOSTILE)]:
            store.add(brief)
    with serving(create_app(db)) as url:
        yield url


def test_reader_journey(server: str, page) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    requested: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # Home: the latest briefs, newest first; the hostile title shows as text and runs nothing.
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Latest briefs"
    headlines = page.locator("a.headline").all_inner_texts()
    assert headlines[0] == "<script>alert('title')</script> Council row"
    assert ISHIBA_REPLY.title in headlines
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)

    # A brief: the lead, the quotation with its speaker card, the echo, the events.
    page.get_by_role("link", name=ISHIBA_REPLY.title).click()
    page.wait_for_url("**/briefs/**")
    assert page.locator("h1").inner_text() == ISHIBA_REPLY.title
    card = page.locator("figure.quote").filter(has_text="Japan sets its defence budget")
    assert card.locator(".speaker-name").inner_text() == "Shigeru Ishiba"
    assert card.locator(".speaker-role").inner_text() == "Prime Minister of Japan"
    assert page.locator("p.echo").first.inner_text() == "echoes a statement of 2026-03-02"
    assert page.locator("section.events tbody tr td").nth(1).inner_text() == "REJECT"
    # The story event, under the lead: visible, and not marked a guess.
    story = page.locator("p.story")
    assert story.is_visible() and story.inner_text().startswith("Story event: REJECT")
    assert story.locator(".guess").count() == 0
    page.screenshot(path=str(ARTIFACTS / "brief.png"), full_page=True)

    # Articles by their story event, through the form's select.
    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label("Story event").select_option("THREATEN")
    page.locator("select[name=what]").select_option("articles")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?**")
    assert page.locator(".result-count").inner_text() == "1 article found"
    assert page.locator("ol.briefs a.headline").all_inner_texts() == [TRUMP_RALLY.title]

    # Search a speaker through the form.
    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label("Speaker").fill("Trump")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?**")
    assert page.locator(".result-count").inner_text() == "5 quotations found"
    assert set(page.locator(".result .speaker-name").all_inner_texts()) == {"Donald Trump"}
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)

    # The speaker's page from a result, with the timeline.
    page.locator(".result .speaker-name").first.click()
    page.wait_for_url("**/speakers/donald-trump")
    assert page.locator("ol.timeline > li").count() == 5

    # The relations chart: two countries, a point per month, each linking to its events.
    page.get_by_role("link", name="Relations", exact=True).click()
    page.locator("input[name=a]").fill("USA")
    page.locator("input[name=b]").fill("JPN")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/relations?**")
    chart = page.locator("svg.chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    assert chart.locator("circle.point").count() == 2
    assert chart.locator("circle.conflict").count() == 1
    chart.locator("a.point-link").first.click()
    page.wait_for_url("**#p-2026-03")
    march = page.locator("section#p-2026-03")
    # The heading as the reader sees it (the stylesheet sets section headings in capitals).
    assert march.locator("h2").inner_text().lower() == "2026-03 · index -5.50 · 2 events"
    # The click brought the period's events into the window.
    expect(march).to_be_in_viewport()
    assert "THREATEN" in march.inner_text()
    page.screenshot(path=str(ARTIFACTS / "relations.png"), full_page=True)

    # Nothing was fetched from anywhere but this server, and no script ran.
    assert requested and all(url.startswith(server) for url in requested), requested
    assert dialogs == []



@pytest.fixture(scope="module")
def briefed_server(tmp_path_factory: pytest.TempPathFactory, nlp) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A store of the bundled examples briefed by the real pipeline: direct, block and reported speech."""
    from newsbrief.ingest import read
    from newsbrief.pipeline import Pipeline

    examples = Path(__file__).resolve().parents[1] / "examples"
    articles = [next(iter(read(str(p)))) for p in sorted(examples.glob("*.txt"))]
    db = tmp_path_factory.mktemp("briefed") / "news.db"
    with Store(db) as store:
        for brief in Pipeline().run(articles):
            store.add(brief)
    with serving(create_app(db)) as url:
        yield url


def test_reported_speech_is_never_shown_in_quotation_marks(briefed_server: str, page) -> None:  # type: ignore[no-untyped-def]
    """A journalist copying from the page must not take reported speech for the speaker's own words."""
    page.goto(briefed_server + "/")
    links = [briefed_server + href for href in page.locator("ol.briefs a.headline").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")]
    assert len(links) >= 3
    seen_reported = 0
    for link in links:
        page.goto(link)
        reported = page.locator("figure.quote.reported")
        seen_reported += reported.count()
        for text in reported.all_inner_texts():
            assert "“" not in text and "”" not in text and text.startswith("reported"), text
        for text in page.locator("figure.quote:not(.reported) blockquote").all_inner_texts():
            assert text.startswith("“") and text.endswith("”")
    assert seen_reported > 0, "the examples hold reported speech"
