"""The learned span tagger: reported speech where the rules stop (beliefs, findings, paraphrase, odd cue phrases).

A linear-chain CRF (CRFsuite) tags every token of an article as content, source or cue of an attribution (BIO tags,
``C``/``S``/``Q``), over parse features: lemma, part of speech, dependency label, the head's lemma, whether the
token is inside quotation marks, the nearest verb of saying or believing on its chain of heads (from the lexicon or
the learned cue classifier) and its side, and a window of two tokens either way. It is trained on the PolNeAR train
split only (``python -m newsbrief.quotes.train_tagger``) and ships gzipped inside the package
(``newsbrief/data/quote_tagger.crfsuite.gz``), read with no download and no pickle.

Decoding pairs each content span with the source and cue the tagger found nearest to it in its sentence (else its
paragraph); a content span cut only by its own source and cue ("The deal, he said, was dead") is one span. The
product keeps the rules' finds (every quotation in marks, block quotations, reported speech from the lexicon) and
adds the tagger's finds that overlap none of them (``extract_quotes``); each such find's ``rule`` is ``tagged``.
Without the model file (or without python-crfsuite) the rules work alone.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from newsbrief.quotes.cues import SPEECH_VERBS, doc_text, noun_phrase, speaker_of
from newsbrief.quotes.direct import Found, cue_bounds

MODEL_FILE = "quote_tagger.crfsuite.gz"
ROLES = ("C", "S", "Q")  # content, source, cue
# How far up its chain of heads a token looks for the verb that attributes it.
CHAIN_DEPTH = 6
# A tagged content span shorter than this many words is no statement.
MIN_WORDS = 1
# The most tokens between the two parts of a split quotation.
JOIN_GAP = 15
# The tagger's finds get this confidence: its content overlap precision on train (out of fold) was about 0.7.
CONFIDENCE = 0.7
# A tagged find is added to the rules' when the mean probability of its tokens being content is at least this, and
# it has at least MIN_KEPT_WORDS words. Chosen on a held-out tenth of PolNeAR train (a tagger trained on the other
# nine tenths) among 0.7/0.8/0.85/0.9 and 1-4 words: all-subset content overlap F1 0.673-0.676, flat at the top.
THRESHOLD = 0.85
MIN_KEPT_WORDS = 2
# The speaker of a tagged find is the subject of its cue verb where the parse gives one (held-out tenth of train:
# all-subset source F1 0.569 with the tagger's own source span, 0.577 with the subject).
SPEAKER_FROM_PARSE = True

_lock = threading.Lock()
_tagger: list[Any] = []  # [pycrfsuite.Tagger] once loaded, [None] where it cannot be
_model_bytes: list[bytes] = []


def inside_marks(text: str, doc: Doc, runs: Sequence[tuple[int, int]]) -> list[bool]:
    """For each token, whether it lies inside a run in quotation marks (``runs``: the runs' outer bounds)."""
    out = [False] * len(doc)
    for s, e in runs:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                out[i] = True
    return out


def _cue_class(tok: Token, cue_prob: Callable[[Token], float] | None) -> str:
    """"lex" for a verb of saying of the lexicon, "cue" for a verb the cue classifier accepts, "" otherwise."""
    if tok.pos_ not in ("VERB", "AUX", "NOUN"):
        return ""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" and lemma in SPEECH_VERBS:
        return "lex"
    if lemma == "according":
        return "lex"
    if cue_prob is not None and tok.pos_ != "NOUN" and cue_prob(tok) >= 0.4:
        return "cue"
    return ""


def token_features(doc: Doc, marked: Sequence[bool], cue_prob: Callable[[Token], float] | None) -> list[list[str]]:
    """The CRF features of every token of ``doc`` (strings; CRFsuite weighs each as present)."""
    classes = [_cue_class(t, cue_prob) for t in doc]
    base: list[list[str]] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        shape = "cap" if tok.text[:1].isupper() else ("low" if tok.text[:1].islower() else "oth")
        base.append([f"l={lemma}", f"p={tok.pos_}", f"d={tok.dep_}", f"s={shape}", f"m={int(marked[tok.i])}",
                     f"e={tok.ent_type_ or '-'}"])
    n = len(doc)
    # For each token, the nearest cue of its sentence (which side, and its class) and how far the nearest
    # quotation mark is: attribution bounds follow the cue and the marks even where the parse links neither.
    sent_cue: list[str] = ["-"] * n
    for sent in doc.sents:
        cues = [t.i for t in sent if classes[t.i]]
        for t in sent:
            if cues:
                near = min(cues, key=lambda c: abs(c - t.i))
                sent_cue[t.i] = f"{classes[near]}|{'L' if t.i < near else ('R' if t.i > near else 'at')}"
    mark_dist = [99] * n
    last = -99
    for i, tok in enumerate(doc):
        if tok.is_quote:
            last = i
        mark_dist[i] = i - last
    last = 10**9
    for i in range(n - 1, -1, -1):
        if doc[i].is_quote:
            last = i
        mark_dist[i] = min(mark_dist[i], last - i)
    feats: list[list[str]] = []
    for tok in doc:
        i = tok.i
        f = ["b", *base[i], f"t={tok.tag_}", f"hl={tok.head.lemma_.lower()}", f"hp={tok.head.pos_}",
             f"dh={tok.dep_}|{tok.head.lemma_.lower()}", f"c={classes[i] or '-'}"]
        d = mark_dist[i]
        f += [f"sc={sent_cue[i]}", f"md={d if d < 3 else ('near' if d < 8 else 'far')}"]
        if tok.is_sent_start:
            f.append("sent_start")
        if i + 1 < n and doc[i + 1].is_sent_start:
            f.append("sent_end")
        if "\n" in tok.text or (i > 0 and "\n" in doc[i - 1].whitespace_ + doc[i - 1].text):
            f.append("line")
        # The verb that attributes this token, if any: the first cue on its chain of heads, with the label of the
        # step below it (ccomp, nsubj, ...) and the side the token is on.
        child, head, depth = tok, tok.head, 0
        while depth < CHAIN_DEPTH and head is not child:
            if classes[head.i]:
                f += [f"ch={classes[head.i]}", f"chl={head.lemma_.lower()}", f"chd={child.dep_}",
                      f"chs={'L' if tok.i < head.i else 'R'}", f"chdd={child.dep_}|{depth}"]
                break
            child, head, depth = head, head.head, depth + 1
        else:
            f.append("ch=none")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                f += [f"{off}{b}" for b in base[j][:4]]
                if classes[j]:
                    f.append(f"{off}c={classes[j]}")
            else:
                f.append(f"{off}pad")
        feats.append(f)
    return feats


@dataclass
class TaggedSpan:
    role: str
    start: int  # token indices [start, end)
    end: int


def spans_of(doc: Doc, tags: Sequence[str]) -> list[TaggedSpan]:
    """BIO tags as spans. An I- with no open span of its role right before it opens one, except content: an I-C
    after a gap goes on from the content span before it in the same sentence (the two parts of a split quotation,
    "The deal, he said, was dead")."""
    out: list[TaggedSpan] = []
    for i, tag in enumerate(tags):
        if tag == "O":
            continue
        bio, role = tag.split("-", 1)
        if bio == "I" and out and out[-1].role == role and out[-1].end == i:
            out[-1].end = i + 1
            continue
        if bio == "I" and role == "C":
            prev_c = next((k for k in reversed(out) if k.role == "C"), None)
            if prev_c is not None and i - prev_c.end <= JOIN_GAP and doc[prev_c.start].sent.start == doc[i].sent.start:
                prev_c.end = i + 1
                continue
        out.append(TaggedSpan(role, i, i + 1))
    return out


def _nearest(doc: Doc, spans: list[TaggedSpan], role: str, content: TaggedSpan) -> TaggedSpan | None:
    sent = doc[content.start].sent
    same = [s for s in spans if s.role == role and sent.start <= s.start < sent.end]
    if not same:
        return None
    return min(same, key=lambda s: min(abs(s.start - content.end), abs(content.start - s.end)))


def _bounds(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Character bounds of tokens [start, end) less punctuation at the ends; quotation marks stay."""
    while start < end and (doc[start].is_space or (doc[start].is_punct and not doc[start].is_quote)):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and not doc[end - 1].is_quote)):
        end -= 1
    if start >= end:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def decode(doc: Doc, tags: Sequence[str], content_prob: Sequence[float] | None = None) -> list[Found]:
    """The tagger's attributions: each content span with its nearest source and cue in the same sentence. A find's
    confidence is the mean probability the tagger gives its tokens of being content (``CONFIDENCE`` without)."""
    spans = spans_of(doc, tags)
    out: list[Found] = []
    for c in spans:
        if c.role != "C":
            continue
        content = _bounds(doc, c.start, c.end)
        if content is None or len(doc_text(doc)[content[0] : content[1]].split()) < MIN_WORDS:
            continue
        source, cue = _nearest(doc, spans, "S", c), _nearest(doc, spans, "Q", c)
        speaker = _bounds(doc, source.start, source.end) if source is not None else None
        speaker_tok = doc[source.start : source.end].root.i if source is not None and speaker is not None else None
        cue_b = _bounds(doc, cue.start, cue.end) if cue is not None else None
        cue_tok = None
        if cue is not None and cue_b is not None:
            verbs = [t.i for t in doc[cue.start : cue.end] if t.pos_ in ("VERB", "AUX")]
            cue_tok = verbs[0] if verbs else doc[cue.start : cue.end].root.i
        if SPEAKER_FROM_PARSE and cue_tok is None:
            # No cue tagged: the verb the content hangs on, when it is outside the content ("He believes ...").
            head = doc[c.start : c.end].root.head
            if head.pos_ in ("VERB", "AUX") and not (c.start <= head.i < c.end):
                cue_tok, cue_b = head.i, cue_bounds(head)
        if SPEAKER_FROM_PARSE and cue_tok is not None and doc[cue_tok].pos_ in ("VERB", "AUX"):
            # The cue verb's subject, as the rules find it, where the parse gives one: the tagger's source spans
            # are less often right than its content.
            subject = speaker_of(doc[cue_tok])
            if subject is not None and not (c.start <= subject.i < c.end):
                speaker, speaker_tok = noun_phrase(subject), subject.i
        confidence = CONFIDENCE
        if content_prob is not None:
            confidence = round(sum(content_prob[c.start : c.end]) / (c.end - c.start), 3)
        out.append(Found(content[0], content[1], "indirect", speaker, cue_b, cue_tok, speaker_tok, confidence,
                         rule="tagged"))
    return out


def load() -> Any | None:
    """The shipped tagger, opened once; None where the file or python-crfsuite is absent."""
    with _lock:
        if not _tagger:
            try:
                import pycrfsuite

                raw = resources.files("newsbrief").joinpath("data", MODEL_FILE).read_bytes()
                model = gzip.decompress(raw)
                tagger = pycrfsuite.Tagger()
                tagger.open_inmemory(model)
                # CRFsuite reads the model in place: the bytes must live as long as the tagger.
                _model_bytes.append(model)
                _tagger.append(tagger)
            except (ImportError, FileNotFoundError, ModuleNotFoundError, OSError):
                _tagger.append(None)
        return _tagger[0]


def tag(doc: Doc, marked: Sequence[bool], cue_prob: Callable[[Token], float] | None) -> list[Found]:
    """The tagger's attributions in ``doc``; none where the model is absent."""
    tagger = load()
    if tagger is None or len(doc) == 0:
        return []
    with _lock:  # a CRFsuite tagger holds state between set and tag
        tags = tagger.tag(token_features(doc, marked, cue_prob))
        content_prob = [tagger.marginal("B-C", i) + tagger.marginal("I-C", i) for i in range(len(doc))]
    return decode(doc, tags, content_prob)
