# ruff: noqa: E501 - the articles keep one paragraph per line, as copy does.
"""Events in the store: the conditional flag saved, migrated, shown (web pages, API, rendered briefs), and the
relations index counting two events of one article twice but one event wired by two outlets once."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsbrief.model import Brief
from newsbrief.render import render
from newsbrief.store import Store, queries, schema
from newsbrief.store.export import to_string
from newsbrief.web import create_app
from test_store_corpus import Did, Said, Story, make_brief

# Written for these tests: a conditional threat, then a plain one in the same article.
TARIFF_WARNING = Story(
    title="Canberra warns Beijing over barley duties",
    source="Southern Cross Wire",
    published="2026-05-06",
    url="https://southern-cross-wire.example/2026/05/06/barley-duties",
    text="""
CANBERRA — Australia's trade minister said on Wednesday that Canberra would take China to the World Trade Organization if Beijing did not lift its duties on Australian barley by the end of June.

"If the duties are still there on the first of July, we will file a case in Geneva," the minister told reporters outside Parliament House.

Australia also recalled its agriculture envoy from Beijing for consultations, the ministry said in a statement.
""",
    said=[Said("If the duties are still there on the first of July, we will file a case in Geneva", "Don Farrell",
               "Trade Minister of Australia", "AUS")],
    did=[
        Did("If the duties are still there on the first of July, we will file a case in Geneva", "Australia", "AUS",
            "THREATEN", "China", "CHN", -4.4, quote=0),
        Did("Australia also recalled its agriculture envoy from Beijing", "Australia", "AUS", "PROTEST", "China",
            "CHN", -5.0),
    ],
)


def conditional_brief() -> Brief:
    brief = make_brief(TARIFF_WARNING)
    threat, recall = brief.events
    return dataclasses.replace(brief, events=(dataclasses.replace(threat, conditional=True), recall))


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "news.db")
    s.add(conditional_brief())
    yield s
    s.close()


def test_conditional_flag_is_stored_read_and_exported(store: Store) -> None:
    article_id = conditional_brief().article.id
    events = queries.article(store.conn, article_id)["events"]  # type: ignore[index]
    assert [(e["type"], e["conditional"]) for e in events] == [("THREATEN", True), ("PROTEST", False)]
    series = queries.relations(store.conn, "AUS", "CHN", by="month")["series"]
    flags = {e["type"]: e["conditional"] for p in series for e in p["events"]}
    assert flags == {"THREATEN": True, "PROTEST": False}
    exported = [json.loads(line) for line in to_string(store.conn, "events", "jsonl").splitlines()]
    assert [e["conditional"] for e in exported] == [1, 0]


def test_an_older_store_gains_the_column_with_flags_read_back_from_its_briefs(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert schema.migrate(conn, target=3) == [1, 2, 3]
    brief = conditional_brief()
    a = brief.article
    conn.execute(
        "INSERT INTO articles (id, text, content_hash, brief_json, ingested_at, published) VALUES (?, ?, ?, ?, ?, ?)",
        (a.id, a.text, "hash-v3", json.dumps(brief.to_dict()), "2026-05-06T08:00:00", "2026-05-06"),
    )
    for i, ev in enumerate(brief.events):
        conn.execute(
            "INSERT INTO events (article_id, idx, type, intensity, sentence, sentence_start, source_country, "
            "target_country, date) VALUES (?, ?, ?, ?, ?, ?, 'AUS', 'CHN', '2026-05-06')",
            (a.id, i, ev.type, ev.intensity, ev.sentence.text, ev.sentence.start),
        )
    conn.close()
    with Store(path, readonly=True) as ro:
        assert schema.current_version(ro.conn) == schema.LATEST_VERSION >= 4
        assert ro.conn.execute("SELECT name FROM migrations WHERE version = 4").fetchone() is not None
        rows = ro.conn.execute("SELECT type, conditional FROM events ORDER BY idx").fetchall()
        assert [tuple(r) for r in rows] == [("THREATEN", 1), ("PROTEST", 0)]


def test_web_pages_and_api_say_conditional(store: Store) -> None:
    client = TestClient(create_app(store.path))
    article_id = conditional_brief().article.id
    page = client.get(f"/briefs/{article_id}").text
    threat_row = next(row for row in page.split("<tr") if "THREATEN" in row)
    recall_row = next(row for row in page.split("<tr") if "PROTEST" in row)
    assert "(conditional)" in threat_row and "(conditional)" not in recall_row
    chart = client.get("/relations?a=AUS&b=CHN").text
    threat_item = next(li for li in chart.split("<li") if "THREATEN" in li)
    assert "(conditional)" in threat_item
    assert "(conditional)" not in next(li for li in chart.split("<li") if "PROTEST" in li)
    api = client.get(f"/api/briefs/{article_id}").json()
    assert [e["conditional"] for e in api["events"]] == [True, False]
    relations = client.get("/api/relations", params={"a": "AUS", "b": "CHN"}).json()
    assert sorted(e["conditional"] for p in relations["series"] for e in p["events"]) == [False, True]


def test_rendered_brief_marks_the_conditional_event_in_every_format() -> None:
    brief = conditional_brief()
    for fmt in ("text", "md", "html"):
        lines = render(brief, fmt).splitlines()
        threat = [line for line in lines if "THREATEN" in line]
        recall = [line for line in lines if "PROTEST" in line]
        assert len(threat) == 1 and "(conditional)" in threat[0], fmt
        assert len(recall) == 1 and "(conditional)" not in recall[0], fmt
