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
# Confidence of a cue set off by commas inside the clause it reports ("The deal, he said, was dead").
INTERJECTED_CONFIDENCE = 0.8


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


# Verbs of saying whose content is an infinitive: "vowed to repeal the law", "urged Congress to act". Each was a
# gold cue in at least half of its 40 or more uses with an infinitive and no other clause on PolNeAR train.
INFINITIVE_SPEECH = frozenset({"vow", "promise", "urge", "threaten", "call", "ask", "pledge", "say"})
# Verbs whose infinitive is rarely an attribution ("started to", "allowed X to", "tried to"): a gold cue in under a
# quarter of their 20 or more such uses on PolNeAR train. ("seem" and "appear" are cues there more often than not.)
NOT_ATTRIBUTING_INFINITIVE = frozenset(
    {"go", "have", "be", "want", "try", "need", "continue", "help", "use", "begin", "fail", "start", "get", "keep",
     "spend", "end", "take", "tend", "attempt", "stop", "choose", "set", "poise", "force", "mean", "design", "avoid",
     "prompt", "schedule", "manage", "leave", "allow", "consider", "require", "intend", "struggle", "suppose",
     "ought", "afford"}
)


def _clause_content(tok: Token, allow_xcomp: bool) -> tuple[int, int] | None:
    lemma = tok.lemma_.lower()
    if lemma in INFINITIVE_SPEECH:
        allow_xcomp = True
    deps = CONTENT_DEPS | {"xcomp"} if allow_xcomp else CONTENT_DEPS
    clause = [c for c in tok.children if c.dep_ in deps
              and not (c.dep_ == "xcomp" and lemma in NOT_ATTRIBUTING_INFINITIVE)]
    if not clause:
        return None
    # The clause after the verb ("said that ..."), else the one before ("..., he said"); ccomp before parataxis.
    clause.sort(key=lambda c: (c.i < tok.i, c.dep_ == "parataxis"))
    c = clause[0]
    start = c.left_edge.i
    if c.dep_ == "xcomp":
        # "urged Congress to act": the one urged belongs to what was urged.
        objects = [o for o in tok.children if o.dep_ == "dobj" and tok.i < o.i < c.i]
        if objects:
            start = objects[0].left_edge.i
    return _trim(tok.doc, start, c.right_edge.i + 1)


def _interjected_content(tok: Token) -> tuple[int, int] | None:
    """A cue set off by commas inside the clause it reports, or hung on it after a comma: "The deal, he said, was
    dead", "The plan is dead, officials said" (the parse makes the cue a parataxis of the clause's verb). The
    content is that clause, the cue's own words inside it."""
    if tok.dep_ not in ("parataxis", "ccomp") or tok.head is tok or tok.head.pos_ not in ("VERB", "AUX"):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    head = tok.head
    if not any(c.dep_ in ("punct",) and c.text == "," for c in tok.children) and not (
        tok.i > 0 and tok.doc[tok.left_edge.i - 1].text == ","
    ):
        return None
    return _trim(tok.doc, head.left_edge.i, head.right_edge.i + 1)


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
            interjected = _interjected_content(tok) if lexical else None
            prob = judge(tok) if judge is not None else (1.0 if lexical else 0.0)
            if interjected is not None and prob == 0.0:
                # The cue classifier scores verbs that govern a clause only; this one is hung on its clause.
                prob = INTERJECTED_CONFIDENCE
            if prob < threshold:
                continue
            content = _clause_content(tok, allow_xcomp=not lexical) or interjected
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
