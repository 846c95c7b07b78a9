"""Who acts in a sentence, and on which side of the main event they stand.

A side is the words that name a party ("nordhavn", "imf") and the countries it speaks for (ISO3). A sentence's
actor comes, in this order, from the speaker of a quotation it holds (the quotes stage resolved "she" and "the
minister" to a person with a country), from the subject of its main verb, and from "according to X". Two sides
meet when they share a name word or a country: the Chinese foreign ministry and Lin Jian meet through CHN,
Tusk and "Warsaw" through POL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsbrief import compress as cx
from newsbrief.countries import country_code
from newsbrief.model import Quote, Span, Speaker
from newsbrief.summary.sentences import Candidate

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# Words that say what a party does, not who it is: "the Turkish foreign ministry" and "the Chinese foreign
# ministry" are different sides, so these never make two sides meet.
ROLE_WORDS = frozenset({
    "minister", "ministry", "foreign", "affairs", "spokesman", "spokeswoman", "spokesperson", "president",
    "prime", "government", "official", "officials", "secretary", "chief", "deputy", "state", "department",
    "office", "leader", "leaders", "chancellor", "interior", "defence", "defense", "economy", "trade", "national",
    "general", "mr", "mrs", "ms", "dr", "new", "statement", "people", "country", "countries", "group", "members",
    "security", "council", "cabinet", "head", "senior", "former", "top",
})
PRONOUN_SUBJECTS = frozenset({"he", "she", "they", "it", "we", "i", "this", "these"})
# The parties a main sentence acts on are the proper names outside any subject ("rejected a demand from Trump",
# "fined Google"): a name inside the subject, or inside the subject of a clause within the sentence ("that Japan
# double its budget"), is the actor's side or the content of the demand, and a dateline is only a place.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


@dataclass(frozen=True)
class Side:
    words: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.words or self.countries)

    def meets(self, other: Side) -> bool:
        return bool(self.words & other.words or self.countries & other.countries)

    def __or__(self, other: Side) -> Side:
        return Side(self.words | other.words, self.countries | other.countries)

    def without(self, other: Side) -> Side:
        return Side(self.words - other.words, self.countries - other.countries)


def subject(sent: SpacySpan) -> Token | None:
    """The subject of the sentence's main verb."""
    for tok in sent.root.children:
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return tok
    return None


def pronoun_subject(sent: SpacySpan) -> Token | None:
    """The subject when it points back instead of naming: a bare pronoun ("He said ...", "She added ...") or a
    role with "the" and no name ("The minister said ...")."""
    subj = subject(sent)
    if subj is None:
        return None
    children = list(subj.children)
    if subj.lower_ in PRONOUN_SUBJECTS and not children:
        return subj
    if subj.lower_ in ROLE_WORDS and subj.pos_ == "NOUN" and len(children) == 1 and children[0].lower_ == "the" \
            and children[0].i == sent.start:
        return subj
    return None


def opening(subj: Token) -> tuple[int, int]:
    """Characters of the pointing subject with its article: "He", "The minister"."""
    first = min(t.idx for t in subj.subtree)
    return first, subj.idx + len(subj.text)


def _words(tokens: Sequence[Token]) -> frozenset[str]:
    return frozenset(t.lower_ for t in tokens if t.is_alpha and not t.is_stop and t.lower_ not in ROLE_WORDS
                     and t.pos_ in ("PROPN", "NOUN"))


def _countries(tokens: Sequence[Token]) -> frozenset[str]:
    """Countries named in ``tokens``: names, demonyms and capitals, alone or in two words ("South Korea")."""
    out = set()
    toks = [t for t in tokens if t.text[:1].isupper()]
    for k, tok in enumerate(toks):
        code = country_code(tok.text, codes=False)
        if code is None and k + 1 < len(toks) and toks[k + 1].i == tok.i + 1:
            code = country_code(f"{tok.text} {toks[k + 1].text}", codes=False)
        if code:
            out.add(code)
    return frozenset(out)


def side_of_tokens(tokens: Sequence[Token], head: Token | None = None) -> Side:
    """The side named by a phrase; under ``head``, a country inside a prepositional phrase is what the party
    deals with, not whom it speaks for ("US Ambassador to Mexico")."""
    own = [t for t in tokens if head is None or not _under_prep(t, head)]
    return Side(_words(tokens), _countries(own))


def _under_prep(tok: Token, head: Token) -> bool:
    while tok.i != head.i and tok.head.i != tok.i:
        if tok.dep_ == "pobj" or tok.dep_ == "prep":
            return True
        tok = tok.head
    return False


