"""Speaker rules of the third tuning round (docs/quotes.md), on short articles written for these tests."""

from __future__ import annotations

from newsbrief.model import Article, Quote
from newsbrief.quotes import extract_quotes


def _speaker_of(nlp, text: str, start_words: str) -> str | None:  # type: ignore[no-untyped-def]
    quotes, _ = extract_quotes(Article(text=text), nlp(text), ())
    hits: list[Quote] = [q for q in quotes if q.content.text.startswith(start_words)]
    assert len(hits) == 1, [q.content.text for q in quotes]
    mention = hits[0].speaker_mention
    return mention.text if mention is not None else None


def test_according_to_gives_the_second_hand_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The mayor spoke to party members behind closed doors on Tuesday.\n\n"
        "\u201cWe will not raise the harbour fees this year,\u201d Hansen said, according to a recording obtained "
        "by the Bergen Courier.\n"
    )
    assert _speaker_of(nlp, text, "We will not raise") == "a recording"


def test_apposition_is_part_of_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Farmers blocked the ring road for a third day.\n\n"
        "Marta Oliveira, the head of the growers' union, said \u201cthe ministry has stopped answering our letters "
        "and we are running out of patience.\u201d\n"
    )
    speaker = _speaker_of(nlp, text, "the ministry has stopped")
    assert speaker is not None and speaker.startswith("Marta Oliveira") and "union" in speaker


def test_passive_cue_speaker_is_the_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The debate turned to housing late in the evening.\n\n"
        "Ms. Lindqvist was asked by moderator Tomas Berg, \u201cHow many homes will you build in your first "
        "year in office?\u201d\n"
    )
    speaker = _speaker_of(nlp, text, "How many homes")
    assert speaker is not None and "Berg" in speaker
