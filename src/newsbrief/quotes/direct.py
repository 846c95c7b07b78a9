"""Direct quotations: each run in marks given its cue and speaker mention, split quotations joined.

1. Each run in marks finds its cue in the sentences around it: after it (``"...," he said``) when the run opens
   its sentence, else the nearest before it (``Trump told the crowd: "..."``).
2. A run with no cue of its own that follows an attributed run in the same paragraph is the second half of a split
   quotation (``"A," he said. "B"``): the two become one quote, first mark to last.
3. A run that is a small part of a reported clause (``Trump said the plan was "a disaster"``) is reported speech
   with a quotation inside it: the whole clause is the content, the kind ``indirect``. Where the parse hung the
   phrase outside the cue's clause, the rest of the sentence after the cue is the content.
4. Runs of up to three words with no cue are scare quotes or titles (``so-called "free riding"``): left out.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsbrief.model import Quote, Span
from newsbrief.quotes.cues import (
    ACCORDING,
    CONTENT_DEPS,
    announcing_cue,
    cue_bounds,
    dateline_end,
    doc_text,
    is_speech_verb,
    line_subject,
    name_before_apposition,
    name_right_before,
    noun_phrase,
    speaker_of,
)
from newsbrief.quotes.marks import MarkedRun

# A run of at most this many words, with no cue, is a scare quote or a title, not a quotation (issue 3: decided
# to leave them out). Chosen on PolNeAR train among 1 to 5: direct F1 rises to 3 and is flat after.
SCARE_QUOTE_MAX_WORDS = 3
# Two runs in one paragraph are halves of one split quotation when the text between them is at most this long
# (a cue clause such as ", Trump told the crowd on Friday. "). On PolNeAR train 60 to 250 score the same.
SPLIT_GAP_MAX_CHARS = 120
# ... and at most this long when the first half's cue lies between them (a long apposition after the name);
# 300 and 500 score the same on train.
SPLIT_GAP_WITH_CUE_MAX_CHARS = 300
# A run inside a reported clause with at least this many words of the clause outside the marks is reported speech
# quoting a phrase, not a direct quotation (2 to 5 tried on train: within 0.003 F1).
EMBEDDED_MIN_OUTSIDE_WORDS = 3


# A run in title case of at most this many words is a title (book, show, slogan), not a quotation.
TITLE_MAX_WORDS = 8
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
    rule: str = ""  # which rule found it, for the learned judge and for debugging

    @classmethod
    def by_cue(
        cls, start: int, end: int, kind: str, cue: Token, speaker: tuple[int, int] | None, speaker_tok: Token | None,
        confidence: float = 1.0, rule: str = "",
    ) -> Found:
        """A find attributed through the verb ``cue``, to the mention ``speaker`` headed by ``speaker_tok``."""
        speaker_token = speaker_tok.i if speaker_tok is not None else None
        return cls(start, end, kind, speaker, cue_bounds(cue), cue.i, speaker_token, confidence, rule)

    def quote(self, text: str, speaker_id: str | None = None) -> Quote:
        """This find as the product's Quote (its speaker resolved to ``speaker_id`` by the caller)."""
        return Quote(
            content=Span.of(text, self.start, self.end),
            kind=self.kind,  # type: ignore[arg-type]
            speaker_id=speaker_id,
            speaker_mention=Span.of(text, *self.speaker) if self.speaker is not None else None,
            cue=Span.of(text, *self.cue) if self.cue is not None else None,
            confidence=self.confidence,
        )


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
    return i < 0 or text[i] in "\n.!?:;\u2014([" or text[i] in _CLOSING and i > 0 and text[i - 1] in ".!?,"


_CLOSING = "\"'\u201d\u2019"


