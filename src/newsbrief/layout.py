"""The layout of an article's text, read once: header, brief structure, headings, speaker cards and body.

Articles arrive in the newsroom's brief shape (shared/DESIGN.md) as often as in plain prose:

    date 2026-03-14 <headline>            header lines (when ingestion left them in the text)
    Source: <outlet>

    <lead>                                an article that is already a brief: its lead ...
    Points of attention                   ... the heading ...
      • <point>                           ... and its bullets are structure, not body or quotations
    <sub-headline without a full stop>    a heading: structure
    <quotation paragraph>
    <Speaker Name>                        a speaker card: one to three short lines after a quotation, on
    <Speaker Name>                        consecutive lines or as consecutive one-line paragraphs: the name once
    <Speaker role>                        or twice, then optionally the role

``read_layout`` finds these parts by their lines alone (no parse), so the pipeline reads them once per article
and hands the one ``Layout`` to every stage: the quotes stage takes its block quotations and card speakers from
it, the summary reads only body sentences, the renderings lay quotations out with their cards. Everything is
offsets into ``Article.text``. The time is linear in the text: each line is looked at a bounded number of times.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from newsbrief.model import Article

# "date 2026-03-14 <headline>" as articles arrive, or "2026-03-14 <headline>" as newsbrief's own text brief.
HEADER_DATE = re.compile(r"^\s*(?:date\s+)?(\d{4}-\d{2}-\d{2})\s+(.+)$", re.IGNORECASE)
# Lines a rendered brief adds that are not the article's prose: the reported-speech mark, and the closing lists.
REPORTED_MARK = re.compile(r"^\(reported speech(?::[^)]*)?\)$")
TRAILING_SECTIONS = frozenset({"entities", "events", "notes"})
HEADER_SOURCE = re.compile(r"^\s*source:\s*(.+)$", re.IGNORECASE)
POINTS_HEADING = re.compile(r"^(?:#+\s*)?(?:the\s+)?(?:key\s+)?points?\s+of\s+attention\s*:?\s*$", re.IGNORECASE)
BULLET = re.compile(r"^\s*(?:[•·▪◦‣*–—-]|\d{1,2}[.)])\s+")
MARKS = re.compile(r"[\"“”«»„]|``|''")
SENTENCE_END = re.compile(r"[.!?…:;,][\"”’')\]]*$")

# A card's name line: a person ("Shigeru Ishiba", "Sugiono", "Luiz Inácio Lula da Silva") or an institution
# ("Ministry of Foreign Affairs of Turkey", "Polish Armed Forces"): capitalised words and the few lower-case
# words names and institutions are made with. Eight words covers the institutions seen in newsroom layouts.
NAME_MAX_WORDS = 8
# A role line: "Minister for Foreign Affairs of the Republic of Korea" (9 words), "High Representative of the EU
# for Foreign Affairs and Security Policy" (11); longer lines read as prose.
ROLE_MAX_WORDS = 14
CARD_MAX_LINES = 3  # the name, the name again, the role
CONNECTORS = frozenset(
    {"of", "for", "the", "and", "to", "on", "in", "at", "de", "da", "do", "dos", "das", "van", "von", "der", "den",
     "bin", "al", "el", "la", "le", "du", "y", "e", "ibn", "&"}
)
# Lower-case words a role line may hold besides connectors ("Spokeswoman for the foreign ministry").
ROLE_LOWER = frozenset(
    {"minister", "ministry", "spokesman", "spokeswoman", "spokesperson", "secretary", "president", "affairs",
     "foreign", "defence", "defense", "interior", "office", "government", "general", "chief", "deputy", "former",
     "state", "committee", "party", "leader", "press", "economy", "trade", "security", "council"}
)
# Words that make a lone card line an institution's name.
INSTITUTION_WORDS = frozenset(
    {"ministry", "forces", "army", "navy", "government", "office", "department", "commission", "council",
     "party", "agency", "embassy", "presidency", "kremlin", "secretariat", "parliament"}
)
# A first line this short and without final punctuation is a headline, not the opening sentence.
HEADLINE_MAX_WORDS = 25
HEADING_MAX_WORDS = 25


@dataclass(frozen=True)
class Card:
    """A speaker card: its lines, the name line, the role line, and the quotation paragraph above it (None when
    the card stands under no quotation: at the very start, after a heading)."""

    lines: tuple[tuple[int, int], ...]
    name: tuple[int, int]
    role: tuple[int, int] | None = None
    quotation: tuple[int, int] | None = None

    @property
    def start(self) -> int:
        return self.lines[0][0]

    @property
    def end(self) -> int:
        return self.lines[-1][1]


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
    headings: tuple[tuple[int, int], ...] = ()  # sub-headlines: one short line with no sentence end
    cards: tuple[Card, ...] = ()
    body: tuple[tuple[int, int], ...] = field(default=())  # body paragraphs (quotation paragraphs included)

    @property
    def is_brief(self) -> bool:
        return self.heading is not None and bool(self.bullets)

    def structure(self) -> list[tuple[int, int]]:
        """Every range that is not body prose: header, lead, heading, bullets, sub-headlines, card lines."""
        ranges = list(self.header)
        if self.lead:
            ranges.append(self.lead)
        if self.heading:
            ranges.append(self.heading)
        ranges.extend(self.bullets)
        ranges.extend(self.headings)
        for card in self.cards:
            ranges.extend(card.lines)
        return sorted(ranges)

    def card_at(self, start: int, end: int) -> Card | None:
        """The card whose quotation overlaps ``[start, end)``."""
        for card in self.cards:
            q = card.quotation
            if q is not None and q[0] < end and start < q[1]:
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


def _plain_short_line(line: str, max_words: int) -> list[str] | None:
    """The words of a line that could be a card line: short, capitalised, no marks, no sentence end."""
    words = line.split()
    if not words or len(words) > max_words or not words[0][:1].isupper():
        return None
    if SENTENCE_END.search(line) or MARKS.search(line) or BULLET.match(line) or POINTS_HEADING.match(line):
        return None
    return words


def is_name_line(line: str) -> bool:
    """A person's or an institution's name: every word capitalised but the connectors names are made with."""
    words = _plain_short_line(line, NAME_MAX_WORDS)
    if words is None:
        return False
    return all(w[:1].isupper() or w.lower() in CONNECTORS or w[:1].isdigit() for w in words)


def is_role_line(line: str) -> bool:
    """A role: "President of the United States", "Spokeswoman for the Russian Foreign Ministry"."""
    words = _plain_short_line(line, ROLE_MAX_WORDS)
    if words is None:
        return False
    return all(w[:1].isupper() or w.lower().strip(",") in CONNECTORS | ROLE_LOWER for w in words)


def _card(text: str, lines: list[tuple[int, int]]) -> Card | None:
    """``lines`` read as a whole card: [name], [name, name], [name, role] or [name, name, role]."""
    if not lines or len(lines) > CARD_MAX_LINES:
        return None
    said = [text[s:e] for s, e in lines]
    if not is_name_line(said[0]):
        return None
    if len(lines) == 1:
        return Card(tuple(lines), lines[0])
    twice = said[1] == said[0]
    if len(lines) == 2:
        return Card(tuple(lines), lines[0], None if twice else lines[1]) if twice or is_role_line(said[1]) else None
    if twice and said[2] != said[0] and is_role_line(said[2]):
        return Card(tuple(lines), lines[0], lines[2])
    return None


def _card_shaped(line: str) -> bool:
    """Short enough for a card line (a role runs longer than a name) and no sentence end."""
    return _plain_short_line(line, ROLE_MAX_WORDS) is not None


def _is_prose(line: str) -> bool:
    return len(line.split()) > NAME_MAX_WORDS or bool(SENTENCE_END.search(line.rstrip()))


def _is_headline(line: str, title: str | None, p_index: int, n_lines: int) -> bool:
    """The article's headline left in its text: equal to the title, or a lone short unpunctuated first line."""
    if title and line.strip() == title.strip():
        return True
    if title:
        return False  # the article has its headline: a first short line is its sub-headline, a heading
    short = len(line.split()) <= HEADLINE_MAX_WORDS
    return p_index == 0 and n_lines == 1 and short and line.rstrip()[-1:] not in ".!?\"”"


