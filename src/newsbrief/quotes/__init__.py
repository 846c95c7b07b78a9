"""Quotations and their speakers: direct quotes in marks, block quotes with speaker cards, reported speech.

``extract_quotes(article, doc, entities)`` runs these stages:

1. Layout: headline, headings, bullets and speaker cards are found and kept out of quotations (``block``).
2. Direct quotations: runs in marks, each with its cue and speaker mention, split ones joined (``marks``,
   ``direct``).
3. Block quotations: a paragraph followed by a speaker card, or announced by the paragraph before (``block``).
4. Reported speech: cue verbs from the lexicon and from the learned cue classifier, with the clause they govern
   (``reported``, ``learned``).
5. Speakers: every mention resolved to a person of the article, with fullest name, role, country and a stable id
   (``speakers``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsbrief.model import Article, Entity, Quote, Span, Speaker
from newsbrief.quotes import learned
from newsbrief.quotes.block import find_blocks
from newsbrief.quotes.cues import RELATIVE_PRONOUNS, antecedent, noun_phrase
from newsbrief.quotes.direct import Found, Paragraphs, attribute_runs
from newsbrief.quotes.marks import find_marked
from newsbrief.quotes.reported import find_reported
from newsbrief.quotes.speakers import Person, SpeakerIndex, speaker_id

__all__ = ["extract_quotes"]


def extract_quotes(
    article: Article, doc: Any, entities: Sequence[Entity] = ()
) -> tuple[tuple[Quote, ...], tuple[Speaker, ...]]:
    """The quotations of ``article`` (parsed as ``doc``) in text order, and the speakers they are given to.

    ``entities`` is accepted for the pipeline's sake and not needed: speakers come from the parse itself, so the
    quotes stage works the same whether or not the entities stage found anything.
    """
    text = article.text
    paragraphs = article.paragraphs
    # 1. Layout, and 3. block quotations (they need the cards found in 1).
    blocks, cards, excluded = find_blocks(text, doc, paragraphs)

    def excluded_at(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in excluded)

    # 2. Direct quotations.
    runs = [r for r in find_marked(text, paragraphs) if not excluded_at(r.outer_start, r.outer_end)]
    direct = attribute_runs(text, doc, runs, paragraphs)
    blocks = [b for b in blocks if not any(b.start < d.end and d.start < b.end for d in direct)]
    # 4. Reported speech outside the quotations already found and the excluded lines.
    taken = [(r.outer_start, r.outer_end) for r in runs] + [(f.start, f.end) for f in direct + blocks] + excluded
    reported = find_reported(doc, taken, Paragraphs(paragraphs, len(text)), learned.cue_judge(), learned.threshold())
    found = sorted(direct + blocks + reported, key=lambda f: f.start)
    _carry_speakers(found, Paragraphs(paragraphs, len(text)))

    # 5. Speakers.
    index = SpeakerIndex(text, doc)
    card_people = {card.name: index.add_card(card.name, card.role) for card in cards}
    quotes: list[Quote] = []
    quoted: list[Person] = []
    last: Person | None = None
    for f in found:
        person = None
        if f.speaker is not None:
            mention = f.speaker
            if f.speaker_token is not None and doc[f.speaker_token].lower_ in RELATIVE_PRONOUNS:
                mention = noun_phrase(antecedent(doc[f.speaker_token]))
            person = card_people.get(f.speaker) or index.resolve(mention, last)
        if person is not None:
            quoted.append(person)
            last = person
        quotes.append(
            Quote(
                content=Span.of(text, f.start, f.end),
                kind=f.kind,  # type: ignore[arg-type]
                speaker_id=speaker_id(person) if person is not None else None,
                speaker_mention=Span.of(text, *f.speaker) if f.speaker is not None else None,
                cue=Span.of(text, *f.cue) if f.cue is not None else None,
                confidence=f.confidence,
            )
        )
    return tuple(quotes), index.speakers(quoted)


def _carry_speakers(found: list[Found], paragraphs: Paragraphs) -> None:
    """A quotation with no cue near it goes on from the speaker quoted just before, in its paragraph or the one
    before ("Trump said the deal was dead. \n\n "We will not sign it."")."""
    for i, f in enumerate(found):
        if f.speaker is not None or f.kind != "direct" or i == 0:
            continue
        before = found[i - 1]
        if before.speaker is None:
            continue
        if paragraphs.index(f.start) - paragraphs.index(before.start) <= 1:
            f.speaker, f.speaker_token = before.speaker, before.speaker_token
            f.confidence = min(f.confidence, 0.7)

