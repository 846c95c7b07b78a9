"""Direct quotations: each run in marks given its cue and speaker mention, split quotations joined.

1. Each run in marks finds its cue in the sentences around it: after it (``"...," he said``) when the run opens
   its sentence, else the nearest before it (``Trump told the crowd: "..."``).
2. A run with no cue of its own that follows an attributed run in the same paragraph is the second half of a split
   quotation (``"A," he said. "B"``): the two become one quote, first mark to last.
3. A run that is a small part of a reported clause (``Trump said the plan was "a disaster"``) is reported speech
   with a quotation inside it: the whole clause is the content, the kind ``indirect``.
4. Runs of one or two words with no cue are scare quotes or titles (``so-called "free riding"``): left out.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsbrief.quotes.cues import ACCORDING, CONTENT_DEPS, cue_bounds, is_speech_verb, noun_phrase, speaker_of
from newsbrief.quotes.marks import MarkedRun

# A run of at most this many words, with no cue, is a scare quote or a title, not a quotation (issue 3: decided
# to leave them out; on PolNeAR train most such runs carry no attribution).
SCARE_QUOTE_MAX_WORDS = 2
# Two runs in one paragraph are halves of one split quotation when the text between them is at most this long
# (a cue clause such as ", Trump told the crowd on Friday. ").
SPLIT_GAP_MAX_CHARS = 120
# A run inside a reported clause with at least this many words of the clause outside the marks is reported speech
# quoting a phrase, not a direct quotation.
EMBEDDED_MIN_OUTSIDE_WORDS = 3


# A signature line after a quotation ("― Name, role") holds at most this many words.
SIGNATURE_MAX_WORDS = 12


@dataclass
class Found:
    """A quotation before speaker resolution: character bounds of content, speaker mention and cue."""

    start: int
    end: int
    kind: str
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    cue_token: int | None = None  # index of the cue's head token in the Doc, to resolve the speaker
    speaker_token: int | None = None
    confidence: float = 1.0


class Paragraphs:
    """Which paragraph a character offset falls in (bisect over the article's paragraph starts)."""

    def __init__(self, paragraphs: tuple[tuple[int, int], ...], length: int) -> None:
        self.bounds = list(paragraphs) or [(0, length)]
        self.starts = [s for s, _ in self.bounds]

    def index(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        return max(i, 0)

    def of(self, pos: int) -> tuple[int, int]:
        return self.bounds[self.index(pos)]

    def clip(self, start: int, end: int, anchor: int) -> tuple[int, int]:
        """[start, end) cut to the paragraph holding ``anchor`` (a parse may run across paragraphs)."""
        p_start, p_end = self.of(anchor)
        return max(start, p_start), min(end, p_end)


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _is_cue(tok: Token) -> bool:
    return is_speech_verb(tok) or (tok.lower_ == ACCORDING and any(c.lower_ == "to" for c in tok.children))


def _opens_sentence(text: str, pos: int) -> bool:
    """True when the mark at ``pos`` opens its sentence: only spaces, a paragraph start or a sentence end before it."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "\n.!?:;\u2014" or text[i] in _CLOSING and i > 0 and text[i - 1] in ".!?,"


_CLOSING = "\"'\u201d\u2019"


def _find_cue(doc: Doc, run: MarkedRun, runs: list[MarkedRun], paragraph: tuple[int, int]) -> Token | None:
    inside = _tokens_in(doc, run.outer_start, run.outer_end)
    if not inside:
        return None
    text = doc.text
    first_sent, last_sent = inside[0].sent, inside[-1].sent
    # The sentence splitter often cuts `"...," he said.` after the closing mark: look into the next sentence too
    # when the run ends its sentence, and into the previous one when the run opens its sentence.
    after_toks = list(last_sent)
    if last_sent.end < len(doc) and inside[-1].i >= last_sent.end - 2:
        after_toks += list(doc[last_sent.end].sent)
    before_toks = list(first_sent)
    if first_sent.start > 0 and inside[0].i <= first_sent.start + 1:
        before_toks = list(doc[first_sent.start - 1].sent) + before_toks

    def in_any_run(tok: Token) -> bool:
        return any(r.outer_start <= tok.idx < r.outer_end for r in runs)

    p_start, p_end = paragraph
    after = [t for t in after_toks if run.outer_end <= t.idx < p_end and not in_any_run(t)]
    before = [t for t in before_toks if p_start <= t.idx < run.outer_start and not in_any_run(t)]
    # Stop at another quotation: a cue beyond it belongs to that one.
    for r in runs:
        if r.outer_start >= run.outer_end:
            after = [t for t in after if t.idx < r.outer_start]
        if r.outer_end <= run.outer_start:
            before = [t for t in before if t.idx >= r.outer_end]
    # The next sentence counts only as far as its first sentence end (`"..." he said. Then ...`).
    for j, t in enumerate(after):
        if t.is_sent_start and j > 0 and t.i > inside[-1].i + 1 and any(a.text in ".!?" for a in after[:j]):
            after = after[:j]
            break
    cues_after = [t for t in after if _is_cue(t)]
    cues_before = [t for t in before if _is_cue(t)]
    if cues_after and (_opens_sentence(text, run.outer_start) or not cues_before):
        return cues_after[0]
    if cues_before:
        return cues_before[-1]
    return None


_SIGNATURE = re.compile(r"[ \t]*([\u2015\u2014\u2013]|--)[ \t]*([A-Z][^\n]{1,80}?)[ \t.]*(?:\n|$)")


def _dash_signature(text: str, pos: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A signature after a quotation on its line (`"..." ― Krystal Correa`): the dash as cue, the name as speaker."""
    m = _SIGNATURE.match(text, pos)
    if m is None or len(m.group(2).split()) > SIGNATURE_MAX_WORDS:
        return None
    return m.span(1), m.span(2)


def _content_clause(cue: Token) -> tuple[int, int] | None:
    for child in cue.children:
        if child.dep_ in CONTENT_DEPS:
            return child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
    return None


def _words(text: str) -> int:
    return len(text.split())


def attribute_runs(text: str, doc: Doc, runs: list[MarkedRun], paragraphs: tuple[tuple[int, int], ...]) -> list[Found]:
    """The direct (and phrase-quoting indirect) quotations of an article, from its runs in marks."""

    index = Paragraphs(paragraphs, len(text))

    out: list[Found] = []
    prev: tuple[Found, int, MarkedRun] | None = None  # the last direct quote, its paragraph, its last run
    for run in runs:
        content_text = text[run.start : run.end]
        para = index.index(run.outer_start)
        # A quotation over several paragraphs finds its cue in its first or its last paragraph.
        cue = _find_cue(doc, run, runs, (index.of(run.outer_start)[0], index.of(run.outer_end - 1)[1]))
        # 2. Second half of a split quotation.
        if prev is not None and para == prev[1] and run.outer_start - prev[2].outer_end <= SPLIT_GAP_MAX_CHARS:
            found_prev = prev[0]
            same_cue = cue is not None and found_prev.cue_token == cue.i
            if (cue is None or same_cue) and found_prev.kind == "direct":
                found_prev.end = run.end
                prev = (found_prev, para, run)
                continue
        signature = _dash_signature(text, run.outer_end)
        if signature is not None:
            dash, name = signature
            found = Found(run.start, run.end, "direct", name, dash, confidence=0.95)
            out.append(found)
            prev = None
            continue
        if cue is None:
            if _words(content_text) <= SCARE_QUOTE_MAX_WORDS:
                continue
            found = Found(run.start, run.end, "direct", confidence=0.6)
            out.append(found)
            prev = (found, para, run)
            continue
        speaker_tok = speaker_of(cue)
        speaker = noun_phrase(speaker_tok) if speaker_tok is not None else None
        # 3. A phrase quoted inside reported speech.
        clause = _content_clause(cue)
        if clause is not None:
            clause = index.clip(*clause, anchor=run.outer_start)
        if clause is not None and clause[0] <= run.outer_start < clause[1]:
            outside = _words(text[clause[0] : run.outer_start]) + _words(text[run.outer_end : clause[1]])
            if outside >= EMBEDDED_MIN_OUTSIDE_WORDS:
                found = Found(clause[0], max(clause[1], run.outer_end), "indirect", speaker, cue_bounds(cue), cue.i,
                              speaker_tok.i if speaker_tok is not None else None)
                out.append(found)
                prev = None
                continue
        if _words(content_text) <= SCARE_QUOTE_MAX_WORDS and clause is None:
            continue
        found = Found(run.start, run.end, "direct", speaker, cue_bounds(cue), cue.i,
                      speaker_tok.i if speaker_tok is not None else None)
        out.append(found)
        prev = (found, para, run)
    return out
