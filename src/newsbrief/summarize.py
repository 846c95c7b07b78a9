"""The lead and the points of attention, built from the article's own sentences.

``summarize(article, doc, quotes, speakers)``:

1. Layout: header lines, speaker cards and the structure of an article that is already a brief are set aside
   (``layout.read_layout``); an article that is already a brief keeps its own lead and bullets.
2. Sentences: the body's sentences from the spaCy parse; bylines, timestamps and fragments are not candidates.
3. Scores: position in the article, centrality (shared content words with the rest of the article) and entity
   salience (how often the people, places and organisations a sentence names recur).
4. Points: (1) what happened, with what the main actor demanded when another sentence says it; (2) the likely
   consequence as the article states it (a modal or "likely to", "lead to"); (3) the other side's response,
   first from the party the main act is aimed at (``_counterparts``), else from any other party.
   A point the article does not support is left out; a point that repeats an earlier one is left out.
5. Compression: each chosen sentence loses its dateline, parentheticals, attribution placed after the content,
   "according to ...", an opening connective and a trailing ", saying ..." clause (``compress``), so every word
   of the brief is the article's, with its offsets.
6. The lead: the first point's sentence (without a ", saying ..." clause), and the response when both fit in
   ``LEAD_MAX_WORDS``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsbrief import compress as cx
from newsbrief import doccache
from newsbrief.layout import Layout, read_layout
from newsbrief.model import Article, Passage, Point, Quote, Span, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

# Two points repeat each other when this share of the shorter one's content words is in the other (Szymkiewicz
# overlap). 0.6 lets a consequence restate its subject ("the dispute") while refusing a near copy; chosen by
# reading the CNN/DailyMail sample's briefs.
REPEAT_OVERLAP = 0.6
# A candidate sentence needs this many words (letters) and a verb; shorter lines are bylines and captions.
MIN_SENTENCE_WORDS = 6
# Sentences this long (words) are run-ons or lists; they are scored down, not excluded.
LONG_SENTENCE_WORDS = 45
# The lead holds one or two sentences, at most this many words in all.
LEAD_MAX_WORDS = 55
# Weights of the sentence score; tuned for ROUGE on the CNN/DailyMail sample (shared/EVALUATION.md §2).
POSITION_WEIGHT = 1.0
CENTRALITY_WEIGHT = 0.3
SALIENCE_WEIGHT = 0.2
# Position decays with the sentence's rank among body sentences: 1 / (1 + rank / POSITION_SCALE).
POSITION_SCALE = 1.0
# A consequence or response sentence must score at least this share of the best sentence's score, so that a
# buried aside is not promoted just for holding a cue word.
CUE_MIN_SHARE = 0.6
# A sentence that states a consequence outright ("could force", "may lead to") may score lower and still be taken.
STRONG_CUE_MIN_SHARE = 0.4
# ... and any sentence among the article's first CUE_WINDOW (quotations not counted) may carry a demand or a
# consequence, whatever its score. News reports the other side's answer after the facts: the response may come
# from further down. Both windows trade points per brief against ROUGE on the CNN/DailyMail sample (wider
# windows find more points and lose ROUGE: 6/8 gave 2.05 points and R-1 36.4; 4/6 gives 1.8 and 37.5).
CUE_WINDOW = 4
RESPONSE_WINDOW = 6
# The brief's points together aim at about this many words (the length of a news summary's three highlights
# and a little more: ROUGE F1 on the CNN/DailyMail sample peaks there); a sentence may overrun it by the slack.
BRIEF_WORDS = 75
BRIEF_SLACK = 10
# The brief holds at most this many sentences in all.
MAX_SENTENCES = 5
# Also drop time adjuncts, appositions, non-restrictive relative clauses and every attribution: off, because on
# the CNN/DailyMail sample each of these costs ROUGE (the highlights keep those words).
HEAVY_COMPRESSION = False

# Point (2): the article states a likely consequence.
CONSEQUENCE_CUE = re.compile(
    r"\b(may|might|could|likely to|expected to|set to|poised to|threatens? to|threatened to|risks?|"
    r"lead to|leads to|result in|results in|pave the way|prompt|trigger|jeopardi[sz]e)\b",
    re.IGNORECASE,
)
# "would" and "will" state a consequence too, but as often an intention ("he said he would ..."): second choice.
WEAK_CONSEQUENCE_CUE = re.compile(r"\b(would|will|could)\b", re.IGNORECASE)
# Point (3): the other side's answer.
RESPONSE_LEMMAS = frozenset({
    "respond", "reject", "deny", "dismiss", "counter", "reply", "retort", "refuse", "rebuff", "condemn",
    "criticise", "criticize", "denounce", "welcome", "defend", "insist", "hit", "push", "vow", "accuse", "answer",
    "protest", "oppose", "decline", "brush",
})
# A main act that refuses something; the actor's own proposal then follows in a ", saying ..." clause.
REFUSAL_LEMMAS = frozenset({"reject", "refuse", "dismiss", "rebuff", "decline", "deny", "oppose"})
SPEECH_LEMMAS = frozenset({"say", "tell", "add", "state", "announce", "claim", "note", "confirm", "warn", "argue"})
# Point (1): what the main actor suggested or demanded.
DEMAND_LEMMAS = frozenset({
    "demand", "call", "urge", "suggest", "propose", "ask", "press", "push", "want", "insist", "request", "order",
    "threaten", "seek", "plan",
})
SALIENT_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})
BOILERPLATE = re.compile(r"PUBLISHED:|UPDATED:|Last updated|Scroll down|Click here|\|", re.IGNORECASE)


@dataclass
class _Sentence:
    span: SpacySpan
    rank: int  # order among candidate sentences
    quotation: bool  # a block quotation or a sentence that is mostly a direct quotation
    lemmas: frozenset[str]
    prose_rank: int = 0  # order among the sentences that are not quotations
    score: float = 0.0


def summarize(
    article: Article, doc: object, quotes: Sequence[Quote], speakers: Sequence[Speaker], *,
    layout: Layout | None = None,
) -> tuple[tuple[Passage, ...], tuple[Point, ...]]:
    """The lead (one or two passages) and up to three points of attention of ``article`` (``layout``: the
    article's layout when the caller has read it)."""
    # 1. Layout.
    layout = layout or read_layout(article)
    if layout.is_brief:
        return _from_brief(article, layout)
    # 2. Sentences.
    sents = candidate_sentences(article, doc, layout)  # type: ignore[arg-type]
    if not sents:
        return (), ()
    # 3. Scores.
    score_sentences(sents, doc)  # type: ignore[arg-type]
    # 4. Points, 5. compressed.
    points, chosen = choose_points(sents, quotes, speakers)
    # 6. The lead.
    lead = _lead(chosen)
    return lead, points


def candidate_sentences(article: Article, doc: Doc, layout: Layout) -> list[_Sentence]:
    """Body sentences that can carry a point, in order."""
    blocks = [c.quotation for c in layout.cards if c.quotation is not None]
    out: list[_Sentence] = []
    body = layout.body
    text = doccache.text(doc)  # Doc.text joins every token on each access: once per article, not per sentence
    for sent in paragraph_sentences(doc):
        start = sent.start_char
        if not any(s <= start < e for s, e in body):
            continue
        words = [t for t in sent if t.is_alpha]
        if len(words) < MIN_SENTENCE_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in sent):
            continue
        if BOILERPLATE.search(sent.text):
            continue
        in_block = any(s <= start < e for s, e in blocks)
        paragraph_start = next(s for s, e in body if s <= start < e)
        lemmas = frozenset(t.lemma_.lower() for t in sent if t.is_alpha and not t.is_stop)
        out.append(_Sentence(sent, len(out), in_block or _mostly_quoted(sent, paragraph_start, text), lemmas))
    prose = 0
    for s in out:
        s.prose_rank = prose
        prose += not s.quotation
    return out


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


