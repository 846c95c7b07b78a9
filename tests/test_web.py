"""Every page and API route of the web app, in-process (Starlette's TestClient) against a real store file, read with
an HTML parser; markup in a title, a quotation and a speaker's name must come out as text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsbrief.errors import StoreError
from newsbrief.store import Store
from newsbrief.web import create_app
from test_store_corpus import HOSTILE, ISHIBA_REPLY, ISHIBA_REPRINT, TRUMP_RALLY, corpus_briefs, make_brief


class Page(HTMLParser):
    """The parts of a page a test looks at: visible text, links, script elements, svg elements."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        if a.get("href"):
            self.links.append(a["href"] or "")
        if a.get("id"):
            self.ids.add(a["id"] or "")

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.text.append(" ".join(data.split()))

    @property
    def words(self) -> str:
        return " ".join(self.text)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "news.db"
    with Store(path) as store:
        for brief in corpus_briefs() + [make_brief(HOSTILE)]:
            store.add(brief)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def get_page(client: TestClient, url: str, status: int = 200) -> Page:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return Page(response.text)


def test_home_lists_latest_briefs_one_per_story(client: TestClient) -> None:
    page = get_page(client, "/")
    assert "Latest briefs" in page.words
    assert page.words.index("2026-04-20") < page.words.index("2026-03-02")  # newest first
    titles = [t for t in (ISHIBA_REPLY.title, ISHIBA_REPRINT.title) if t in page.words]
    assert len(titles) == 1 and "and 1 more outlet" in page.words
    assert f"/briefs/{make_brief(TRUMP_RALLY).article.id}" in page.links
    assert "script" not in page.tags


def test_brief_page_has_the_brief_speaker_cards_echoes_and_events(client: TestClient) -> None:
    brief = make_brief(ISHIBA_REPLY)
    page = get_page(client, f"/briefs/{brief.article.id}")
    words = page.words
    assert "2026-03-09" in words and ISHIBA_REPLY.title in words and "Source: Northern Courier" in words
    assert "Japan sets its defence budget" in words
    assert "Shigeru Ishiba Prime Minister of Japan JPN" in words  # the speaker card: name, role, country
    assert "echoes a statement of 2026-03-02" in words
    assert "REJECT" in words and "United States (USA)" in words
    # The story event, read from headline and lead, above the sentence events; a weak one is marked a guess.
    assert "Story event: REJECT (verbal conflict, -4.2), read from a cue in the headline" in words
    assert "a guess" not in words
    assert "a guess" in get_page(client, f"/briefs/{make_brief(ISHIBA_REPRINT).article.id}").words
    assert "Also reported by" in words and "Coastal Wire" in words
    assert "/speakers/shigeru-ishiba" in page.links
    assert "/relations?a=JPN&b=USA" in page.links


def test_missing_brief_and_speaker_are_404_pages(client: TestClient) -> None:
    assert "no brief" in get_page(client, "/briefs/0000", status=404).words
    assert "no speaker" in get_page(client, "/speakers/nobody", status=404).words


def test_search_quotations_by_speaker_words_country_and_dates(client: TestClient) -> None:
    page = get_page(client, "/search?speaker=Trump")
    assert "5 quotations found" in page.words
    page = get_page(client, "/search?q=defend&speaker=Donald+Trump&since=2026-03-05")
    assert "2 quotations found" in page.words  # the line of 9 March, in two outlets
    assert page.words.count("echoes a statement of 2026-03-02") == 2
    page = get_page(client, "/search?country=JPN")
    assert "Shigeru Ishiba" in page.words
    page = get_page(client, "/search?q=defence+budget&what=articles")
    assert "2 articles found" in page.words
    assert "1 quotation" not in get_page(client, "/search").words  # an empty form searches nothing
    assert "is not a date" in get_page(client, "/search?since=March", status=422).words


def test_speakers_and_speaker_page_timeline(client: TestClient) -> None:
    page = get_page(client, "/speakers")
    assert page.words.index("Donald Trump") < page.words.index("Shigeru Ishiba")  # most quoted first
    page = get_page(client, "/speakers/donald-trump")
    words = page.words
    assert "President" in words and "USA" in words
    assert "Quoted 5 times in 5 articles, 2026-03-02 to 2026-04-20" in words
    assert words.index("2026-03-02") < words.index("2026-04-20")  # the timeline runs oldest first
    assert words.count("echoes a statement of 2026-03-02") == 2  # the line of 9 March, in two outlets
    assert "Named as" in words and "Donald J. Trump" in words


