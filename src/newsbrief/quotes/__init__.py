"""Quotations and their speakers: direct quotes in marks, block quotes with speaker cards, reported speech.

``extract_quotes(article, doc, entities)`` runs these stages:

1. Layout: header, headings, a brief's lead and bullets, and speaker cards, read once per article by
   ``newsbrief.layout`` and kept out of quotations.
2. Direct quotations: runs in marks, each with its cue and speaker mention, split ones joined (``marks``,
   ``direct``).
3. Block quotations: a paragraph above a speaker card, or announced by the paragraph before and reading as the
   speaker's own words (``block``).
4. Reported speech: cue verbs from the lexicon and from the learned cue classifier, with the clause they govern
   (``reported``, ``learned``).
5. Speakers: every mention resolved to a person of the article, with fullest name, role, country and a stable id
   (``speakers``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsbrief.layout import Card, Layout, read_layout
from newsbrief.model import Article, Entity, Quote, Speaker
from newsbrief.quotes import judge, learned, tagger
from newsbrief.quotes.block import find_blocks
from newsbrief.quotes.cues import RELATIVE_PRONOUNS, antecedent, dateline_end, name_right_before, noun_phrase
from newsbrief.quotes.direct import Found, Paragraphs, attribute_runs
from newsbrief.quotes.marks import DOUBLE_MARK, find_marked
from newsbrief.quotes.reported import find_reported
from newsbrief.quotes.speakers import Person, SpeakerIndex, speaker_id
from newsbrief.quotes.tagger import inside_marks

__all__ = ["extract_quotes"]


def extract_quotes(
    article: Article, doc: Any, entities: Sequence[Entity] = (), *, judged: bool = True,
    layout: Layout | None = None, tagged: bool = True,
) -> tuple[tuple[Quote, ...], tuple[Speaker, ...]]:
    """The quotations of ``article`` (parsed as ``doc``) in text order, and the speakers they are given to.

    ``entities`` is accepted for the pipeline's sake and not needed: speakers come from the parse itself, so the
    quotes stage works the same whether or not the entities stage found anything. ``judged=False`` keeps every
    find the rules make, without the learned judge (for training it). ``layout`` is the article's layout when the
    caller has read it already (the pipeline reads it once for every stage). ``tagged=False`` leaves out the
    learned span tagger's finds (the rules alone).
    """
    text = article.text
    found, cards, structure = find_quotations(article, doc, layout)
    if judged:
        found = judge.keep(found, doc, article.paragraphs)
    if tagged:
        found = add_tagged(article, doc, found, structure)
        _no_said_speakers(doc, found)
    # 5. Speakers.
    index = SpeakerIndex(text, doc, structure)
    card_people = {card.name: index.add_card(card.name, card.role) for card in cards}
    quotes: list[Quote] = []
    quoted: list[Person] = []
    last: Person | None = None
    for f in found:
        person = None
        if f.speaker is not None:
            mention = f.speaker
            if f.speaker_token is not None and doc[f.speaker_token].lower_ in RELATIVE_PRONOUNS:
                mention = noun_phrase(antecedent(doc[f.speaker_token]))
            person = card_people.get(f.speaker) or index.resolve(mention, last)
        if person is not None:
            quoted.append(person)
            last = person
        quotes.append(f.quote(text, speaker_id(person) if person is not None else None))
    return tuple(quotes), index.speakers(quoted)


def find_quotations(
    article: Article, doc: Any, layout: Layout | None = None
) -> tuple[list[Found], list[Card], list[tuple[int, int]]]:
    """Stages 1 to 4: every quotation the rules find, in text order, with the speaker cards and the layout's
    non-prose lines."""
    text = article.text
    paragraphs = article.paragraphs
    # 1. Layout, and 3. block quotations (they need the cards found in 1).
    layout = layout or read_layout(article)
    cards = list(layout.cards)
    excluded = structure = layout.structure()
    blocks = find_blocks(text, doc, layout)
    datelines = [(s, e) for s, p_end in paragraphs if (e := dateline_end(text, s, p_end)) is not None]

    def excluded_at(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in excluded)

    # 2. Direct quotations.
    runs = [r for r in find_marked(text, paragraphs) if not excluded_at(r.outer_start, r.outer_end)]
    direct = attribute_runs(text, doc, runs, paragraphs)
    blocks = [b for b in blocks if not any(b.start < d.end and d.start < b.end for d in direct)]
    # 4. Reported speech outside the quotations already found and the excluded lines.
    taken = [(r.outer_start, r.outer_end) for r in runs] + [(f.start, f.end) for f in direct + blocks] + excluded
    # A direct quotation's cue is spent: its inverted subject is no statement of its own (""…," said X, the
    # mayor" gives no reported speech "X, the mayor").
    taken += [f.cue for f in direct if f.cue is not None and f.kind == "direct" and f.cue[0] >= f.end]
    index = Paragraphs(paragraphs, len(text))
    reported = find_reported(doc, taken, index, learned.cue_judge(), learned.threshold())
    found = _drop_overlaps(direct + blocks + reported)
    _card_speakers(text, found, cards)
    _carry_speakers(found, index)
    _participle_speakers(doc, found)
    _no_said_speakers(doc, found)
    _drop_datelines(doc, found, datelines)
    # A dateline can swallow a short find whole ("EVEN OZ'S BOSS ... — The head of ..."): nothing is left to quote.
    found = [f for f in found if text[f.start : f.end].strip()]
    return found, cards, structure


def add_tagged(article: Article, doc: Any, found: list[Found], structure: list[tuple[int, int]]) -> list[Found]:
    """The rules' finds with the learned span tagger's finds that overlap none of them nor the layout's non-prose
    lines (headings, cards, lists) and hold no quotation mark, each cut to the paragraph it starts in and past a
    dateline, kept when the tagger is sure enough (``tagger.THRESHOLD``), it has two words or more and a speaker."""
    text = article.text
    runs = [(r.outer_start, r.outer_end) for r in find_marked(text, article.paragraphs)]
    taken = [(f.start, f.end) for f in found] + list(structure)
    index = Paragraphs(article.paragraphs, len(text))
    datelines = {s: e for s, p_end in article.paragraphs if (e := dateline_end(text, s, p_end)) is not None}
    extra: list[Found] = []
    for f in tagger.tag(doc, inside_marks(text, doc, runs), learned.cue_judge()):
        p_start, p_end = index.of(f.start)
        f.start = max(f.start, datelines.get(p_start, p_start))
        f.end = min(f.end, p_end)
        if f.confidence < tagger.THRESHOLD or len(text[f.start : f.end].split()) < tagger.MIN_KEPT_WORDS:
            continue
        if f.speaker is None:
            continue  # who said it is the point of the list: a tagged find with no speaker is left out
        if f.start >= f.end or any(f.start < e and s < f.end for s, e in taken):
            continue
        if DOUBLE_MARK.search(text, f.start, f.end):
            continue  # words in marks are the rules' (found there, or dropped by the judge or the layout)
        if f.speaker is not None and f.speaker[0] < datelines.get(p_start, p_start):
            f.speaker = f.speaker_token = None
        extra.append(f)
    return sorted(found + extra, key=lambda f: f.start)


def _drop_overlaps(found: list[Found]) -> list[Found]:
    """The quotations in text order, none overlapping another. Two finds can claim the same words: each run in
    marks inside one reported clause brings that clause, and the second half of a split quotation can also be found
    on its own. The longer find holds the whole statement and is kept; it takes the speaker and cue of the one
    dropped when it has none of its own."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        rival = next((k for k in kept if f.start < k.end and k.start < f.end), None)
        if rival is None:
            kept.append(f)
        elif rival.speaker is None and f.speaker is not None:
            rival.speaker, rival.speaker_token = f.speaker, f.speaker_token
            if rival.cue is None:
                rival.cue, rival.cue_token = f.cue, f.cue_token
    return sorted(kept, key=lambda f: f.start)


