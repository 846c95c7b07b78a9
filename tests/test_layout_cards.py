"""The one layout reader on articles in the brief layout: speaker cards in every form, block quotations carded and
announced, narration kept out, and the bad shapes (all one-line paragraphs, lone cards, headings without bullets).

Every article here is written for these tests in a newsroom's style; each expected speaker, role and span was
checked by hand against the text.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from newsbrief.layout import read_layout
from newsbrief.model import Article, Quote, Speaker
from newsbrief.quotes import extract_quotes


def article(text: str, title: str | None = "Harbour talks stall") -> Article:
    paragraphs = []
    pos = 0
    for block in text.split("\n\n"):
        paragraphs.append((pos, pos + len(block)))
        pos += len(block) + 2
    return Article(text=text, title=title, paragraphs=tuple(paragraphs))


def quotes_of(nlp: Any, text: str) -> tuple[tuple[Quote, ...], dict[str, Speaker]]:
    art = article(text)
    quotes, speakers = extract_quotes(art, nlp(text), ())
    return quotes, {s.id: s for s in speakers}


def block_by(quotes: tuple[Quote, ...], speakers: dict[str, Speaker], start: str) -> tuple[Quote, Speaker]:
    q = next(q for q in quotes if q.content.text.startswith(start))
    assert q.speaker_id is not None, q
    return q, speakers[q.speaker_id]


QUOTE_A = "We will not sign an agreement that empties our harbours. The fleet stays home until the quotas change."
CARD_FORMS = {
    "blank lines, name twice, role": "Elin Varga\n\nElin Varga\n\nMinister of Fisheries of Norway",
    "blank lines, name once, role": "Elin Varga\n\nMinister of Fisheries of Norway",
    "consecutive lines, name twice, role": "Elin Varga\nElin Varga\nMinister of Fisheries of Norway",
    "consecutive lines, name once, role": "Elin Varga\nMinister of Fisheries of Norway",
    "blank lines, name twice, no role": "Elin Varga\n\nElin Varga",
}


@pytest.mark.parametrize("form", sorted(CARD_FORMS))
def test_block_quotation_above_a_card_in_every_form_gets_the_cards_speaker(nlp: Any, form: str) -> None:
    card = CARD_FORMS[form]
    separator = "\n" if form.startswith("consecutive") else "\n\n"
    text = (
        "Norway suspended its talks with the European Union on fishing quotas\n\n"
        "Elin Varga announced the decision after a cabinet meeting in Oslo on Monday.\n\n"
        f"{QUOTE_A}{separator}{card}\n\n"
        "The talks had run for eleven months."
    )
    quotes, speakers = quotes_of(nlp, text)
    q, who = block_by(quotes, speakers, "We will not sign")
    assert q.kind == "block"
    assert q.content.text == QUOTE_A
    assert who.name == "Elin Varga"
    if "no role" not in form:
        assert (who.role, who.country) == ("Minister of Fisheries of Norway", "NOR")
    # No card line is ever part of a quotation.
    assert all("Minister of Fisheries" not in q.content.text for q in quotes)


def test_institution_as_card_name(nlp: Any) -> None:
    text = (
        "The ministry answered within the hour.\n\n"
        "Our vessels acted within the law. The accusations have no basis in fact.\n\n"
        "Ministry of Foreign Affairs of Latvia"
    )
    quotes, speakers = quotes_of(nlp, text)
    q, who = block_by(quotes, speakers, "Our vessels acted")
    assert q.kind == "block" and who.name == "Ministry of Foreign Affairs of Latvia"


def test_layout_reads_the_card_lines_name_and_role() -> None:
    text = f"{QUOTE_A}\n\nElin Varga\n\nElin Varga\n\nMinister of Fisheries of Norway"
    layout = read_layout(article(text, title=None))
    (card,) = layout.cards
    assert text[slice(*card.name)] == "Elin Varga"
    assert card.role is not None and text[slice(*card.role)] == "Minister of Fisheries of Norway"
    assert card.quotation is not None and text[slice(*card.quotation)] == QUOTE_A
    assert len(card.lines) == 3


def test_announced_paragraph_in_the_first_person_is_the_announcing_speakers(nlp: Any) -> None:
    text = (
        "Dutch Agriculture Minister Pieter Smit said on Tuesday that the Netherlands would oppose the new rules.\n\n"
        "We cannot ask our farmers to carry this alone. Brussels must listen.\n\n"
        "The vote is expected in March."
    )
    quotes, speakers = quotes_of(nlp, text)
    q, who = block_by(quotes, speakers, "We cannot ask")
    assert q.kind == "block" and who.name == "Pieter Smit"
    assert who.role == "Dutch Agriculture Minister" and who.country == "NLD"


def test_announced_paragraph_with_a_stance_and_no_we_is_still_speech(nlp: Any) -> None:
    text = (
        "Smit also said that the ministry would publish its own figures.\n\n"
        "This is not a question of money. No farmer will be left behind."
    )
    quotes, _ = quotes_of(nlp, text)
    assert any(q.kind == "block" and q.content.text.startswith("This is not a question") for q in quotes)


@pytest.mark.parametrize(
    "narration",
    [
        "The rules would cover more than 40,000 farms across the country.",
        "The review of the rules is due to begin next year.",
        "He added that the ministry had received thousands of letters.",
        "Farm incomes fell by a fifth last year, according to the statistics office.",
    ],
)
def test_narration_after_an_announcing_paragraph_is_never_a_quotation(nlp: Any, narration: str) -> None:
    text = f"Pieter Smit said on Tuesday that the Netherlands would oppose the new rules.\n\n{narration}"
    quotes, _ = quotes_of(nlp, text)
    assert not any(q.kind == "block" for q in quotes), quotes


def test_context_noun_phrase_is_no_speaker(nlp: Any) -> None:
    text = (
        "The new claims echo similar complaints Mayor Ana Ruiz made last year, saying she was considering closing "
        "the port to foreign trawlers."
    )
    quotes, speakers = quotes_of(nlp, text)
    for q in quotes:
        if q.speaker_id is not None:
            assert "claims" not in speakers[q.speaker_id].name.lower()


def test_card_at_the_very_start_and_card_without_quotation_invent_nothing(nlp: Any) -> None:
    text = "Elin Varga\n\nMinister of Fisheries of Norway\n\nThe talks had run for eleven months."
    quotes, _ = quotes_of(nlp, text)
    assert not any(q.kind == "block" for q in quotes)
    layout = read_layout(article(text, title=None))
    assert all(card.quotation is None for card in layout.cards)


def test_points_heading_without_bullets_and_bullets_without_heading_are_no_quotations(nlp: Any) -> None:
    text = (
        "Points of attention\n\n"
        "Norway suspended its talks with the European Union on Monday.\n\n"
        "  • The fleet stays in port.\n\n"
        "  • We will not sign, the minister said."
    )
    layout = read_layout(article(text, title=None))
    assert not layout.is_brief or layout.bullets
    quotes, _ = quotes_of(nlp, text)
    assert not any(q.kind == "block" for q in quotes)


def test_every_paragraph_one_short_line_invents_no_quotation(nlp: Any) -> None:
    text = "\n\n".join(["Oslo Harbour", "Elin Varga", "Fleet Returns", "Minister of Fisheries", "Quotas"] * 4)
    quotes, _ = quotes_of(nlp, text)
    assert quotes == ()


def test_ten_thousand_one_line_paragraphs_read_in_linear_time() -> None:
    def seconds(n: int) -> float:
        text = "\n\n".join(f"Harbour Line {i}" if i % 3 else "Elin Varga" for i in range(n))
        art = article(text, title=None)
        start = time.process_time()
        read_layout(art)
        return time.process_time() - start

    small, large = seconds(1_000), seconds(10_000)
    assert large < 2.0
    # Ten times the lines, at most about ten times the time (with room for timer noise on a small figure).
    assert large < 25 * max(small, 0.005)


def test_participle_after_a_context_noun_is_the_named_persons(nlp: Any) -> None:
    text = ("The new claims echo similar complaints Mayor Ana Ruiz made last year, saying she was considering "
            "closing the port to foreign trawlers.")
    quotes, speakers = quotes_of(nlp, text)
    (q,) = [q for q in quotes if q.content.text.startswith("she was considering")]
    assert q.speaker_mention is not None and "Ruiz" in q.speaker_mention.text
    assert q.speaker_id is not None and "Ruiz" in speakers[q.speaker_id].name
    # The context noun phrase is nobody's mention, in any find.
    assert all(x.speaker_mention is None or "claims" not in x.speaker_mention.text for x in quotes)
