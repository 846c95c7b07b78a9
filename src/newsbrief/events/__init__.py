"""PLOVER event coding (owned by the events issue)."""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.model import Article, Entity, Event, Quote, Speaker


def extract_events(
    article: Article, doc: object, quotes: Sequence[Quote], speakers: Sequence[Speaker], entities: Sequence[Entity]
) -> tuple[Event, ...]:
    return ()
