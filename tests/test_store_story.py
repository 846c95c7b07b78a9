"""The story event in the store: saved with each article, migrated into older stores from their briefs, and
listed, searched and exported by type (store, API, web pages)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsbrief.store import Store, queries, schema
from newsbrief.store.export import to_string
from newsbrief.web import create_app
from test_store_corpus import ISHIBA_REPLY, TRUMP_RALLY, corpus_briefs, make_brief


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("story") / "news.db"
    with Store(path) as store:
        for brief in corpus_briefs():
            store.add(brief)
    return path


def test_each_article_keeps_its_story_type_and_margin(db: Path) -> None:
    with Store(db, readonly=True) as store:
        rows = {r[0]: r[1:] for r in store.conn.execute("SELECT title, story_type, story_by FROM articles")}
        assert rows[ISHIBA_REPLY.title] == ("REJECT", "headline cue")
        assert rows[TRUMP_RALLY.title] == ("THREATEN", "headline cue")
        found = queries.search_articles(store.conn, story_type="reject")
        assert [r["title"] for r in found] == [ISHIBA_REPLY.title]
        assert found[0]["story_margin"] == make_brief(ISHIBA_REPLY).story.margin  # type: ignore[union-attr]
        # Combined with words: a story type narrows a full-text search.
        assert queries.search_articles(store.conn, about="allies", story_type="THREATEN")[0]["title"] == \
            TRUMP_RALLY.title
        latest = {r["title"]: r for r in queries.latest_briefs(store.conn)}
        assert latest[TRUMP_RALLY.title]["story_type"] == "THREATEN" and latest[TRUMP_RALLY.title]["story_firm"]
        # "Tokyo says no to doubling defence budget": no cue, and the model's margin is tiny: a guess.
        guesses = [r for r in latest.values() if r["story_type"] and not r["story_firm"]]
        assert guesses and all(r["story_by"] == "model" for r in guesses)
        exported = [json.loads(line) for line in to_string(store.conn, "articles", "jsonl").splitlines()]
        assert {e["title"]: e["story_type"] for e in exported}[TRUMP_RALLY.title] == "THREATEN"


def test_an_older_store_gains_the_columns_from_its_briefs(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert schema.migrate(conn, target=4) == [1, 2, 3, 4]
    with_story, without = make_brief(ISHIBA_REPLY), dataclasses.replace(make_brief(TRUMP_RALLY), story=None)
    for n, brief in enumerate((with_story, without)):
        a = brief.article
        conn.execute(
            "INSERT INTO articles (id, text, content_hash, brief_json, ingested_at, published) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (a.id, a.text, f"hash-{n}", json.dumps(brief.to_dict()), "2026-05-06T08:00:00", "2026-05-06"),
        )
    conn.close()
    with Store(path, readonly=True) as ro:
        assert schema.current_version(ro.conn) == schema.LATEST_VERSION >= 5
        rows = dict(ro.conn.execute("SELECT id, story_type FROM articles").fetchall())
        assert rows == {with_story.article.id: "REJECT", without.article.id: None}  # a 1.0 brief has no story
        assert ro.conn.execute("SELECT story_by FROM articles WHERE story_type IS NOT NULL").fetchone()[0] == \
            "headline cue"


def test_api_and_search_page_filter_by_story_type(db: Path) -> None:
    client = TestClient(create_app(db))
    found = client.get("/api/articles", params={"story": "threaten"}).json()
    assert [r["title"] for r in found] == [TRUMP_RALLY.title] and found[0]["story_type"] == "THREATEN"
    bad = client.get("/api/articles", params={"story": "GOSSIP"})
    assert bad.status_code == 422 and "not a PLOVER event type" in bad.json()["detail"]
    page = client.get("/search", params={"story": "REJECT"})
    assert page.status_code == 200 and ISHIBA_REPLY.title in page.text and TRUMP_RALLY.title not in page.text
    assert '<option value="REJECT" selected>' in page.text
    assert client.get("/search", params={"story": "GOSSIP"}).status_code == 422
    assert "story: THREATEN" in client.get("/").text
