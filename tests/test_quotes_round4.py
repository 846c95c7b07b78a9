"""The fourth tuning round (docs/quotes.md): finds never overlap, a phrase in marks further on in its cue's sentence,
split quotations' parts, the learned judge, and how the evaluation scores a split quotation. Articles written for
these tests."""

from __future__ import annotations

from newsbrief.eval.polnear import prediction_of
from newsbrief.model import Article, Quote, Span
from newsbrief.quotes import extract_quotes, find_quotations
from newsbrief.quotes.judge import MODEL_FILE
from newsbrief.quotes.learned import read_model

HARBOUR = (
    "Port officials met fishing crews in Tromsø on Monday to discuss the new landing fees.\n\n"
    "Harbour master Ingrid Solberg said the old quay was \u201ca danger to everyone who works on it\u201d and "
    "that the council had \u201cwaited far too long\u201d to repair it.\n\n"
    "Skipper Ola Berg insisted the fishing quota, set by the ministry last spring, was \u201ca gift to the trawler "
    "owners\u201d and nothing else.\n\n"
    "\u201cWe cannot keep patching it,\u201d said Erik Nilsen, who has fished out of the harbour for thirty years "
    "and chairs the local branch of the fishermen's association. \u201cSooner or later somebody will get hurt.\u201d\n"
)


def test_no_two_quotes_overlap(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes, _ = extract_quotes(Article(text=HARBOUR), nlp(HARBOUR), ())
    spans = sorted((q.content.start, q.content.end) for q in quotes)
    assert spans, "the harbour article has quotations"
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start, spans


def test_two_phrases_in_one_clause_make_one_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes, _ = extract_quotes(Article(text=HARBOUR), nlp(HARBOUR), ())
    solberg = [q for q in quotes if "a danger to everyone" in q.content.text or "far too long" in q.content.text]
    assert len(solberg) == 1, [q.content.text for q in solberg]
    assert solberg[0].kind == "indirect"
    assert solberg[0].speaker_mention is not None and "Solberg" in solberg[0].speaker_mention.text


def test_phrase_further_on_in_the_cue_sentence_takes_the_rest_of_it(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes, _ = extract_quotes(Article(text=HARBOUR), nlp(HARBOUR), ())
    hits = [q for q in quotes if "a gift to the trawler" in q.content.text]
    assert len(hits) == 1
    q = hits[0]
    assert q.kind == "indirect"
    # The whole claim, from after the cue to the end of the sentence, and nothing of the cue itself.
    assert q.content.text.startswith("the fishing quota, set by the ministry last spring, was")
    assert q.content.text.rstrip(".").endswith("and nothing else")
    assert q.cue is not None and q.cue.text == "insisted"
    assert q.speaker_mention is not None and "Ola Berg" in q.speaker_mention.text


def test_split_quote_parts_leave_out_the_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes, _ = extract_quotes(Article(text=HARBOUR), nlp(HARBOUR), ())
    split = [q for q in quotes if q.content.text.startswith("We cannot keep patching it")]
    assert len(split) == 1
    q = split[0]
    (a_start, a_end), (b_start, b_end) = q.parts
    assert HARBOUR[a_start:a_end].rstrip(",") == "We cannot keep patching it"
    assert HARBOUR[b_start:b_end] == "Sooner or later somebody will get hurt."
    assert q.text == "We cannot keep patching it … Sooner or later somebody will get hurt."
    # The evaluation scores it by its longer part: the attribution between the parts is longer than both.
    scored = prediction_of(HARBOUR, q).content
    assert HARBOUR[scored[0] : scored[1]] == "\u201cSooner or later somebody will get hurt.\u201d"


def test_a_short_split_quote_is_scored_by_its_outer_bounds() -> None:
    text = "\u201cWe are ready,\u201d she said. \u201cThe boats are fuelled and the crews are rested.\u201d\n"
    start = text.index("We")
    end = text.rindex("rested.") + len("rested.")
    cue = text.index("said")
    quote = Quote(content=Span.of(text, start, end), kind="direct", cue=Span.of(text, cue, cue + 4),
                  speaker_mention=Span.of(text, cue - 4, cue - 1))
    assert len(quote.parts) == 2
    assert prediction_of(text, quote).content == (start - 1, end + 1)


def test_the_judge_ships_and_only_ever_drops(nlp) -> None:  # type: ignore[no-untyped-def]
    model = read_model(MODEL_FILE, "quote judge")
    assert model is not None and 0.0 < model["threshold"] < 1.0 and model["trained_on"] == "PolNeAR train"
    doc = nlp(HARBOUR)
    article = Article(text=HARBOUR)
    found, _, _ = find_quotations(article, doc)
    judged, _ = extract_quotes(article, doc, ())
    unjudged, _ = extract_quotes(article, doc, (), judged=False)
    assert len(unjudged) == len(found)
    assert {(q.content.start, q.content.end) for q in judged} <= {(q.content.start, q.content.end) for q in unjudged}
    # Every rule's find here is a real statement: the judge keeps them all, each with a confidence in (0, 1].
    assert len(judged) == len(unjudged)
    assert all(0.0 < q.confidence <= 1.0 for q in judged)
    assert {f.rule for f in found} >= {"cued", "rest-of-sentence"}


def test_a_verb_of_saying_in_a_relative_clause_is_not_the_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rail unions met the transport committee in Bergen on Thursday.\n\n"
        "The minister also argued the coastal railway, which both parties have promised for a decade, \u201cwon't "
        "carry a single passenger\u201d before 2035 without state loans.\n"
    )
    quotes, _ = extract_quotes(Article(text=text), nlp(text), ())
    hits = [q for q in quotes if "carry a single passenger" in q.content.text]
    assert len(hits) == 1
    assert hits[0].cue is not None and hits[0].cue.text == "argued"
    assert hits[0].speaker_mention is not None and hits[0].speaker_mention.text == "The minister"
