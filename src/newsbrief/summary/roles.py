"""The three roles of a brief's points, decided from what the sentences say, not from where they stand.

1. **What happened**: the article's main sentence (the best scored; a sub-headline when the layout has one) and its
   actor. When that sentence is itself a refusal of another party's demand ("Ishiba rejected a demand from
   Trump ..."), the demand is what happened and the refusal is the answer: the first point goes to the best
   sentence where the refused party acts, the third to the refusal.
2. **What it may lead to**: the best sentence stating a consequence or a risk ("could", "may", "threatens to",
   "is likely to", "raise concerns that"), then one with "will"/"would" (as often an intention as a consequence).
3. **How the other side answered**: a sentence whose actor is on the other side of the main event: first the
   party the main act is aimed at, then a "did not respond to a request for comment" sentence, then any other
   party's reaction or words. Never the main actor's own side (a shared name or country).

Within each tier the best scored sentence wins (the score already prefers the top of the article). A quotation
standing alone and a sentence that only places the one before ("He made the remarks at ...") are never a point.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsbrief.summary.sentences import Candidate
from newsbrief.summary.sides import Side, Sides, pronoun_subject

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

# Two points repeat each other when this share of the shorter one's content words is in the other (Szymkiewicz
# overlap). 0.6 lets a consequence restate its subject ("the dispute") while refusing a near copy; chosen by
# reading the CNN/DailyMail sample's briefs.
REPEAT_OVERLAP = 0.6
# A sentence with what the main actor demanded joins point (1) when it is among the first CUE_WINDOW prose
# sentences and the points stay within the word budget (points.py).
CUE_WINDOW = 4

# Point (2): the article states a likely consequence or a risk.
CONSEQUENCE_CUE = re.compile(
    r"\b(may|might|could|likely to|unlikely to|expected to|set to|poised to|threatens? to|threatened to|risks?|"
    r"lead to|leads to|result in|results in|pave the way|prompt|trigger|jeopardi[sz]e|raised? concerns?|"
    r"threaten(s|ed)?|"
    r"fears? that|warned that|at risk|in danger of)\b",
    re.IGNORECASE,
)
# "would" and "will" state a consequence too, but as often an intention ("he said he would ..."): second choice.
WEAK_CONSEQUENCE_CUE = re.compile(r"\b(would|will|won't|plans? to|is due to|are due to|faces?|facing)\b",
                                  re.IGNORECASE)
# Point (3): the other side's answer.
RESPONSE_LEMMAS = frozenset({
    "respond", "reject", "deny", "dismiss", "counter", "reply", "retort", "refuse", "rebuff", "condemn",
    "criticise", "criticize", "denounce", "welcome", "defend", "insist", "vow", "accuse", "answer", "protest",
    "oppose", "decline", "brush", "blame", "slam", "deplore", "hit",
})
# A refusal: when it is the main sentence, the demand it refuses is what happened (module docstring).
REFUSAL_LEMMAS = frozenset({"reject", "refuse", "dismiss", "rebuff", "decline", "deny"})
SPEECH_LEMMAS = frozenset({
    "say", "tell", "add", "state", "announce", "claim", "note", "confirm", "warn", "argue", "stress", "write",
    "explain", "insist", "describe", "call",
})
# The other side's silence is its answer too ("The ministry did not respond to a request for comment.").
NO_COMMENT = re.compile(
    r"(did not|didn't|has not|hasn't|have not|haven't|could not|couldn't|would not|wouldn't) "
    r"(immediately )?(respond|reply|return|answer|be reached|comment)|declined to (comment|respond|discuss)|"
    r"no immediate (comment|response|reply)|not available for comment|refused to comment",
    re.IGNORECASE,
)
# Point (1): what the main actor suggested or demanded.
DEMAND_LEMMAS = frozenset({
    "demand", "call", "urge", "suggest", "propose", "ask", "press", "push", "want", "insist", "request", "order",
    "threaten", "seek", "plan",
})


@dataclass
class Roles:
    """The sentences of each role; ``first`` is the article's own main sentence, which opens the lead."""

    happened: list[Candidate] = field(default_factory=list)
    consequence: Candidate | None = None
    response: Candidate | None = None
    first: Candidate | None = None


def has_verb(sent: SpacySpan, lemmas: frozenset[str]) -> bool:
    return any(t.lemma_.lower() in lemmas and t.pos_ == "VERB" for t in sent)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def repeats(s: Candidate, chosen: Sequence[Candidate]) -> bool:
    return any(s.span.start == c.span.start or _overlap(s.lemmas, c.lemmas) >= REPEAT_OVERLAP for c in chosen)


