"""The web server under a hostile client: stored values that try to become markup or script, oversized and odd
queries, writes without the token, foreign Host headers. In-process (Starlette's TestClient) on a real store file.
"""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsbrief.render import render
from newsbrief.store import Store
from newsbrief.web import create_app
from test_store_corpus import HOSTILE, corpus_briefs, make_brief
from test_web import Page

SCRIPT_URLS = ["javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
               "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x", "file:///etc/passwd"]


def _hostile_url_briefs() -> list:  # type: ignore[type-arg]
    briefs = []
    for i, url in enumerate(SCRIPT_URLS):
        story = dataclasses.replace(HOSTILE, title=f"Council row {i}", url=url,
                                    text=HOSTILE.text.replace("Council row", f"Council row {i}"))
        briefs.append(make_brief(story))
    return briefs


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hardening-web") / "news.db"
    with Store(path) as store:
        for brief in corpus_briefs() + [make_brief(HOSTILE)] + _hostile_url_briefs():
            store.add(brief)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def test_only_http_urls_become_links_on_the_brief_page(client: TestClient) -> None:
    for brief in _hostile_url_briefs():
        response = client.get(f"/briefs/{brief.article.id}")
        assert response.status_code == 200
        page = Page(response.text)
        assert all(link.startswith(("/", "#", "http://", "https://")) for link in page.links), page.links
        assert not any(link.startswith("//") for link in page.links), page.links
    good = make_brief(HOSTILE)
    page = Page(client.get(f"/briefs/{good.article.id}").text)
    assert "https://mallory.example/row" in page.links  # an http(s) URL is still a link


def test_the_html_rendering_links_no_script_url() -> None:
    for brief in _hostile_url_briefs():
        page = Page(render(brief, "html"))
        assert all(link.startswith(("http://", "https://")) for link in page.links), page.links


# Common words, so that every article matches a search for any of them many times over.
BUDGET_WORDS = ("minister", "said", "that", "the", "budget", "of", "the", "council", "would", "rise", "in", "the",
                "year", "to", "the", "end", "of", "march")


def _wordy_store(path: Path, articles: int = 40, seed: int = 3) -> Path:
    """Articles of 800 common words each: where a repeated query word used to cost seconds in snippet()."""
    import random

    from test_store_corpus import Story

    rng = random.Random(seed)
    with Store(path) as store:
        for i in range(articles):
            body = "\n\n".join(" ".join(rng.choice(BUDGET_WORDS) for _ in range(80)) + "." for _ in range(10))
            store.add(make_brief(Story(title=f"Budget story {i}", source="Wire", published="2026-03-01",
                                       text=f"Budget story {i}\n\n{body}", url=f"https://wire.example/{i}")))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(scope="module")
def wordy_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(_wordy_store(tmp_path_factory.mktemp("wordy") / "news.db")))


def _seconds(client: TestClient, url: str) -> float:
    import time

    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    return time.perf_counter() - started


def test_a_repeated_search_word_costs_no_more_than_one(wordy_client: TestClient) -> None:
    once = min(_seconds(wordy_client, "/api/articles?q=the") for _ in range(3))
    for url in ("/api/articles?q=" + "+".join(["the"] * 30), "/api/quotes?q=" + "+".join(["The"] * 30),
                "/search?what=articles&q=" + "+".join(["the*", "the", "th*"] * 10)):
        assert _seconds(wordy_client, url) < 10 * once + 0.5, url


def test_a_query_past_the_word_cap_is_cut_and_the_response_says_so(wordy_client: TestClient) -> None:
    from newsbrief.web.security import MAX_QUERY_TERMS, QUERY_CUT_HEADER

    words = [f"word{i}" for i in range(MAX_QUERY_TERMS + 8)]
    response = wordy_client.get("/api/articles", params={"q": " ".join(["budget", *words])})
    assert response.status_code == 200
    assert f"first {MAX_QUERY_TERMS} of {MAX_QUERY_TERMS + 9}" in response.headers[QUERY_CUT_HEADER]
    page = wordy_client.get("/search", params={"q": " ".join(words), "what": "articles"})
    assert page.status_code == 200 and QUERY_CUT_HEADER in page.headers
    assert "The query was cut" in Page(page.text).words
    plain = wordy_client.get("/api/articles", params={"q": "budget budget minister"})
    assert QUERY_CUT_HEADER not in plain.headers and len(plain.json()) > 0


