"""The SQLite store on real files: migrations, idempotence, near-duplicate clusters, all-or-nothing writes, search,
relations, export, read-only mode."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sqlite3
from pathlib import Path

import pytest

from newsbrief.errors import StoreError
from newsbrief.model import Actor, Event
from newsbrief.store import Store, queries, schema
from newsbrief.store.export import export, to_string
from test_store_corpus import (
    HOSTILE,
    ISHIBA_REPLY,
    ISHIBA_REPRINT,
    TRUMP_RALLY,
    corpus_briefs,
    make_brief,
)


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "news.db")
    for brief in corpus_briefs():
        s.add(brief)
    yield s
    s.close()


def test_new_store_records_its_migrations_and_uses_wal(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as s:
        rows = s.conn.execute("SELECT version, name FROM migrations ORDER BY version").fetchall()
        assert [r[0] for r in rows] == [v for v, _, _ in schema.MIGRATIONS]
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # Opening again applies nothing twice.
    with Store(tmp_path / "news.db") as s:
        assert s.conn.execute("SELECT COUNT(*) FROM migrations").fetchone()[0] == len(schema.MIGRATIONS)


def test_store_at_an_old_version_is_migrated_forward(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert schema.migrate(conn, target=1) == [1]
    conn.close()
    with Store(path) as s:
        assert schema.current_version(s.conn) == schema.LATEST_VERSION
        s.add(make_brief(TRUMP_RALLY))
        assert s.count("articles") == 1


def test_reading_an_old_store_migrates_it_first(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, target=2)
    conn.close()
    with Store(path, readonly=True) as ro:
        assert schema.current_version(ro.conn) == schema.LATEST_VERSION
        assert queries.latest_briefs(ro.conn) == []


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "clash.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, target=1)
    conn.execute("CREATE TABLE feeds (x)")  # migration 2 creates ``feeds``: it must fail and roll back whole
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn)
    assert schema.current_version(conn) == 1
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'echoes'").fetchone() is None
    conn.close()


def test_tables_are_plain_sqlite_that_any_tool_reads(store: Store) -> None:
    conn = sqlite3.connect(store.path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "quotes", "speakers", "entities", "events", "clusters", "migrations"} <= names
    title, source = conn.execute(
        "SELECT title, source FROM articles WHERE published = '2026-03-02'"
    ).fetchone()
    assert (title, source) == (TRUMP_RALLY.title, "Harbour Gazette")
    who = conn.execute(
        "SELECT s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id WHERE q.content LIKE 'If they don''t pay,%'"
    ).fetchone()[0]
    assert who == "Donald Trump"
    conn.close()


def test_the_stored_brief_is_the_brief(store: Store) -> None:
    brief = make_brief(ISHIBA_REPLY)
    assert store.brief(brief.article.id) == brief
    assert store.brief("no-such-id") is None


def test_the_same_article_twice_is_stored_once(store: Store) -> None:
    before = {t: store.count(t) for t in ("articles", "quotes", "events", "speakers")}
    again = store.add(make_brief(TRUMP_RALLY))
    assert again.status == "duplicate"
    # The same text under another URL (a syndication link) is the same article.
    other_url = make_brief(dataclasses.replace(TRUMP_RALLY, url="https://mirror.example/x"))
    assert other_url.article.id != make_brief(TRUMP_RALLY).article.id
    assert store.add(other_url).status == "duplicate"
    assert {t: store.count(t) for t in before} == before


def test_near_duplicates_from_two_outlets_form_one_cluster(store: Store) -> None:
    reply, reprint, rally = (make_brief(s).article.id for s in (ISHIBA_REPLY, ISHIBA_REPRINT, TRUMP_RALLY))
    clusters = dict(store.conn.execute("SELECT id, cluster_id FROM articles").fetchall())
    assert clusters[reply] == clusters[reprint]
    assert clusters[rally] != clusters[reply]
    assert store.count("clusters") == len(corpus_briefs()) - 1
    # The home page lists the story once, saying another outlet ran it.
    latest = queries.latest_briefs(store.conn)
    assert [b["id"] for b in latest].count(reply) + [b["id"] for b in latest].count(reprint) == 1
    assert next(b for b in latest if b["id"] in (reply, reprint))["cluster_size"] == 2


def test_a_write_that_fails_midway_leaves_nothing(store: Store) -> None:
    brief = make_brief(HOSTILE)
    bad_event = Event(source=Actor("x"), type=None, sentence=brief.quotes[0].content)  # type: ignore[arg-type]
    broken = dataclasses.replace(brief, events=(bad_event,))
    before = {t: store.count(t) for t in ("articles", "quotes", "speakers", "clusters")}
    with pytest.raises(StoreError, match="could not store"):
        store.add(broken)
    assert {t: store.count(t) for t in before} == before
    assert store.conn.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH 'silenced'").fetchone()[0] == 0
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The store is still writable and the good brief goes in.
    assert store.add(brief).status == "stored"


def test_full_text_search_over_quotations(store: Store) -> None:
    hits = queries.search_quotes(store.conn, about="defending")  # porter stemming: defending ~ defend
    assert {h["speaker"] for h in hits} == {"Donald Trump"}
    assert len(hits) == 3
    assert queries.search_quotes(store.conn, about="tariffs", speaker="Trump")[0]["content"].startswith("The tariffs")
    assert queries.search_quotes(store.conn, country="JPN")[0]["speaker"] == "Shigeru Ishiba"
    april = queries.search_quotes(store.conn, since="2026-04-01", until="2026-04-15")
    assert {h["published"] for h in april} == {"2026-04-14"}
    # Words are searched in what was said, not in who said it.
    assert queries.search_quotes(store.conn, about="Smith") == []
    # FTS5 syntax in what a reader types is taken as words, never as an error.
    assert queries.search_quotes(store.conn, about='"NEAR( -defend AND') == []
    assert queries.search_quotes(store.conn, speaker="Nobody Atall") == []


def test_full_text_search_over_articles(store: Store) -> None:
    hits = queries.search_articles(store.conn, about="defence budget")
    assert {h["title"] for h in hits} == {ISHIBA_REPLY.title, ISHIBA_REPRINT.title}
    assert "[" in hits[0]["snippet"]
    assert {h["title"] for h in queries.search_articles(store.conn, country="JPN", since="2026-04-01")} == {
        "US and Japan agree to resume trade talks", "President Trump says tariffs will stay until deal is done"
    }


def test_relations_count_one_event_reported_by_two_outlets_once(store: Store) -> None:
    result = queries.relations(store.conn, "usa", "jpn", by="month")
    march, april = result["series"]
    assert march["period"] == "2026-03" and march["events_count"] == 2
    assert march["counts"]["verbal conflict"] == 2
    assert march["index"] == pytest.approx((-7.0 - 4.0) / 2)
    reject = next(e for e in march["events"] if e["type"] == "REJECT")
    assert len(reject["also_reported_by"]) == 1
    assert april["counts"]["verbal cooperation"] == 1 and april["counts"]["material conflict"] == 1
    weeks = queries.relations(store.conn, "JPN", "USA", by="week")["series"]
    assert [w["period"] for w in weeks] == ["2026-W10", "2026-W11", "2026-W16", "2026-W17"]
    with pytest.raises(ValueError):
        queries.relations(store.conn, "USA", "JPN", by="year")


def test_export_jsonl_csv_parquet(store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    lines = to_string(store.conn, "quotes", "jsonl").splitlines()
    assert len(lines) == store.count("quotes")
    assert {json.loads(line)["speaker"] for line in lines} >= {"Donald Trump", "Shigeru Ishiba"}
    articles = [json.loads(line) for line in to_string(store.conn, "articles", "jsonl").splitlines()]
    assert articles[0]["brief"]["article"]["title"] == TRUMP_RALLY.title
    rows = list(csv.DictReader(io.StringIO(to_string(store.conn, "events", "csv"))))
    assert len(rows) == store.count("events") and rows[0]["type"] == "THREATEN"
    out = tmp_path / "quotes.parquet"
    assert export(store.conn, "quotes", "parquet", out) == store.count("quotes")
    table = pq.read_table(out)
    assert table.num_rows == store.count("quotes") and "content" in table.column_names
    with pytest.raises(StoreError, match="format"):
        to_string(store.conn, "quotes", "xml")


def test_read_only_store_refuses_writes_and_missing_files(tmp_path: Path, store: Store) -> None:
    with Store(store.path, readonly=True) as ro:
        assert ro.count() == len(corpus_briefs())
        with pytest.raises(StoreError, match="read-only"):
            ro.add(make_brief(HOSTILE))
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "absent.db", readonly=True)
    not_db = tmp_path / "notes.db"
    not_db.write_text("this is not a database, just some notes\n" * 100)
    with pytest.raises(StoreError, match="notes.db"):
        Store(not_db)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "no" / "such" / "folder.db")


def test_full_text_indexes_are_found_by_sqlite_utils(store: Store) -> None:
    """The FTS5 tables name their content tables (external content), which is how datasette and sqlite-utils find
    them; the index is still the one searches use."""
    sqlite_utils = pytest.importorskip("sqlite_utils")
    db = sqlite_utils.Database(store.conn)
    assert db["quotes"].detect_fts() == "quotes_fts"
    assert db["articles"].detect_fts() == "articles_fts"
    hits = db["quotes"].search("defend")
    assert any("defend" in row["content"] for row in hits)
    store.conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")  # raises when out of step


def test_a_store_with_the_old_full_text_tables_is_migrated(tmp_path: Path) -> None:
    """A file of version 6 (its FTS5 tables holding their own copy of the text) gets the external-content tables,
    rebuilt from the rows, and search finds what it found before."""
    db = tmp_path / "news.db"
    with Store(db) as s:
        for brief in corpus_briefs():
            s.add(brief)
        before = [h["id"] for h in queries.search_quotes(s.conn, about="defending")]
        articles_before = [a["id"] for a in queries.search_articles(s.conn, about="defence budget")]
        assert before and articles_before
    conn = sqlite3.connect(db)
    conn.executescript(
        "DROP TABLE quotes_fts; DROP TABLE articles_fts; DROP TABLE echo_bands; DROP TABLE quote_terms;"
        "CREATE VIRTUAL TABLE quotes_fts USING fts5(content, speaker, tokenize='porter unicode61');"
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize='porter unicode61');"
        "INSERT INTO quotes_fts (rowid, content, speaker) SELECT id, content, COALESCE(speaker_name, '') FROM quotes;"
        "INSERT INTO articles_fts (rowid, title, text) SELECT seq, COALESCE(title, ''), text FROM articles;"
        "DELETE FROM migrations WHERE version >= 7;"
    )
    conn.close()
    with Store(db) as s:
        assert schema.current_version(s.conn) == schema.LATEST_VERSION
        assert [h["id"] for h in queries.search_quotes(s.conn, about="defending")] == before
        assert [a["id"] for a in queries.search_articles(s.conn, about="defence budget")] == articles_before
        assert "content=[articles]" in s.conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
        s.conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
