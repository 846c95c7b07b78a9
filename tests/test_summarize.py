"""Lead and points of attention on articles written for these tests, with the real spaCy pipeline.

Expected leads and points are written by hand as the sentences they rest on; a brief's passage is compared to
them through its source spans (which sentence of the article each span lies in).
"""

from __future__ import annotations

from typing import Any

import pytest

from newsbrief import compress as cx
from newsbrief.layout import read_layout
from newsbrief.model import Article, Passage
from newsbrief.summarize import REPEAT_OVERLAP, paragraph_sentences, summarize

PORT_STRIKE = """\
ROTTERDAM — Dutch dockworkers on Monday walked off the job at the port of Rotterdam, demanding a 9 percent pay rise \
and a ban on automated cranes at the container terminals.

The FNV union said the strike would last at least 48 hours and urged workers at Antwerp to join it.

The stoppage could delay deliveries of car parts and medicines across Europe, and is likely to push freight rates \
higher next week, shipping analysts said.

Port operators rejected the demands on Tuesday, saying automation was needed to keep Rotterdam competitive with \
Hamburg.

Rotterdam handled 439 million tonnes of cargo last year, more than any other port in Europe.
"""

COUNCIL = """\
The city council of Leeds approved a budget of 12 million pounds for new parks on Monday.

The budget sets aside money for twelve playgrounds and two sports fields in the east of the city.

Work on the first playground begins in April near the Harehills library.
"""

REPEATS = """\
Chile raised its copper export tax to 8 percent on Wednesday, the finance ministry announced.

The finance ministry announced on Wednesday that Chile raised its copper export tax to 8 percent.

The higher tax could slow new investment in mines in the Atacama desert, mining companies warned.

Peru, the second largest producer, rejected calls from its own miners to follow Chile's lead.
"""

# The party the main act is aimed at (Nordhavn) answers below the regulator's own comment and a third party's
# reaction: the response point is Nordhavn's appeal, not the commissioner (the main actor's side).
SHIPPING_FINE = """\
BRUSSELS — The European Commission on Tuesday fined the Danish shipping group Nordhavn 310 million euros for sharing \
freight prices with rivals, and ordered it to end the practice within 60 days.

Competition Commissioner Margit Lindqvist told reporters that the cartel had raised the cost of container freight for \
importers across Europe.

The fine could open the way for damages claims from importers in several member states, lawyers said.

Consumer groups welcomed the decision and urged regulators to look at other container lines.

Nordhavn said it would appeal the fine at the General Court in Luxembourg, arguing that the prices were public.

Shares in Nordhavn fell 4 percent in Copenhagen trading.
"""

# The main act is a refusal: what the minister puts forward instead (", saying ...") belongs to point (1); the
# party refused (the International Monetary Fund, later "the IMF") gives the response, ahead of the bus owners.
FUEL_SUBSIDIES = """\
NAIROBI — Kenya's energy minister, Ruth Wambui, on Wednesday rejected a request from the International Monetary Fund \
to lift fuel subsidies, saying the government would phase them out over three years instead.

The IMF asked Kenya last month to end the subsidies before the next review of its loan programme.

The dispute could delay a payment of 600 million dollars from the fund, economists said.

Matatu owners, who run the country's minibuses, welcomed the decision and said fares would stay unchanged.

The IMF said in a statement that it would continue talks with the Kenyan authorities.

Petrol sells for about 190 shillings a litre in Nairobi.
"""


def brief_of(nlp: Any, text: str) -> tuple[Article, Any, tuple[Passage, ...], Any]:
    article = Article(text=text)
    doc = nlp(text)
    lead, points = summarize(article, doc, (), ())
    return article, doc, lead, points


def rests_on(doc: Any, passage: Passage) -> list[str]:
    """The article sentences (their first six words) that the passage's spans lie in, in order."""
    out: list[str] = []
    for span in passage.spans:
        sent = next(s for s in paragraph_sentences(doc) if s.start_char <= span.start and span.end <= s.end_char)
        key = " ".join(sent.text.lstrip('"“” \n').split()[:6])
        if key not in out:
            out.append(key)
    return out


def grounded(article: Article, passage: Passage) -> bool:
    """Every span is the article's characters and the text is the spans joined (a sub-headline may add the full
    stop it lacks: punctuation, no word)."""
    joined = cx.join_spans(passage.spans)
    return all(article.text[s.start:s.end] == s.text for s in passage.spans) and passage.text in (joined,
                                                                                                  joined + ".")