def choose_roles(sents: Sequence[Candidate], sides: Sides, nameable: Callable[[Candidate], bool]) -> Roles:
    """Pick the sentence of each role (module docstring); ``nameable`` says whether a sentence can open a point
    (a pronoun subject that cannot be named is not a point's first word)."""
    pool = sorted((s for s in sents if not s.quotation and not s.placing and nameable(s)), key=lambda s: -s.score)
    if not pool:
        return Roles()
    top = next((s for s in pool if pronoun_subject(s.span) is None), pool[0])
    main = sides.of(top)
    target = sides.counterparts(top, main)
    roles = Roles(happened=[top], first=top)
    # 1. A refusal of the other party's demand: the demand happened, the refusal answers it.
    if top.span.root.lemma_.lower() in REFUSAL_LEMMAS and target:
        # The refused party's first act in the article is its demand (a party named without a country stands
        # for the countries its sentence names: "Hegseth told a US news channel ...").
        def refused_party(s: Candidate) -> bool:
            side = sides.of(s)
            countries = side.countries or sides.countries_in(s) - main.countries
            return s is not top and bool(side) and not side.meets(main) \
                and (side.meets(target) or bool(countries & target.countries)) \
                and s.span.root.lemma_.lower() not in REFUSAL_LEMMAS
        demand = next((s for s in sorted(pool, key=lambda s: s.rank) if refused_party(s)), None)
        if demand is not None:
            roles.happened, roles.response = [demand], top
            main, target = sides.of(demand) | target, main
    chosen = [*roles.happened, *([roles.response] if roles.response else [])]
    # 2. The other side's answer: before the consequence, so that a party's answer ("France could not accept
    # ...") is read as its answer, not as a risk.
    if roles.response is None:
        roles.response = _response(pool, sides, main, target, chosen)
        if roles.response is not None:
            chosen.append(roles.response)
    # 3. The consequence, as the article states it; "he said he would ..." is an intention before it is a
    # consequence.
    def weak(s: Candidate) -> bool:
        return bool(WEAK_CONSEQUENCE_CUE.search(s.span.text))

    roles.consequence = _best(pool, (lambda s: bool(CONSEQUENCE_CUE.search(s.span.text)),
                                     lambda s: weak(s) and s.span.root.lemma_.lower() not in SPEECH_LEMMAS,
                                     weak), chosen, CONSEQUENCE_DISCOUNT)
    return roles


def _response(
    pool: Sequence[Candidate], sides: Sides, main: Side, target: Side, chosen: Sequence[Candidate]
) -> Candidate | None:
    def other(s: Candidate) -> bool:
        side = sides.of(s)
        return bool(side) and not side.meets(main)

    def speaks(s: Candidate) -> bool:
        return has_verb(s.span, SPEECH_LEMMAS | RESPONSE_LEMMAS) or sides.speaker_in(s.span) is not None

    def aimed_at(s: Candidate) -> bool:
        return other(s) and bool(target) and sides.of(s).meets(target)

    tiers = (
        lambda s: aimed_at(s) and has_verb(s.span, RESPONSE_LEMMAS),
        lambda s: aimed_at(s) and speaks(s),
        lambda s: bool(NO_COMMENT.search(s.span.text)) and not sides.of(s).meets(main),
        lambda s: other(s) and has_verb(s.span, RESPONSE_LEMMAS),
        # Another party's words that state a risk ("A pause could cut Ghana's rating, economists wrote") are the
        # consequence, not an answer.
        lambda s: other(s) and speaks(s) and not CONSEQUENCE_CUE.search(s.span.text),
    )
    return _best(pool, tiers, chosen)


# A sentence that fits a role less well (a later tier) may still win over a better fit far down the article: its
# score counts TIER_DISCOUNT less per tier. Tuned on the CNN/DailyMail sample (shared/EVALUATION.md §2).
TIER_DISCOUNT = 0.8
# A consequence or an answer is looked for among the first ROLE_WINDOW prose sentences: further down, news
# reports background, and on the CNN/DailyMail sample those sentences cost ROUGE (swept 5 to 14 and unbounded:
# 6 gives R-1 37.9 with three points on 21% of briefs, 10 gives 37.2 and 44%, 14 gives 37.1 and 55%,
# unbounded 35.4 and 75%; 10 keeps the gate's floors with a margin).
ROLE_WINDOW = 10
# A consequence's tiers differ more (a stated risk against a "would"): read from the examples/ articles.
CONSEQUENCE_DISCOUNT = 0.6


def _best(pool: Sequence[Candidate], tiers: Sequence[Callable[[Candidate], bool]], chosen: Sequence[Candidate],
          discount: float = TIER_DISCOUNT) -> Candidate | None:
    """The sentence of ``pool`` (sorted best first) that best fits the role: its score discounted by the first
    tier it passes; none that repeats a chosen one."""
    best, value = None, 0.0
    for s in pool:
        if s.score <= value or s.prose_rank >= ROLE_WINDOW or repeats(s, chosen):
            continue
        for k, test in enumerate(tiers):
            if test(s):
                if s.score * discount ** k > value:
                    best, value = s, s.score * discount ** k
                break
    return best


def extras_for(sents: Sequence[Candidate], sides: Sides, roles: Roles) -> list[Candidate]:
    """Sentences that may join point (1), best first: what the main actor demanded near the top, when the first
    sentence does not say it, then the other sentences of the main event by score."""
    if not roles.happened:
        return []
    pool = sorted((s for s in sents if not s.quotation and not s.placing and pronoun_subject(s.span) is None),
                  key=lambda s: -s.score)
    main = sides.of(roles.happened[0])
    target = sides.counterparts(roles.happened[0], main)
    out = []
    if not has_verb(roles.happened[0].span, DEMAND_LEMMAS):
        out = [s for s in pool if s.prose_rank < CUE_WINDOW and has_verb(s.span, DEMAND_LEMMAS)
               and (not main or sides.of(s).meets(main))][:1]
    # Detail never comes from the side the main act is aimed at: its words are the answer, not what happened.
    def aimed_at(s: Candidate) -> bool:
        return bool(target) and sides.of(s).meets(target) and not sides.of(s).meets(main)

    out += [s for s in pool if s not in out and not aimed_at(s)]
    return out
