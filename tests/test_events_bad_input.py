"""Bad input for the event coder (issue 18): no crash, and time that grows with the text, not faster."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from newsbrief.entities import extract_entities
from newsbrief.events import extract_events
from newsbrief.events.derive import DictionaryError, read_actors, read_crosswalk, read_verbs
from newsbrief.model import Article, Event
from newsbrief.quotes import extract_quotes

COUNTRIES = ("France", "Germany", "Japan", "Brazil", "India", "Kenya", "Chile", "Poland", "Egypt", "Canada")


def _code(nlp, text: str, published: dt.date | None = dt.date(2025, 1, 1)) -> tuple[Event, ...]:  # type: ignore[no-untyped-def]
    article = Article(text=text, published=published, origin="bad-input")
    doc = nlp(article.text)
    entities = extract_entities(article, doc)
    quotes, speakers = extract_quotes(article, doc, entities)
    return extract_events(article, doc, quotes, speakers, entities)


def _timed(nlp, text: str) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    _code(nlp, text)
    return time.perf_counter() - started


def test_a_sentence_of_500_words_codes_in_linear_time(nlp) -> None:  # type: ignore[no-untyped-def]
    clause = "France criticised Germany over the plan and Japan urged Brazil to act, "
    short = clause * 5  # about 60 words
    long = clause * 42  # about 500 words, one sentence
    assert len(long.split()) >= 500
    _code(nlp, short)  # warm the caches
    small, large = _timed(nlp, short + "."), _timed(nlp, long + ".")
    assert large < max(1.0, small * 8.4 * 4)  # 8.4x the words: well under quadratic growth
    events = _code(nlp, long + ".")
    assert all(e.sentence.text in long + "." for e in events)


def test_a_sentence_naming_40_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    names = [f"{c}" for c in COUNTRIES] * 4
    text = "The ministers of " + ", ".join(names[:-1]) + " and " + names[-1] + " condemned the attack on Chile."
    events = _code(nlp, text)
    assert all(e.sentence.text == text for e in events)
    assert len(events) < 40  # one act, not one event per actor pair


@pytest.mark.parametrize("published", [None, dt.date(1850, 6, 1), dt.date(1, 1, 1)])
def test_an_article_dated_before_1900_or_undated(nlp, published: dt.date | None) -> None:  # type: ignore[no-untyped-def]
    events = _code(nlp, "Secretary of State John Kerry criticised Russia over the annexation.", published)
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert accuse and accuse[0].source.country == "USA" and accuse[0].date == published


def test_a_malformed_verb_pattern_line_names_file_and_line(tmp_path: Path) -> None:
    crosswalk = tmp_path / "CAMEO2PLOVER.txt"
    crosswalk.write_text("111: ACCUSE, disapprove\n", encoding="utf-8")
    verbs = tmp_path / "CAMEO.txt"
    verbs.write_text("####### VERB PATTERNS #######\n--- CRITICIZE [111] ---\nCRITICIZE\n- * JOIN  a pattern\n",
                     encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"CAMEO\.txt:4: a pattern without a \[code\]"):
        read_verbs(verbs, read_crosswalk(crosswalk))


def test_a_malformed_actor_line_names_file_and_line(tmp_path: Path) -> None:
    actors = tmp_path / "Phoenix.actors.txt"
    actors.write_text("JOHN_KERRY\n[USAGOV 130201-150101]\n[not a code]\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"Phoenix\.actors\.txt:3"):
        read_actors(actors)


def test_a_malformed_crosswalk_line_names_file_and_line(tmp_path: Path) -> None:
    crosswalk = tmp_path / "CAMEO2PLOVER.txt"
    crosswalk.write_text("111: ACCUSE, disapprove\nnot a line\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"CAMEO2PLOVER\.txt:2"):
        read_crosswalk(crosswalk)
