"""The overview (quotations and events per period, events by quad class as stacked bars, the busiest country pairs
with their index), the events behind each bar, and the facet counts beside search results: every bar and every facet
a link, and what it links to holds as many rows as it says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import web_newsroom
from newsbrief.store import Store
from newsbrief.web import create_app
from test_store_corpus import HOSTILE, make_brief
from test_web import Page, get_page


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(web_newsroom.build(tmp_path_factory.mktemp("overview") / "news.db")))


def _count(page: Page, noun: str) -> int:
    found = re.search(rf"(\d+) {noun}", page.words)
    assert found, page.words[:500]
    return int(found.group(1))


def test_overview_draws_quotations_and_events_per_month_as_linked_svg_bars(client: TestClient) -> None:
    response = client.get("/overview")
    assert response.status_code == 200
    page = Page(response.text)
    assert "svg" in page.tags and "rect" in page.tags and "script" not in page.tags
    assert "Quotations per month" in page.words and "Events per month by quad class" in page.words
    # The text alternative: the SVG's title and description, and the figures as a table.
    assert "4 bars from 2026-01 to 2026-04, 44 quotations in all" in page.words
    assert "The figures as a table" in page.words
    assert "3 quotations have no date and are in no bar" in page.words
    january = "/search?what=quotes&since=2026-01-01&until=2026-01-31"
    assert january in page.links
    assert _count(get_page(client, january), "quotations found") == 12  # the bar's height, in the table too
    assert "2026-01 12 2026-02 9 2026-03 12 2026-04 11" in page.words


def test_each_part_of_an_events_bar_links_to_its_events(client: TestClient) -> None:
    page = get_page(client, "/overview")
    conflict = "/events?since=2026-01-01&until=2026-01-31&quad=verbal+conflict"
    assert conflict in page.links and "2026-01, verbal conflict: 8" in page.words
    events = get_page(client, conflict)
    assert "8 events of verbal conflict, 2026-01-01 to 2026-01-31" in events.words
    assert events.words.count("(conditional)") == 0 and "Japan (JPN) ACCUSE the United States (USA)" in events.words
    assert client.get("/api/events", params={"quad": "verbal conflict", "since": "2026-01-01",
                                             "until": "2026-01-31"}).headers["X-Total-Count"] == "8"
    legend = Page(client.get("/overview").text)
    assert all(q in legend.words for q in ("material cooperation", "verbal cooperation", "verbal conflict"))


def test_overview_lists_the_busiest_country_pairs_with_their_index(client: TestClient) -> None:
    page = get_page(client, "/overview")
    assert "JPN–USA 32 +0.50" in page.words and "FRA–GBR 15 -6.00" in page.words
    assert page.words.index("JPN–USA") < page.words.index("FRA–GBR")  # busiest first
    assert "/relations?a=JPN&b=USA" in page.links


def test_overview_by_week_and_day_says_what_it_left_out(client: TestClient) -> None:
    week = get_page(client, "/overview?by=week")
    assert "Quotations per week" in week.words and "left out" not in week.words
    day = get_page(client, "/overview?by=day")
    assert "The latest 60 days are drawn" in day.words and "/overview?by=month" in day.links
    body = client.get("/api/overview", params={"by": "day"}).json()
    assert len(body["periods"]) == 60 and body["periods_left_out"] > 0 and body["undated_events"] == 3
    assert body["pairs"][0] == {"a": "JPN", "b": "USA", "events": 32, "index": 0.5, "counts": {
        "verbal cooperation": 16, "material cooperation": 0, "verbal conflict": 16, "material conflict": 0}}


def test_search_shows_facet_counts_that_filter_when_followed(client: TestClient) -> None:
    page = get_page(client, "/search?q=fishing")
    for heading in ("Speaker", "Country", "Outlet", "Kind", "Story event", "Month"):
        assert heading in page.text, heading
    assert "Tom Walker 14" in page.words and "indirect 12" in page.words and "Harbour Gazette 16" in page.words
    assert "✕ any speaker" not in page.words  # nothing to clear before a facet is chosen
    walker = "/search?q=fishing&speaker=tom-walker"
    assert walker in page.links
    narrowed = get_page(client, walker)
    assert _count(narrowed, "quotations found") == 14 and "✕ any speaker" in narrowed.words
    reported = get_page(client, "/search?q=fishing&speaker=tom-walker&kind=indirect")
    assert _count(reported, "quotation") == len([i for i in range(47) if i % 3 == 1 and i % 7 and i % 4 == 1])
    month = get_page(client, "/search?q=fishing&since=2026-03-01&until=2026-03-31")
    assert _count(month, "quotations found") == 12 and "✕ any month" in month.words
    articles = get_page(client, "/search?q=fishing&what=articles")
    assert "JPN 32" in articles.words and "/search?q=fishing&what=articles&country=JPN" in articles.links


def test_api_facets_match_the_search(client: TestClient) -> None:
    facets = client.get("/api/quotes/facets", params={"q": "fishing"}).json()
    for row in facets["outlet"]:
        total = client.get("/api/quotes", params={"q": "fishing", "outlet": row["value"]}).headers["X-Total-Count"]
        assert int(total) == row["n"], row
    assert set(client.get("/api/articles/facets", params={"q": "fishing"}).json()) == {
        "speaker", "country", "outlet", "story", "month"}


def test_an_empty_store_has_an_overview_that_says_so(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db"):
        pass
    page = get_page(TestClient(create_app(tmp_path / "empty.db")), "/overview")
    assert "Nothing dated in this store yet" in page.words and "No events between two countries yet" in page.words


def test_hostile_values_stay_text_in_the_overview_facets_and_events(tmp_path: Path) -> None:
    with Store(tmp_path / "hostile.db") as store:
        store.add(make_brief(HOSTILE))
    client = TestClient(create_app(tmp_path / "hostile.db"))
    for url in ("/overview", "/search?q=silenced", "/search?q=council&what=articles", "/events"):
        response = client.get(url)
        assert response.status_code == 200 and "<script>" not in response.text, url


def test_article_search_past_the_join_limit_leaves_out_speaker_and_country_counts_and_says_so(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsbrief.store import overview

    monkeypatch.setattr(overview, "FACET_JOIN_LIMIT", 10)
    page = get_page(client, "/search?q=fishing&what=articles")
    assert "Speaker and country counts are given for at most 10 articles" in page.words
    assert "Harbour Gazette 16" in page.words and "Tom Walker 14" not in page.words
