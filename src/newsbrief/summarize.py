"""Lead and points of attention (owned by the brief issue)."""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.model import Article, Passage, Point, Quote, Speaker


def summarize(
    article: Article, doc: object, quotes: Sequence[Quote], speakers: Sequence[Speaker]
) -> tuple[tuple[Passage, ...], tuple[Point, ...]]:
    return (), ()
