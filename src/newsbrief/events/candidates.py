"""Candidate event triggers of a sentence, read from the parse, each with the features the learned decision uses.

A candidate is a verb, or an event noun ("calls for", "the attack", "sanctions"), that the cue lexicon
(``cues.CUES``) or the CAMEO verb dictionary (``data/cameo_verbs.json.gz``, derived from PETRARCH2 by
``events.derive``) knows. Its features: the lemma; the PLOVER types the cue lexicon and the dictionary give it
(the dictionary's block default, and each pattern whose words all appear among the trigger's dependents); its
place in the parse (dependency, the word it hangs from, passive voice); the actors around it (a named actor in its
subject, object or prepositional phrases, a pronoun, none); its status (``events.status``); and whether the
sentence is quoted speech. ``decide`` turns them into an event type or none.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from newsbrief.events import cues
from newsbrief.events.status import status_of
from newsbrief.model import EventStatus, Span

CAMEO_FILE = "cameo_verbs.json.gz"
# Nouns that report an event by themselves ("amid calls for", "the airstrikes", "his criticism of").
EVENT_NOUNS = frozenset((
    "call", "demand", "request", "appeal", "plea", "criticism", "condemnation", "accusation", "allegation", "charge",
    "attack", "assault", "airstrike", "strike", "bombing", "shooting", "killing", "murder", "stabbing", "raid",
    "invasion", "war", "campaign", "threat", "warning", "ultimatum", "sanction", "tariff", "embargo", "ban", "arrest",
    "detention", "indictment", "conviction", "sentence", "protest", "rally", "demonstration", "boycott", "riot",
    "march", "visit", "meeting", "talk", "summit", "negotiation", "deal", "agreement", "treaty", "endorsement",
    "support", "praise", "aid", "assistance", "donation", "refusal", "rejection", "veto", "denial", "investigation",
    "probe", "inquiry", "deployment", "withdrawal", "release", "resignation", "apology", "concession", "cooperation",
    "extradition", "deportation", "crackdown", "seizure", "execution", "hack", "subpoena", "lawsuit", "suit",
))
_ACTOR_DEPS = {"nsubj": "subj", "nsubjpass": "subjpass", "dobj": "obj", "dative": "obj", "attr": "obj",
               "agent": "agent", "poss": "poss"}
_PRONOUNS = {"he", "she", "they", "we", "i", "you", "it", "him", "her", "them", "us", "me", "who"}


@dataclass(frozen=True)
class Candidate:
    """A possible trigger: its token, character span, lemma, status and features."""

    index: int  # token index in the Doc
    start: int
    end: int
    lemma: str
    status: EventStatus
    features: tuple[str, ...]
    cue_types: tuple[tuple[str, str | None], ...]  # (type, mode) of the cues starting on it
    modes: dict[str, str | None]  # a mode per type where the dictionary's matched pattern gives one


@functools.cache
def cameo_table() -> dict[str, list[Any]]:
    """Verb form -> [default PLOVER type or "", [[type, mode, words], ...]] (``events.derive``)."""
    raw = resources.files("newsbrief").joinpath("data", CAMEO_FILE).read_bytes()
    table: dict[str, list[Any]] = json.loads(gzip.decompress(raw))
    return table


_LONGEST_PATTERN_WORD = 16
# Every cue's pattern in one alternation: a sentence it misses holds no cue, and most sentences hold none.
_ANY_CUE = re.compile("|".join(f"(?:{cue.pattern.pattern})" for cue in cues.CUES), re.IGNORECASE)


def _cue_starts(text: str, offset: int) -> dict[int, list[tuple[str, str | None]]]:
    """Absolute character offset -> the (type, mode) of each cue matching there."""
    found: dict[int, list[tuple[str, str | None]]] = {}
    if not _ANY_CUE.search(text):
        return found
    for cue in cues.CUES:
        for m in cue.pattern.finditer(text):
            found.setdefault(offset + m.start(), []).append((cue.type, cue.mode))
    return found


def _kind(token: Any, mention_spans: Sequence[tuple[int, int, str]]) -> str:
    """What a dependent's phrase names: an actor of some kind, a pronoun, or a thing."""
    left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
    for start, end, kind in mention_spans:
        if left <= start and end <= right:
            return kind
    if token.lower_ in _PRONOUNS:
        return "pron"
    if token.ent_type_ in ("PERSON", "NORP", "GPE", "ORG"):
        return token.ent_type_.lower()
    return "thing"


