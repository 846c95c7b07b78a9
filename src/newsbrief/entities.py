"""People, countries, organisations and agreements named in an article (owned by the events issue)."""

from __future__ import annotations

from newsbrief.model import Article, Entity


def extract_entities(article: Article, doc: object) -> tuple[Entity, ...]:
    return ()
