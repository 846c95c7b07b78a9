"""The web server under a hostile client: stored values that try to become markup or script, oversized and odd
queries, writes without the token, foreign Host headers. In-process (Starlette's TestClient) on a real store file.
"""

from __future__ import annotations

import dataclasses
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
