"""Events take their article's date when their sentence gives none; the ones with no date at all are counted and
listed by the relations page, the API and the CLI, never dropped without a word."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import web_newsroom
from newsbrief.cli import _register, cli
from newsbrief.store import Store, queries
from newsbrief.web import create_app
from test_web import get_page

GBR_FRA = [i for i in range(web_newsroom.ARTICLES) if i % 3 == 2]  # the newsroom's Britain-France events


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return web_newsroom.build(tmp_path_factory.mktemp("undated") / "news.db")


def test_an_event_without_its_own_date_is_stored_with_the_articles(tmp_path: Path) -> None:
    brief = web_newsroom.brief(2)
    brief = dataclasses.replace(brief, events=tuple(dataclasses.replace(e, date=None) for e in brief.events))
    with Store(tmp_path / "news.db") as store:
        store.add(brief)
        [(date,)] = store.conn.execute("SELECT date FROM events").fetchall()
    assert brief.article.published is not None and date == brief.article.published.isoformat()


def test_an_older_store_with_undated_event_rows_dates_them_by_the_article(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "older.db"
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with sqlite3.connect(copy) as conn:  # as a store written before events were dated at storing
        conn.execute("UPDATE events SET date = NULL")
    with Store(copy, readonly=True) as store:
        result = queries.relations(store.conn, "GBR", "FRA")
    dated = sum(p["events_count"] for p in result["series"])
    assert dated == len(GBR_FRA) - len(web_newsroom.UNDATED) and result["undated_count"] == 3


def test_relations_page_says_how_many_events_it_could_not_date_and_lists_them(db: Path) -> None:
    client = TestClient(create_app(db))
    page = get_page(client, "/relations?a=GBR&b=FRA")
    assert "12 dated events in 4 months · 3 events that could not be dated" in page.words
    assert "#undated" in page.links and "undated" in page.ids
    assert "Not dated · 3 events" in page.words
    for i in sorted(web_newsroom.UNDATED):
        assert f"Britain threatened France over fishing quotas in round {i}" in page.words
        assert f"/briefs/{web_newsroom.brief(i).article.id}" in page.links
    # A pair whose events are all dated says nothing of the kind.
    assert "could not be dated" not in get_page(client, "/relations?a=USA&b=JPN").words


def test_api_counts_and_pages_through_the_undated_events(db: Path) -> None:
    client = TestClient(create_app(db))
    result = client.get("/api/relations", params={"a": "FRA", "b": "GBR"}).json()
    assert result["undated_count"] == 3 and len(result["undated"]) == 3
    assert {e["article_id"] for e in result["undated"]} == {web_newsroom.brief(i).article.id
                                                            for i in web_newsroom.UNDATED}
    page = client.get("/api/relations/undated", params={"a": "GBR", "b": "FRA", "limit": 2})
    assert page.headers["X-Total-Count"] == "3" and len(page.json()) == 2 and 'rel="next"' in page.headers["Link"]


def test_cli_relations_from_a_store_says_how_many_are_undated(db: Path) -> None:
    _register()
    out = CliRunner().invoke(cli, ["relations", "GBR", "FRA", "--db", str(db)])
    assert out.exit_code == 0, out.output
    assert "3 events could not be dated (no date in the sentence or on the article)" in out.output
