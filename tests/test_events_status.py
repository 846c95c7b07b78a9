"""Each event's status (asserted, hypothetical, negated): read from the parse, kept in briefs and the store,
and only asserted events move the relations index. Also: a sentence is never refused for its language alone."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from newsbrief.model import Actor, Event, Span
from newsbrief.relations import relations


def _coded(nlp, text: str) -> list[Event]:  # type: ignore[no-untyped-def]
    from newsbrief.entities import extract_entities
    from newsbrief.events import extract_events
    from newsbrief.model import Article

    article = Article(text=text)
    doc = nlp(text)
    return list(extract_events(article, doc, (), (), extract_entities(article, doc)))


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        ("Russian troops attacked the Ukrainian port on Monday.", "attacked", "asserted"),
        ("The French president did not attack Italy in his speech.", "attack", "negated"),
        ("Turkey said it was considering withdrawing from the treaty.", "withdrawing", "hypothetical"),
        ("Germany plans to send more weapons to Ukraine.", "send", "hypothetical"),
        ("China would impose new tariffs on Australian wine.", "impose", "hypothetical"),
    ],
)
def test_status_follows_negation_modality_and_intent(nlp, text: str, word: str, status: str) -> None:  # type: ignore[no-untyped-def]
    from newsbrief.events.status import status_of

    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert status_of(token) == status


def test_a_threat_is_asserted_however_conditional(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsbrief.events.status import status_of

    doc = nlp("Beijing threatened to impose tariffs if Canberra did not back down.")
    assert status_of(next(t for t in doc if t.text == "threatened"), threat=True) == "asserted"


def test_a_considered_withdrawal_is_never_coded_as_done(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _coded(nlp, "Turkey's president said he was considering withdrawing from the treaty with Greece.")
    assert not [e for e in events if e.type == "RETREAT" and e.status == "asserted"]


def _event(status: str, day: str = "2026-03-13") -> Event:
    text = "Japan rejected the American demand."
    return Event(Actor("Japan", "JPN", "government"), "REJECT", Span.of(text, 0, len(text)),
                 Actor("United States", "USA", "government"), intensity=-4.2, date=dt.date.fromisoformat(day),
                 status=status)  # type: ignore[arg-type]


def test_relations_count_asserted_events_only() -> None:
    result = relations([_event("asserted"), _event("hypothetical"), _event("negated")], "JPN", "USA")
    assert [p["events_count"] for p in result["series"]] == [1]


def test_status_round_trips_through_json() -> None:
    event = _event("negated")
    assert Event.from_dict(json.loads(json.dumps(event.to_dict()))) == event
    assert Event.from_dict({k: v for k, v in event.to_dict().items() if k != "status"}).status == "asserted"


def test_a_store_without_migration_6_gains_the_status_column_when_opened(tmp_path: Path) -> None:
    from newsbrief.store import Store, schema

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, target=5)
    # A store made before migration 6 existed: it went on to 7, 8 and 9.
    saved = schema.MIGRATIONS
    try:
        schema.MIGRATIONS = tuple(m for m in saved if m[0] != 6)
        schema.migrate(conn)
    finally:
        schema.MIGRATIONS = saved
    assert schema.missing_versions(conn) == [6]
    conn.close()
    with Store(path, readonly=True) as ro:
        assert ro.conn.execute("SELECT 1 FROM migrations WHERE version = 6").fetchone() is not None
        columns = {r[1] for r in ro.conn.execute("PRAGMA table_info(events)")}
        assert "status" in columns


def test_the_store_keeps_each_events_status_and_its_relations_skip_the_hypothetical(tmp_path: Path) -> None:
    from newsbrief.store import Store, queries
    from test_store_events import conditional_brief

    brief = conditional_brief()
    threat, recall = brief.events
    brief = dataclasses.replace(brief, events=(dataclasses.replace(threat, status="hypothetical"), recall))
    with Store(tmp_path / "news.db") as store:
        store.add(brief)
        events = queries.article(store.conn, brief.article.id)["events"]  # type: ignore[index]
        assert [e["status"] for e in events] == ["hypothetical", "asserted"]
        series = queries.relations(store.conn, "AUS", "CHN", by="month")["series"]
        assert [e["type"] for p in series for e in p["events"]] == ["PROTEST"]


def test_an_english_sentence_is_not_refused_for_its_language() -> None:
    from newsbrief.errors import UnsupportedLanguageError
    from newsbrief.nlp import check_language

    assert check_language("I think it's common sense, if they don't pay, I'm not going to defend them.", "s") == "en"
    with pytest.raises(UnsupportedLanguageError):
        check_language("Der Bundeskanzler hat am Montag in Berlin die neuen Regeln vorgestellt und die Opposition "
                       "scharf kritisiert, weil sie keine eigenen Vorschläge gemacht habe.", "de")
