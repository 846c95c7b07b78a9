"""Deletion-based sentence compression over spaCy's dependency parse.

A brief's sentence keeps the article's own words: compression only drops tokens (datelines, parentheticals,
attribution clauses, "according to ...", time adjuncts, opening connectives, non-restrictive side clauses), so
the result is a list of character runs of the source, each a ``Span``. The passage's text is those runs joined.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsbrief import doccache
from newsbrief.model import Passage, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# Verbs that report speech or thought; a clause headed by one of them around the real content is attribution.
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "state", "report", "announce", "claim", "write", "explain", "note", "confirm", "insist",
    "argue", "believe", "think", "warn", "declare", "reveal", "suggest", "allege", "estimate", "predict",
})
# Words that open a sentence as a link to the one before and carry no content of their own.
OPENING_CONNECTIVES = frozenset({
    "but", "and", "however", "meanwhile", "also", "still", "yet", "now", "so", "instead", "indeed", "moreover",
    "furthermore", "separately", "earlier", "later", "then", "today", "overall",
})
# A trailing participle that says what the actor wants (", demanding ...", ", threatening ...") is the news,
# not detail: it stays.
CONTENT_PARTICIPLES = frozenset({
    "demand", "urge", "ask", "threaten", "warn", "vow", "seek", "insist", "press", "propose", "accuse",
})
# Time words whose prepositional phrase ("on Saturday", "last month") is detail a brief leaves out.
TIME_ENTS = frozenset({"DATE", "TIME"})
DASHES = frozenset({"--", "—", "–"})
# A dateline ("TOKYO —", "LONDON, England (CNN) --") sits within the first few tokens of the article.
DATELINE_MAX_TOKENS = 12
QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "''", "``"})
PUNCT_NO_SPACE_BEFORE = ".,;:!?%)’”'\""


def _subtree(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def _with_comma_around(sent: SpacySpan, ids: set[int]) -> set[int]:
    """Widen a deleted phrase by the comma before it, or after it when it opens the sentence."""
    if not ids:
        return ids
    lo, hi = min(ids), max(ids)
    doc = sent.doc
    closed = hi + 1 >= sent.end or doc[hi + 1].is_punct  # ", on Thursday, ..." or "..., on Thursday."
    if lo - 1 >= sent.start and doc[lo - 1].text == "," and closed:
        ids = ids | {lo - 1}
    elif lo == sent.start and hi + 1 < sent.end and doc[hi + 1].text == ",":
        # Only a phrase that opens the sentence takes the comma after it: "speaking in Ohio on Friday, ..." keeps
        # the comma that closes the participle clause.
        ids = ids | {hi + 1}
    return ids


def dateline(sent: SpacySpan) -> set[int]:
    """Tokens of a leading dateline: everything up to a dash in the first tokens, when it is capitals/(CNN)."""
    toks = list(sent)[:DATELINE_MAX_TOKENS]
    for k, tok in enumerate(toks):
        if tok.text in DASHES and k > 0:
            words = [t for t in toks[:k] if t.is_alpha]
            if words and all(t.is_upper or t.text[0].isupper() for t in words):
                return {t.i for t in toks[: k + 1]}
            return set()
    return set()


def parentheticals(sent: SpacySpan) -> set[int]:
    """Tokens inside round or square brackets, brackets included."""
    out: set[int] = set()
    depth = 0
    for tok in sent:
        if tok.text in "([":
            depth += 1
        if depth:
            out.add(tok.i)
        if tok.text in ")]" and depth:
            depth -= 1
    return out


def attribution(sent: SpacySpan) -> set[int]:
    """The reporting clause around the content: ", analysts said", "X said (that)", "according to X"."""
    out: set[int] = set()
    for tok in sent:
        if tok.lower_ == "according" and tok.dep_ == "prep":
            out |= _with_comma_around(sent, _subtree(tok))
    root = sent.root
    if root.lemma_ in SPEECH_VERBS:
        content = [c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.i != root.i]
        if content:
            keep = _subtree(content[0])
            drop = {t.i for t in sent} - keep
            # Keep the sentence's final punctuation; drop the complementiser "that".
            drop -= {t.i for t in sent if t.is_punct and t.i > max(keep)}
            drop |= {t.i for t in content[0].children if t.dep_ == "mark" and t.lower_ in ("that", "whether")}
            out |= drop
    return out


def trailing_attribution(sent: SpacySpan) -> set[int]:
    """Attribution after the content (", police said.", ", he told reporters.") and "according to X"."""
    out: set[int] = set()
    for tok in sent:
        if tok.lower_ == "according" and tok.dep_ == "prep":
            out |= _with_comma_around(sent, _subtree(tok))
    root = sent.root
    content = [c for c in root.children if c.dep_ == "ccomp"]
    if root.lemma_ in SPEECH_VERBS and content and max(_subtree(content[0])) < root.i:
        keep = _subtree(content[0])
        out |= {t.i for t in sent if t.i not in keep and not (t.is_punct and t.i == sent.end - 1)}
    return out


def time_adjuncts(sent: SpacySpan) -> set[int]:
    """Prepositional or bare time phrases hanging off a verb: "on Saturday", "last week", "in the coming weeks"."""
    out: set[int] = set()
    for tok in sent:
        if tok.dep_ == "prep" and tok.head.pos_ in ("VERB", "AUX"):
            objs = [c for c in tok.children if c.dep_ == "pobj"]
            timely = objs and all(t.ent_type_ in TIME_ENTS or t.is_stop for t in objs[0].subtree)
            if timely and objs[0].ent_type_ in TIME_ENTS:
                out |= _with_comma_around(sent, _subtree(tok))
        elif tok.dep_ in ("npadvmod", "tmod") and tok.ent_type_ in TIME_ENTS and tok.head.pos_ in ("VERB", "AUX"):
            out |= _with_comma_around(sent, _subtree(tok))
    return out


def side_clauses(sent: SpacySpan) -> set[int]:
    """Non-restrictive relative clauses and appositions set off by commas (", who ...,")."""
    out: set[int] = set()
    doc = sent.doc
    for tok in sent:
        if tok.dep_ in ("relcl", "appos"):
            ids = _subtree(tok)
            lo, hi = min(ids), max(ids)
            if lo - 1 >= sent.start and doc[lo - 1].text == ",":
                ids.add(lo - 1)
                if hi + 1 < sent.end and doc[hi + 1].text == ",":
                    ids.add(hi + 1)
                out |= ids
    return out


def participle_tail(sent: SpacySpan) -> set[int]:
    """A trailing ", saying ..." / ", adding ..." clause: subordinate detail after the main clause."""
    out: set[int] = set()
    doc = sent.doc
    for tok in sent:
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head == sent.root and tok.i > sent.root.i \
                and tok.lemma_ not in CONTENT_PARTICIPLES \
                and not (tok.lemma_ == "call" and any(c.lower_ == "for" for c in tok.children)):
            ids = _subtree(tok)
            lo = min(ids)
            if lo - 1 >= sent.start and doc[lo - 1].text == ",":
                out |= ids | {lo - 1}
    return out


def opening_connective(sent: SpacySpan) -> set[int]:
    first = sent[0]
    if first.lower_ in OPENING_CONNECTIVES and first.dep_ in ("cc", "advmod", "npadvmod", "prep") and len(sent) > 3:
        ids = {first.i}
        if sent[1].text == ",":
            ids.add(sent[1].i)
        return ids
    return set()


def compress(sent: SpacySpan, drop: Iterable[set[int]], min_words: int = 5) -> Passage:
    """The sentence without the dropped tokens, as a Passage of source spans; the whole sentence when too little
    would be left (``min_words`` content words)."""
    dropped: set[int] = set().union(*drop)
    kept = [t for t in sent if t.i not in dropped]
    if sum(1 for t in kept if t.is_alpha) < min_words:
        kept = list(sent)
    kept = _tidy(kept)
    return passage_of(doccache.text(sent.doc), kept)


def _tidy(kept: list[Token]) -> list[Token]:
    """Drop punctuation left dangling by the deletions: at the start, doubled, or before the final stop."""
    out: list[Token] = []
    opened = False
    for tok in kept:
        if tok.is_space:
            continue
        if tok.text in QUOTE_MARKS:
            # A closing mark whose opening mark was deleted would leave a stray quotation mark.
            before = tok.doc[tok.i - 1] if tok.i > 0 else None
            closing = tok.text in "”’" or (
                tok.text in "\"'" and before is not None and not before.whitespace_ and not before.is_space
            )
            if closing and not opened:
                continue
            opened = not closing
        if tok.is_punct and tok.text in ",;:" and (not out or out[-1].text in ",;:"):
            continue
        if tok.is_punct and tok.text in ".!?" and out and out[-1].text in ",;:":
            out.pop()
        out.append(tok)
    while out and out[0].is_punct and out[0].text not in "\"“‘'":
        out.pop(0)
    while out and out[-1].text in ",;:" + "".join(DASHES):
        out.pop()
    return out


def passage_of(text: str, tokens: list[Token]) -> Passage:
    """Join runs of consecutive tokens into spans of ``text``; the passage text is the spans joined."""
    runs: list[list[int]] = []
    for tok in tokens:
        start, end = tok.idx, tok.idx + len(tok.text)
        if runs and tok.i == runs[-1][2] + 1:
            runs[-1][1] = end
            runs[-1][2] = tok.i
        else:
            runs.append([start, end, tok.i])
    spans = tuple(Span.of(text, s, e) for s, e, _ in runs)
    return Passage(join_spans(spans), spans)


def join_spans(spans: Iterable[Span]) -> str:
    out = ""
    for span in spans:
        if out and span.text[:1] not in PUNCT_NO_SPACE_BEFORE:
            out += " "
        out += span.text
    return out
