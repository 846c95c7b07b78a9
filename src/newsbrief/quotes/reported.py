"""Reported speech from the dependency parse: "X said that ...", "X warned ...", "according to X, ...".

A cue is a verb of saying from the lexicon (rules) or a verb the learned cue classifier accepts (beliefs, intentions,
findings: "believes", "wants", "shows"); its content is the clause it governs (``ccomp``; ``xcomp`` for the learned
cues: "wants to ..."), or for "according to X" the rest of its sentence; its speaker is its subject.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from newsbrief.quotes.cues import ACCORDING, CONTENT_DEPS, doc_text, is_speech_verb, noun_phrase, speaker_of
from newsbrief.quotes.direct import Found, Paragraphs

# Reported content shorter than this many tokens is not a statement ("he said so").
MIN_CONTENT_TOKENS = 3

CueJudge = Callable[[Token], float]


def _trim(doc: Doc, start_i: int, end_i: int) -> tuple[int, int] | None:
    """Character bounds of tokens [start_i, end_i), without punctuation at either end."""
    while start_i < end_i and (doc[start_i].is_punct or doc[start_i].is_space):
        start_i += 1
    while end_i > start_i and (doc[end_i - 1].is_punct or doc[end_i - 1].is_space):
        end_i -= 1
    if end_i - start_i < MIN_CONTENT_TOKENS:
        return None
    return doc[start_i].idx, doc[end_i - 1].idx + len(doc[end_i - 1].text)


def _according_content(tok: Token) -> tuple[int, int] | None:
    sent = tok.sent
    phrase_start, phrase_end = tok.left_edge.i, tok.right_edge.i + 1
    if phrase_start - sent.start >= sent.end - phrase_end:
        return _trim(tok.doc, sent.start, phrase_start)
    return _trim(tok.doc, phrase_end, sent.end)


def _clause_content(tok: Token, allow_xcomp: bool) -> tuple[int, int] | None:
    deps = CONTENT_DEPS | {"xcomp"} if allow_xcomp else CONTENT_DEPS
    clause = [c for c in tok.children if c.dep_ in deps]
    if not clause:
        return None
    # The clause after the verb ("said that ..."), else the one before ("..., he said"); ccomp before parataxis.
    clause.sort(key=lambda c: (c.i < tok.i, c.dep_ == "parataxis"))
    c = clause[0]
    return _trim(tok.doc, c.left_edge.i, c.right_edge.i + 1)


def find_reported(
    doc: Doc, taken: list[tuple[int, int]], paragraphs: Paragraphs, judge: CueJudge | None = None,
    threshold: float = 0.5,
) -> list[Found]:
    """Reported speech outside the ``taken`` character ranges (quotations already found)."""

    def inside_taken(pos: int) -> bool:
        return any(s <= pos < e for s, e in taken)

    out: list[Found] = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") and tok.lower_ != ACCORDING:
            continue
        if inside_taken(tok.idx):
            continue  # a cue inside a quotation belongs to the quoted speaker's words
        if tok.lower_ == ACCORDING:
            content = _according_content(tok)
            confidence = 0.9
        else:
            lexical = is_speech_verb(tok)
            prob = judge(tok) if judge is not None else (1.0 if lexical else 0.0)
            if prob < threshold:
                continue
            content = _clause_content(tok, allow_xcomp=not lexical)
            confidence = round(prob, 3)
        if content is None:
            continue
        content = paragraphs.clip(*content, anchor=tok.idx)
        if len(doc_text(doc)[content[0] : content[1]].split()) < MIN_CONTENT_TOKENS:
            continue
        if any(s < content[1] and content[0] < e for s, e in taken):
            continue
        speaker_tok = speaker_of(tok)
        speaker = noun_phrase(speaker_tok) if speaker_tok is not None else None
        out.append(Found.by_cue(content[0], content[1], "indirect", tok, speaker, speaker_tok, confidence,
                                rule="reported"))
    # Nested clauses ("X said Y believes Z"): keep the outermost content, since the corpus gives each word one role.
    out.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Found] = []
    for f in out:
        if any(k.start <= f.start and f.end <= k.end for k in kept):
            continue
        kept.append(f)
    return kept