def _card_speakers(text: str, found: list[Found], cards: list[Card]) -> None:
    """A quotation in marks in the paragraph right above a speaker card ("“…”" then the name and role lines) is
    the card's, whatever cue the parse found for it."""
    for f in found:
        if f.kind != "direct":
            continue
        for card in cards:
            q = card.quotation
            if q is not None and q[0] <= f.start and f.end <= q[1]:
                f.speaker, f.speaker_token, f.confidence = card.name, None, 0.95
                break


# Heads of a noun phrase that can say something: people and bodies. A participle's subject outside these ("The new
# claims echo complaints ..., saying ...") is context, not a speaker.
_SAYING_HEADS = frozenset(
    {"official", "officials", "analyst", "analysts", "spokesman", "spokeswoman", "spokesperson", "minister",
     "ministry", "government", "president", "leader", "leaders", "people", "critics", "experts", "lawmakers",
     "senator", "police", "army", "military", "diplomat", "diplomats", "source", "sources", "aide", "aides",
     "campaign", "statement", "group", "party", "committee", "company", "office", "department", "agency"}
)


# Nouns for what is said, never for who says it: "The new claims echo ..." has no speaker.
_SAID_NOUNS = frozenset(
    {"claim", "complaint", "accusation", "allegation", "remark", "comment", "criticism", "concern", "warning",
     "fear", "word", "rumour", "rumor", "suggestion", "charge"}
)