def score_sentences(sents: list[_Sentence], doc: Doc) -> None:
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
        n_words = sum(1 for t in s.span if t.is_alpha)
        length = 1.0 if n_words <= LONG_SENTENCE_WORDS else LONG_SENTENCE_WORDS / n_words
        position = 1.0 / (1.0 + s.rank / POSITION_SCALE)
        s.score = length * (
            POSITION_WEIGHT * position + CENTRALITY_WEIGHT * c / c_max + SALIENCE_WEIGHT * e / s_max
        )
        if s.quotation:
            s.score *= 0.5


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


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _repeats(s: _Sentence, chosen: Sequence[_Sentence]) -> bool:
    return any(s.span.start == c.span.start or _overlap(s.lemmas, c.lemmas) >= REPEAT_OVERLAP for c in chosen)


def _actor(sent: SpacySpan) -> set[str]:
    """Words naming the subject of the sentence's main verb (its acting party)."""
    for tok in sent:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head == sent.root:
            return {t.lower_ for t in tok.subtree if t.is_alpha and not t.is_stop}
    return set()


def _has_lemma(sent: SpacySpan, lemmas: frozenset[str]) -> bool:
    return any(t.lemma_.lower() in lemmas and t.pos_ == "VERB" for t in sent)


def _is_consequence(s: _Sentence) -> bool:
    return bool(CONSEQUENCE_CUE.search(s.span.text)) and not s.quotation