def _find_cue(doc: Doc, run: MarkedRun, runs: list[MarkedRun], paragraph: tuple[int, int]) -> Token | None:
    inside = _tokens_in(doc, run.outer_start, run.outer_end)
    if not inside:
        return None
    text = doc_text(doc)
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
    # A cue after the run that governs a statement of its own ("... Kasich said he would have fired him") is
    # someone else's reported speech, not this run's cue.
    # Not so a cue right after the closing mark (""...," said Richard Trumka, president of ..."): the parse often
    # takes an inverted subject for the verb's statement.
    cues_after = [
        t for t in after
        if _is_cue(t) and (not _own_statement_after(t) or not text[run.outer_end : t.idx].strip(" ,.\u00a0"))
    ]
    cues_before = [t for t in before if _is_cue(t)]
    # A verb of saying in a relative clause that closes before the run ("the railway, which both parties have
    # promised for a decade, "won't carry ..."") describes a noun; it is no cue while another verb before it is.
    governing = [t for t in cues_before if not (t.dep_ in ("relcl", "acl") and t.right_edge.i < inside[0].i)]
    if governing:
        cues_before = governing
    # "X shot back: "..."": a colon right before the marks announces the quotation; its verb is the cue, in the
    # lexicon or not, when it has a speaker (the parse often hangs that verb under the quotation).
    if text[:run.outer_start].rstrip().endswith(":"):
        verbs = [t for t in before if t.pos_ in ("VERB", "AUX") and speaker_of(t) is not None]
        if verbs and (not cues_before or speaker_of(cues_before[-1]) is None or verbs[-1].i > cues_before[-1].i):
            return verbs[-1]
    # Nearest first, but a cue with a speaker beats a nearer one without ("Asked whether ..., he said").
    cues_before = sorted(cues_before, key=lambda t: (speaker_of(t) is None, -t.i))
    cues_after = sorted(cues_after, key=lambda t: (speaker_of(t) is None, t.i))
    if cues_after and (_opens_sentence(text, run.outer_start) or not cues_before):
        return cues_after[0]
    if cues_before:
        return cues_before[0]
    return None


_SIGNATURE = re.compile(r"[ \t]*([\u2015\u2014\u2013]|--)[ \t]*([A-Z][^\n]{1,80}?)[ \t.]*(?:\n|$)")


def _dash_signature(text: str, pos: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A signature after a quotation on its line (`"..." ― Krystal Correa`): the dash as cue, the name as speaker."""
    m = _SIGNATURE.match(text, pos)
    if m is None or len(m.group(2).split()) > SIGNATURE_MAX_WORDS:
        return None
    return m.span(1), m.span(2)


def _own_statement_after(cue: Token) -> bool:
    return any(c.dep_ == "ccomp" and c.i > cue.i and c.right_edge.i - c.i >= 2 for c in cue.children)


def _content_clause(cue: Token) -> tuple[int, int] | None:
    for child in cue.children:
        if child.dep_ in CONTENT_DEPS:
            return child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
    return None


_NP_AFTER_WORDS = frozenset({"DET", "ADJ", "NUM", "PROPN", "NOUN", "PART"})


def _noun_phrase_after(cue: Token) -> tuple[Token, Token] | None:
    """The first and head words of a noun phrase right after the cue that ends its clause ("added another New
    Hampshire Democrat." or "said a senior aide, who ..."): the inverted subject the parse did not label."""
    doc = cue.doc
    j = cue.i + 1
    head = None
    while j < len(doc) and doc[j].pos_ in _NP_AFTER_WORDS and "\n" not in doc[j].text and j - cue.i <= 8:
        if doc[j].pos_ in ("NOUN", "PROPN"):
            head = doc[j]
        j += 1
    if head is None or j - cue.i > 8:
        return None
    if j < len(doc) and not (doc[j].is_punct or doc[j].is_space or doc[j].lower_ in ("who", "whose")):
        return None
    return doc[cue.i + 1], head


def _words(text: str) -> int:
    return len(text.split())


def _governing_verb(doc: Doc, run: MarkedRun) -> Token | None:
    """The verb the quoted words hang on, outside the marks, when it has a speaking subject ("X ripped Y for acting
    as "the judge and the jury"", "Billy Joel sings, "...""): a cue outside the lexicon."""
    inside = _tokens_in(doc, run.outer_start, run.outer_end)
    if not inside:
        return None
    root = inside[0]
    while run.outer_start <= root.head.idx < run.outer_end and root.head.i != root.i:
        root = root.head
    tok = root.head
    for _ in range(4):
        if tok.idx >= run.outer_start and tok.idx < run.outer_end:
            return None
        if tok.pos_ in ("VERB", "AUX") and speaker_of(tok) is not None:
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from", "de"}
)
_TITLE_END = re.compile(r"[,.:]?$")


def is_title(words_text: str) -> bool:
    """A title in marks (a book, a show, a slogan in title case): every word capitalised but the small ones."""
    words = _TITLE_END.sub("", words_text.strip()).split()
    if not words or len(words) > TITLE_MAX_WORDS or words_text.rstrip(",.").endswith(("?", "!")):
        return False
    if not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS or not w[:1].isalpha() for w in words)


