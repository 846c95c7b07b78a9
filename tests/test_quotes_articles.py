"""Quotations and speakers on articles written for these tests, in both layouts; every expectation checked by hand.

- marks-layout.txt: curly and straight marks, a quotation split around its cue, one running over two paragraphs,
  reported speech, "according to", a scare quote, pronouns and a description resolved to the named person.
- card-layout.txt: the brief layout: a block quotation with a speaker card (name twice, role), an announced block
  ("... told reporters:"), a header that is no quotation.
- brief-layout.txt: New York Times marks (''...''), a headline and a list of points that hold marks but are no
  quotations, a title inside a name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.model import Article, Quote, Speaker
from newsbrief.quotes import extract_quotes

DATA = Path(__file__).parent / "data" / "quotes"


def _extract(nlp, name: str) -> tuple[str, tuple[Quote, ...], dict[str, Speaker]]:  # type: ignore[no-untyped-def]
    text = (DATA / name).read_text(encoding="utf-8")
    quotes, speakers = extract_quotes(Article(text=text), nlp(text), ())
    for q in quotes:  # every span is the article's own characters
        assert text[q.content.start : q.content.end] == q.content.text
    return text, quotes, {s.id: s for s in speakers}


def _find(quotes: tuple[Quote, ...], start_words: str) -> Quote:
    hits = [q for q in quotes if q.content.text.startswith(start_words)]
    assert len(hits) == 1, f"expected one quotation starting {start_words!r}, got {[q.content.text for q in quotes]}"
    return hits[0]


@pytest.fixture(scope="module")
def marks(nlp):  # type: ignore[no-untyped-def]
    return _extract(nlp, "marks-layout.txt")


@pytest.fixture(scope="module")
def cards(nlp):  # type: ignore[no-untyped-def]
    return _extract(nlp, "card-layout.txt")


@pytest.fixture(scope="module")
def brief_layout(nlp):  # type: ignore[no-untyped-def]
    return _extract(nlp, "brief-layout.txt")


def test_reported_speech_with_premodified_speaker(marks) -> None:  # type: ignore[no-untyped-def]
    _, quotes, speakers = marks
    q = _find(quotes, "that his government would reopen")
    assert q.kind == "indirect"
    assert q.content.text.endswith("with Argentina within a month")
    assert q.speaker_mention is not None and q.speaker_mention.text == "Brazilian President Luiz Lula"
    assert q.cue is not None and q.cue.text == "said"
    lula = speakers[q.speaker_id or ""]
    assert (lula.id, lula.name, lula.role, lula.country) == ("luiz-lula", "Luiz Lula", "Brazilian President", "BRA")


def test_split_quotation_is_one_quote_from_first_mark_to_last(marks) -> None:  # type: ignore[no-untyped-def]
    text, quotes, _ = marks
    q = _find(quotes, "We have waited too long")
    assert q.kind == "direct"
    assert q.content.text.endswith("without an agreement.")
    assert text[q.content.start - 1] == "\u201c" and text[q.content.end] == "\u201d"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Lula"
    assert q.cue is not None and q.cue.text == "told"
    assert q.speaker_id == "luiz-lula"


def test_pronoun_and_surname_resolve_to_the_full_name_and_role(marks) -> None:  # type: ignore[no-untyped-def]
    _, quotes, speakers = marks
    she = _find(quotes, "Buenos Aires was ready")
    assert she.speaker_mention is not None and she.speaker_mention.text == "She"
    surname = _find(quotes, "The tariffs we pay today")
    assert surname.speaker_mention is not None and surname.speaker_mention.text == "Mondino"
    assert she.speaker_id == surname.speaker_id == "diana-mondino"
    mondino = speakers["diana-mondino"]
    assert (mondino.name, mondino.role, mondino.country) == ("Diana Mondino", "Argentine Foreign Minister", "ARG")
    assert {m.text for m in mondino.mentions} >= {"Diana Mondino", "She", "Mondino"}


def test_according_to(marks) -> None:  # type: ignore[no-untyped-def]
    _, quotes, _ = marks
    q = _find(quotes, "exports between the two countries")
    assert q.kind == "indirect"
    assert q.content.text == "exports between the two countries fell by 12 percent last year"
    assert q.speaker_mention is not None and q.speaker_mention.text == "the trade ministry"
    assert q.cue is not None and q.cue.text == "According to"


def test_scare_quote_is_no_quotation(marks) -> None:  # type: ignore[no-untyped-def]
    _, quotes, _ = marks
    assert not any("photo opportunity" in q.content.text for q in quotes)


def test_quotation_over_two_paragraphs_and_pronoun_after_description(marks) -> None:  # type: ignore[no-untyped-def]
    _, quotes, _ = marks
    q = _find(quotes, "Our neighbours are our first market")
    assert q.content.text.endswith("if we close our doors.")
    assert "\n\n" in q.content.text
    assert q.speaker_mention is not None and q.speaker_mention.text == "he"
    # "The president returned to the subject ... he said": he is the president named earlier.
    assert q.speaker_id == "luiz-lula"


def test_marks_layout_has_nothing_else(marks) -> None:  # type: ignore[no-untyped-def]
    _, quotes, speakers = marks
    assert len(quotes) == 6
    assert set(speakers) == {"luiz-lula", "diana-mondino"}


def test_block_quotation_with_speaker_card(cards) -> None:  # type: ignore[no-untyped-def]
    _, quotes, speakers = cards
    q = _find(quotes, "Our fishermen will no longer be arrested")
    assert q.kind == "block"
    assert q.content.text.endswith("their livelihoods and the lake itself.")
    assert "William Ruto" not in q.content.text  # the card is not part of the quotation
    assert q.speaker_mention is not None and q.speaker_mention.text == "William Ruto"
    ruto = speakers["william-ruto"]
    assert (ruto.name, ruto.role, ruto.country) == ("William Ruto", "President of Kenya", "KEN")


def test_card_lines_and_header_are_no_quotations(cards) -> None:  # type: ignore[no-untyped-def]
    _, quotes, _ = cards
    for q in quotes:
        assert "Prime Minister" not in q.content.text
        assert not q.content.text.startswith(("William Ruto", "President of Kenya", "date ", "Source:"))


def test_speaker_after_a_card_keeps_its_own_name(cards) -> None:  # type: ignore[no-untyped-def]
    _, quotes, speakers = cards
    q = _find(quotes, "the deal showed that neighbours")
    assert q.speaker_mention is not None and q.speaker_mention.text == "Tanzanian President Samia Suluhu Hassan"
    hassan = speakers[q.speaker_id or ""]
    assert (hassan.id, hassan.role, hassan.country) == ("samia-suluhu-hassan", "Tanzanian President", "TZA")


def test_announced_block_quotation(cards) -> None:  # type: ignore[no-untyped-def]
    _, quotes, _ = cards
    q = _find(quotes, "The patrols will begin next month.")
    assert q.kind == "block"
    assert q.content.text.endswith("cross the line at night.")
    assert q.speaker_mention is not None and q.speaker_mention.text == "Tanzania's fisheries minister"
    assert q.cue is not None and q.cue.text == "told"


def test_unnamed_group_speaker_has_no_id(cards) -> None:  # type: ignore[no-untyped-def]
    _, quotes, _ = cards
    q = _find(quotes, "The agreement still has to be ratified")
    assert q.speaker_mention is not None and q.speaker_mention.text == "officials"
    assert q.speaker_id is None


def test_headline_heading_and_points_are_no_quotations(brief_layout) -> None:  # type: ignore[no-untyped-def]
    _, quotes, _ = brief_layout
    texts = [q.content.text for q in quotes]
    assert not any("no more delays" in t or "will open in June" in t or "higher costs" in t for t in texts)
    assert not any("green lane" in t for t in texts)  # a "so-called" term
    assert len(quotes) == 5


def test_nyt_marks_and_title_inside_a_name(brief_layout) -> None:  # type: ignore[no-untyped-def]
    text, quotes, speakers = brief_layout
    q = _find(quotes, "We have made a promise")
    assert q.kind == "direct" and text[q.content.start - 2 : q.content.start] == "''"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Ms. Lowe"
    assert speakers[q.speaker_id or ""].name == "Andrea Lowe"
    assert speakers["andrea-lowe"].role == "Mayor"
    patel = _find(quotes, "The numbers simply do not add up")
    assert patel.speaker_mention is not None and patel.speaker_mention.text == "he"
    assert patel.speaker_id == "raj-patel"
    assert (speakers["raj-patel"].name, speakers["raj-patel"].role) == ("Raj Patel", "Councillor")


def test_example_article_both_layouts(nlp) -> None:  # type: ignore[no-untyped-def]
    """The bundled example: a block quotation with a card, and a split quotation by the same president."""
    text = (Path(__file__).resolve().parents[1] / "examples" / "defence-spending.txt").read_text(encoding="utf-8")
    quotes, speakers = extract_quotes(Article(text=text), nlp(text), ())
    by_id = {s.id: s for s in speakers}
    block = _find(quotes, "Japan will not accept a figure")
    assert block.kind == "block" and block.speaker_id == "shigeru-ishiba"
    assert (by_id["shigeru-ishiba"].role, by_id["shigeru-ishiba"].country) == ("Prime Minister of Japan", "JPN")
    split = _find(quotes, "If they don't pay")
    assert split.content.text.endswith("for a long time.") and split.speaker_id == "donald-trump"
    assert (by_id["donald-trump"].name, by_id["donald-trump"].country) == ("Donald Trump", "USA")
    hegseth = _find(quotes, "the Pentagon is reviewing")
    assert hegseth.cue is not None and hegseth.cue.text == "According to"
    assert by_id["pete-hegseth"].role == "Defense Secretary"


def test_relative_pronoun_is_the_mention_and_resolves_to_its_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Budget fight in the state senate\n\n"
        "The plan was attacked by Senator Maria Ortiz, who said that it would hurt every family in the state.\n"
    )
    quotes, speakers = extract_quotes(Article(text=text), nlp(text), ())
    (q,) = quotes
    assert q.content.text == "that it would hurt every family in the state"
    assert q.speaker_mention is not None and q.speaker_mention.text == "who"
    assert q.speaker_id == "maria-ortiz"
    assert (speakers[0].name, speakers[0].role) == ("Maria Ortiz", "Senator")
