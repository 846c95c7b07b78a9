"""Every list of the web UI and the API pages through all its rows and says their true total: latest briefs, search
results, speakers, a speaker's timeline; page links, next and previous, ``X-Total-Count`` and ``Link`` headers, and
the envelope an API ``page`` asks for."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

import web_newsroom
from newsbrief.web import create_app
from test_web import Page, get_page


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(web_newsroom.build(tmp_path_factory.mktemp("lists") / "news.db")))


def _headlines(page: Page) -> set[str]:
    return {t for t in page.text if t.startswith("Talks on fishing quotas, round")}


def test_home_pages_through_every_brief_with_the_total(client: TestClient) -> None:
    first = get_page(client, "/")
    assert "Briefs 1–20 of 47, newest first" in first.words
    assert "/?page=2" in first.links and "/?page=3" in first.links
    second = get_page(client, "/?page=2")
    assert "Briefs 21–40 of 47, newest first" in second.words
    assert "/" in second.links and "/?page=3" in second.links  # previous is the first page, without ?page=1
    last = get_page(client, "/?page=3")
    shown = [_headlines(p) for p in (first, second, last)]
    assert [len(s) for s in shown] == [20, 20, 7] and len(set.union(*shown)) == web_newsroom.ARTICLES


def test_search_says_the_true_total_and_pages_through_it(client: TestClient) -> None:
    page = get_page(client, "/search?q=fishing+quotas")
    assert "47 quotations found · 1–20 shown, page 1 of 3" in page.words
    assert "/search?q=fishing+quotas&page=2" in page.links
    pages = [page, *(get_page(client, f"/search?q=fishing+quotas&page={n}") for n in (2, 3))]
    quotes = [t for p in pages for t in p.text if t.startswith(("“We expect", "We expect"))]
    assert len(quotes) == len(set(quotes)) == 47
    # Past the last page: the total still said, no rows, a link back.
    beyond = get_page(client, "/search?q=fishing+quotas&page=9")
    assert "47 quotations found" in beyond.words and not [t for t in beyond.text if "We expect" in t]
    articles = get_page(client, "/search?q=fishing&what=articles")
    assert "47 articles found · 1–20 shown, page 1 of 3" in articles.words
    by_speaker = get_page(client, "/search?speaker=anna-tanaka")
    assert "13 quotations found" in by_speaker.words and "page 1 of" not in by_speaker.words


def test_speakers_list_says_how_many(client: TestClient) -> None:
    page = get_page(client, "/speakers")
    assert "4 speakers" in page.words
    assert "1 speaker match “Walker”" in get_page(client, "/speakers?name=Walker").words


def test_a_speakers_timeline_is_paged(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsbrief.web.pages as pages

    monkeypatch.setattr(pages, "TIMELINE_PAGE", 5)
    first = get_page(client, "/speakers/anna-tanaka")
    assert "Quoted 13 times" in first.words and "Quotations 1–5 of 13, oldest first" in first.words
    assert "/speakers/anna-tanaka?page=3" in first.links
    last = get_page(client, "/speakers/anna-tanaka?page=3")
    assert "Quotations 11–13 of 13, oldest first" in last.words
    assert len(re.findall(r"round \d+ begins", " ".join(last.text))) == 3


def test_api_lists_keep_their_shape_and_carry_the_total_and_links(client: TestClient) -> None:
    response = client.get("/api/quotes", params={"q": "fishing", "limit": 10, "offset": 10})
    rows = response.json()
    assert isinstance(rows, list) and len(rows) == 10
    assert response.headers["X-Total-Count"] == "47"
    links = response.headers["Link"]
    assert '</api/quotes?q=fishing&limit=10&offset=20>; rel="next"' in links
    assert '</api/quotes?q=fishing&limit=10>; rel="prev"' in links
    for url in ("/api/briefs", "/api/articles?q=fishing", "/api/speakers"):
        assert int(client.get(url).headers["X-Total-Count"]) == {"/api/speakers": 4}.get(url, 47), url


def test_api_page_answers_with_an_envelope(client: TestClient) -> None:
    body = client.get("/api/quotes", params={"q": "fishing", "limit": 20, "page": 3}).json()
    assert {k: body[k] for k in ("total", "page", "pages", "limit", "next")} == {
        "total": 47, "page": 3, "pages": 3, "limit": 20, "next": None}
    assert body["prev"] == "/api/quotes?q=fishing&limit=20&page=2" and len(body["items"]) == 7
    everything = [q["id"] for p in (1, 2, 3) for q in client.get(
        "/api/quotes", params={"q": "fishing", "page": p, "limit": 20}).json()["items"]]
    assert len(set(everything)) == 47
    briefs = client.get("/api/briefs", params={"page": 1}).json()
    assert briefs["total"] == 47 and briefs["next"] == "/api/briefs?page=2"
    assert client.get("/api/briefs", params={"page": 0}).status_code == 422


def test_api_speaker_timeline_has_a_limit_and_the_next_link(client: TestClient) -> None:
    first = client.get("/api/speakers/anna-tanaka", params={"limit": 5}).json()
    assert first["quotes"] == 13 and len(first["timeline"]) == 5
    assert first["timeline_next"] == "/api/speakers/anna-tanaka?limit=5&offset=5"
    last = client.get("/api/speakers/anna-tanaka", params={"limit": 5, "offset": 10}).json()
    assert len(last["timeline"]) == 3 and last["timeline_next"] is None
    assert client.get("/api/speakers/anna-tanaka", params={"limit": 501}).status_code == 422


def test_openapi_lists_the_paging_parameters(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/quotes"]["get"]["parameters"]}
    assert {"limit", "offset", "page", "outlet", "kind", "story"} <= names

