"""Plain-text articles: an optional header, then the body, with its paragraph breaks and line breaks kept.

Two header forms are read (and kept out of ``Article.text``, which is the body only):

    date 2026-03-14 Japan rejects US demand to double defence spending
    Source: Pacific Ledger

or a plain first-line headline, set off from the body by a blank line (optionally followed by ``Source: ...``).
A single line break inside a paragraph is kept: a block quote's speaker card puts name and role on their own lines.
"""

from __future__ import annotations

import datetime as dt
import re

from newsbrief.ingest.common import make_article, parse_date
from newsbrief.model import Article

_DATE_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{1,2}-\d{1,2})\s+(.*?)\s*$", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^\s*source\s*:\s*(.+?)\s*$", re.IGNORECASE)

# A first line is taken as a headline only when it looks like one: short (headlines run 5-20 words; 200 characters
# and 30 words leave room for long wire headlines), and not ending like a sentence of body text.
MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 30
_SENTENCE_END = (".", ",", ";", ":", "\u2014", "-")


def split_header(text: str) -> tuple[str | None, dt.date | None, str | None, str]:
    """``(headline, date, outlet, body)`` of a plain text; the body is the text after the header lines."""
    lines = _normalise(text).split("\n")
    i = _skip_blank(lines, 0)
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    if i < len(lines) and (m := _DATE_HEADER.match(lines[i])):
        published = parse_date(m[1])
        title = m[2] or None
        i += 1
    elif i < len(lines) and _is_headline(lines, i):
        title = lines[i].strip()
        i += 1
    if title is not None or published is not None:
        j = _skip_blank(lines, i)
        if j < len(lines) and (m := _SOURCE_LINE.match(lines[j])):
            outlet = m[1]
            i = j + 1
    return title, published, outlet, "\n".join(lines[i:])


def _normalise(text: str) -> str:
    # One line-break convention, and no trailing blanks: offsets then mean the same whatever system wrote the file.
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _is_headline(lines: list[str], i: int) -> bool:
    line = lines[i].strip()
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    # The headline stands alone: a blank line or a Source line after it, and a body after that.
    if nxt.strip() and not _SOURCE_LINE.match(nxt):
        return False
    if not any(s.strip() for s in lines[i + 2 :]):
        return False
    words = line.split()
    return (
        len(line) <= MAX_HEADLINE_CHARS
        and 2 <= len(words) <= MAX_HEADLINE_WORDS
        and not line.endswith(_SENTENCE_END)
    )


def article_from_text(text: str, origin: str = "<text>", url: str | None = None) -> Article:
    """The Article of a plain text: header lines read into title, date and outlet; the rest is the body."""
    title, published, outlet, body = split_header(text)
    return make_article(body, origin, url=url, outlet=outlet, title=title, published=published)