def _in_runs(tok: Token, runs: list[MarkedRun]) -> bool:
    return any(r.outer_start <= tok.idx < r.outer_end for r in runs)


def inside_first(doc: Doc, run: MarkedRun) -> int:
    """Index of the first token inside the marks."""
    inside = _tokens_in(doc, run.outer_start, run.outer_end)
    return inside[0].i if inside else len(doc)


def _can_speak(tok: Token) -> bool:
    """A subject that can say something: a name, a personal pronoun, or a noun for people or bodies."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ in ("he", "she", "they", "we", "i", "you")
    return False


def _right_of(verb: Token) -> tuple[int, int]:
    """Character bounds of what follows a verb in its clause: its right dependents, without closing punctuation."""
    # Not the participial or adverbial tail (", linking to a story ..."): that is the writer's, not the speaker's.
    rights = [c for c in verb.rights if c.dep_ not in ("punct", "cc", "conj", "mark", "advcl", "npadvmod", "parataxis")]
    if not rights:
        return verb.idx + len(verb.text), verb.idx + len(verb.text)
    first = rights[0].left_edge
    last = rights[-1].right_edge
    while last.i > first.i and last.is_punct:
        last = last.doc[last.i - 1]
    return first.idx, last.idx + len(last.text)


# The line up to the mark: a name and a colon, at the line's start or after a dash that ends a heading
# ("POLLSTERS AGREE - Carl Bialik: "...""), as digests and transcripts write them.
_NAME_COLON = re.compile(r"(?:[^\n]*?[ \t][-\u2013\u2014][ \t]+)?[ \t]*([A-Z][^:\n\"\u201c]{1,60}?)[ \t]*:[ \t]*")


def _name_before_colon(text: str, pos: int) -> tuple[int, int] | None:
    """`Rep. Trey Gowdy (R-S.C.): "..."`: a transcript's speaker before a colon, right before the mark."""
    line_start = text.rfind("\n", 0, pos) + 1
    m = _NAME_COLON.fullmatch(text, line_start, pos)
    if m is None or len(m.group(1).split()) > 8:
        return None
    return m.span(1)