def test_relations_page_draws_an_svg_chart_with_its_events(client: TestClient) -> None:
    response = client.get("/relations?a=usa&b=jpn&by=month")
    assert response.status_code == 200
    page = Page(response.text)
    assert "svg" in page.tags and "circle" in page.tags and "polyline" in page.tags
    assert "#p-2026-03" in page.links and "p-2026-03" in page.ids
    assert "2026-03 · index -5.50 · 2 events" in page.words
    assert "(and 1 more report)" in page.words
    # Nothing fetched from elsewhere: no scripts at all, styles only from this server.
    assert "script" not in page.tags
    assert [link for link in page.links if link.endswith(".css")] == ["/static/style.css"]
    empty = get_page(client, "/relations?a=FRA&b=DEU")
    assert "No events between FRA and DEU" in empty.words
    form = get_page(client, "/relations")
    assert "JPN, USA" in form.words


def test_relations_page_lists_a_few_events_per_period_and_links_the_rest(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsbrief.web.pages as web_pages

    monkeypatch.setattr(web_pages, "EVENTS_SHOWN", 1)
    page = get_page(client, "/relations?a=USA&b=JPN")
    assert "and 1 more events in this month" in page.words
    assert "/api/relations?a=USA&b=JPN&by=month" in page.links


def test_markup_in_title_quotation_and_speaker_is_shown_as_text(client: TestClient) -> None:
    brief = make_brief(HOSTILE)
    for url in ("/", f"/briefs/{brief.article.id}", "/search?q=silenced", "/speakers",
                "/search?speaker=Jones", "/search?q=council&what=articles"):
        response = client.get(url)
        assert response.status_code == 200
        assert "<script>" not in response.text, url
        assert "<b>Mallory" not in response.text, url
    page = get_page(client, f"/briefs/{brief.article.id}")
    assert "script" not in page.tags
    assert "<script>alert('title')</script> Council row" in page.words
    assert "“<script>alert('quote')</script> we will not be silenced”" in page.words
    assert "Eve <script>alert('name')</script> Jones" in page.words
    speaker_id = client.get("/api/speakers?name=Jones").json()[0]["id"]
    speaker_page = client.get(f"/speakers/{speaker_id}")
    assert speaker_page.status_code == 200 and "<script>" not in speaker_page.text
    # A hostile query string is escaped too.
    echoed = client.get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)" not in echoed.text


def test_static_stylesheet_is_served(client: TestClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200 and "svg.chart" in response.text


def test_api_briefs_and_one_brief(client: TestClient) -> None:
    briefs = client.get("/api/briefs?limit=3").json()
    assert [b["published"] for b in briefs] == ["2026-05-01", "2026-04-20", "2026-04-16"]
    one = client.get(f"/api/briefs/{make_brief(ISHIBA_REPLY).article.id}").json()
    assert one["brief"]["article"]["title"] == ISHIBA_REPLY.title
    trump_quote = next(q for q in one["quotes"] if q["speaker_id"] == "donald-trump")
    assert trump_quote["echoes"][0]["date"] == "2026-03-02"
    assert client.get("/api/briefs/none").status_code == 404
    assert client.get("/api/briefs?limit=0").status_code == 422


def test_api_search_speakers_relations_stats(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"speaker": "Trump", "q": "tariffs"}).json()
    assert len(quotes) == 1 and quotes[0]["speaker"] == "Donald Trump"
    assert client.get("/api/quotes", params={"since": "yesterday"}).status_code == 422
    articles = client.get("/api/articles", params={"q": "soybeans"}).json()
    assert [a["source"] for a in articles] == ["Prairie Times"]
    speakers = client.get("/api/speakers").json()
    assert speakers[0]["id"] == "donald-trump" and speakers[0]["quotes"] == 5
    speaker = client.get("/api/speakers/donald-trump").json()
    assert len(speaker["timeline"]) == 5
    assert client.get("/api/speakers/nobody").status_code == 404
    relations = client.get("/api/relations", params={"a": "USA", "b": "JPN", "by": "week"}).json()
    assert [p["period"] for p in relations["series"]] == ["2026-W10", "2026-W11", "2026-W16", "2026-W17"]
    assert client.get("/api/relations", params={"a": "USA", "b": "JPN", "by": "year"}).status_code == 422
    assert client.get("/api/stats").json()["articles"] == len(corpus_briefs()) + 1


def test_openapi_describes_the_api_and_no_cdn_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/briefs", "/api/briefs/{article_id}", "/api/quotes", "/api/articles", "/api/speakers",
            "/api/speakers/{speaker_id}", "/api/relations", "/api/stats"} <= paths
    assert not any(p.startswith("/search") or p == "/" for p in paths)  # pages are not API
    assert client.get("/docs").status_code == 404  # Swagger UI would load scripts from a CDN


def test_read_only_server_refuses_posts(client: TestClient) -> None:
    response = client.post("/api/briefs", json={"text": "Some article text."})
    assert response.status_code == 403 and "read-only" in response.json()["detail"]


def test_app_on_a_missing_store_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        create_app(tmp_path / "missing.db")
