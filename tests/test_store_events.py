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
from newsbrief.store.ingest import ingest
from newsbrief.web import create_app
from test_store_corpus import Did, Said, Story, make_brief

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

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
    rows = page.split("<tr")[1:]  # the table's rows, not the story line above it
    threat_row = next(row for row in rows if "THREATEN" in row)
    recall_row = next(row for row in rows if "PROTEST" in row)
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
        # The story line ("Story: THREATEN ...") names the article's event, not a sentence's: left out here.
        lines = [line for line in render(brief, fmt).splitlines() if "Story: " not in line]
        threat = [line for line in lines if "THREATEN" in line]
        recall = [line for line in lines if "PROTEST" in line]
        assert len(threat) == 1 and "(conditional)" in threat[0], fmt
        assert len(recall) == 1 and "(conditional)" not in recall[0], fmt


@pytest.mark.slow
def test_relations_keep_two_events_of_one_article_and_merge_one_event_of_two_outlets(tmp_path: Path) -> None:
    original = (EXAMPLES / "defence-spending.txt").read_text(encoding="utf-8")
    # Another outlet's version of the story: its own masthead and a closing paragraph of its own, the wire copy
    # (and so Ishiba's two rejections, word for word) unchanged: a near-duplicate, not the same text.
    reprint = original.replace("Source: Pacific Ledger", "Source: Harbour Gazette").rstrip() + (
        "\n\nMarkets in Tokyo were closed for the weekend; traders said they expected the yen to weaken on Monday.\n"
    )
    (tmp_path / "ledger.txt").write_text(original, encoding="utf-8")
    (tmp_path / "gazette.txt").write_text(reprint, encoding="utf-8")
    with Store(tmp_path / "news.db") as store:
        summary = ingest([str(tmp_path / "ledger.txt")], store)
        assert summary.stored == 1
        alone = queries.relations(store.conn, "JPN", "USA", by="month")["series"]
        summary = ingest([str(tmp_path / "gazette.txt")], store)
        assert (summary.stored, summary.near_duplicates) == (1, 1)
        both = queries.relations(store.conn, "JPN", "USA", by="month")["series"]

    def rejections(series: list[dict]) -> list[dict]:  # type: ignore[type-arg]
        return [e for p in series for e in p["events"] if e["type"] == "REJECT" and e["source_country"] == "JPN"]

    # One article: Ishiba's rejection on Saturday and his statement in the box are two events.
    assert len(rejections(alone)) == 2
    assert {e["sentence"].split()[0] for e in rejections(alone)} == {"TOKYO", "Japan"}
    assert all(e["also_reported_by"] == [] for p in alone for e in p["events"])
    # The second outlet adds reports, not events: the same count, each event now reported twice.
    assert [p["events_count"] for p in both] == [p["events_count"] for p in alone]
    assert len(rejections(both)) == 2
    assert all(len(e["also_reported_by"]) == 1 for e in rejections(both))


# Written for these tests: one wire story with two rejections by Oslo, and another outlet's copy of it whose first
# paragraph is its own (so its first rejection is worded differently) and whose second is the wire's, word for word.
_WIRE_BODY = """
"Norway will not accept quotas drawn up in London for fish that spawn in Norwegian waters," Foreign Minister Espen Barth Eide told parliament in Oslo, adding that talks on the total catch would continue in Bergen next week.

Fishing groups in Scotland and in the north of England said the dispute could leave boats tied up for much of the spring season, and processors warned of job losses along the coast.

The minister also turned down a British offer to refer the dispute to an independent panel of scientists, saying the existing stock assessments were sound.
"""

MACKEREL_WIRE = Story(
    title="Norway rejects British mackerel quota",
    source="Fjord Post",
    published="2026-04-21",
    url="https://fjord-post.example/2026/04/21/mackerel",
    text="OSLO — Norway on Tuesday rejected the mackerel quota Britain set for the coming season.\n" + _WIRE_BODY,
    did=[
        Did("Norway on Tuesday rejected the mackerel quota Britain set", "Norway", "NOR", "REJECT", "United Kingdom",
            "GBR", -4.0),
        Did("The minister also turned down a British offer", "Norway", "NOR", "REJECT", "United Kingdom", "GBR",
            -4.0),
    ],
)

MACKEREL_COPY = Story(
    title="Oslo says no to UK fish quota",
    source="Dogger Bank Herald",
    published="2026-04-21",
    url="https://dogger-bank-herald.example/oslo-says-no",
    text="OSLO — The Norwegian government has turned its back on London's mackerel allocation, officials said.\n" + _WIRE_BODY,
    did=[
        Did("The Norwegian government has turned its back on London's mackerel allocation", "Norway", "NOR", "REJECT",
            "United Kingdom", "GBR", -4.0),
        Did("The minister also turned down a British offer", "Norway", "NOR", "REJECT", "United Kingdom", "GBR",
            -4.0),
    ],
)


def test_two_events_of_one_article_stay_two_when_another_outlet_rewrites_the_lead(tmp_path: Path) -> None:
    with Store(tmp_path / "news.db") as store:
        store.add(make_brief(MACKEREL_WIRE))
        alone = queries.relations(store.conn, "NOR", "GBR", by="month")["series"]
        assert store.add(make_brief(MACKEREL_COPY)).near_duplicate_of == make_brief(MACKEREL_WIRE).article.id
        both = queries.relations(store.conn, "NOR", "GBR", by="month")["series"]
    assert [p["events_count"] for p in alone] == [2]
    assert [p["events_count"] for p in both] == [2]
    copy_id = make_brief(MACKEREL_COPY).article.id
    assert [e["also_reported_by"] for e in both[0]["events"]] == [[copy_id], [copy_id]]
