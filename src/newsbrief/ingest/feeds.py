"""RSS and Atom feeds (feedparser): each entry becomes an article.

An entry that carries the full story (``content:encoded``, Atom ``<content>``, or a long ``<description>``) is read
from the feed itself; an entry that only carries a teaser is read by fetching its link. Either way the entry's
headline, date and link, and the feed's title as the outlet, fill what the article itself leaves out.
A fetch that fails is reported for that entry and the feed goes on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import feedparser

from newsbrief.errors import EmptyInputError, InputError, ParseError
from newsbrief.ingest.common import make_article, parse_date
from newsbrief.ingest.html import article_from_html, fragment_text
from newsbrief.ingest.url import fetch
from newsbrief.model import Article

# An entry's own text is taken as the article when it runs to at least this many words. Feed teasers are one to
# three sentences (20-60 words); full-content feeds carry whole stories of 300 words and more.
MIN_ENTRY_WORDS = 120

_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.I | re.S)


# A numeric character reference to a code point no text can hold (a lone surrogate, NUL, past U+10FFFF) makes
# feedparser raise while it decodes the reference, which would lose every entry of the feed.
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def _safe_char_ref(match: re.Match[bytes]) -> bytes:
    try:
        point = int(match[1], 16) if match[1] is not None else int(match[2])
    except ValueError:
        return b"&#xFFFD;"
    if point == 0 or 0xD800 <= point <= 0xDFFF or point > 0x10FFFF:
        return b"&#xFFFD;"
    return match[0]


def looks_like_feed(data: bytes) -> bool:
    """True when the bytes start like an RSS, Atom or RSS 1.0 (RDF) document."""
    return bool(_FEED_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")))


@dataclasses.dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed, as the feed gives it."""

    title: str | None
    link: str | None
    published: dt.date | None
    text: str  # the entry's content or summary, as plain text


@dataclasses.dataclass(frozen=True)
class Feed:
    title: str | None
    entries: tuple[FeedEntry, ...]


def parse_feed(data: bytes, origin: str) -> Feed:
    """The feed's title and entries; ParseError when the bytes are not an RSS or Atom feed."""
    data = _CHAR_REF.sub(_safe_char_ref, data)
    try:
        parsed = feedparser.parse(data)
    except Exception as err:  # noqa: BLE001 - feedparser has no exception hierarchy of its own to catch
        raise ParseError(origin, f"not a readable RSS or Atom feed ({type(err).__name__}: {err})") from err
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({_one_line(reason)})" if reason else ""
        raise ParseError(origin, f"not an RSS or Atom feed: the XML could not be parsed{detail}")
    entries = tuple(_entry(e) for e in parsed.entries if isinstance(e, dict))
    title = parsed.feed.get("title") if isinstance(parsed.get("feed"), dict) else None
    return Feed(title=(title or "").strip() or None, entries=entries)


def _one_line(err: object) -> str:
    return " ".join(str(err).split())[:200]


def _entry(entry: Any) -> FeedEntry:
    body = ""
    contents = entry.get("content") or []
    if contents and isinstance(contents[0], dict):
        body = contents[0].get("value") or ""
    summary = entry.get("summary") or ""
    text = fragment_text(body) if body else ""
    if len(text.split()) < len(fragment_text(summary).split()):
        text = fragment_text(summary)
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    published = dt.date(when.tm_year, when.tm_mon, when.tm_mday) if when else parse_date(entry.get("published"))
    return FeedEntry(
        title=(entry.get("title") or "").strip() or None,
        link=(entry.get("link") or "").strip() or None,
        published=published,
        text=text,
    )


def read_feed(data: bytes, origin: str, fetch_links: bool = True) -> Iterator[Article | InputError]:
    """One Article per entry (or the InputError that entry met), in feed order."""
    feed = parse_feed(data, origin)
    if not feed.entries:
        raise EmptyInputError(origin, "the feed has no entries")
    for number, entry in enumerate(feed.entries, 1):
        where = f"{origin}#{number}"
        try:
            yield article_from_entry(entry, where, feed.title, fetch_links)
        except InputError as err:
            if err.source == where:
                yield err
            else:  # a fetched link failed: name the link, and say which entry it came from
                yield type(err)(err.source, f"{err.problem} (entry {number} of {origin})")
        except Exception as err:  # noqa: BLE001 - one odd entry never costs the entries around it
            yield ParseError(where, f"the entry could not be read ({type(err).__name__}: {_one_line(err)})")


def article_from_entry(entry: FeedEntry, origin: str, outlet: str | None, fetch_links: bool = True) -> Article:
    """The entry's article: its own text when long enough, else its linked page."""
    if len(entry.text.split()) >= MIN_ENTRY_WORDS or not entry.link or not fetch_links:
        if not entry.text.strip():
            raise EmptyInputError(origin, "the entry has no text and no link to fetch")
        return make_article(entry.text, origin, url=entry.link, outlet=outlet, title=entry.title,
                            published=entry.published)
    page = fetch(entry.link)
    article = article_from_html(page.data, origin=entry.link, url=page.url, charset=page.charset)
    return dataclasses.replace(
        article,
        title=article.title or entry.title,
        published=entry.published or article.published,
        source=outlet or article.source,
    )
