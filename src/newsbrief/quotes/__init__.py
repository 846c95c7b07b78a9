"""Quotations and their speakers (owned by the quotes issue)."""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.model import Article, Entity, Quote, Speaker


def extract_quotes(
    article: Article, doc: object, entities: Sequence[Entity] = ()
) -> tuple[tuple[Quote, ...], tuple[Speaker, ...]]:
    return (), ()
