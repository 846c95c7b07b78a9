"""Points and lead as passages of the article's own words: compressed, and opened by a name, never a pronoun.

Compression only deletes (``compress.py``): the dateline, parentheticals, an opening connective, attribution
placed after the content, "according to ...", and a trailing ", saying ..." clause. A point or lead that would open
with "He" or "She" opens instead with the person's name as the article writes it elsewhere: the name is a span of
its own, so the replacement shows in the spans. A sub-headline gets the full stop it lacks (punctuation only).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsbrief import compress as cx
from newsbrief.layout import Layout
from newsbrief.model import Article, Passage, Point, Span
from newsbrief.summary.roles import REFUSAL_LEMMAS, Roles, repeats
from newsbrief.summary.sentences import Candidate
from newsbrief.summary.sides import Sides, opening, pronoun_subject, subject

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

# The lead holds one or two sentences, at most this many words in all.
LEAD_MAX_WORDS = 60
# The brief's points together aim at about this many words (the length of a news summary's three highlights;
# ROUGE F1 on the CNN/DailyMail sample peaks there): what the actor demanded joins point (1) only within it.
BRIEF_WORDS = 75
BRIEF_SLACK = 10  # a sentence may overrun BRIEF_WORDS by this much
# Also drop time adjuncts, appositions, non-restrictive relative clauses and every attribution: off, because on
# the CNN/DailyMail sample each of these costs ROUGE (the highlights keep those words).
HEAVY_COMPRESSION = False
HEADING_STOP = "."


class Namer:
    """Names for the pronoun that opens a sentence: the quotation's speaker, else the subject of the sentence
    before when it is a name."""

    def __init__(self, article: Article, sents: list[Candidate], sides: Sides) -> None:
        self.text = article.text
        self.sents = sents
        self.sides = sides

    def name_for(self, s: Candidate) -> Span | None:
        speaker = self.sides.speaker_in(s.span)
        if speaker is not None:
            span = self.sides.name_span(speaker, self.text)
            if span is not None:
                return span
        before = [p for p in self.sents if p.rank < s.rank and not p.quotation]
        if before:
            subj = subject(before[-1].span)
            if subj is not None and subj.pos_ == "PROPN" and pronoun_subject(before[-1].span) is None:
                toks = [t for t in subj.subtree if t.pos_ == "PROPN" and t.i <= subj.i]
                if toks and toks[-1].i - toks[0].i == len(toks) - 1:
                    return Span.of(self.text, toks[0].idx, toks[-1].idx + len(toks[-1].text))
        return None

    def nameable(self, s: Candidate) -> bool:
        return pronoun_subject(s.span) is None or self.name_for(s) is not None


def compress_for(role: str, sent: SpacySpan) -> Passage:
    """Compress a sentence for its role: a response keeps who answered; the rest lose the attribution."""
    drops = [cx.dateline(sent), cx.parentheticals(sent), cx.opening_connective(sent)]
    # "rejected the demand, saying Tokyo would set its own spending": when the sentence is a refusal, the
    # ", saying ..." clause is what the actor puts forward instead, which the point carries; elsewhere it is detail.
    if not (role in ("happened", "response") and sent.root.lemma_.lower() in REFUSAL_LEMMAS):
        # The lead keeps the refusal short: ", saying ..." is the points' detail.
        drops.append(cx.participle_tail(sent))
    if HEAVY_COMPRESSION:
        drops += [cx.time_adjuncts(sent), cx.side_clauses(sent), cx.attribution(sent)]
    elif role in ("lead", "lead_response"):
        # The lead says who did what to whom in one or two sentences: the times go (the names stay).
        drops.append(cx.time_adjuncts(sent))
    if role not in ("response", "lead_response"):
        out = cx.compress(sent, [*drops, cx.trailing_attribution(sent)])
        # "According to Bakamla, the Chinese vessel ...": without the attribution the point would open in lower
        # case, and the words cannot be changed: the attribution stays.
        if not out.text[:1].islower():
            return out
    return cx.compress(sent, drops)


def passage(role: str, s: Candidate, namer: Namer) -> Passage:
    """The sentence compressed for its role, opened by a name instead of a pronoun, a heading with its stop."""
    p = compress_for(role, s.span)
    pronoun = pronoun_subject(s.span)
    if pronoun is not None and p.spans and p.spans[0].start == opening(pronoun)[0]:
        name = namer.name_for(s)
        if name is not None:
            first = p.spans[0]
            rest = opening(pronoun)[1]
            while rest < first.end and namer.text[rest].isspace():
                rest += 1
            spans = (name, *((Span.of(namer.text, rest, first.end),) if rest < first.end else ()), *p.spans[1:])
            p = Passage(cx.join_spans(spans), spans)
    if s.heading and p.text[-1:] not in ".!?":
        p = Passage(p.text + HEADING_STOP, p.spans)
    return p


def build_points(
    roles: Roles, extras: Sequence[Candidate], namer: Namer
) -> tuple[Point, ...]:
    """The points in their order: what happened, consequence, response. ``extras`` (best first: the demand, then
    detail of the main event) join point (1), in the article's order, while the points stay within
    ``BRIEF_WORDS``."""
    if not roles.happened:
        return ()
    first = {s.rank: passage("happened", s, namer) for s in roles.happened}
    others = [(kind, passage(kind, s, namer)) for kind, s in (("consequence", roles.consequence),
                                                               ("response", roles.response)) if s is not None]
    words = sum(len(p.text.split()) for p in (*first.values(), *(p for _, p in others)))
    taken = [*roles.happened, *(s for s in (roles.consequence, roles.response) if s is not None)]
    for s in extras:
        if words >= BRIEF_WORDS:
            break
        if s.rank in first or repeats(s, taken):
            continue
        extra = passage("happened", s, namer)
        n = len(extra.text.split())
        if words + n <= BRIEF_WORDS + BRIEF_SLACK:
            first[s.rank] = extra
            taken.append(s)
            words += n
    points = [Point("happened", tuple(first[k] for k in sorted(first)))]
    points += [Point(kind, (p,)) for kind, p in others]  # type: ignore[arg-type]
    return tuple(points)


def build_lead(roles: Roles, namer: Namer) -> tuple[Passage, ...]:
    """Who did what to whom (the article's main sentence, without its ", saying ..." clause), then the other
    side's answer, or, when the main sentence is itself the answer, the demand it answers."""
    if roles.first is None:
        return ()
    first = passage("lead", roles.first, namer)
    lead = [first]
    second = roles.response if roles.first is not roles.response else next(iter(roles.happened), None)
    if second is not None and second is not roles.first:
        role = "lead_response" if second is roles.response else "lead"
        answer = passage(role, second, namer)
        if len(first.text.split()) + len(answer.text.split()) <= LEAD_MAX_WORDS:
            lead.append(answer)
    return tuple(lead)


def from_brief(article: Article, layout: Layout) -> tuple[tuple[Passage, ...], tuple[Point, ...]]:
    """An article that is already a brief: its lead and its bullets, read as they stand."""
    text = article.text
    lead: tuple[Passage, ...] = ()
    if layout.lead:
        span = Span.of(text, *layout.lead)
        lead = (Passage(span.text, (span,)),)
    kinds = ("happened", "consequence", "response")
    points = []
    for kind, (s, e) in zip(kinds, layout.bullets, strict=False):
        span = Span.of(text, s, e)
        points.append(Point(kind, (Passage(span.text, (span,)),)))  # type: ignore[arg-type]
    return lead, tuple(points)
