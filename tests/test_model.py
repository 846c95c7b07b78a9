"""The data model: checked spans, paragraph offsets, and the JSON round trip of a whole brief."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newsbrief.model import (
    Actor,
    Article,
    Brief,
    Entity,
    Event,
    Passage,
    Point,
    Quote,
    Span,
    Speaker,
    split_paragraphs,
)

TEXT = (
    "Finance ministers of the euro zone agreed on Monday to extend Greece's credit line by four months.\n\n"
    "We will not let the recovery stall for want of a signature.\n"
    "Mario Centeno\n"
    "President of the Eurogroup\n\n"
    '"This is a bridge, not a destination," Greek Finance Minister Yanis Varoufakis said.'
)


def test_span_of_checks_offsets_and_keeps_the_characters() -> None:
    span = Span.of(TEXT, 0, 7)
    assert span.text == "Finance"
    with pytest.raises(ValueError):
        Span.of(TEXT, 5, len(TEXT) + 1)
    with pytest.raises(ValueError):
        Span.of(TEXT, 10, 3)
    with pytest.raises(ValueError):
        Span(0, 4, "abc")  # text does not fit the offsets


def test_span_relations() -> None:
    a, b, c = Span.of(TEXT, 0, 10), Span.of(TEXT, 5, 15), Span.of(TEXT, 10, 20)
    assert a.overlaps(b) and b.overlaps(c) and not a.overlaps(c)
    assert Span.of(TEXT, 0, 20).contains(b) and not a.contains(b)


def test_paragraphs_split_on_blank_lines_and_keep_speaker_card_lines() -> None:
    paras = [TEXT[s:e] for s, e in split_paragraphs(TEXT)]
    assert len(paras) == 3
    assert paras[1].splitlines() == [
        "We will not let the recovery stall for want of a signature.",
        "Mario Centeno",
        "President of the Eurogroup",
    ]
    assert paras[2].startswith('"This is a bridge')


def test_article_id_is_stable_and_prefers_the_url() -> None:
    a = Article(text=TEXT, url="https://example.org/eurogroup")
    b = Article(text=TEXT + " (updated)", url="https://example.org/eurogroup")
    assert a.id == b.id
    assert Article(text=TEXT).id != a.id
    assert Article(text=TEXT).id == Article(text=TEXT).id


def _brief() -> Brief:
    article = Article(
        text=TEXT, url="https://example.org/eurogroup", source="Example Wire", title="Euro zone extends Greek loans",
        published=dt.date(2015, 2, 23),
    )
    quote_start = TEXT.index('"This')
    content = Span.of(TEXT, quote_start + 1, TEXT.index(',"') + 1)
    mention = Span.of(TEXT, TEXT.index("Yanis"), TEXT.index(" said"))
    speaker = Speaker(id="yanis-varoufakis", name="Yanis Varoufakis", role="Finance Minister", country="GRC",
                      mentions=(mention,))
    quote = Quote(content=content, kind="direct", speaker_id=speaker.id, speaker_mention=mention,
                  cue=Span.of(TEXT, TEXT.index("said"), TEXT.index("said") + 4), confidence=0.9)
    greece = Span.of(TEXT, TEXT.index("Greece"), TEXT.index("Greece") + 6)
    lead_span = Span.of(TEXT, 0, TEXT.index("\n"))
    event = Event(
        source=Actor(name="euro zone", sector="igo"), type="AGREE", sentence=lead_span,
        target=Actor(name="Greece", country="GRC", sector="government", mention=greece), intensity=4.0,
        date=dt.date(2015, 2, 23),
    )
    return Brief(
        article=article,
        lead=(Passage(text=lead_span.text, spans=(lead_span,)),),
        points=(Point(kind="happened", passages=(Passage(text=lead_span.text, spans=(lead_span,)),)),),
        quotes=(quote,), speakers=(speaker,),
        entities=(Entity(id="country:grc", name="Greece", type="COUNTRY", code="GRC", mentions=(greece,)),),
        events=(event,),
    )


def test_brief_json_round_trip_is_exact() -> None:
    brief = _brief()
    data = json.loads(json.dumps(brief.to_dict()))
    assert data["article"]["published"] == "2015-02-23"
    assert data["quotes"][0]["content"]["text"] == "This is a bridge, not a destination,"
    again = Brief.from_dict(data)
    assert again == brief
    assert again.events[0].quad == "verbal cooperation"
    assert again.speaker("yanis-varoufakis") == brief.speakers[0]


def test_a_quotation_split_around_its_cue_reads_without_the_attribution() -> None:
    text = '"We will not be rushed," the minister said on Monday. "The budget is ours to set."'
    content = Span.of(text, 1, len(text) - 1)
    said = text.index("said")
    quote = Quote(content=content, kind="direct", speaker_mention=Span.of(text, text.index("the minister"), said - 1),
                  cue=Span.of(text, said, said + 4))
    assert quote.text == "We will not be rushed … The budget is ours to set."
    # The span itself keeps the outer bounds, verbatim.
    assert quote.content.text.startswith("We will not be rushed,\" the minister said")
    whole = Quote(content=Span.of(text, 1, text.index(",\"") + 1), kind="direct", cue=Span.of(text, said, said + 4))
    assert whole.text == "We will not be rushed,"
