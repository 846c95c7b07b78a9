"""The records newsbrief produces.

Frozen dataclasses, each serialisable to JSON and back (``to_dict`` / ``from_dict``). Every extracted thing is
anchored by character offsets (code points) into ``Article.text``; a ``Span`` is only built through
``Span.of(text, start, end)``, which checks the offsets, so a span's text is always the article's own characters.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

SCHEMA_VERSION = "1.2"  # also in schema/brief.schema.json ($id, description): tests/test_schema_drift.py

QuoteKind = Literal["direct", "block", "indirect"]
EntityType = Literal["PERSON", "COUNTRY", "ORG", "AGREEMENT", "PLACE"]
PointKind = Literal["happened", "consequence", "response"]
StoryBy = Literal["model", "headline cue"]  # what gave a story event its type
# Whether an event was done (or said), is only considered, planned or possible, or is reported as not done.
EventStatus = Literal["asserted", "hypothetical", "negated"]
# Which route of the coder decided an event (docs/events.md): the learned decision over parse candidates, the cue
# lexicon (no parse), the conditional-threat rule, or the sentence classifier (older briefs).
EventBy = Literal["model", "cue", "condition", "quotation", "classifier"]

# The 16 PLOVER event types, in the codebook's order (cooperation first, then conflict).
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

T = TypeVar("T")


class _Record:
    """JSON round trip shared by every record: dataclass fields to plain dicts, lists and strings."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _dump(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        hints = get_type_hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _load(hints[f.name], data[f.name])
        return cls(**kwargs)


def _dump(value: Any) -> Any:
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        # Optional[X]: load as the first non-None member.
        members = [a for a in get_args(hint) if a is not type(None)]
        return _load(members[0], value)
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_load(args[0], v) for v in value)
        return tuple(_load(a, v) for a, v in zip(args, value, strict=True))
    if origin is dict:
        _, vt = get_args(hint)
        return {k: _load(vt, v) for k, v in value.items()}
    if origin is Literal:
        return value
    if isinstance(hint, type) and issubclass(hint, _Record):
        return hint.from_dict(value)  # type: ignore[attr-defined]
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    return value


