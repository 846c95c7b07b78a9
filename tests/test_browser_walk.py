"""An analyst's walk through the web UI in a real browser (Debian's Chromium, headless, through Playwright), on a
desktop and on a phone: home -> search -> a facet -> a brief -> its speaker -> relations -> overview. Each step
asserts what the page shows and that nothing is wider than the window; screenshots go to the test's temporary
folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

import web_newsroom
from test_browser import serving

pytestmark = [pytest.mark.slow, pytest.mark.browser]

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from newsbrief.web import create_app

    db = web_newsroom.build(tmp_path_factory.mktemp("walk") / "news.db")
    with serving(create_app(db)) as url:
        yield url


def _fits(page: Page, step: str) -> None:
    """No horizontal overflow: the page is no wider than the window (a table or chart may scroll in its box)."""
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{step}: the page is {widths[0]} px wide in a {widths[1]} px window"


def _shot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_an_analysts_walk_fits_the_screen(server: str, browser: Browser, device: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport=VIEWPORTS[device])  # type: ignore[arg-type]
    page = context.new_page()
    requested: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # Home: the latest briefs, the true total and the page links.
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Latest briefs"
    assert page.locator("ol.briefs > li").count() == 20
    assert "Briefs 1–20 of 47" in page.locator("main").inner_text()
    expect(page.locator("nav.pager a[rel=next]")).to_be_visible()
    _fits(page, "home")
    _shot(page, tmp_path, f"{device}-home")

    # Search through the form: the total of every match, with facets.
    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label("Words").fill("fishing")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?**")
    assert page.locator(".result-count").inner_text().startswith("47 quotations found")
    speakers = page.locator("section.facet-speaker")
    expect(speakers).to_be_visible()
    _fits(page, "search")
    _shot(page, tmp_path, f"{device}-search")

    # A facet: the speaker's count is what the filtered search finds.
    walker = speakers.locator("li").filter(has_text="Tom Walker")
    assert walker.locator(".n").inner_text() == "14"
    walker.locator("a").click()
    page.wait_for_url("**speaker=tom-walker**")
    assert page.locator(".result-count").inner_text().startswith("14 quotations found")
    assert set(page.locator(".result .speaker-name").all_inner_texts()) == {"Tom Walker"}
    assert page.locator("section.facet-speaker li.active").inner_text().startswith("Tom Walker")
    _fits(page, "facet")

    # A brief from a result: the quotation with its speaker card and the events, all inside the window.
    page.locator(".result .dateline a").first.click()
    page.wait_for_url("**/briefs/**")
    assert page.locator("h1").inner_text().startswith("Talks on fishing quotas, round")
    assert page.locator("figure.quote .speaker-name").first.inner_text() == "Tom Walker"
    expect(page.locator("section.events")).to_be_visible()
    _fits(page, "brief")
    _shot(page, tmp_path, f"{device}-brief")

    # The speaker's page, from the card.
    page.locator("figure.quote a.speaker-name").first.click()
    page.wait_for_url("**/speakers/tom-walker")
    assert "14 times in 14 articles" in page.locator("dl.facts").inner_text()
    assert page.locator("ol.timeline > li").count() == 14
    _fits(page, "speaker")

    # Relations of two countries: the chart, and the events it could not date, listed.
    page.get_by_role("link", name="Relations", exact=True).click()
    page.locator("input[name=a]").fill("GBR")
    page.locator("input[name=b]").fill("FRA")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/relations?**")
    expect(page.locator("svg.chart")).to_be_visible()
    page.get_by_role("link", name="3 events that could not be dated").click()
    expect(page.locator("section#undated")).to_be_in_viewport()
    assert page.locator("section#undated li").count() == 3
    _fits(page, "relations")
    _shot(page, tmp_path, f"{device}-relations")

    # The overview: two bar charts with labels a reader can read on this screen, and the busiest pairs.
    page.get_by_role("link", name="Overview", exact=True).click()
    page.wait_for_url("**/overview")
    charts = page.locator("svg.bars")
    assert charts.count() == 2
    label = charts.first.locator("text.period").first.bounding_box()
    assert label is not None and label["height"] >= 9, label  # about 11 px and up on a phone
    assert page.locator("table.pairs tbody tr").first.inner_text().startswith("JPN–USA")
    _fits(page, "overview")
    _shot(page, tmp_path, f"{device}-overview")
    # A bar's part opens the events it counts.
    charts.nth(1).locator("a.bar-link").first.click()
    page.wait_for_url("**/events?**")
    assert page.locator(".result-count").inner_text().split()[1] == "events"
    _fits(page, "events")

    assert requested and all(url.startswith(server) for url in requested), requested
    assert dialogs == []
    assert {p.name for p in tmp_path.glob("*.png")} >= {f"{device}-{n}.png" for n in ("home", "brief", "overview")}
    context.close()