def _every_route(client: TestClient) -> list[str]:
    brief = make_brief(HOSTILE)
    speaker_id = client.get("/api/speakers").json()[0]["id"]
    return ["/", "/?page=2", f"/briefs/{brief.article.id}", "/briefs/no-such-id", "/search?q=council",
            "/search?what=articles&q=council", "/speakers", f"/speakers/{speaker_id}", "/relations?a=JPN&b=USA",
            "/static/style.css", "/openapi.json", "/api/briefs", f"/api/briefs/{brief.article.id}", "/api/quotes?q=we",
            "/api/articles?q=council", "/api/speakers", f"/api/speakers/{speaker_id}", "/api/relations?a=JPN&b=USA",
            "/api/stats", "/api/briefs?limit=0", "/no-such-page"]


def test_every_route_sends_the_security_headers(client: TestClient) -> None:
    from newsbrief.web.security import SECURITY_HEADERS

    for url in _every_route(client):
        response = client.get(url)
        for name, value in SECURITY_HEADERS:
            assert response.headers.get(name.decode()) == value.decode(), (url, name)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    posted = client.post("/api/briefs", json={"text": "x"})
    assert posted.status_code == 403 and posted.headers["x-frame-options"] == "DENY"


def test_a_foreign_host_is_refused_and_the_bound_address_answered(db: Path) -> None:
    local = TestClient(create_app(db, host="127.0.0.1", allowed_hosts=["news.example.org"]),
                       base_url="http://127.0.0.1:8000")
    assert local.get("/").status_code == 200
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "news.example.org", "NEWS.example.org:443"):
        assert local.get("/api/stats", headers={"host": host}).status_code == 200, host
    for host in ("evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "10.0.0.8", ""):
        response = local.get("/api/stats", headers={"host": host})
        assert response.status_code == 400, host
        assert "does not answer for the host" in response.text
        assert response.headers["x-content-type-options"] == "nosniff"
    everywhere = TestClient(create_app(db, host="0.0.0.0"), base_url="http://192.0.2.7:8000")
    assert everywhere.get("/api/stats").status_code == 200  # an address of the machine, as a LAN reader types it
    assert everywhere.get("/api/stats", headers={"host": "rebound.evil.example"}).status_code == 400


TOKEN = "a-write-token-for-the-tests-0123"


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = tmp_path_factory.mktemp("writable") / "news.db"
    with Store(path) as store:
        store.add(make_brief(HOSTILE))
    return TestClient(create_app(path, writable=True, token=TOKEN))


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_write_without_the_token_is_refused(writable: TestClient) -> None:
    from ingest_helpers import BUDGET_TEXT

    body = {"text": BUDGET_TEXT}
    for headers in ({}, _auth("not-the-token"), {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"},
                    {"Cookie": f"token={TOKEN}"}):
        response = writable.post("/api/briefs", json=body, headers=headers)
        assert response.status_code == 401, headers
        assert "Authorization: Bearer" in response.json()["detail"]
        assert response.headers["www-authenticate"] == "Bearer"
    assert writable.get("/api/stats").json()["articles"] == 1
    response = writable.post("/api/briefs", json=body, headers=_auth())
    assert response.status_code == 201, response.text
    assert writable.get("/api/stats").json()["articles"] == 2


def test_a_writable_app_without_a_given_token_makes_one(tmp_path: Path) -> None:
    app = create_app(tmp_path / "new.db", writable=True)
    assert len(app.state.write_token) >= 32
    assert create_app(tmp_path / "new.db").state.write_token is None


def test_bad_posts_are_4xx_with_the_reason_and_nothing_is_stored(writable: TestClient) -> None:
    from newsbrief.web.app import MAX_BODY_BYTES

    before = writable.get("/api/stats").json()["articles"]
    json_headers = {**_auth(), "Content-Type": "application/json"}
    cases: list[tuple[dict[str, object], int, str]] = [
        ({"json": {"text": "   \n\t  "}}, 422, "no article text"),
        ({"json": {"text": "<html><body><div><script>x()</script></div><p></p></body></html>"}}, 422, "no article"),
        ({"json": {"text": "A council\x00 meeting ended in uproar." * 20}}, 422, "NUL"),
        ({"json": {"text": 17}}, 422, "text"),
        ({"json": ["not", "an", "object"]}, 422, "not an article"),
        ({"content": b'{"text": "unfinished', "headers": json_headers}, 400, "not valid JSON"),
        ({"content": b"[" * 100_000, "headers": json_headers}, 400, "not valid JSON"),
        ({"content": b'{"text": "caf\xe9"}', "headers": json_headers}, 400, "not UTF-8"),
        ({"content": b"text=hello", "headers": {**_auth(), "Content-Type": "application/x-www-form-urlencoded"}},
         415, "must be JSON"),
        ({"content": b'{"text": "' + b"a" * (MAX_BODY_BYTES + 10) + b'"}', "headers": json_headers}, 413,
         "at most"),
    ]
    for options, status, words in cases:
        headers = options.pop("headers", _auth())
        response = writable.post("/api/briefs", headers=headers, **options)  # type: ignore[arg-type]
        assert response.status_code == status, (options, response.text[:300])
        assert words in response.json()["detail"], response.json()
    assert writable.get("/api/stats").json()["articles"] == before


def test_a_body_over_the_cap_is_refused_while_it_streams(writable: TestClient) -> None:
    from newsbrief.web.app import MAX_BODY_BYTES

    sent = 0

    def body():  # type: ignore[no-untyped-def]  # no Content-Length: the server must count as it reads
        nonlocal sent
        yield b'{"text": "'
        while sent < 4 * MAX_BODY_BYTES:
            sent += 1 << 20
            yield b"a" * (1 << 20)
        yield b'"}'

    response = writable.post("/api/briefs", content=body(), headers={**_auth(), "Content-Type": "application/json"})
    assert response.status_code == 413


def test_a_posted_article_with_lone_surrogates_is_stored_with_them_replaced(writable: TestClient) -> None:
    from test_store_corpus import TRADE_TALKS

    body = ('{"text": ' + __import__("json").dumps("Talks \ud800 resume. " + TRADE_TALKS.text.strip())
            + ', "title": "Trade \\udfff talks", "source": "Harbour \\ud800 Gazette"}')
    response = writable.post("/api/briefs", content=body.encode(),
                             headers={**_auth(), "Content-Type": "application/json"})
    assert response.status_code == 201, response.text
    stored = writable.get(f"/api/briefs/{response.json()['article_id']}").json()
    assert stored["title"] == "Trade \ufffd talks" and stored["source"] == "Harbour \ufffd Gazette"


def test_huge_offsets_and_pages_are_422_with_the_reason(client: TestClient) -> None:
    for url in ("/api/briefs?offset=9223372036854775808", "/api/quotes?offset=9223372036854775807",
                "/api/articles?q=council&offset=" + str(2**70), "/api/speakers?offset=1e21", "/?page=1e21",
                "/?page=" + str(2**63)):
        response = client.get(url)
        assert response.status_code == 422, (url, response.text[:200])
        assert "less than or equal" in response.text or "valid integer" in response.text, response.text[:300]
    assert client.get("/api/briefs?offset=1000000000").json() == []


def test_head_is_answered_as_get_without_a_body(client: TestClient) -> None:
    for url in ("/", "/api/stats", "/static/style.css", f"/briefs/{make_brief(HOSTILE).article.id}"):
        head, get = client.head(url), client.get(url)
        assert head.status_code == 200, url
        assert head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]
        assert head.headers["content-security-policy"]


def test_a_page_with_a_bad_parameter_answers_with_a_page(client: TestClient) -> None:
    for url, status, words in (("/?page=0", 422, "greater than or equal to 1"), ("/?page=abc", 422, "integer"),
                               ("/no-such-page", 404, "Not Found"), ("/briefs/nope", 404, "no brief")):
        response = client.get(url)
        assert response.status_code == status, url
        assert response.headers["content-type"].startswith("text/html"), url
        assert words in Page(response.text).words, (url, response.text[:300])
    api = client.get("/api/briefs?limit=0")
    assert api.status_code == 422 and api.headers["content-type"] == "application/json"
    assert client.get("/api/no-such-route").json() == {"detail": "Not Found"}


def _serve(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-c", "from newsbrief.cli import main; main()", "serve", *args]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def test_serve_on_a_busy_port_says_so_in_one_line_and_never_serving(db: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        proc = _serve(["--db", str(db), "--port", str(port)])
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "serving" not in err and "Traceback" not in err
    assert err.strip().splitlines() == [f"Error: cannot listen on 127.0.0.1:{port}: Address already in use"]


def test_serve_writable_prints_a_token_and_writes_need_it(db: Path) -> None:
    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = _serve(["--db", str(db), "--port", str(port), "--writable"], env={"NEWSBRIEF_TOKEN": ""})
    try:
        assert proc.stderr is not None
        lines = [proc.stderr.readline(), proc.stderr.readline()]
        assert lines[0].startswith("serving") and lines[1].startswith("write token: "), lines
        token = lines[1].split()[2]
        url = f"http://127.0.0.1:{port}/api/briefs"
        for _ in range(100):
            try:
                refused = httpx.post(url, json={"text": "x"}, timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert refused.status_code == 401
        allowed = httpx.post(url, json={"text": "   "}, headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert allowed.status_code == 422  # past the token: the (empty) article itself is refused
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    short = _serve(["--db", str(db), "--writable"], env={"NEWSBRIEF_TOKEN": "short"})
    _, err = short.communicate(timeout=60)
    assert short.returncode == 2 and "NEWSBRIEF_TOKEN is 5 characters" in err


def _damage(path: Path) -> None:
    """Overwrite a stretch in the middle of the file, as a failing disk or a half-copied file would."""
    import random

    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(size // 2 - (size // 2) % 4096)
        fh.write(random.Random(7).randbytes(min(64 * 1024, size // 3)))


def test_a_damaged_store_is_refused_at_start_in_one_line(tmp_path: Path) -> None:
    from newsbrief.errors import StoreError

    db = _wordy_store(tmp_path / "news.db", articles=60, seed=5)
    _damage(db)
    with pytest.raises(StoreError, match="the store is damaged"):
        create_app(db)
    proc = _serve(["--db", str(db), "--port", "0"])
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and "serving" not in err
    [line] = err.strip().splitlines()
    assert line.startswith(f"newsbrief: error: {db}: the store is damaged")


def test_a_store_damaged_while_serving_gives_a_clear_503(tmp_path: Path) -> None:
    db = _wordy_store(tmp_path / "news.db", articles=60, seed=5)
    served = TestClient(create_app(db))
    assert served.get("/search?what=articles&q=minister").status_code == 200
    _damage(db)
    fresh = TestClient(served.app)  # new threads, new connections: they read the damaged pages
    statuses = {}
    for url in ("/search?what=articles&q=minister", "/api/articles?q=minister", "/api/quotes?q=minister", "/"):
        response = fresh.get(url)
        statuses[url] = response.status_code
        assert response.status_code in (200, 503), (url, response.text[:200])
        if response.status_code == 503:
            assert "the store could not be read" in response.text
            assert response.headers["content-security-policy"]
    assert 503 in statuses.values(), statuses


INJECT = "\"'><img src=x onerror=alert(1)><script>alert(2)</script>"


class Markup(HTMLParser):
    """Every element and attribute of a page, to find any that a stored value made."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def _hostile_in_every_field() -> list:  # type: ignore[type-arg]
    from test_store_corpus import Did, Said, Story

    stories = []
    for n in (1, 2):
        name = f"Eve{n} {INJECT} Jones"
        sentence = f"Britain{n} {INJECT} sanctioned France over the fishing row"
        text = (f"{INJECT} Council row {n}\n\nLONDON — {sentence} on Thursday.\n\n"
                f'"{INJECT} we will not be silenced {n}," said {name}, a local campaigner.')
        stories.append(Story(
            title=f"{INJECT} Council row {n}", source=f"{INJECT} Post", published=f"2026-05-0{n}",
            url=f"javascript:alert({n})//{INJECT}", text=text,
            said=[Said(f"{INJECT} we will not be silenced {n}", name, f"{INJECT} campaigner", "GBR")],
            did=[Did(sentence, f"Britain{n} {INJECT}", "GBR", "SANCTION", f"France {INJECT}", "FRA", -8.0)],
        ))
    return [make_brief(s) for s in stories]


def test_a_hostile_value_in_every_stored_field_stays_text_on_every_page(tmp_path: Path) -> None:
    db = tmp_path / "hostile.db"
    briefs = _hostile_in_every_field()
    with Store(db) as store:
        for brief in briefs:
            store.add(brief)
    client = TestClient(create_app(db))
    speakers = [s["id"] for s in client.get("/api/speakers").json()]
    urls = ["/", "/search?q=silenced", "/search?what=articles&q=council", "/search?speaker=Eve1", "/speakers",
            "/relations?a=GBR&b=FRA", "/relations?a=GBR&b=FRA&by=day", f"/search?q={INJECT}"]
    urls += [f"/briefs/{b.article.id}" for b in briefs] + [f"/speakers/{s}" for s in speakers]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        markup = Markup(response.text)
        tags = {tag for tag, _ in markup.elements}
        assert not tags & {"script", "img", "iframe", "object", "embed", "base"}, (url, tags)
        for tag, attrs in markup.elements:
            assert not any(name.startswith("on") for name in attrs), (url, tag, attrs)
            for name in ("href", "src", "action"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (url, tag, attrs)
        assert "alert(2)" in Page(response.text).words or url.startswith(("/relations", "/speakers?")), url
