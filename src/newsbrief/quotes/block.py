"""Block quotations: paragraphs without marks that are a speaker's own words.

The article's layout (``newsbrief.layout``, read once per article) says where the speaker cards are; this module
decides which paragraphs are quotations:

1. A carded block: the paragraph above a speaker card, when it has no quotation marks (a paragraph in marks is a
   direct quotation, found by ``direct``, and takes the card's speaker in ``quotes``).
2. An announced block: a paragraph without marks and without a card, right after a paragraph whose last sentence
   reports what a named speaker said ("Tusk also said that ...", "Ishiba said on March 7 that ...", "The minister
   told reporters:"), when the paragraph reads as that speaker's words rather than the journalist's narration
   (``reads_as_speech``; docs/quotes.md says how).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsbrief.layout import MARKS, Layout
from newsbrief.quotes.cues import ACCORDING, announcing_cue, is_speech_verb, noun_phrase, speaker_of
from newsbrief.quotes.direct import Found

# First and second person: a journalist's narration of a speaker never says "we" or "you" outside marks.
SPEAKER_PERSON = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours"})
# Third person for a person: narration about someone ("He added that ...").
NARRATOR_PERSON = frozenset({"he", "she", "him", "his", "her", "hers"})
# Modals a speaker uses of what is to come; "would", "could" and "might" are the narrator's (backshift and
# hypotheticals: "The agreement would create ...").
SPEAKER_MODALS = frozenset({"will", "wo", "must", "can", "ca", "cannot", "shall", "should", "'ll"})
# Words of a stance besides modals and "not": negative determiners and the deictic "this"/"these" of a speaker
# pointing at the matter at hand.
STANCE_WORDS = frozenset({"no", "nobody", "nothing", "never", "none", "this", "these"})
# Public acts of stance that announce the speaker's words when the paragraph below speaks in the first person.
STANCE_ACTS = frozenset(
    {"reject", "deny", "dismiss", "warn", "insist", "respond", "reply", "accuse", "criticize", "criticise",
     "condemn", "defend", "vow", "promise", "pledge", "appeal", "urge", "call", "welcome", "protest", "threaten"}
)
# An announced paragraph longer than this many sentences is an article's narration going on, not a quotation
# (a block quotation in the layout runs one to three).
ANNOUNCED_MAX_SENTENCES = 3
# First-person words in an article's unquoted, uncarded paragraphs beyond which its narrator speaks in the
# first person. Counted over every paragraph, the announced ones included: a news story with two or three
# announced blocks in the first person stays under it, a column runs far over.
COLUMN_FIRST_PERSON = 12


def has_marks(text: str, start: int, end: int) -> bool:
    return bool(MARKS.search(text[start:end]))


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span if start <= t.idx < end] if span is not None else []


def reads_as_speech(
    doc: Doc, start: int, end: int, speaker: tuple[int, int] | None, *, first_person: bool = True
) -> bool:
    """Whether the paragraph ``[start, end)`` reads as the announced speaker's own words.

    Never when it names the speaker in the third person. Yes when it speaks in the first or second person ("we",
    "our", "you"), unless ``first_person`` is off (an article whose narrator writes "I" and "we": a column).
    Otherwise only when nothing in it
    narrates: no past tense, no "would"/"could" of reported hypotheticals, no third-person mention of a person
    nor of the speaker's name, no attribution of its own ("said", "according to"), and its main verbs in the
    present or with a speaker's modal ("will", "must", "cannot"): "This is not a gesture." reads as speech,
    "The agreement would create one of the largest free trade areas" and "He added that ..." do not.
    """
    tokens = _tokens(doc, start, end)
    if not tokens:
        return False
    if len({t.sent.start for t in tokens}) > ANNOUNCED_MAX_SENTENCES:
        return False
    lower = [t.lower_ for t in tokens]
    if speaker is not None:
        # The speaker named in the third person: "Mariano wrote a memoir of her time ...".
        words = doc.text[speaker[0] : speaker[1]].split()
        surname = words[-1] if words else ""
        if surname[:1].isupper() and any(t.text == surname for t in tokens):
            return False
    if first_person and _first_or_second_person(tokens):
        return True
    if any(w in NARRATOR_PERSON for w in lower) or ACCORDING in lower:
        return False
    present = stance = False
    for t in tokens:
        if t.tag_ == "VBD" or t.lower_ in ("would", "could", "might"):
            return False
        if is_speech_verb(t) and speaker_of(t) is not None:
            return False
        if t.dep_ == "ROOT" and (t.tag_ in ("VBZ", "VBP") or any(c.lower_ in SPEAKER_MODALS for c in t.children)):
            present = True
        # A stance: what must or will be, what is not, what this is. Narration in the present states facts
        # ("The dispute covers the extent of territorial waters"); a speaker without "we" takes a stance.
        if t.lower_ in SPEAKER_MODALS or t.dep_ == "neg" or t.lower_ in STANCE_WORDS:
            stance = True
    return present and stance


def _first_or_second_person(tokens: list[Token]) -> bool:
    # A pronoun, not the "US" of "the US State Department".
    return any(t.lower_ in SPEAKER_PERSON and t.pos_ == "PRON" or t.tag_ == "PRP$" and t.lower_ in SPEAKER_PERSON
               for t in tokens)


def _first_person_count(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in _tokens(doc, start, end) if t.lower_ in ("i", "we", "my", "our", "me", "us")
               and (t.pos_ == "PRON" or t.tag_ == "PRP$"))


def _last_sentence_cue(doc: Doc, start: int, end: int, *, stance_acts: bool) -> tuple[Token, Token] | None:
    """The speech cue and its speaker in the last sentence of ``[start, end)``: "Tusk also said that ...";
    with ``stance_acts`` also a public act of stance ("X rejected the accusations on state television")."""
    tokens = _tokens(doc, start, end)
    if not tokens:
        return None
    last = tokens[-1].sent
    if MARKS.search(last.text):
        return None  # the speaker's words were given in marks: what follows is the narration going on
    for t in last:
        if not start <= t.idx < end:
            continue
        if t.tag_ != "VBD":
            continue  # a report of what was said ("said", "stated"), not "will demand", "asks", "says something"
        if is_speech_verb(t) or stance_acts and t.pos_ == "VERB" and t.lemma_.lower() in STANCE_ACTS:
            who = speaker_of(t) if is_speech_verb(t) else next(
                (c for c in t.children if c.dep_ == "nsubj"), None)
            if who is not None and (who.pos_ in ("PROPN", "NOUN") or who.lower_ in NARRATOR_PERSON):
                return t, who
    return None


def find_blocks(text: str, doc: Doc, layout: Layout) -> list[Found]:
    """The block quotations of the article, carded and announced, in text order."""
    blocks: list[Found] = []
    carded = set()
    for card in layout.cards:
        if card.quotation is None:
            continue
        carded.add(card.quotation)
        q_start, q_end = card.quotation
        if not has_marks(text, q_start, q_end):
            blocks.append(Found(q_start, q_end, "block", card.name, None, confidence=0.95, rule="card-block"))
    structure = layout.structure()
    body = layout.body
    # A narrator who writes "I" and "we" (a column, a first-person report): the first person is no sign of a
    # speaker's words in this article.
    narrator_first = sum(_first_person_count(doc, *para) for para in body if para not in carded and not
                         has_marks(text, *para))
    first_person = narrator_first <= COLUMN_FIRST_PERSON
    for prev, para in zip(body, body[1:], strict=False):
        if para in carded or has_marks(text, *para) or prev in carded:
            continue
        # Only a paragraph right after the announcing one: a heading or a card between them breaks the tie.
        if any(prev[1] <= s and e <= para[0] for s, e in structure):
            continue
        colon = announcing_cue(doc, *prev)
        if colon is not None:
            # "The governor added:" / "... told reporters that": the paragraph below is announced as the words.
            cue, speaker_tok = colon
        else:
            announced = _last_sentence_cue(doc, *prev, stance_acts=False)
            if announced is None and first_person and _first_or_second_person(_tokens(doc, *para)):
                # "X rejected the accusations." then a paragraph in the first person: X's own words.
                announced = _last_sentence_cue(doc, *prev, stance_acts=True)
            if announced is None:
                continue
            cue, speaker_tok = announced
            if not reads_as_speech(doc, *para, noun_phrase(speaker_tok), first_person=first_person):
                continue
        speaker = noun_phrase(speaker_tok) if speaker_tok is not None else None
        blocks.append(Found.by_cue(*para, "block", cue, speaker, speaker_tok, confidence=0.9, rule="announced-block"))
    return sorted(blocks, key=lambda f: f.start)
