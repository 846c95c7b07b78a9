"""Quotations as events (issue 18, item 3): a threat, demand, accusation or rejection in a speaker's own words is
the speaker's event, aimed at the other side, with the quotation as its provenance."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbrief.entities import extract_entities
from newsbrief.events import extract_events
from newsbrief.events.speech import speech_act
from newsbrief.model import Article, Event
from newsbrief.quotes import extract_quotes


@pytest.mark.parametrize(("sentence", "type_", "conditional"), [
    ("If they do not change course, we will have to respond together.", "THREATEN", True),
    ("All options remain on the table.", "THREATEN", False),
    ("We will defend our territory with all means.", "THREATEN", False),
    ("We cannot accept this kind of pressure.", "REJECT", False),
    ("We firmly oppose the politicisation of trade.", "REJECT", False),
    ("They must stop the shelling of civilian areas.", "REQUEST", False),
    ("The measures are illegitimate under international law.", "ACCUSE", False),
])
def test_speech_acts_in_a_quoted_sentence(sentence: str, type_: str, conditional: bool) -> None:
    act = speech_act(sentence)
    assert act is not None and (act.type, act.conditional) == (type_, conditional)
    assert sentence[act.start : act.end]  # the words that perform it are the trigger


@pytest.mark.parametrize("sentence", [
    "The talks lasted three hours and ended in the evening.",
    "Exports rose by four percent last year.",
])
def test_a_quotation_that_only_informs_performs_no_act(sentence: str) -> None:
    assert speech_act(sentence) is None


def test_speech_act_reads_a_runaway_sentence_in_bounded_time() -> None:
    import time

    started = time.perf_counter()
    speech_act("word " * 100_000)
    assert time.perf_counter() - started < 1.0


TEXT = """ANKARA — Turkey on Monday protested against Greece's plan for two marine parks in the Aegean, calling it a \
unilateral step.

Foreign Minister Hakan Fidan said the plan ignored Turkish rights.

"Turkey will protect its rights in the Aegean with all means," Fidan told reporters in Ankara.
"""


def _events(nlp, text: str) -> tuple[Event, ...]:  # type: ignore[no-untyped-def]
    article = Article(text=text, published=dt.date(2025, 7, 22), origin="test")
    doc = nlp(article.text)
    entities = extract_entities(article, doc)
    quotes, speakers = extract_quotes(article, doc, entities)
    return extract_events(article, doc, quotes, speakers, entities)


def test_a_threat_in_a_quotation_is_the_speakers_asserted_threaten(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, TEXT)
    threat = next(e for e in events if e.type == "THREATEN")
    assert threat.source.country == "TUR" and "Fidan" in threat.source.name
    assert threat.target is not None and threat.target.country == "GRC"  # the story's other side
    assert threat.status == "asserted" and threat.quote_index is not None
    assert "with all means" in threat.sentence.text
