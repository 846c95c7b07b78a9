"""newsbrief: turn raw news into structured, attributed briefs, and keep them searchable.

    >>> import newsbrief
    >>> b = newsbrief.brief(open("article.txt").read())
    >>> b.article.title, [q.content.text for q in b.quotes]
"""

from __future__ import annotations

from newsbrief.errors import InputError, NewsbriefError
from newsbrief.model import Article, Brief, Entity, Event, Passage, Point, Quote, Span, Speaker
from newsbrief.pipeline import Failure, Pipeline, brief


def to_pandas(source, table="quotes"):  # type: ignore[no-untyped-def]
    """Briefs, a Store or a store file's table as a pandas DataFrame (``newsbrief.frames``; pandas extra)."""
    from newsbrief.frames import to_pandas as _to_pandas

    return _to_pandas(source, table)


__version__ = "0.1.0"

__all__ = [
    "Article",
    "Brief",
    "Entity",
    "Event",
    "Failure",
    "InputError",
    "NewsbriefError",
    "Passage",
    "Pipeline",
    "Point",
    "Quote",
    "Span",
    "Speaker",
    "brief",
    "to_pandas",
]
