"""The lead and the points of attention, built from the article's own sentences.

``summarize(article, doc, quotes, speakers, layout=...)``:

1. Layout: header lines, speaker cards and the structure of an article that is already a brief are set aside
   (``layout.read_layout``); an article that is already a brief keeps its own lead and bullets.
2. Sentences: the body's sentences and sub-headlines (``sentences.py``); bylines, timestamps and fragments are not
   candidates, block quotations and sentences that only place the one before are marked.
3. Scores: position in the article, centrality and entity salience (``sentences.score_sentences``).
4. Sides: the actor of each sentence and the countries it speaks for, from the quotes' speakers and the parse
   (``sides.py``).
5. Roles: what happened, what it may lead to, how the other side answered, from the sentences' content
   (``roles.py``).
6. Points: each role's sentence compressed, with names for opening pronouns (``points.py``).
7. The lead: the main sentence, then the answer (or the demand it answers) when both fit.

A role the article does not hold is left out, never filled; ``missing_roles`` names it for the brief's notes.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.layout import Layout, read_layout
from newsbrief.model import Article, Passage, Point, Quote, Speaker
from newsbrief.summary.points import LEAD_MAX_WORDS, Namer, build_lead, build_points, compress_for, from_brief
from newsbrief.summary.roles import REPEAT_OVERLAP, choose_roles, extras_for
from newsbrief.summary.sentences import Candidate, candidate_sentences, paragraph_sentences, score_sentences
from newsbrief.summary.sides import Sides

__all__ = [
    "LEAD_MAX_WORDS", "REPEAT_OVERLAP", "Candidate", "candidate_sentences", "compress_for", "missing_roles",
    "paragraph_sentences", "summarize",
]

ROLE_NOTES = {
    "happened": "Points of attention: no sentence of the article says what happened.",
    "consequence": "Points of attention: the article states no consequence or risk; that point is left out.",
    "response": "Points of attention: the article gives no answer from the other side; that point is left out.",
}


def summarize(
    article: Article, doc: object, quotes: Sequence[Quote], speakers: Sequence[Speaker], *,
    layout: Layout | None = None,
) -> tuple[tuple[Passage, ...], tuple[Point, ...]]:
    """The lead (one or two passages) and up to three points of attention of ``article`` (``layout``: the
    article's layout when the caller has read it)."""
    # 1. Layout.
    layout = layout or read_layout(article)
    if layout.is_brief:
        return from_brief(article, layout)
    # 2. Sentences.
    sents = candidate_sentences(article, doc, layout, quotes)  # type: ignore[arg-type]
    if not sents:
        return (), ()
    # 3. Scores.
    score_sentences(sents, doc)  # type: ignore[arg-type]
    # 4. Sides.
    sides = Sides(sents, quotes, speakers)
    namer = Namer(article, sents, sides)
    # 5. Roles.
    roles = choose_roles(sents, sides, namer.nameable)
    # 6. Points.
    points = build_points(roles, extras_for(sents, sides, roles), namer)
    # 7. The lead.
    return build_lead(roles, namer), points


def missing_roles(points: Sequence[Point]) -> tuple[str, ...]:
    """Notes naming each role a brief's points leave out (none for a brief without points: nothing to brief)."""
    if not points:
        return ()
    kinds = {p.kind for p in points}
    return tuple(ROLE_NOTES[k] for k in ("happened", "consequence", "response") if k not in kinds)