def attribute_runs(text: str, doc: Doc, runs: list[MarkedRun], paragraphs: tuple[tuple[int, int], ...]) -> list[Found]:
    """The direct (and phrase-quoting indirect) quotations of an article, from its runs in marks."""
    index = Paragraphs(paragraphs, len(text))
    out: list[Found] = []
    prev: tuple[Found, int, MarkedRun] | None = None  # the last direct quote, its paragraph, its last run
    for run in runs:
        content_text = text[run.start : run.end]
        if is_title(content_text):
            continue
        para = index.index(run.outer_start)
        p_start = index.of(run.outer_start)[0]
        # A quotation over several paragraphs finds its cue in its first or its last paragraph.
        cue = _find_cue(doc, run, runs, (p_start, index.of(run.outer_end - 1)[1]))
        # 2. Second half of a split quotation: no cue of its own, or the first half's, with only its cue between.
        if prev is not None and para == prev[1] and prev[0].kind == "direct":
            found_prev, _, prev_run = prev
            gap = run.outer_start - prev_run.outer_end
            cue_between = found_prev.cue is not None and prev_run.outer_end <= found_prev.cue[0] < run.outer_start
            same_cue = cue is not None and found_prev.cue_token == cue.i
            if (cue is None or same_cue) and (
                gap <= SPLIT_GAP_MAX_CHARS or cue_between and gap <= SPLIT_GAP_WITH_CUE_MAX_CHARS
            ):
                found_prev.end = run.end
                prev = (found_prev, para, run)
                continue
        signature = _dash_signature(text, run.outer_end)
        if signature is not None:
            dash, name = signature
            out.append(Found(run.start, run.end, "direct", name, dash, confidence=0.95, rule="signature"))
            prev = None
            continue
        if cue is None:
            found = _uncued(text, doc, run, para, p_start, prev, index)
            if found is not None:
                out.append(found)
                prev = (found, para, run)
            continue
        # A cue inside another's reported clause ("X said he told them "..."") speaks for the outer source.
        speaker_tok = speaker_of(cue)
        if cue.i < inside_first(doc, run) and speaker_tok is not None and speaker_tok.pos_ == "PRON":
            speaker_tok = speaker_of(_outermost_cue(cue, runs))
        if speaker_tok is not None and _in_runs(speaker_tok, runs):
            # A subject inside quotation marks is a word of the quotation, not its speaker.
            speaker_tok = name_right_before(cue)
            if speaker_tok is not None and _in_runs(speaker_tok, runs):
                speaker_tok = None
        # ""...," Walker said, according to an Associated Press account.": the corpus gives the words to the
        # second-hand source, the one the writer had them from.
        second_hand = [c for c in cue.children if c.lower_ == ACCORDING and c.i > cue.i]
        if second_hand and speaker_of(second_hand[0]) is not None:
            speaker_tok = speaker_of(second_hand[0])
        if speaker_tok is None and cue.idx < run.outer_start:
            # "Trump, in Kentucky, said "..."" under a timestamp line: the parse lost the subject to the line above.
            speaker_tok = line_subject(cue)
        if speaker_tok is None:
            # "Senator Harry Reid, the minority leader, said" with the subject lost by the parse.
            speaker_tok = name_before_apposition(cue)
        # ... or the noun right before the cue ("Gorka said", "the aide wrote") that the parse hung elsewhere.
        if speaker_tok is None and cue.i > 0 and doc[cue.i - 1].pos_ in ("PROPN", "NOUN"):
            speaker_tok = doc[cue.i - 1]
        speaker = noun_phrase(speaker_tok) if speaker_tok is not None else None
        if speaker_tok is None and cue.idx >= run.outer_end:
            # ""...," added another New Hampshire Democrat.": the speaker after the cue, no name in it.
            after = _noun_phrase_after(cue)
            if after is not None:
                speaker, speaker_tok = (after[0].idx, after[1].idx + len(after[1].text)), after[1]
        # 3. A phrase quoted inside reported speech.
        clause = _content_clause(cue)
        if clause is not None:
            clause = index.clip(*clause, anchor=run.outer_start)
            # A parse that takes the dateline ("WASHINGTON (AP) —") into the clause: it is no words of the speaker.
            d_end = dateline_end(text, p_start, run.outer_start + 1)
            if d_end is not None and clause[0] < d_end:
                clause = (d_end, clause[1])
        if clause is not None and clause[0] <= run.outer_start < clause[1]:
            outside = _words(text[clause[0] : run.outer_start]) + _words(text[run.outer_end : clause[1]])
            if outside >= EMBEDDED_MIN_OUTSIDE_WORDS:
                found = Found.by_cue(clause[0], max(clause[1], run.outer_end), "indirect", cue, speaker, speaker_tok,
                                     rule="embedded-clause")
                out.append(found)
                prev = None
                continue
        if cue.i < inside_first(doc, run) and (clause is None or _words(content_text) <= SCARE_QUOTE_MAX_WORDS):
            # The quoted words complete what the cue says of its object ("called the merger "a terrible deal"").
            start, end = index.clip(*_right_of(cue), anchor=run.outer_start)
            if start <= run.outer_start < end and _words(text[start : run.outer_start] + text[run.outer_end : end]):
                out.append(Found.by_cue(start, max(end, run.outer_end), "indirect", cue, speaker, speaker_tok, 0.8,
                                        rule="object-complement"))
                prev = None
                continue
        # A phrase in marks further on in the sentence the cue opens ("He also argued the pipeline "wouldn't go 10
        # feet" without eminent domain"), where the parse hung the phrase outside the cue's clause: the content is
        # the rest of the sentence after the cue.
        rest = _rest_after_cue(doc, cue, run, index)
        if rest is not None:
            out.append(Found.by_cue(*rest, "indirect", cue, speaker, speaker_tok, 0.8, rule="rest-of-sentence"))
            prev = None
            continue
        # ""No," he said." and "Wallace then asked, "With nukes?"": a short quotation, not a scare quote.
        answers = cue.idx >= run.outer_end and _opens_sentence(text, run.outer_start)
        answers = answers or cue.idx < run.outer_start and text[cue.idx + len(cue.text) : run.outer_start].strip() in (
            ",", ":"
        )
        if _words(content_text) <= SCARE_QUOTE_MAX_WORDS and clause is None and not answers:
            continue
        found = Found.by_cue(run.start, run.end, "direct", cue, speaker, speaker_tok, rule="cued")
        out.append(found)
        prev = (found, para, run)
    return out