def _is_weak_consequence(s: _Sentence) -> bool:
    return bool(WEAK_CONSEQUENCE_CUE.search(s.span.text)) and not s.quotation


# The parties a main sentence acts on are the proper names outside any subject ("rejected a demand from Trump",
# "fined Google"): a name inside the subject, or inside the subject of a clause within the sentence ("that Japan
# double its budget"), is the actor's side or the content of the demand, and a dateline is only a place.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def _counterparts(sent: SpacySpan, main_actor: set[str]) -> set[str]:
    """Words naming the parties the main sentence's act is aimed at (its target or counterpart): the other side."""
    dateline = cx.dateline(sent)
    out: set[str] = set()
    name: list[str] = []  # the capitalised words of the name being read, for its initials ("IMF")
    for tok in sent:
        if tok.pos_ != "PROPN" or not tok.is_alpha or tok.i in dateline or tok.ent_type_ in ("DATE", "TIME") \
                or any(t.dep_ in SUBJECT_DEPS for t in (tok, *tok.ancestors)):
            if tok.lower_ not in ("of", "for", "and"):
                _add_initials(out, name)
                name = []
            continue
        name.append(tok.text)
        if not tok.is_stop:
            out.add(tok.lower_)
    _add_initials(out, name)
    return out - main_actor


def _add_initials(out: set[str], name: list[str]) -> None:
    if len(name) >= 2:
        out.add("".join(w[0] for w in name).lower())


def _is_response(s: _Sentence, main_actor: set[str], quoted_others: set[int]) -> bool:
    if s.span.start in quoted_others:
        return True
    actor = _actor(s.span)
    other = bool(actor) and not (actor & main_actor)
    if _has_lemma(s.span, RESPONSE_LEMMAS):
        return other or not main_actor
    return other and _has_lemma(s.span, SPEECH_LEMMAS | RESPONSE_LEMMAS)


