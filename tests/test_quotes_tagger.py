"""The learned span tagger (issue 19 item 2): its BIO decoding, its training tags, and the shipped model finding
reported speech the rules miss, on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsbrief.eval.polnear import GoldArticle, GoldItem
from newsbrief.model import Article
from newsbrief.quotes import extract_quotes, tagger
from newsbrief.quotes.train_tagger import gold_tags


def test_decoding_joins_a_quotation_split_by_its_own_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The deal , he said , was dead on arrival .")
    tags = ["B-C", "I-C", "O", "B-S", "B-Q", "O", "I-C", "I-C", "I-C", "I-C", "O"]
    found = tagger.decode(doc, tags)
    assert len(found) == 1
    f = found[0]
    assert doc.text[f.start : f.end] == "The deal , he said , was dead on arrival"
    assert f.speaker is not None and doc.text[f.speaker[0] : f.speaker[1]] == "he"
    assert f.cue is not None and doc.text[f.cue[0] : f.cue[1]] == "said"
    assert f.rule == "tagged" and f.kind == "indirect"


def test_a_new_content_span_opens_a_second_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Critics say taxes will rise and others say wages will fall .")
    tags = ["B-S", "B-Q", "B-C", "I-C", "I-C", "O", "B-S", "B-Q", "B-C", "I-C", "I-C", "O"]
    found = tagger.decode(doc, tags)
    assert [doc.text[f.start : f.end] for f in found] == ["taxes will rise", "wages will fall"]
    assert [doc.text[f.speaker[0] : f.speaker[1]] for f in found if f.speaker] == ["Critics", "others"]


def test_training_tags_continue_the_second_part_of_a_split_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"We will win," she said. "It is our time."'
    doc = nlp(text)
    item = GoldItem(content=((0, 14), (25, 42)), source=((15, 18),), cue=((19, 23),))
    tags = gold_tags(GoldArticle("a", text, [item]), doc)
    by_word = {t.text: tag for t, tag in zip(doc, tags, strict=True) if not t.is_punct}
    assert tags[0] == "B-C" and by_word["We"] == "I-C"  # the opening mark is part of the content
    assert by_word["she"] == "B-S" and by_word["said"] == "B-Q"
    assert by_word["It"] == "I-C"


@pytest.mark.skipif(tagger.load() is None, reason="the span tagger model is not shipped in this checkout")
def test_the_shipped_tagger_finds_a_claim_named_by_a_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The governor toured the state on Monday to sell his budget.\n\n"
        "His claim that the tax cut would pay for itself has faced ridicule online.\n"
    )
    doc = nlp(text)
    rules, _ = extract_quotes(Article(text=text), doc, (), tagged=False)
    quotes, _ = extract_quotes(Article(text=text), doc, ())
    assert not any("tax cut would pay" in q.content.text for q in rules)
    tagged = [q for q in quotes if "tax cut would pay" in q.content.text]
    assert len(tagged) == 1 and tagged[0].kind == "indirect", [q.content.text for q in quotes]
