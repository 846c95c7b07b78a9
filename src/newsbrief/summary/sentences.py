"""The sentences a brief may be built from, and how central each is to the article.

A candidate is a body sentence (bylines, timestamps and fragments set aside) or a sub-headline: in the newsroom's
layout the sub-headline states what happened ("Poland closed its border crossings with Belarus"), and the body's
first sentence only places it ("He made the remarks at a meeting ...").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsbrief import doccache
from newsbrief.layout import Layout
from newsbrief.model import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

# A candidate sentence needs this many words (letters) and a verb; shorter lines are bylines and captions.
# Five keeps the short answer news writes ("Bondholders rejected the request on Thursday.").
MIN_SENTENCE_WORDS = 5
# Sentences this long (words) are run-ons or lists; they are scored down, not excluded.
LONG_SENTENCE_WORDS = 45
# Weights of the sentence score; tuned for ROUGE on the CNN/DailyMail sample (shared/EVALUATION.md §2).
POSITION_WEIGHT = 1.0
CENTRALITY_WEIGHT = 0.3
SALIENCE_WEIGHT = 0.2
# Position decays with the sentence's rank among body sentences: 1 / (1 + rank / POSITION_SCALE).
POSITION_SCALE = 1.0
# A quotation standing alone reads, in a point, as nobody's words: scored down here, never a point (roles.py).
QUOTATION_FACTOR = 0.5
SALIENT_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})
BOILERPLATE = re.compile(r"PUBLISHED:|UPDATED:|Last updated|Scroll down|Click here|\|", re.IGNORECASE)
# A sentence that only places or dates what the sentence before it said ("He made the remarks at a meeting ...",
# "He stated this at a press conference", "Tusk announced the decision after ..."): its object points back.
PLACING_VERBS = frozenset({"make", "deliver", "give", "issue", "announce", "state", "say", "express", "voice"})
POINTING_OBJECTS = frozenset({
    "remark", "remarks", "comment", "comments", "appeal", "statement", "decision", "announcement", "speech",
    "this", "that", "it", "these", "those", "warning", "call", "pledge", "criticism",
})


@dataclass
class Candidate:
    span: SpacySpan
    rank: int  # order among candidate sentences
    quotation: bool  # a block quotation or a sentence that is mostly a direct quotation
    lemmas: frozenset[str]
    heading: bool = False  # a sub-headline: no full stop of its own
    placing: bool = False  # only places what the sentence before said (PLACING_VERBS + POINTING_OBJECTS)
    prose_rank: int = 0  # order among the sentences that are not quotations
    score: float = 0.0

    @property
    def words(self) -> int:
        return sum(1 for t in self.span if t.is_alpha)


def candidate_sentences(
    article: object, doc: Doc, layout: Layout, quotes: Sequence[Quote] = ()
) -> list[Candidate]:
    """Body sentences and sub-headlines that can carry a point, in order (``article`` is unused, kept for callers
    that pass it)."""
    blocks = [c.quotation for c in layout.cards if c.quotation is not None]
    # A block quotation announced by the paragraph before has no card: the quotes stage found it.
    blocks += [(q.content.start, q.content.end) for q in quotes if q.kind == "block"]
    body = layout.body
    headings = layout.headings
    text = doccache.text(doc)  # Doc.text joins every token on each access: once per article, not per sentence
    out: list[Candidate] = []
    for sent in paragraph_sentences(doc):
        start = sent.start_char
        heading = any(s <= start < e for s, e in headings)
        if not heading and not any(s <= start < e for s, e in body):
            continue
        words = [t for t in sent if t.is_alpha]
        if len(words) < MIN_SENTENCE_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in sent):
            continue
        if BOILERPLATE.search(sent.text):
            continue
        in_block = any(s <= start < e for s, e in blocks)
        paragraph_start = next((s for s, e in (*body, *headings) if s <= start < e), start)
        lemmas = frozenset(t.lemma_.lower() for t in sent if t.is_alpha and not t.is_stop)
        quoted = in_block or _mostly_quoted(sent, paragraph_start, text)
        out.append(Candidate(sent, len(out), quoted, lemmas, heading=heading, placing=_places_only(sent)))
    prose = 0
    for s in out:
        s.prose_rank = prose
        prose += not s.quotation
    return out


def _places_only(sent: SpacySpan) -> bool:
    root = sent.root
    if root.lemma_.lower() not in PLACING_VERBS:
        return False
    for child in root.children:
        if child.dep_ == "dobj" and child.lower_ in POINTING_OBJECTS:
            return child.pos_ == "PRON" or any(
                d.dep_ == "det" and d.lower_ in ("the", "this", "these", "those", "his", "her", "their")
                for d in child.children)
    return False


def paragraph_sentences(doc: Doc) -> list[SpacySpan]:
    """spaCy's sentences, cut where a line break runs through one, without leading or trailing space."""
    out = []
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    out.append(doc[start:tok.i])
                start = tok.i + 1
        if sent.end > start:
            out.append(doc[start:sent.end])
    trimmed = []
    for span in out:
        a, b = span.start, span.end
        while a < b and doc[a].is_space:
            a += 1
        while b > a and doc[b - 1].is_space:
            b -= 1
        if b > a:
            trimmed.append(doc[a:b])
    return trimmed