def choose_points(
    sents: list[_Sentence], quotes: Sequence[Quote], speakers: Sequence[Speaker] = ()
) -> tuple[tuple[Point, ...], list[tuple[str, _Sentence]]]:
    """Pick the brief's sentences by score, then give each its point.

    Sentences are taken best first, skipping repeats, until the brief holds about ``BRIEF_WORDS`` words. The best
    is what happened; among the others, the best holding a consequence cue is the likely consequence, and the best
    where another party answers is the response; the rest add to what happened (what was demanded, detail). When
    no chosen sentence carries a cue, a sentence scoring at least ``CUE_MIN_SHARE`` of the best may take its place.
    """
    by_score = sorted(sents, key=lambda s: -s.score)
    top = next((s for s in by_score if not s.quotation), by_score[0])
    main_actor = _actor(top.span)
    quoted_others = _sentences_quoting_others(sents, quotes, speakers, main_actor)
    picked = [top]
    passages = {id(top): compress_for("happened", top.span)}
    words = len(passages[id(top)].text.split())
    for s in by_score:
        if words >= BRIEF_WORDS or len(picked) >= MAX_SENTENCES:
            break
        if s.quotation or _repeats(s, picked):
            continue
        passage = compress_for("happened", s.span)
        n = len(passage.text.split())
        if words + n > BRIEF_WORDS + BRIEF_SLACK:
            continue
        picked.append(s)
        passages[id(s)] = passage
        words += n
    roles: dict[int, str] = {id(top): "happened"}
    best = by_score[0].score
    def demand_test(s: _Sentence) -> bool:
        return not s.quotation and _has_lemma(s.span, DEMAND_LEMMAS) and (
            not main_actor or bool(_actor(s.span) & main_actor))

    def response_test(s: _Sentence) -> bool:
        return _is_response(s, main_actor, quoted_others)

    # The other side's answer comes first from the party the main act is aimed at; only when that party says
    # nothing near the top does any other party's reaction (analysts, a third country) take the point.
    counterparts = _counterparts(top.span, main_actor)

    def counterpart_test(s: _Sentence) -> bool:
        return bool(counterparts) and bool(_actor(s.span) & counterparts) and response_test(s)

    tests_by_role: tuple[tuple[str, tuple[tuple[Callable[[_Sentence], bool], float, int], ...]], ...] = (
        ("demand", () if _has_lemma(top.span, DEMAND_LEMMAS) else ((demand_test, CUE_MIN_SHARE, CUE_WINDOW),)),
        ("consequence", ((_is_consequence, STRONG_CUE_MIN_SHARE, CUE_WINDOW),
                         (_is_weak_consequence, CUE_MIN_SHARE, CUE_WINDOW))),
        ("response", ((counterpart_test, CUE_MIN_SHARE, RESPONSE_WINDOW),
                      (response_test, CUE_MIN_SHARE, RESPONSE_WINDOW))),
    )
    for role, tests in tests_by_role:
        found = None
        for test, share, window in tests:
            found = found or _assign(test, picked, by_score, roles, share * best, window)
        if found is not None:
            roles[id(found)] = role
            passages[id(found)] = compress_for(role, found.span)
    chosen = [(roles.get(id(s), "detail"), s) for s in picked]
    first = _without_stray_pronouns(
        sorted((s for role, s in chosen if role in ("happened", "demand", "detail")), key=lambda s: s.rank))
    chosen = [(role, s) for role, s in chosen if role not in ("demand", "detail") or s in first]
    points = [Point("happened", tuple(passages[id(s)] for s in first))]
    for kind in ("consequence", "response"):
        points.extend(Point(kind, (passages[id(s)],)) for role, s in chosen if role == kind)  # type: ignore[arg-type]
    return tuple(points), chosen


# A sentence whose subject is a bare pronoun ("He said that ...") reads as said by whoever the sentence before it
# names; in a point it may only follow the sentence it follows in the article, or it would change who said what.
PRONOUN_SUBJECTS = frozenset({"he", "she", "they", "it", "we", "i"})


def _without_stray_pronouns(first: list[_Sentence]) -> list[_Sentence]:
    kept: list[_Sentence] = []
    for s in first:
        subjects = [t for t in s.span.root.children if t.dep_ in ("nsubj", "nsubjpass")]
        if kept and subjects and subjects[0].lower_ in PRONOUN_SUBJECTS and kept[-1].rank != s.rank - 1:
            continue
        kept.append(s)
    return kept