def side_of_speaker(speaker: Speaker) -> Side:
    words = frozenset(w.lower() for w in speaker.name.split() if w.lower() not in ROLE_WORDS and w[:1].isupper())
    countries = _countries_of_text(speaker.role or "")
    if speaker.country:
        countries |= {speaker.country}
    return Side(words, countries)


def _countries_of_text(text: str) -> frozenset[str]:
    out = set()
    for word in text.replace(",", " ").split():
        code = country_code(word, codes=False) if word[:1].isupper() else None
        if code:
            out.add(code)
    return frozenset(out)


class Sides:
    """The actors of an article's candidate sentences, read once per article."""

    def __init__(self, sents: Sequence[Candidate], quotes: Sequence[Quote], speakers: Sequence[Speaker]) -> None:
        self.speakers = {s.id: s for s in speakers}
        self.quotes = [q for q in quotes if q.speaker_id in self.speakers]
        self.sents = list(sents)
        self._side: dict[int, Side] = {}
        previous = Side()
        for s in self.sents:
            side = self._read(s)
            if not side and pronoun_subject(s.span) is not None:
                side = previous  # "She added ...": the party the sentence before named
            self._side[s.rank] = side
            if side:
                previous = side

    def speaker_in(self, sent: SpacySpan) -> Speaker | None:
        """The speaker of a quotation whose cue or speaker mention lies in the sentence."""
        start, end = sent.start_char, sent.end_char
        for q in self.quotes:
            marks = [m for m in (q.cue, q.speaker_mention) if m is not None]
            if any(start <= m.start < end for m in marks):
                return self.speakers.get(q.speaker_id or "")
        return None

    def _read(self, s: Candidate) -> Side:
        sent = s.span
        side = Side()
        speaker = self.speaker_in(sent)
        if speaker is not None:
            side = side_of_speaker(speaker)
        subj = subject(sent)
        if subj is not None:
            side = side | side_of_tokens(list(subj.subtree), subj)
        for tok in sent:
            if tok.lower_ == "according" and tok.dep_ == "prep":
                side = side | side_of_tokens(list(tok.subtree))
        # A person named without a country here ("Lula called on Europe ...") speaks for the country the quotes
        # stage gave them elsewhere in the article.
        for speaker in self.speakers.values():
            if speaker.country and side.words & side_of_speaker(speaker).words:
                side = side | Side(countries=frozenset({speaker.country}))
        return side

    def countries_in(self, s: Candidate) -> frozenset[str]:
        """Every country the sentence names."""
        return _countries(list(s.span))

    def of(self, s: Candidate) -> Side:
        return self._side.get(s.rank, Side())

    def counterparts(self, s: Candidate, main: Side) -> Side:
        """The parties the sentence's act is aimed at: names and countries outside any subject."""
        sent = s.span
        dateline = cx.dateline(sent)
        aimed = [
            tok for tok in sent
            if tok.i not in dateline and tok.ent_type_ not in ("DATE", "TIME") and tok.text[:1].isupper()
            and tok.i != sent.start and not any(t.dep_ in SUBJECT_DEPS for t in (tok, *tok.ancestors))
        ]
        words = frozenset(t.lower_ for t in aimed if t.pos_ == "PROPN" and t.is_alpha and not t.is_stop)
        words |= _initials(sent, aimed)
        return Side(words, _countries(aimed)).without(main)

    def name_span(self, speaker: Speaker, text: str) -> Span | None:
        """A mention of the speaker by name (the fullest one), to stand for "he" or "she" at a point's start."""
        names = [m for m in speaker.mentions if m.text[:1].isupper() and m.text.lower() not in PRONOUN_SUBJECTS]
        if not names:
            return None
        # The name as the card writes it ("Mao Ning"), else the shortest full name, not the long description
        # ("Chinese foreign ministry spokeswoman Mao Ning").
        exact = [m for m in names if m.text == speaker.name]
        full = [m for m in names if len(m.text.split()) >= 2]
        best = (exact or sorted(full, key=lambda m: len(m.text)) or names)[0]
        return Span.of(text, best.start, best.end)


def _initials(sent: SpacySpan, aimed: Sequence[Token]) -> frozenset[str]:
    """"the International Monetary Fund" is also "the IMF"."""
    out = set()
    ids = {t.i for t in aimed}
    name: list[str] = []
    for tok in sent:
        if tok.i in ids and tok.pos_ == "PROPN":
            name.append(tok.text)
        elif tok.lower_ in ("of", "for", "and") and name:
            continue
        else:
            if len(name) >= 2:
                out.add("".join(w[0] for w in name).lower())
            name = []
    if len(name) >= 2:
        out.add("".join(w[0] for w in name).lower())
    return frozenset(out)