def _is_heading(text: str, lines: list[tuple[int, int]]) -> bool:
    """A one-line paragraph of a few words with no sentence end: a sub-headline, a section heading."""
    if len(lines) != 1:
        return False
    line = text[lines[0][0] : lines[0][1]]
    return len(line.split()) <= HEADING_MAX_WORDS and not SENTENCE_END.search(line) and not MARKS.search(line[:1])


def _lone_name_stands(text: str, card: Card, quotation: tuple[int, int] | None) -> bool:
    """A card of one name line, with no role and no repeat, is taken only under a quotation and when the article
    names that person elsewhere, or the quotation is in marks: else a title-case line is a heading."""
    if quotation is None:
        return False
    if MARKS.search(text[quotation[0] : quotation[1]]):
        return True
    if {w.lower() for w in text[card.name[0] : card.name[1]].split()} & INSTITUTION_WORDS:
        return True  # "Ministry of Foreign Affairs of Latvia": an institution signs with its name alone
    last = text[card.name[0] : card.name[1]].split()[-1]
    elsewhere = text[: card.start].count(last) + text[card.end :].count(last)
    return elsewhere > 0


class _Reader:
    """One pass over the paragraphs, collecting the parts of the layout."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.header: list[tuple[int, int]] = []
        self.headline: str | None = None
        self.published: dt.date | None = None
        self.outlet: str | None = None
        self.heading: tuple[int, int] | None = None
        self.bullets: list[tuple[int, int]] = []
        self.headings: list[tuple[int, int]] = []
        self.cards: list[Card] = []
        self.body: list[tuple[int, int]] = []
        self.seen_body = False
        self.in_points = False
        # The body paragraph right before the current one, if nothing came between: a card's quotation.
        self.last_body: tuple[int, int] | None = None

    def read(self) -> Layout:
        paragraphs = [_lines(self.text, s, e) for s, e in self.article.paragraphs]
        i = 0
        while i < len(paragraphs):
            rest = self._structure_lines(paragraphs[i], i)
            i += 1
            if not rest:
                continue
            if all(_card_shaped(self.text[s:e]) for s, e in rest) and len(rest) <= CARD_MAX_LINES:
                # A card on consecutive one-line paragraphs (or a paragraph of card lines): gather the run.
                run = list(rest)
                j = i
                while j < len(paragraphs) and len(run) < CARD_MAX_LINES:
                    nxt = paragraphs[j]
                    if len(nxt) != 1 or not _card_shaped(self.text[nxt[0][0] : nxt[0][1]]) or not run_continues(
                        self.text, run, nxt[0]
                    ):
                        break
                    run.append(nxt[0])
                    j += 1
                taken = self._take_card(run, self.last_body)
                if taken:
                    i += max(0, taken - len(rest))
                    self.last_body = None
                    leftover = run[taken:len(rest)] if taken < len(rest) else []
                    if leftover:
                        self._add_body(leftover)
                    continue
            if len(rest) >= 2:
                # A card on the last lines of its quotation's paragraph.
                for k in range(min(CARD_MAX_LINES, len(rest) - 1), 0, -1):
                    head, tail = rest[:-k], rest[-k:]
                    if not _is_prose(self.text[head[-1][0] : head[-1][1]]):
                        continue
                    card = _card(self.text, tail)
                    quotation = (head[0][0], head[-1][1])
                    if card is not None and (card.role or len(tail) > 1 or _lone_name_stands(self.text, card,
                                                                                          quotation)):
                        self.cards.append(Card(card.lines, card.name, card.role, quotation))
                        self._add_body(head)
                        self.last_body = None
                        break
                else:
                    self._add_body(rest)
                continue
            if _is_heading(self.text, rest):
                self.headings.append(rest[0])
                self.last_body = None
                continue
            self._add_body(rest)
        return self._finish()

    def _structure_lines(self, lines: list[tuple[int, int]], p_index: int) -> list[tuple[int, int]]:
        """The paragraph's lines less the header, points heading, bullets and a rendered brief's marks."""
        text = self.text
        if not lines:
            return []
        first = text[lines[0][0] : lines[0][1]].strip().lower()
        if first in TRAILING_SECTIONS and (self.seen_body or self.heading):
            self.header.extend(lines)  # a rendered brief's entity, event and note lists: structure, not body
            return []
        rest: list[tuple[int, int]] = []
        for s, e in lines:
            line = text[s:e]
            if REPORTED_MARK.match(line.strip()):
                self.header.append((s, e))
                continue
            if not self.seen_body and not self.header and (m := HEADER_DATE.match(line)):
                self.header.append((s, e))
                self.headline = m.group(2).strip()
                try:
                    self.published = dt.date.fromisoformat(m.group(1))
                except ValueError:
                    self.published = None
                continue
            if not self.seen_body and len(self.header) < 2 and (m := HEADER_SOURCE.match(line)):
                self.header.append((s, e))
                self.outlet = m.group(1).strip()
                continue
            if self.heading is None and POINTS_HEADING.match(line):
                self.heading = (s, e)
                self.in_points = True
                continue
            if self.in_points:
                if m := BULLET.match(line):
                    self.bullets.append((s + m.end(), e))
                    continue
                if self.bullets:
                    self.in_points = False
            if not self.seen_body and not rest and _is_headline(line, self.article.title, p_index, len(lines)):
                self.header.append((s, e))
                self.headline = self.headline or line.strip()
                continue
            rest.append((s, e))
        return rest

    def _take_card(self, run: list[tuple[int, int]], quotation: tuple[int, int] | None) -> int:
        """Take the longest card at the start of ``run``; the number of lines taken (0: no card)."""
        for k in range(min(CARD_MAX_LINES, len(run)), 0, -1):
            card = _card(self.text, run[:k])
            if card is None:
                continue
            if card.role is None and k == 1 and not _lone_name_stands(self.text, card, quotation):
                continue
            if quotation is not None and not _is_prose(self.text[quotation[0] : quotation[1]]):
                quotation = None
            self.cards.append(Card(card.lines, card.name, card.role, quotation))
            return k
        return 0

    def _add_body(self, lines: list[tuple[int, int]]) -> None:
        para = (lines[0][0], lines[-1][1])
        self.body.append(para)
        self.seen_body = True
        self.last_body = para

    def _finish(self) -> Layout:
        lead = None
        heading, bullets, body = self.heading, self.bullets, self.body
        if heading is not None and bullets:
            # An article that is already a brief: the paragraph before the heading is its lead, not body.
            before = [b for b in body if b[1] <= heading[0]]
            if before:
                lead = before[-1]
                body = [b for b in body if b != lead]
        else:
            heading, bullets = None, []
        return Layout(
            header=tuple(self.header), headline=self.headline, published=self.published, outlet=self.outlet,
            lead=lead, heading=heading, bullets=tuple(bullets), headings=tuple(self.headings),
            cards=tuple(self.cards), body=tuple(body),
        )


def run_continues(text: str, run: list[tuple[int, int]], line: tuple[int, int]) -> bool:
    """A one-line paragraph goes on a card begun above it: the name again, or a role after the name."""
    said = text[line[0] : line[1]]
    first = text[run[0][0] : run[0][1]]
    return said == first or is_role_line(said)


def read_layout(article: Article) -> Layout:
    """Find header, brief structure, headings, speaker cards and body paragraphs in ``article.text``."""
    return _Reader(article).read()
