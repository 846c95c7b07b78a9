"""The layout of an article's text: what is header, brief structure, speaker card, and what is body.

Articles arrive in the newsroom's brief shape as often as in plain prose (shared/DESIGN.md):

    date 2026-03-14 <headline>            header lines (when ingestion left them in the text)
    Source: <outlet>

    <lead>                                an article that is already a brief: its lead ...
    Points of attention                   ... the heading ...
      • <point>                           ... and its bullets are structure, not body or quotations
    <quotation paragraph>
    <Speaker Name>                        a speaker card: short lines after a quotation, not body text
    <Speaker role>

``read_layout`` finds these parts by their lines, so that the summary reads only body sentences and the
renderings can lay quotations out with their cards. Everything is offsets into ``Article.text``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from newsbrief.model import Article

# "date 2026-03-14 <headline>" as articles arrive, or "2026-03-14 <headline>" as newsbrief's own text brief.
HEADER_DATE = re.compile(r"^(?:date\s+)?(\d{4}-\d{2}-\d{2})\s+(.+)$", re.IGNORECASE)
# Lines a rendered brief adds that are not the article's prose: the reported-speech mark, and the closing lists.
REPORTED_MARK = re.compile(r"^\(reported speech(?::[^)]*)?\)$")
TRAILING_SECTIONS = frozenset({"entities", "events", "notes"})
HEADER_SOURCE = re.compile(r"^source:\s*(.+)$", re.IGNORECASE)
POINTS_HEADING = re.compile(r"^(?:#+\s*)?(?:the\s+)?(?:key\s+)?points?\s+of\s+attention\s*:?\s*$", re.IGNORECASE)
BULLET = re.compile(r"^\s*(?:[•·▪◦‣*–—-]|\d{1,2}[.)])\s+")

# A speaker card line is a name or a role: short, no sentence punctuation at its end. Eight words covers
# "Deputy Minister of Foreign Affairs of the Republic" style roles; longer lines read as prose.
CARD_MAX_WORDS = 10
CARD_MAX_LINES = 4
# A first line this short and without final punctuation is a headline, not the opening sentence.
HEADLINE_MAX_WORDS = 25


@dataclass(frozen=True)
class Card:
    """A quotation paragraph's text and the speaker card lines that follow it."""

    quotation: tuple[int, int]
    lines: tuple[tuple[int, int], ...]

    def names(self, text: str) -> list[str]:
        """Distinct card lines in order: the name (often written twice) and then the role."""
        seen: list[str] = []
        for s, e in self.lines:
            line = text[s:e].strip()
            if line and line not in seen:
                seen.append(line)
        return seen


@dataclass(frozen=True)
class Layout:
    """The parts of one article's text, as ``(start, end)`` offsets."""

    header: tuple[tuple[int, int], ...] = ()
    headline: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    lead: tuple[int, int] | None = None  # the lead of an article that is already a brief
    heading: tuple[int, int] | None = None  # its "Points of attention" line
    bullets: tuple[tuple[int, int], ...] = ()  # the text of each bullet, without its marker
    cards: tuple[Card, ...] = ()
    body: tuple[tuple[int, int], ...] = field(default=())  # body paragraphs (quotation paragraphs included)

    @property
    def is_brief(self) -> bool:
        return self.heading is not None and bool(self.bullets)

    def structure(self) -> list[tuple[int, int]]:
        """Every range that is not body prose: header, lead, heading, bullets, card lines."""
        ranges = list(self.header)
        if self.lead:
            ranges.append(self.lead)
        if self.heading:
            ranges.append(self.heading)
        ranges.extend(self.bullets)
        for card in self.cards:
            ranges.extend(card.lines)
        return ranges

    def card_at(self, start: int, end: int) -> Card | None:
        """The card whose quotation overlaps ``[start, end)``."""
        for card in self.cards:
            if card.quotation[0] < end and start < card.quotation[1]:
                return card
        return None


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank lines of ``text[start:end]`` as trimmed offsets."""
    out = []
    pos = start
    for line in text[start:end].split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _is_card_line(line: str) -> bool:
    words = line.split()
    if not words or len(words) > CARD_MAX_WORDS:
        return False
    if line[-1] in ".!?\"”’:;," or BULLET.match(line) or POINTS_HEADING.match(line):
        return False
    # Names and roles are written in title case: most words start with a capital ("Minister of Foreign Affairs").
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals >= max(1, (len(words) + 1) // 2)


def _is_headline(line: str, title: str | None, p_index: int, n_lines: int) -> bool:
    """The article's headline left in its text: equal to the title, or a lone short unpunctuated first line."""
    if title and line.strip() == title.strip():
        return True
    short = len(line.split()) <= HEADLINE_MAX_WORDS
    return p_index == 0 and n_lines == 1 and short and line.rstrip()[-1:] not in ".!?\"”"


