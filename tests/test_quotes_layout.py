"""Layout defects seen in the product, on an article written for these tests (wire-brief-layout.txt) and on
examples/defence-spending.txt; every expectation checked by hand.

- A dateline ("OSLO —", "JAKARTA, March 3 (Reuters) -", "COLUMBUS, Ohio —") is never a speaker nor quoted words.
- A speaker card with the name twice gives a one-line name.
- The bullets of an article that is already a brief are structure, not reported speech.
- "He added" goes to the subject of the sentence before it, not to a name a speaker card left just above.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.model import Article, Quote, Speaker
from newsbrief.quotes import extract_quotes

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "quotes"
DATELINES = ("JAKARTA", "OSLO", "COLUMBUS", "WASHINGTON", "Reuters", "AP", "Ohio")


def _extract(nlp, path: Path) -> tuple[str, tuple[Quote, ...], dict[str, Speaker]]:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    quotes, speakers = extract_quotes(Article(text=text), nlp(text), ())
    return text, quotes, {s.id: s for s in speakers}


@pytest.fixture(scope="module")
def wire(nlp):  # type: ignore[no-untyped-def]
    return _extract(nlp, DATA / "wire-brief-layout.txt")


def _starting(quotes: tuple[Quote, ...], words: str) -> Quote:
    hits = [q for q in quotes if q.content.text.startswith(words)]
    assert len(hits) == 1, [q.content.text for q in quotes]
    return hits[0]


def test_a_dateline_is_never_a_speaker_nor_quoted(wire) -> None:  # type: ignore[no-untyped-def]
    _, quotes, speakers = wire
    for q in quotes:
        assert not any(q.content.text.startswith(d) for d in DATELINES), q.content.text
        if q.speaker_mention is not None:
            assert not any(d in q.speaker_mention.text.split() for d in DATELINES), q.speaker_mention.text
    assert not any(s.name.split()[0] in DATELINES for s in speakers.values())
    jakarta = _starting(quotes, "it would cut export levies")
    assert jakarta.speaker_mention is not None and jakarta.speaker_mention.text == "Indonesia"
    oslo = _starting(quotes, "the accord would be judged")
    assert oslo.speaker_id == "tove-lindahl"
    columbus = _starting(quotes, "Buyers in the United States")
    assert columbus.speaker_mention is not None and columbus.speaker_mention.text == "traders"
    assert columbus.speaker_id is None  # a common-noun group stays unresolved
    washington = _starting(quotes, "We will look at the certificates")
    assert washington.kind == "direct" and washington.speaker_id == "karen-holt"


def test_a_card_with_the_name_twice_gives_a_one_line_name(wire) -> None:  # type: ignore[no-untyped-def]
    _, quotes, speakers = wire
    q = _starting(quotes, "We are opening our markets")
    assert q.kind == "block" and q.content.text.endswith("open to every farmer.")
    budi = speakers[q.speaker_id or ""]
    assert (budi.id, budi.name, budi.role) == ("budi-santoso", "Budi Santoso", "Minister of Trade")
    for s in speakers.values():
        assert "\n" not in s.name and "\n" not in (s.role or "")


def test_the_bullets_of_a_brief_are_no_quotations(wire) -> None:  # type: ignore[no-untyped-def]
    text, quotes, _ = wire
    points = text.index("Points of attention")
    bullets_end = text.index("JAKARTA")
    assert not [q.content.text for q in quotes if points <= q.content.start < bullets_end]
    # The brief's lead repeats the body; the body's own sentences are still read.
    assert len(quotes) == 5


def test_the_bullets_of_a_rendered_brief_are_no_quotations(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "2026-03-03 Norway pledges forest money\nSource: Harbour Wire\n\n"
        "Norway will pay for satellite monitoring of plantations, its climate minister said.\n\n"
        "Points of attention\n  \u2022 Norway will pay for satellite monitoring, the minister said.\n"
        "  \u2022 Critics warned that smallholders may be left out.\n\n"
        "Norway will pay for satellite monitoring of plantations, its climate minister said.\n"
        "    (reported speech: Tove Lindahl, Climate Minister)\n"
    )
    quotes, _ = extract_quotes(Article(text=text), nlp(text), ())
    body = text.rindex("Norway will pay")
    assert [q.content.start >= body for q in quotes] == [True]


def test_he_added_goes_to_the_subject_before_not_to_the_card_above(nlp) -> None:  # type: ignore[no-untyped-def]
    _, quotes, speakers = _extract(nlp, ROOT / "examples" / "defence-spending.txt")
    q = _starting(quotes, "that Japan would continue to consult")
    assert q.speaker_mention is not None and q.speaker_mention.text == "He"
    assert q.speaker_id == "yoshimasa-hayashi"
    assert speakers["yoshimasa-hayashi"].role == "Chief Cabinet Secretary"
