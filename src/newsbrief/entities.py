"""People, countries, organisations, agreements and places named in an article, each with all its mentions.

``extract_entities(article, doc)``:

1. Read spaCy's named entities, split at line breaks (a speaker card puts a name and a role on separate lines).
2. Type them: a GPE, NORP or ORG that names a country (or a demonym: "Japanese") is a COUNTRY with its ISO3 code;
   a capital or other GPE, a LOC or a FAC is a PLACE (a capital keeps its country's code); LAW, and ORG or EVENT
   names shaped like a treaty, are AGREEMENTs; PERSON and ORG stay as they are.
3. Add agreements spaCy misses, by pattern ("Treaty of ...", "... Agreement", "the Paris accord").
4. Merge mentions: one entity per country code, per agreement name, and per person, where a short mention
   ("Trump") joins the full name it is part of ("Donald Trump").

An entity's id is stable across articles: its type and normalised name ("PERSON:donald-trump", "COUNTRY:JPN").
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from newsbrief.countries import country_code, country_kind, country_name
from newsbrief.model import Article, Entity, EntityType, Span

_AGREEMENT_WORDS = r"(?:Treaty|Agreement|Accords?|Pact|Convention|Deal|Protocol|Charter|Alliance Treaty)"
# "the 1960 Treaty of Mutual Cooperation and Security", "Treaty on the Non-Proliferation of Nuclear Weapons"
_TREATY_OF = re.compile(
    r"\b(?:\d{4}\s+)?(?:[A-Z][\w'-]*\s+){0,3}(?:Treaty|Convention|Protocol|Agreement|Accords?)\s+(?:of|on)\s+"
    r"(?:the\s+)?[A-Z][\w'-]*(?:\s+(?:(?:of|on|and|for|the|in)\s+)*[A-Z][\w'-]*)*"
)
# "the Paris climate accord", "the Iran nuclear deal", "the Good Friday Agreement", "New START treaty"
_NAMED_AGREEMENT = re.compile(
    r"\b(?:[A-Z][\w'-]*\s+){1,4}(?:(?:climate|nuclear|trade|peace|free[- ]trade|security|defen[cs]e|grain|"
    r"ceasefire|arms(?:[- ]control)?)\s+)?" + _AGREEMENT_WORDS.replace("Treaty|", "Treaty|treaty|accord|deal|pact|")
    + r"\b"
)
# Capitalised words that start a sentence or a name but are not part of an agreement's name.
_LEADING_NOISE = {"The", "A", "An", "This", "That", "Under", "In", "Its", "Their", "His", "Her", "Our", "New"}
# Single words spaCy tags ORG inside a title ("Chief Cabinet Secretary", "Defense Secretary").
_NOT_ORGS = {"Cabinet", "Defense", "Defence", "Foreign", "Interior", "Ministry", "State", "Treasury", "Justice"}
_TITLES = re.compile(
    r"^(?:(?:U\.S\.|US|Former|former|the|The|President|Prime|Minister|Chancellor|Secretary|General|Gen\.|Senator|"
    r"Sen\.|Rep\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|King|Queen|Prince|Pope|Chief|Cabinet|Defen[cs]e|Foreign|Vice)\s+)+"
)


@dataclass
class _Group:
    type: EntityType
    name: str
    code: str | None = None
    mentions: list[Span] = field(default_factory=list)


def extract_entities(article: Article, doc: Any) -> tuple[Entity, ...]:
    """The entities of ``article`` (parsed as ``doc``), in order of first mention."""
    text = article.text
    groups: dict[str, _Group] = {}
    people: list[tuple[Span, str]] = []

    def add(key: str, type_: EntityType, name: str, span: Span, code: str | None = None) -> None:
        group = groups.setdefault(key, _Group(type_, name, code))
        if group.name.isupper() and not name.isupper():  # a dateline's "TOKYO" gives way to "Tokyo"
            group.name = name
        if all(not m.overlaps(span) for m in group.mentions):
            group.mentions.append(span)

    # 1. spaCy's entities, one line at a time.
    for label, span in _named_spans(text, doc):
        name = _clean(span.text)
        if not name:
            continue
        # 2. Types.
        code = country_code(name) if label in ("GPE", "NORP", "ORG", "PERSON", "LOC") else None
        kind = country_kind(name) if code else None
        if code and kind in ("name", "demonym"):
            add(f"COUNTRY:{code}", "COUNTRY", country_name(code), span, code)
        elif label in ("GPE", "LOC", "FAC") or (code and kind == "capital"):
            add(f"PLACE:{_slug(name)}", "PLACE", name, span, code)
        elif label == "LAW" or (label in ("ORG", "EVENT", "WORK_OF_ART") and _is_agreement(name)):
            add(f"AGREEMENT:{_slug(name)}", "AGREEMENT", name, span)
        elif label == "ORG" and name not in _NOT_ORGS:
            add(f"ORG:{_slug(name)}", "ORG", name, span)
        elif label == "PERSON":
            title = _TITLES.match(span.text)
            if title and title.end() < len(span):
                span = Span.of(text, span.start + title.end(), span.end)
            if country_code(span.text) is None:
                people.append((span, _clean(span.text)))

    # 2b. Countries, demonyms and capitals the small model left untagged ("attacked sites in Kyiv").
    tagged = [m for g in groups.values() for m in g.mentions] + [s for s, _ in people]
    for span, code, kind in _untagged_countries(text, doc, tagged):
        if kind == "capital":
            add(f"PLACE:{_slug(span.text)}", "PLACE", span.text, span, code)
        else:
            add(f"COUNTRY:{code}", "COUNTRY", country_name(code), span, code)

    # 3. Agreements by pattern.
    for span, name in _agreement_mentions(text):
        covered = [k for k, g in groups.items() if g.type == "AGREEMENT" and any(m.overlaps(span) for m in g.mentions)]
        for key in covered:  # our pattern sees the whole name where spaCy often sees a part of it
            del groups[key]
        add(f"AGREEMENT:{_slug(name)}", "AGREEMENT", name, span)
    agreements = [m for g in groups.values() if g.type == "AGREEMENT" for m in g.mentions]
    for key, group in list(groups.items()):
        if group.type in ("PLACE", "ORG"):  # "Paris" in "the Paris accord" is part of the agreement's name
            group.mentions = [m for m in group.mentions if not any(m.overlaps(a) for a in agreements)]
            if not group.mentions:
                del groups[key]

    # 4. People: a mention joins the longest name that contains its words.
    for key, name, spans in _merge_people(people):
        for span in spans:
            add(key, "PERSON", name, span)

    entities = [
        Entity(id=key, name=g.name, type=g.type, code=g.code, mentions=tuple(sorted(g.mentions, key=lambda s: s.start)))
        for key, g in groups.items()
    ]
    return tuple(sorted(entities, key=lambda e: e.mentions[0].start))


def entity_id(type_: str, name: str) -> str:
    """The stable id of an entity of ``type_`` named ``name`` (countries by code, others by slug)."""
    if type_ == "COUNTRY":
        code = country_code(name)
        if code:
            return f"COUNTRY:{code}"
    return f"{type_}:{_slug(name)}"


def _named_spans(text: str, doc: Any) -> Iterable[tuple[str, Span]]:
    for ent in doc.ents:
        start = ent.start_char
        for piece in re.split(r"(\n)", ent.text):
            if piece and piece != "\n":
                s, e = _trim(text, start, start + len(piece))
                if e > s:
                    yield ent.label_, Span.of(text, s, e)
            start += len(piece)


def _untagged_countries(text: str, doc: Any, tagged: list[Span]) -> list[tuple[Span, str, str]]:
    """Proper nouns and adjectives (one to three tokens) that name a country, outside spaCy's entities."""
    found: list[tuple[Span, str, str]] = []
    # One pass over the tokens for the three values read here: indexing a Doc makes a new Token object each time,
    # and the windows below read each token up to six times.
    tokens = [(t.idx, t.idx + len(t.text), t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ")) for t in doc]
    overlaps_tagged = _overlap_index(tagged)
    i = 0
    while i < len(tokens):
        hit = None
        if tokens[i][2]:  # a window starts at a capitalised proper noun or adjective
            for size in (3, 2, 1):
                if i + size > len(tokens):
                    continue
                start, end = tokens[i][0], tokens[i + size - 1][1]
                phrase = text[start:end]
                code = _country_in_text(phrase)
                if code and "\n" not in phrase:
                    if not overlaps_tagged(start, end):
                        hit = (Span.of(text, start, end), code, country_kind(phrase) or "name", size)
                    break
        if hit:
            found.append(hit[:3])
            i += hit[3]
        else:
            i += 1
    return found


def _overlap_index(spans: list[Span]) -> Callable[[int, int], bool]:
    """A test of whether ``[start, end)`` overlaps any of ``spans``, in O(log n): a long article has thousands of
    tagged mentions, and scanning them all for every candidate phrase made entity extraction quadratic in length."""
    ordered = sorted((s.start, s.end) for s in spans)
    starts = [s for s, _ in ordered]
    reach = list(itertools.accumulate((e for _, e in ordered), max))  # the furthest end among the first k spans

    def overlaps(start: int, end: int) -> bool:
        k = bisect.bisect_left(starts, end)  # the spans that start before this one ends
        return k > 0 and reach[k - 1] > start

    return overlaps


@functools.lru_cache(maxsize=16384)
def _country_in_text(phrase: str) -> str | None:
    """``country_code`` of a phrase of running text (no bare ISO codes), kept per process: the same capitalised
    phrases recur in every article, and the lookup normalises the phrase each time. Bounded: memory stays flat."""
    return country_code(phrase, codes=False)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive or punctuation from a mention's bounds."""
    m = re.match(r"(?:the|The|THE)\s+", text[start:end])
    if m:
        start += m.end()
    m = re.search(r"(?:['’]s|['’]|[\s.,;:]+)$", text[start:end])
    if m and not text[start:end].endswith(("U.S.", "U.K.", "U.N.", "Jr.", "Inc.", "Co.")):
        end = start + m.start()
    return start, end


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _is_agreement(name: str) -> bool:
    return bool(re.search(_AGREEMENT_WORDS, name)) or bool(re.search(r"\b(?:accord|deal|treaty|pact)\b", name))


def _agreement_mentions(text: str) -> list[tuple[Span, str]]:
    found: list[tuple[Span, str]] = []
    for pattern in (_TREATY_OF, _NAMED_AGREEMENT):
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            words = text[start:end].split()
            # Drop sentence-initial and possessive noise ("The", "Under", "Japan's") from the front.
            while words and (words[0] in _LEADING_NOISE or words[0].endswith(("'s", "’s"))):
                start = text.index(words[0], start) + len(words[0])
                while start < end and text[start].isspace():
                    start += 1
                words = words[1:]
            if len(words) < 2 or "\n" in text[start:end]:
                continue
            span = Span.of(text, start, end)
            if any(span.overlaps(s) for s, _ in found):
                continue
            found.append((span, _clean(span.text)))
    return found


def _merge_people(people: list[tuple[Span, str]]) -> list[tuple[str, str, list[Span]]]:
    """Group person mentions: "Trump" and "Mr. Trump" join "Donald Trump"; each group named by its longest form."""
    names = sorted({n for _, n in people if n}, key=lambda n: (-len(n.split()), n))
    canonical: dict[str, str] = {}
    for name in names:
        words = set(name.split())
        owner = next((c for c in canonical.values() if c != name and words <= set(c.split())), None)
        # A one-word mention that fits two different full names ("Kim") stays on its own.
        if owner and len(words) == 1:
            owners = {c for c in canonical.values() if words <= set(c.split()) and c != name}
            owner = owner if len(owners) == 1 else None
        canonical[name] = owner or name
    grouped: dict[str, list[Span]] = {}
    for span, name in people:
        if name:
            grouped.setdefault(canonical[name], []).append(span)
    return [(f"PERSON:{_slug(name)}", name, spans) for name, spans in grouped.items()]