def test_port_strike_lead_and_points(nlp: Any) -> None:
    article, doc, lead, points = brief_of(nlp, PORT_STRIKE)
    assert [p.kind for p in points] == ["happened", "consequence", "response"]
    happened, consequence, response = points
    assert rests_on(doc, happened.passages[0]) == ["ROTTERDAM — Dutch dockworkers on Monday"]
    # What the actor demanded is part of what happened.
    assert "demanding a 9 percent pay rise" in happened.text
    assert [rests_on(doc, p) for p in consequence.passages] == [["The stoppage could delay deliveries of"]]
    assert [rests_on(doc, p) for p in response.passages] == [["Port operators rejected the demands on"]]
    # The lead: who did what, and the main response.
    assert [rests_on(doc, p)[0] for p in lead] == [
        "ROTTERDAM — Dutch dockworkers on Monday", "Port operators rejected the demands on",
    ]
    # Deletion-based compression: the dateline, the attribution and the participle tail are gone.
    assert not happened.text.startswith("ROTTERDAM")
    assert happened.passages[0].text.startswith("Dutch dockworkers on Monday walked off the job")
    assert consequence.text == (
        "The stoppage could delay deliveries of car parts and medicines across Europe, and is likely to push "
        "freight rates higher next week."
    )
    # A refusal keeps its reason: the ", saying ..." clause is what the other side puts forward.
    assert response.text == (
        "Port operators rejected the demands on Tuesday, saying automation was needed to keep Rotterdam competitive "
        "with Hamburg."
    )
    for passage in (*lead, *(p for point in points for p in point.passages)):
        assert grounded(article, passage)


def test_fewer_points_when_the_article_does_not_support_them(nlp: Any) -> None:
    _, doc, lead, points = brief_of(nlp, COUNCIL)
    assert [p.kind for p in points] == ["happened"]
    assert rests_on(doc, points[0].passages[0]) == ["The city council of Leeds approved"]
    assert len(lead) == 1


def test_points_do_not_repeat_each_other(nlp: Any) -> None:
    _, doc, _, points = brief_of(nlp, REPEATS)
    sentences = [key for point in points for p in point.passages for key in rests_on(doc, p)]
    assert len(sentences) == len(set(sentences))
    # The second sentence restates the first: it is never taken alongside it.
    assert not {"Chile raised its copper export tax", "The finance ministry announced on Wednesday that"} <= set(
        sentences
    )
    assert [p.kind for p in points] == ["happened", "consequence", "response"]
    assert rests_on(doc, points[2].passages[0]) == ["Peru, the second largest producer, rejected"]
    assert 0 < REPEAT_OVERLAP < 1


def test_an_article_that_is_already_a_brief(nlp: Any) -> None:
    text = (
        "Lithuania closed two border crossings with Belarus on Friday, and Minsk called the move a provocation.\n\n"
        "Points of attention\n"
        "  • Lithuania closed two crossings and asked the EU for money to guard the border.\n"
        "  • The closures may lead to long queues of lorries at the remaining crossings.\n"
        "  • Belarus called the move a provocation and promised a response.\n\n"
        "VILNIUS — The interior ministry said the crossings at Sumskas and Tverecius would stay shut until further "
        "notice. Lorry drivers reported queues of several kilometres by the evening.\n"
    )
    article, doc, lead, points = brief_of(nlp, text)
    layout = read_layout(article)
    assert layout.is_brief and len(layout.bullets) == 3
    assert lead[0].text == text.split("\n\n")[0]
    assert [p.text for p in points] == [
        "Lithuania closed two crossings and asked the EU for money to guard the border.",
        "The closures may lead to long queues of lorries at the remaining crossings.",
        "Belarus called the move a provocation and promised a response.",
    ]
    assert [p.kind for p in points] == ["happened", "consequence", "response"]
    # The heading and the bullets are structure, not body.
    body = [text[s:e] for s, e in layout.body]
    assert all("Points of attention" not in b and "•" not in b for b in body)
    assert body[0].startswith("VILNIUS")