def _is_prose(line: str) -> bool:
    return len(line.split()) > CARD_MAX_WORDS or line.rstrip()[-1:] in ".!?\"”’"


def read_layout(article: Article) -> Layout:
    """Find header, brief structure, speaker cards and body paragraphs in ``article.text``."""
    text = article.text
    header: list[tuple[int, int]] = []
    headline = outlet = None
    published = None
    lead = heading = None
    bullets: list[tuple[int, int]] = []
    cards: list[Card] = []
    body: list[tuple[int, int]] = []

    # Lines of each paragraph, in order, with the index of their paragraph.
    paragraphs = [_lines(text, s, e) for s, e in article.paragraphs]
    seen_body = False
    in_points = False
    for p_index, lines in enumerate(paragraphs):
        if not lines:
            continue
        if text[lines[0][0]:lines[0][1]].strip().lower() in TRAILING_SECTIONS and (seen_body or heading):
            header.extend(lines)  # a rendered brief's entity, event and note lists: structure, not body
            continue
        rest: list[tuple[int, int]] = []
        for s, e in lines:
            line = text[s:e]
            if REPORTED_MARK.match(line.strip()):
                header.append((s, e))
                continue
            if not seen_body and not header and (m := HEADER_DATE.match(line)):
                header.append((s, e))
                headline = m.group(2).strip()
                try:
                    published = dt.date.fromisoformat(m.group(1))
                except ValueError:
                    published = None
                continue
            if not seen_body and len(header) < 2 and (m := HEADER_SOURCE.match(line)):
                header.append((s, e))
                outlet = m.group(1).strip()
                continue
            if heading is None and POINTS_HEADING.match(line):
                heading = (s, e)
                in_points = True
                continue
            if in_points:
                if m := BULLET.match(line):
                    bullets.append((s + m.end(), e))
                    continue
                if bullets:
                    in_points = False
            if not seen_body and not rest and _is_headline(line, article.title, p_index, len(lines)):
                header.append((s, e))
                headline = headline or line.strip()
                continue
            rest.append((s, e))
        if not rest:
            continue
        # A run of short title-case lines after prose is a speaker card; the prose before it is the quotation.
        split = len(rest)
        while split > 0 and len(rest) - split < CARD_MAX_LINES and _is_card_line(text[slice(*rest[split - 1])]):
            split -= 1
        if 0 < split < len(rest) and _is_prose(text[rest[split - 1][0]:rest[split - 1][1]]):
            cards.append(Card((rest[0][0], rest[split - 1][1]), tuple(rest[split:])))
            body.append((rest[0][0], rest[split - 1][1]))
            seen_body = True
            continue
        if split == 0 and body and len(rest) <= CARD_MAX_LINES and body[-1] not in [c.quotation for c in cards]:
            # A card set off by a blank line from its quotation.
            prev = body[-1]
            if _is_prose(text[prev[0]:prev[1]]) and p_index > 0 and len(rest) >= 2:
                cards.append(Card(prev, tuple(rest)))
                continue
        body.append((rest[0][0], rest[-1][1]))
        seen_body = True

    # An article that is already a brief: the paragraph before the heading is its lead, not body.
    if heading is not None and bullets:
        before = [b for b in body if b[1] <= heading[0]]
        if before:
            lead = before[-1]
            body = [b for b in body if b != lead]
    else:
        heading = None
        bullets = []
    return Layout(
        header=tuple(header), headline=headline, published=published, outlet=outlet, lead=lead, heading=heading,
        bullets=tuple(bullets), cards=tuple(cards), body=tuple(body),
    )
