"""Reading sources into Articles (owned by the foundation issue's ingestion work)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsbrief.errors import InputError
from newsbrief.model import Article


def article_from_string(text_or_html: str, url: str | None = None, origin: str = "<text>") -> Article:
    return Article(text=text_or_html.strip(), url=url, origin=origin)


def read_many(sources: Iterable[str]) -> Iterator[Article | InputError]:
    for source in sources:
        with open(source, encoding="utf-8") as fh:
            yield article_from_string(fh.read(), origin=source)