def _mostly_quoted(sent: SpacySpan, paragraph_start: int, text: str) -> bool:
    """More than half of the sentence lies between quotation marks, counting marks opened earlier in the paragraph
    (a quotation split over sentences: \"It's simple. Japan has taken advantage of us.\"); ``text`` is the
    Doc's text."""
    before = text[paragraph_start:sent.start_char]
    open_ = (before.count('"') % 2 == 1) or before.rfind("“") > before.rfind("”")
    inside = 0
    for tok in sent:
        if tok.text in ('"', "''", "``"):
            open_ = not open_
        elif tok.text == "“":
            open_ = True
        elif tok.text == "”":
            open_ = False
        elif open_ and not tok.is_punct:
            inside += 1
    return inside > sum(1 for t in sent if not t.is_punct) / 2


def score_sentences(sents: list[Candidate], doc: Doc) -> None:
    """Position, centrality and entity salience, each scaled to [0, 1] across the article."""
    freq: Counter[str] = Counter()
    for s in sents:
        freq.update(s.lemmas)
    ent_freq: Counter[str] = Counter()
    # Doc.ents builds a Span per entity on every access, and Span.ents reads Doc.ents: read them once per article
    # as (start token, end token, key or None when not salient).
    ents = [(ent.start, ent.end, _ent_key(ent) if ent.label_ in SALIENT_ENTS else None) for ent in doc.ents]
    for _start, _end, key in ents:
        if key is not None:
            ent_freq[key] += 1
    central = []
    salient = []
    for s in sents:
        # Centrality: how much of the article's vocabulary the sentence shares, idf-free because one article is
        # the whole collection; log damping keeps one repeated word from dominating.
        shared = sum(math.log1p(freq[w] - 1) for w in s.lemmas)
        central.append(shared / math.sqrt(len(s.lemmas) + 1))
        keys = {key for key in _keys_within(ents, s.span.start, s.span.end) if key is not None}
        salient.append(sum(math.log1p(ent_freq[k]) for k in keys))
    c_max = max(central) or 1.0
    s_max = max(salient) or 1.0
    for s, c, e in zip(sents, central, salient, strict=True):
        n_words = s.words
        length = 1.0 if n_words <= LONG_SENTENCE_WORDS else LONG_SENTENCE_WORDS / n_words
        position = 1.0 / (1.0 + s.rank / POSITION_SCALE)
        s.score = length * (
            POSITION_WEIGHT * position + CENTRALITY_WEIGHT * c / c_max + SALIENCE_WEIGHT * e / s_max
        )
        if s.quotation:
            s.score *= QUOTATION_FACTOR


def _keys_within(ents: list[tuple[int, int, str | None]], start: int, end: int) -> list[str | None]:
    """The keys of the entities inside tokens [start, end), as spaCy's ``Span.ents`` picks them: in order, from
    the first entity starting inside, up to the first that runs past the end."""
    out = []
    for ent_start, ent_end, key in ents:
        if ent_start >= start:
            if ent_end <= end:
                out.append(key)
            else:
                break
    return out


def _ent_key(ent: SpacySpan) -> str:
    # A person is named in full once and by surname after: key people by their last word.
    return ent[-1].text.lower() if ent.label_ == "PERSON" else ent.text.lower()