@pytest.mark.parametrize(
    ("sentence", "dropped", "kept"),
    [
        ("The talks could collapse next week, two diplomats said.", "two diplomats said", "The talks could collapse"),
        ("According to the ministry, exports fell by a fifth in March.", "According to", "exports fell by a fifth"),
        ("The minister (pictured) flew to Brussels on a late flight.", "(pictured)", "The minister flew to Brussels"),
        ("PARIS (Reuters) -- France recalled its ambassador to Algeria.", "PARIS", "France recalled its ambassador"),
        ("But the senators voted against the bill by a wide margin.", "But", "the senators voted against the bill"),
        ("Kenya cut fuel taxes, saying prices had hurt farmers across the Rift Valley.", "saying",
         "Kenya cut fuel taxes."),
    ],
)
def test_compression_drops_low_content_clauses(nlp: Any, sentence: str, dropped: str, kept: str) -> None:
    sent = nlp(sentence)[:]
    drops = [cx.dateline(sent), cx.parentheticals(sent), cx.trailing_attribution(sent), cx.opening_connective(sent),
             cx.participle_tail(sent)]
    passage = cx.compress(sent, drops, min_words=3)
    assert dropped not in passage.text
    assert passage.text.startswith(kept) or kept in passage.text
    assert all(sentence[s.start:s.end] == s.text for s in passage.spans)
    assert not passage.text.endswith(",")


def test_compression_keeps_the_whole_sentence_when_too_little_would_be_left(nlp: Any) -> None:
    doc = nlp("Prices rose, officials said.")
    sent = next(iter(doc.sents))
    passage = cx.compress(sent, [cx.trailing_attribution(sent)])
    assert passage.text == "Prices rose, officials said."


def test_compression_removes_a_quotation_mark_left_alone(nlp: Any) -> None:
    text = 'Tokyo rejected the demand, saying it would decide "on the basis of its own needs."'
    sent = nlp(text)[:]
    passage = cx.compress(sent, [cx.participle_tail(sent)], min_words=3)
    assert passage.text == "Tokyo rejected the demand."


def test_empty_and_tiny_articles(nlp: Any) -> None:
    assert summarize(Article(text="Breaking news"), nlp("Breaking news"), (), ()) == ((), ())


def test_the_response_comes_from_the_party_the_main_act_is_aimed_at(nlp: Any) -> None:
    article, doc, lead, points = brief_of(nlp, SHIPPING_FINE)
    assert [p.kind for p in points] == ["happened", "consequence", "response"]
    happened, consequence, response = points
    assert rests_on(doc, happened.passages[0]) == ["BRUSSELS — The European Commission on"]
    assert [rests_on(doc, p) for p in consequence.passages] == [["The fine could open the way"]]
    assert [rests_on(doc, p) for p in response.passages] == [["Nordhavn said it would appeal the"]]
    # The commissioner speaks for the main actor: never the other side's response.
    assert all("Lindqvist" not in p.text for p in points if p.kind == "response")
    for passage in (*lead, *(p for point in points for p in point.passages)):
        assert grounded(article, passage)


def test_a_refusal_is_the_answer_to_the_demand_it_refuses(nlp: Any) -> None:
    """Kenya's minister rejects the IMF's request: the request is what happened (point 1), the refusal, with what
    Kenya puts forward instead, is the other side's answer (point 3), whatever their order in the article."""
    article, doc, lead, points = brief_of(nlp, FUEL_SUBSIDIES)
    assert [p.kind for p in points] == ["happened", "consequence", "response"]
    happened, consequence, response = points
    assert rests_on(doc, happened.passages[0]) == ["The IMF asked Kenya last month"]
    assert consequence.text == "The dispute could delay a payment of 600 million dollars from the fund."
    assert [rests_on(doc, p) for p in response.passages] == [["NAIROBI — Kenya's energy minister, Ruth"]]
    assert response.text.endswith("saying the government would phase them out over three years instead.")
    # The lead: the article's main sentence, short (no time, no ", saying ..."), then the request it answers.
    assert lead[0].text == (
        "Kenya's energy minister, Ruth Wambui, rejected a request from the International Monetary Fund to lift "
        "fuel subsidies."
    )
    assert [rests_on(doc, p)[0] for p in lead] == [
        "NAIROBI — Kenya's energy minister, Ruth", "The IMF asked Kenya last month",
    ]
    for passage in (*lead, *(p for point in points for p in point.passages)):
        assert grounded(article, passage)
