"""Assembles the Brief from the stages' results, in reading order."""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.model import Article, Brief, Entity, Event, Passage, Point, Quote, Speaker, StoryEvent
from newsbrief.summary import missing_roles


def assemble(
    article: Article,
    lead: Sequence[Passage],
    points: Sequence[Point],
    quotes: Sequence[Quote],
    speakers: Sequence[Speaker],
    entities: Sequence[Entity],
    events: Sequence[Event],
    notes: Sequence[str] = (),
    story: StoryEvent | None = None,
) -> Brief:
    return Brief(
        article=article,
        lead=tuple(lead),
        points=tuple(points),
        quotes=tuple(sorted(quotes, key=lambda q: q.content.start)),
        speakers=tuple(speakers),
        entities=tuple(entities),
        events=tuple(sorted(events, key=lambda e: e.sentence.start)),
        story=story,
        # A point left out is said so: the reader learns the article held no consequence or no answer.
        notes=(*notes, *missing_roles(points)),
    )