def _rest_after_cue(doc: Doc, cue: Token, run: MarkedRun, index: Paragraphs) -> tuple[int, int] | None:
    """From the word after the cue (and its "that") to the end of the run's sentence, when the run sits inside that
    stretch with at least EMBEDDED_MIN_OUTSIDE_WORDS of the writer's words around it. None when the cue is after
    the run, or introduces it (``said, "..."``, ``told reporters: "..."``, ``was asked by X, "How ..."``: a
    direct quotation, opening with a capital), or the run opens its sentence. Tried on PolNeAR train against
    starting at the cue's clause: this scores a little higher."""
    text = doc_text(doc)
    first_inside = inside_first(doc, run)
    if cue.i >= first_inside or cue.i + 1 >= len(doc) or _opens_sentence(text, run.outer_start):
        return None
    between = text[cue.idx + len(cue.text) : run.outer_start].rstrip()
    if not between or between.endswith((",", ":")) and text[run.start : run.start + 1].isupper():
        return None
    first = doc[cue.i + 1]
    if first.lower_ == "that" and first.i + 1 < len(doc):
        first = doc[first.i + 1]
    sent = doc[first_inside].sent
    last = sent[-1]
    while last.i > sent.start and (last.is_punct or last.is_space) and last.idx >= run.outer_end:
        last = doc[last.i - 1]
    start, end = index.clip(min(first.idx, run.outer_start), max(last.idx + len(last.text), run.outer_end),
                            anchor=run.outer_start)
    if _words(text[start : run.outer_start]) + _words(text[run.outer_end : end]) < EMBEDDED_MIN_OUTSIDE_WORDS:
        return None
    return start, end


# Steps up the parse from a cue to the verb of saying it reports under ("Kasich says he'd ... tell him "..."").
OUTER_CUE_MAX_STEPS = 4


def _outermost_cue(cue: Token, runs: list[MarkedRun]) -> Token:
    """The outermost verb of saying whose clause holds ``cue`` ("X said he told them "..."" is X's): PolNeAR gives
    a quotation inside nested reported speech to the outer source."""
    best = cue
    tok = cue
    for _ in range(OUTER_CUE_MAX_STEPS):
        if tok.dep_ not in ("ccomp", "conj", "xcomp") or tok.head.i == tok.i:
            break
        tok = tok.head
        if "\n" in doc_text(cue.doc)[tok.idx : cue.idx] or _in_runs(tok, runs):
            break
        if is_speech_verb(tok) and speaker_of(tok) is not None:
            best = tok
    return best


