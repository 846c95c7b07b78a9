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

from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_QUOTE, LEMMA, ORTH, POS, SENT_START, TAG
from spacy.tokens import Doc, Token

from newsbrief.quotes.cues import SPEECH_VERBS, doc_text, noun_phrase, speaker_of
from newsbrief.quotes.direct import Found, cue_bounds
from newsbrief.quotes.reported import INFINITIVE_SPEECH

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
# A tagged find is added to the rules' when the mean probability of its tokens being content is at least this, it
# has at least MIN_KEPT_WORDS words and a speaker. Chosen on a held-out tenth of PolNeAR train (a tagger trained on
# the other nine tenths) among 0.7/0.8/0.85/0.9 and 1-4 words: all-subset content overlap F1 0.674-0.683, flat at
# the top; requiring a speaker: content 0.683 -> 0.679, source 0.587 -> 0.591, precision 0.808 -> 0.820. Three
# words rather than the two that scored best (about 0.005 more): "welcomed the offer" makes no statement.
THRESHOLD = 0.8
MIN_KEPT_WORDS = 3
# The speaker of a tagged find is the subject of its cue verb where the parse gives one (held-out tenth of train:
# all-subset source F1 0.569 with the tagger's own source span, 0.577 with the subject).
SPEAKER_FROM_PARSE = True

# Attribute ids come back from Doc.to_array as unsigned 64-bit numbers, read here as signed: mask them back.
_MASK = (1 << 64) - 1

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
    """The CRF features of every token of ``doc`` (strings; CRFsuite weighs each as present). The token attributes
    are read once into lists: indexing a spaCy Doc builds a Token object each time, which made most of the cost."""
    n = len(doc)
    strings = doc.vocab.strings
    attrs = [ORTH, LEMMA, POS, TAG, DEP, HEAD, SENT_START, ENT_TYPE, IS_QUOTE, IDX]
    arr = doc.to_array(attrs).astype("int64").tolist()
    text = doc_text(doc)
    classes: list[str] = []
    lemmas: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    pos: list[str] = []
    tags: list[str] = []
    starts: list[bool] = []
    quotes: list[bool] = []
    newline_in: list[bool] = []
    newline_after: list[bool] = []
    base: list[list[str]] = []
    nexts = [row[-1] for row in arr[1:]] + [len(text)]
    for i, (orth, lemma_id, pos_id, tag_id, dep_id, head, start, ent_id, quote, idx) in enumerate(arr):
        word, p, dep = strings[orth & _MASK], strings[pos_id & _MASK], strings[dep_id & _MASK]
        lemma = strings[lemma_id & _MASK].lower()
        lemmas.append(lemma)
        heads.append(i + head)
        deps.append(dep)
        pos.append(p)
        tags.append(strings[tag_id & _MASK])
        starts.append(start == 1)
        quotes.append(bool(quote))
        newline_in.append("\n" in word)
        newline_after.append("\n" in text[idx : nexts[i]])  # the token and the space after it
        classes.append(_cue_class(doc[i], cue_prob) if p in ("VERB", "AUX") or lemma == "according" else "")
        shape = "cap" if word[:1].isupper() else ("low" if word[:1].islower() else "oth")
        ent = strings[ent_id & _MASK] if ent_id else "-"
        base.append([f"l={lemma}", f"p={p}", f"d={dep}", f"s={shape}", f"m={int(marked[i])}", f"e={ent}"])
    # For each token, the nearest cue of its sentence (which side, and its class) and how far the nearest
    # quotation mark is: attribution bounds follow the cue and the marks even where the parse links neither.
    sent_cue: list[str] = ["-"] * n
    bounds = [i for i in range(n) if starts[i] or i == 0] + [n]
    for s_start, s_end in zip(bounds, bounds[1:], strict=False):
        cues = [i for i in range(s_start, s_end) if classes[i]]
        if cues:
            for i in range(s_start, s_end):
                near = min(cues, key=lambda c: abs(c - i))
                sent_cue[i] = f"{classes[near]}|{'L' if i < near else ('R' if i > near else 'at')}"
    mark_dist = [99] * n
    last = -99
    for i in range(n):
        if quotes[i]:
            last = i
        mark_dist[i] = i - last
    last = 10**9
    for i in range(n - 1, -1, -1):
        if quotes[i]:
            last = i
        mark_dist[i] = min(mark_dist[i], last - i)
    feats: list[list[str]] = []
    for i in range(n):
        h = heads[i]
        f = ["b", *base[i], f"t={tags[i]}", f"hl={lemmas[h]}", f"hp={pos[h]}", f"dh={deps[i]}|{lemmas[h]}",
             f"c={classes[i] or '-'}"]
        d = mark_dist[i]
        f += [f"sc={sent_cue[i]}", f"md={d if d < 3 else ('near' if d < 8 else 'far')}"]
        if starts[i]:
            f.append("sent_start")
        if i + 1 < n and starts[i + 1]:
            f.append("sent_end")
        if newline_in[i] or (i > 0 and newline_after[i - 1]):
            f.append("line")
        # The verb that attributes this token, if any: the first cue on its chain of heads, with the label of the
        # step below it (ccomp, nsubj, ...) and the side the token is on. The root is its own head: a cue verb at
        # the root is its own attributing verb.
        child, head, depth = i, h, 0
        while depth < CHAIN_DEPTH:
            if classes[head]:
                f += [f"ch={classes[head]}", f"chl={lemmas[head]}", f"chd={deps[child]}",
                      f"chs={'L' if i < head else 'R'}", f"chdd={deps[child]}|{depth}"]
                break
            child, head, depth = head, heads[head], depth + 1
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
    sent_start, sent_end = sent.start, sent.end
    same = [s for s in spans if s.role == role and sent_start <= s.start < sent_end]
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


def decode(doc: Doc, tags: Sequence[str], content_prob: Callable[[int], float] | None = None) -> list[Found]:
    """The tagger's attributions: each content span with its nearest source and cue in the same sentence. A find's
    confidence is the mean probability the tagger gives its tokens of being content (``CONFIDENCE`` without)."""
    spans = spans_of(doc, tags)
    out: list[Found] = []
    for c in spans:
        if c.role != "C":
            continue
        # A span ends at a word's end, never inside a hyphenated word ("a two-year dispute").
        while c.end < len(doc) and not doc[c.end - 1].whitespace_ and doc[c.end].text not in ".,;:!?)\u201d\"":
            c.end += 1
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
        if doc[c.start].lower_ == "to" and (cue_tok is None or doc[cue_tok].lemma_.lower() not in INFINITIVE_SPEECH):
            # "Seoul and Tokyo agreed last year to expand joint naval exercises": an infinitive is an act agreed
            # or planned, a statement only after a verb of saying that takes one ("vowed to").
            continue
        confidence = CONFIDENCE
        if content_prob is not None:
            confidence = round(sum(content_prob(i) for i in range(c.start, c.end)) / (c.end - c.start), 3)
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
    with _lock:  # a CRFsuite tagger holds state between set and tag; the marginals are read from it
        tags = tagger.tag(token_features(doc, marked, cue_prob))
        return decode(doc, tags, lambda i: float(tagger.marginal("B-C", i) + tagger.marginal("I-C", i)))