@dataclass(frozen=True)
class Span(_Record):
    """A run of characters ``text[start:end]`` of an article, with those characters."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end) or len(self.text) != self.end - self.start:
            raise ValueError(f"bad span [{self.start}, {self.end}) for text of length {len(self.text)}")

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        """The span ``source[start:end]``; raises ValueError when the offsets fall outside ``source``."""
        if not (0 <= start <= end <= len(source)):
            raise ValueError(f"span [{start}, {end}) outside a text of length {len(source)}")
        return cls(start, end, source[start:end])

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


def article_id(url: str | None, text: str) -> str:
    """A stable id: a hash of the URL when there is one, else of the text."""
    basis = url.strip() if url else text
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article(_Record):
    """One news article as read from a source.

    ``paragraphs`` are ``(start, end)`` offsets into ``text``; paragraphs are separated by blank lines in ``text``,
    and single line breaks inside a paragraph (a speaker card's lines) are kept.
    ``origin`` names where the article came from (path, URL, ``corpus.jsonl:17``) for messages.
    """

    text: str
    id: str = ""
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str = "en"
    paragraphs: tuple[tuple[int, int], ...] = ()
    origin: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id(self.url, self.text))
        if not self.paragraphs:
            object.__setattr__(self, "paragraphs", split_paragraphs(self.text))

    def paragraph_spans(self) -> list[Span]:
        return [Span.of(self.text, s, e) for s, e in self.paragraphs]


def split_paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """Offsets of the paragraphs of ``text``: runs of lines separated by one or more blank lines."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and start is None:
            start = pos + (len(line) - len(line.lstrip()))
        if not stripped and start is not None:
            spans.append((start, _rstrip_end(text, start, pos)))
            start = None
        pos += len(line)
    if start is not None:
        spans.append((start, _rstrip_end(text, start, pos)))
    return tuple(spans)


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


@dataclass(frozen=True)
class Speaker(_Record):
    """A person quoted in an article; ``id`` is stable across articles (the normalised name)."""

    id: str
    name: str
    role: str | None = None
    country: str | None = None
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Quote(_Record):
    """A quotation: its verbatim content, who said it, and the cue that attributes it.

    ``kind``: ``direct`` (in quotation marks), ``block`` (a paragraph of its own followed by a speaker card, or
    announced by the sentence before it), ``indirect`` (reported speech: "X said that ...").
    ``speaker_id`` refers to ``Brief.speakers``; ``speaker_mention`` is the words in the text ("he", "the minister").
    """

    content: Span
    kind: QuoteKind
    speaker_id: str | None = None
    speaker_mention: Span | None = None
    cue: Span | None = None
    confidence: float = 1.0

    @property
    def text(self) -> str:
        """The quoted words as a reader sees them.

        A quotation split around its cue (``"A," he said. "B"``) keeps, as its content span, the outer bounds from
        the first mark to the last (that is how PolNeAR scores it); here the attribution between the two parts
        becomes an ellipsis: ``A … B``. Any other quotation is its content text.
        """
        parts = self.parts
        if len(parts) == 1:
            return self.content.text
        (left_start, left_end), (right_start, right_end) = parts
        c = self.content
        left = c.text[left_start - c.start : left_end - c.start].rstrip().rstrip(",")
        right = c.text[right_start - c.start : right_end - c.start].lstrip()
        return f"{left} … {right}"

    @property
    def parts(self) -> tuple[tuple[int, int], ...]:
        """Article offsets of the quoted words: one range, or two for a quotation split around its cue (each part
        without its marks, the attribution between them left out)."""
        c = self.content
        whole = ((c.start, c.end),)
        inside = [s for s in (self.cue, self.speaker_mention) if s is not None and c.start < s.start and s.end < c.end]
        if self.kind != "direct" or not inside:
            return whole
        gap_start = min(s.start for s in inside) - c.start
        gap_end = max(s.end for s in inside) - c.start
        close = max(c.text.rfind(mark, 0, gap_start) for mark in _CLOSING_MARKS)
        opens = [i for i in (c.text.find(mark, gap_end) for mark in _OPENING_MARKS) if i >= 0]
        if close < 0 or not opens:
            return whole
        opening = min(opens)
        opening_mark = next(m for m in _OPENING_MARKS if c.text.startswith(m, opening))
        return ((c.start, c.start + close), (c.start + opening + len(opening_mark), c.end))


# Marks that close the first part and open the second part of a split quotation; New York Times copy writes ''
# and ``, so the two-character forms count too. Single marks are left out: they double as apostrophes.
_CLOSING_MARKS = ('"', "”", "»", "''")
_OPENING_MARKS = ("``", '"', "“", "«")


@dataclass(frozen=True)
class Entity(_Record):
    """A person, country, organisation, agreement or place named in the article."""

    id: str
    name: str
    type: EntityType
    code: str | None = None  # ISO 3166 alpha-3 for countries
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Actor(_Record):
    """One side of an event: who they are, their country and their sector."""

    name: str
    country: str | None = None  # ISO3
    sector: str | None = None  # government, military, business, civil society, igo, ...
    entity_id: str | None = None  # a Speaker or Entity id when the actor is one
    mention: Span | None = None


@dataclass(frozen=True)
class Event(_Record):
    """A political event coded in PLOVER: source actor did ``type`` to target actor."""

    source: Actor
    type: str  # one of PLOVER_TYPES
    sentence: Span
    target: Actor | None = None
    mode: str | None = None
    intensity: float = 0.0  # -10 (most hostile) .. +10 (most cooperative)
    date: dt.date | None = None
    trigger: Span | None = None
    quote_index: int | None = None  # index into Brief.quotes when the event was said in a quotation
    confidence: float = 1.0
    conditional: bool = False  # said as a condition: "if they don't pay, I'm not going to defend them"
    # "he was considering withdrawing" is a hypothetical RETREAT; "did not agree" a negated AGREE. Relations and
    # intensity series count asserted events only; the others are shown and stored with their status.
    status: EventStatus = "asserted"
    by: EventBy = "cue"

    @property
    def quad(self) -> str:
        """The quad class: verbal/material cooperation/conflict."""
        return quad_class(self.type)


@dataclass(frozen=True)
class StoryEvent(_Record):
    """The event a whole article reports, as the story classifier reads it from the headline and the lead.

    It names no actors: those are in ``Brief.events``, coded sentence by sentence. ``margin`` is the story model's
    lead of its best type over the runner-up, in decision-score units. ``by`` says what gave the type: the model, or
    (where the model was unsure) a cue of the event lexicon on the headline. A type from the model with a margin
    under ``FIRM_MARGIN`` is a guess (docs/events.md gives the accuracy of each on kinds of story never seen).
    """

    type: str  # one of PLOVER_TYPES
    lead: Span  # the lead sentences it read
    headline: str | None = None  # the headline it read (Article.title), when the article has one
    margin: float = 0.0
    intensity: float = 0.0  # the type's place on the -10..+10 scale
    by: StoryBy = "model"

    FIRM_MARGIN: typing.ClassVar[float] = 0.2

    @property
    def firm(self) -> bool:
        return self.firm_for(self.by, self.margin)

    @classmethod
    def firm_for(cls, by: str, margin: float) -> bool:
        """A type from a headline cue, or from the model with at least ``FIRM_MARGIN``; else a guess."""
        return by != "model" or margin >= cls.FIRM_MARGIN

    @property
    def read_from(self) -> str:
        """Where the type came from, in words for a reader."""
        if self.by != "model":
            return "a cue in the headline"
        return "the headline and lead" if self.headline else "the lead"

    @property
    def quad(self) -> str:
        return quad_class(self.type)


_QUADS = {
    "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation", "SUPPORT": "verbal cooperation",
    "CONCEDE": "material cooperation", "COOPERATE": "material cooperation", "AID": "material cooperation",
    "RETREAT": "material cooperation", "REQUEST": "verbal cooperation",
    "ACCUSE": "verbal conflict", "REJECT": "verbal conflict", "THREATEN": "verbal conflict",
    "PROTEST": "material conflict", "SANCTION": "material conflict", "MOBILIZE": "material conflict",
    "COERCE": "material conflict", "ASSAULT": "material conflict",
}


def quad_class(event_type: str) -> str:
    return _QUADS[event_type]


@dataclass(frozen=True)
class Passage(_Record):
    """A sentence of the brief built from the article's own words.

    ``spans`` are the pieces of the article it keeps, in order; ``text`` is those pieces joined, so every word of
    the brief maps back to offsets (deletion-based compression drops the words between pieces).
    """

    text: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Point(_Record):
    """A point of attention: what happened, what it may lead to, or how the other side answered."""

    kind: PointKind
    passages: tuple[Passage, ...]

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.passages)


@dataclass(frozen=True)
class Brief(_Record):
    """The brief of one article: header, lead, points of attention, quotes, speakers, entities, events."""

    article: Article
    lead: tuple[Passage, ...] = ()
    points: tuple[Point, ...] = ()
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    story: StoryEvent | None = None  # the event the article as a whole reports (headline and lead)
    notes: tuple[str, ...] = ()  # what the pipeline wants the reader to know (e.g. the LLM path fell back)
    schema_version: str = SCHEMA_VERSION

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        for s in self.speakers:
            if s.id == speaker_id:
                return s
        return None