def _pattern_types(lemma: str, forms: Sequence[str], words: set[str]) -> list[tuple[str, str | None]]:
    """The PLOVER types of the dictionary's patterns for this verb whose words all appear in its dependents (a
    pattern word matches a dependent it begins: the dictionary stems some words)."""
    table = cameo_table()
    entry = next((table[f] for f in forms if f in table), None)
    if entry is None:
        return []
    # Every beginning of every dependent word, once: each pattern word is then one set lookup, not a scan.
    prefixes = {w[:k] for w in words for k in range(1, min(len(w), _LONGEST_PATTERN_WORD) + 1)}
    out = []
    for type_, mode, pattern_words in entry[1]:
        if pattern_words and all(p in prefixes or (len(p) > _LONGEST_PATTERN_WORD and any(
                w.startswith(p) for w in words)) for p in pattern_words):
            out.append((type_, mode))
    return out


def sentence_candidates(
    doc: Any, sentence: Span, mention_spans: Sequence[tuple[int, int, str]], quoted: bool
) -> list[Candidate]:
    """The candidates of one sentence (``mention_spans``: (start, end, kind) of the actors named in it)."""
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return []
    cue_at = _cue_starts(sentence.text, sentence.start)
    table = cameo_table()
    sentence_cues = sorted({t for found in cue_at.values() for t, _ in found})
    out: list[Candidate] = []
    # The sentence's words, once: a token's subtree is a contiguous run of them (spaCy's English parses are
    # projective), so its dependents are a slice, not a walk that builds a Token per word.
    lowers = [t.lower_ for t in span]
    first = span.start
    for token in span:
        lemma = token.lemma_.lower()
        on_token = [ct for start, found in cue_at.items() if token.idx <= start < token.idx + len(token.text)
                    for ct in found]
        forms = (lemma, token.lower_)
        known = any(f in table for f in forms)
        if token.pos_ == "VERB":
            if not (known or on_token):
                continue
        elif token.pos_ in ("NOUN", "PROPN"):
            if not (lemma in EVENT_NOUNS or on_token):
                continue
        elif not on_token:
            continue
        features = [f"l={lemma}", f"pos={token.pos_}", f"dep={token.dep_}", f"hl={token.head.lemma_.lower()}",
                    f"l|dep={lemma}|{token.dep_}"]
        entry = next((table[f] for f in forms if f in table), None)
        if entry is not None and entry[0]:
            features.append(f"cam={entry[0]}")
            features.append(f"cam|pos={entry[0]}|{token.pos_}")
        elif entry is not None:
            features.append("cam=untyped")
        left, right = max(token.left_edge.i, first), min(token.right_edge.i, span.end - 1)
        dependents = set(lowers[left - first : token.i - first] + lowers[token.i - first + 1 : right - first + 1])
        modes: dict[str, str | None] = {}
        for type_, mode in on_token:  # our lexicon's mode first: it names the act ("expelled" is expel)
            features.append(f"cue={type_}")
            modes.setdefault(type_, mode)
        for type_, mode in _pattern_types(lemma, forms, dependents):
            features.append(f"camp={type_}")
            modes.setdefault(type_, mode)
        kinds = set()
        for child in token.children:
            role = _ACTOR_DEPS.get(child.dep_)
            if role:
                kinds.add(f"{role}={_kind(child, mention_spans)}")
            elif child.dep_ == "prep":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    kinds.add(f"prep_{child.lower_}={_kind(objects[0], mention_spans)}")
        if token.dep_ in ("xcomp", "ccomp", "conj", "advcl") and not any(k.startswith("subj=") for k in kinds):
            head_subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if head_subject is not None:
                kinds.add(f"hsubj={_kind(head_subject, mention_spans)}")
        if token.pos_ != "VERB" and token.dep_ in _ACTOR_DEPS:
            kinds.add(f"as={token.dep_}")
        features.extend(sorted(kinds))
        if not any(k.startswith(("subj=", "hsubj=", "agent=", "poss=")) for k in kinds):
            features.append("nosubj")
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
            features.append("passive")
        status = status_of(token, threat=any(t == "THREATEN" for t, _ in on_token))
        features.append(f"status={status}")
        if quoted:
            features.append("quoted")
        features.extend(f"sc={t}" for t in sentence_cues)
        features.append(f"actors={min(len(mention_spans), 3)}")
        out.append(Candidate(token.i, token.idx, token.idx + len(token.text), lemma, status, tuple(features),
                             tuple(on_token), modes))
    return out