def _assign(
    test: Callable[[_Sentence], bool], picked: list[_Sentence], by_score: list[_Sentence], roles: dict[int, str],
    floor: float, window: int,
) -> _Sentence | None:
    """A chosen sentence that passes ``test``; else one scoring above ``floor`` swapped in for the last detail."""
    found = next((s for s in picked if id(s) not in roles and test(s)), None)
    if found is None:
        others = [p for p in picked if id(p) not in roles]
        spare = others[-1] if others else None
        found = next((s for s in by_score if (s.score >= floor or s.prose_rank < window) and s not in picked and test(s)
                      and not _repeats(s, [p for p in picked if p is not spare])), None)
        if found is not None:
            if spare is not None and len(picked) >= 3:
                picked.remove(spare)
            picked.append(found)
    return found


def _sentences_quoting_others(
    sents: Sequence[_Sentence], quotes: Sequence[Quote], speakers: Sequence[Speaker], main_actor: set[str]
) -> set[int]:
    """Starts of sentences holding a quotation by a named speaker who is not the main actor."""
    others = {
        s.id for s in speakers
        # A named person: two or more capitalised words ("Marta Kowalczyk", not "Fish prices").
        if len(s.name.split()) >= 2 and all(w[:1].isupper() for w in s.name.split())
        and not ({w.lower() for w in s.name.split()} & main_actor)
    }
    out = set()
    for q in quotes:
        if q.speaker_id in others:
            for s in sents:
                if s.span.start_char <= q.content.start < s.span.end_char:
                    out.add(s.span.start)
    return out


def compress_for(role: str, sent: SpacySpan) -> Passage:
    """Compress a sentence for its role: a response keeps who answered; the rest lose the attribution."""
    drops = [cx.dateline(sent), cx.parentheticals(sent), cx.opening_connective(sent)]
    # "rejected the demand, saying Tokyo would set its own spending": when what happened is a refusal, the
    # ", saying ..." clause is what the main actor puts forward instead, which point (1) carries; elsewhere it is
    # detail.
    if not (role == "happened" and sent.root.lemma_.lower() in REFUSAL_LEMMAS):
        drops.append(cx.participle_tail(sent))
    if role != "response":
        drops.append(cx.trailing_attribution(sent))
    if HEAVY_COMPRESSION:
        drops += [cx.time_adjuncts(sent), cx.side_clauses(sent), cx.attribution(sent)]
    return cx.compress(sent, drops)


def _lead(chosen: list[tuple[str, _Sentence]]) -> tuple[Passage, ...]:
    """Who did what (the first point's sentence) and the main response when both fit."""
    # The lead says who did what in few words: the first point's sentence without its ", saying ..." clause.
    first = compress_for("lead", chosen[0][1].span)
    lead = [first]
    response = next((s for role, s in chosen if role == "response"), None)
    if response is not None:
        answer = compress_for("response", response.span)
        if len(first.text.split()) + len(answer.text.split()) <= LEAD_MAX_WORDS:
            lead.append(answer)
    return tuple(lead)


def _from_brief(article: Article, layout: Layout) -> tuple[tuple[Passage, ...], tuple[Point, ...]]:
    """An article that is already a brief: its lead and its bullets, read as they stand."""
    text = article.text
    lead: tuple[Passage, ...] = ()
    if layout.lead:
        span = Span.of(text, *layout.lead)
        lead = (Passage(span.text, (span,)),)
    kinds = ("happened", "consequence", "response")
    points = []
    for kind, (s, e) in zip(kinds, layout.bullets, strict=False):
        span = Span.of(text, s, e)
        points.append(Point(kind, (Passage(span.text, (span,)),)))  # type: ignore[arg-type]
    return lead, tuple(points)