def _uncued(
    text: str, doc: Doc, run: MarkedRun, para: int, p_start: int, prev: tuple[Found, int, MarkedRun] | None,
    index: Paragraphs,
) -> Found | None:
    """A run with no cue verb near it: a transcript line, an announced quotation, the next paragraph of the same
    speaker, a quotation hanging on another verb, or (up to three words) a scare quote."""
    # `Rep. Trey Gowdy (R-S.C.): "..."`
    named = _name_before_colon(text, run.outer_start)
    if named is not None:
        return Found(run.start, run.end, "direct", named, (named[1], named[1] + 1), confidence=0.8,
                     rule="transcript-colon")
    opens_paragraph = not text[p_start : run.outer_start].strip()
    if opens_paragraph and para > 0:
        # The paragraph before announces it ("He said:").
        announced = announcing_cue(doc, *index.bounds[para - 1])
        if announced is not None:
            cue, speaker_tok = announced
            speaker = noun_phrase(speaker_tok) if speaker_tok is not None else None
            return Found.by_cue(run.start, run.end, "direct", cue, speaker, speaker_tok, 0.85, rule="announced")
        # The same speaker goes on in the next paragraph.
        if prev is not None and prev[1] == para - 1 and prev[0].kind == "direct" and prev[0].speaker is not None:
            p = prev[0]
            return Found(run.start, run.end, "direct", p.speaker, p.cue, p.cue_token, p.speaker_token, 0.8,
                         rule="continued")
    verb = _governing_verb(doc, run)
    if verb is not None:
        speaker_tok = speaker_of(verb)
        if speaker_tok is not None and _can_speak(speaker_tok):
            # The quoted words are part of what the verb says of its object ("described Clinton as a "disgrace"",
            # "called the test a "brazen breach" of resolutions"): the content is everything right of the verb.
            start, end = _right_of(verb)
            start, end = index.clip(min(start, run.outer_start), max(end, run.outer_end), anchor=run.outer_start)
            outside = _words(text[start : run.outer_start]) + _words(text[run.outer_end : end])
            kind = "indirect" if outside >= EMBEDDED_MIN_OUTSIDE_WORDS else "direct"
            if kind == "direct":
                start, end = run.start, run.end
            return Found.by_cue(start, end, kind, verb, noun_phrase(speaker_tok), speaker_tok, 0.6,
                                rule="governing-verb")
    if _words(text[run.start : run.end]) <= SCARE_QUOTE_MAX_WORDS:
        return None
    # A quotation with no cue at all is most often the words of the person the text was just about: the nearest
    # named or pronoun subject before it, in its paragraph or the one before ("Schoen elaborated in a piece for
    # The Wall Street Journal that .... \n\n "A Sanders win ...").
    subject = _subject_before(doc, run, index.bounds[para - 1][0] if para > 0 else p_start)
    if subject is not None:
        verb = subject.head
        return Found.by_cue(run.start, run.end, "direct", verb, noun_phrase(subject), subject, 0.55,
                            rule="subject-before")
    return Found(run.start, run.end, "direct", confidence=0.5, rule="uncued")


def _subject_before(doc: Doc, run: MarkedRun, since: int) -> Token | None:
    """The nearest subject before the run, from ``since``, that names a person or a body (a campaign, a paper) or
    is "he"/"she" (a bare PROPN or "they" tried on train: no better, and lower on dev)."""
    for tok in reversed(doc[: inside_first(doc, run)]):
        if tok.idx < since:
            return None
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX") and (
            tok.ent_type_ in ("PERSON", "ORG") or tok.lower_ in ("he", "she")
        ):
            return tok
    return None
