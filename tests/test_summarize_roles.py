"""Roles of the points decided from content, on articles in the newsroom's brief layout written for these tests.

Each expected point was read by hand: what happened (the sub-headline, not the sentence that only places it),
what it may lead to, and the answer of the side the main act is aimed at, never the main actor's own side.
"""

from __future__ import annotations

from typing import Any

from newsbrief import compress as cx
from newsbrief.pipeline import brief

# A sub-headline states the news; the first body sentence only places it ("He made the remarks ..."). The
# Estonian minister speaks for the main actor's side; the Latvian ministry is the side the act is aimed at.
FERRY_LAYOUT = """\
date 2026-04-09 Estonia halts ferry link with Latvia over safety inspections
Source: Baltic Desk

Estonia suspended the Tallinn ferry licence of a Latvian operator

He made the remarks at a press conference in Tallinn on Thursday.

We will not let passengers sail on ships that fail our inspections. The licence stays suspended until every \
vessel passes.

Kristjan Tamm

Kristjan Tamm

Minister of Infrastructure of Estonia

Estonian transport official Liis Kask said inspectors had found faulty lifeboats on two of the operator's ships.

The suspension could strand thousands of commuters who cross the Gulf of Riga every week and may raise fares on \
the remaining routes.

The Latvian transport ministry rejected the decision and said the ships had passed every inspection in Riga.

She added that Riga would ask the European Commission to review the suspension.

Ferry traffic between the two countries carried about two million passengers last year.
"""

# The other side does not answer: its silence is the response point, in the article's words.
NO_COMMENT = """\
Portugal's competition authority on Monday fined the supermarket chain Mercado Verde 48 million euros for fixing \
the prices of milk and bread with two suppliers.

The authority said the agreement had raised prices for shoppers in Lisbon and Porto for at least four years.

The fine could open the way for claims from shoppers' associations, lawyers said.

The authority's president, Ana Ribeiro, said the investigation into the suppliers would continue.

Mercado Verde did not respond to a request for comment.

The chain runs 310 shops across the country.
"""

# Nothing in the article answers and nothing states a consequence: those points are left out, and said so.
NO_RESPONSE = """\
The city council of Braga approved a budget of 9 million euros for new cycle lanes on Tuesday.

The budget pays for 40 kilometres of lanes between the university and the old town.

Work on the first section begins in May near the central station.

The council approved the plan by 31 votes to 4 after a debate of three hours.

The lanes follow a study of traffic in the city published last year.
"""


def _first_words(passage: Any, n: int = 5) -> str:
    return " ".join(passage.text.split()[:n])


def test_the_sub_headline_is_what_happened_and_the_placing_sentence_is_never_a_point() -> None:
    result = brief(FERRY_LAYOUT)
    assert [p.kind for p in result.points] == ["happened", "consequence", "response"]
    happened, consequence, response = result.points
    assert happened.passages[0].text == "Estonia suspended the Tallinn ferry licence of a Latvian operator."
    assert consequence.text.startswith("The suspension could strand thousands of commuters")
    # The answer is the Latvian side's, not the Estonian official's (the main actor's own side).
    assert response.text.startswith("The Latvian transport ministry rejected the decision")
    texts = " ".join(p.text for p in (*result.lead, *(x for pt in result.points for x in pt.passages)))
    assert "made the remarks" not in texts
    assert "Liis Kask" not in response.text
    # No quotation paragraph (unattributed in a point) is repeated in a point.
    assert "We will not let passengers" not in texts
    # The lead: who did what, then who answered.
    assert [_first_words(p) for p in result.lead] == [
        "Estonia suspended the Tallinn ferry", "The Latvian transport ministry rejected",
    ]
    assert result.notes == ()


def test_every_point_is_the_articles_words_with_its_spans() -> None:
    for text in (FERRY_LAYOUT, NO_COMMENT, NO_RESPONSE):
        result = brief(text)
        for passage in (*result.lead, *(p for point in result.points for p in point.passages)):
            assert all(result.article.text[s.start:s.end] == s.text for s in passage.spans)
            assert passage.text in (cx.join_spans(passage.spans), cx.join_spans(passage.spans) + ".")


def test_no_comment_from_the_other_side_is_its_answer() -> None:
    result = brief(NO_COMMENT)
    assert [p.kind for p in result.points] == ["happened", "consequence", "response"]
    happened, consequence, response = result.points
    assert happened.passages[0].text.startswith("Portugal's competition authority on Monday fined")
    assert consequence.text == "The fine could open the way for claims from shoppers' associations."
    assert response.text == "Mercado Verde did not respond to a request for comment."
    # The authority's president speaks for the main actor: never the response.
    assert "Ribeiro" not in response.text


def test_a_role_the_article_does_not_hold_is_left_out_with_a_note() -> None:
    result = brief(NO_RESPONSE)
    assert [p.kind for p in result.points][0] == "happened"
    assert result.points[0].passages[0].text.startswith("The city council of Braga approved")
    kinds = {p.kind for p in result.points}
    for kind, word in (("consequence", "consequence"), ("response", "answer")):
        if kind not in kinds:
            assert any(word in note for note in result.notes), result.notes
    assert "response" not in kinds