def _no_said_speakers(doc: Any, found: list[Found]) -> None:
    """What was said is no speaker: "The new claims echo ..." gives its find no speaker mention."""
    for f in found:
        if f.speaker_token is not None:
            who = doc[f.speaker_token]
            if who.pos_ == "NOUN" and who.lemma_.lower() in _SAID_NOUNS:
                f.speaker = f.speaker_token = None


def _participle_speakers(doc: Any, found: list[Found]) -> None:
    """A participle cue ("..., saying he was considering withdrawing") whose parsed subject is a common noun that
    says nothing ("The new claims echo similar complaints Trump made, saying ..."): the speaker is the person
    named as the subject of a clause between them ("Trump made"). Without such a name the subject stays ("Protesters
    marched ..., saying ..."): the parse cannot tell a group of people from a thing."""
    for f in found:
        if f.cue_token is None or f.speaker_token is None:
            continue
        cue, who = doc[f.cue_token], doc[f.speaker_token]
        if cue.tag_ != "VBG" or who.pos_ != "NOUN" or who.lower_ in _SAYING_HEADS or who.lemma_.lower() in \
                _SAYING_HEADS:
            continue
        named = [t for t in doc[who.i + 1 : cue.i] if t.dep_ in ("nsubj", "nsubjpass") and t.ent_type_ == "PERSON"]
        if named:
            tok = named[-1]
            f.speaker, f.speaker_token = noun_phrase(tok), tok.i


def _drop_datelines(doc: Any, found: list[Found], datelines: list[tuple[int, int]]) -> None:
    """A dateline ("OSLO —", "JAKARTA, March 3 (Reuters) -") is never a speaker nor quoted: a content span that
    starts in one starts after it; a speaker in one gives way to the name right before the cue, or to none."""
    for f in found:
        for d_start, d_end in datelines:
            if d_start <= f.start < d_end:
                f.start = d_end
            if f.speaker is not None and f.speaker[0] < d_end and d_start < f.speaker[1]:
                tok = name_right_before(doc[f.cue_token]) if f.cue_token is not None else None
                if (tok is None or tok.idx < d_end) and f.cue_token is not None:
                    # "OSLO — Norway's climate minister, Tove Lindahl, said": the first name between the two.
                    names = [t for t in doc[:f.cue_token] if t.idx >= d_end and t.ent_type_ == "PERSON"]
                    tok = names[0] if names else None
                    while tok is not None and tok.i + 1 < f.cue_token and doc[tok.i + 1].ent_iob_ == "I":
                        tok = doc[tok.i + 1]
                if tok is not None and tok.idx >= d_end:
                    f.speaker, f.speaker_token = (max(noun_phrase(tok)[0], d_end), tok.idx + len(tok.text)), tok.i
                else:
                    f.speaker = f.speaker_token = None


def _carry_speakers(found: list[Found], paragraphs: Paragraphs) -> None:
    """A quotation with no cue near it goes on from the speaker quoted just before, in its paragraph or the one
    before ("Trump said the deal was dead. \n\n "We will not sign it."")."""
    for i, f in enumerate(found):
        if f.speaker is not None or f.kind != "direct" or i == 0:
            continue
        before = found[i - 1]
        if before.speaker is None:
            continue
        if paragraphs.index(f.start) - paragraphs.index(before.start) <= 1:
            f.speaker, f.speaker_token = before.speaker, before.speaker_token
            f.confidence = min(f.confidence, 0.7)

