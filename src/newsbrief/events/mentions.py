"""Who is named in an article, ready for the coder: every actor mention with its resolved ``Actor``.

Speakers' mentions (pronouns included, as the quote extractor resolved them) come first; then every entity
mention that places an actor (a country, a person, an organisation, a capital), widened to its noun phrase
("Japanese Prime Minister Shigeru Ishiba") and resolved by ``actors.resolve``. Also here: which quotation a
sentence belongs to and who speaks a quoted sentence the quote extractor left without a speaker.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsbrief import doccache
from newsbrief.countries import country_code
from newsbrief.events import actors, phoenix
from newsbrief.model import Actor, Article, Entity, Quote, Span, Speaker


@dataclass(frozen=True)
class Mention:
    """An actor named in the text: where, and who."""

    span: Span
    actor: Actor


def dateline_country(text: str) -> str | None:
    """The country of the dateline that opens a story ("TOKYO — ..." -> JPN), or None."""
    m = re.match(r"\s*([A-Z][A-Z .'-]{2,30}?)\s*(?:,[^—–-]{0,30})?\s*[—–-]{1,2}\s", text)
    return country_code(m.group(1).title()) if m else None


def actor_mentions(
    text: str, doc: Any, speakers: Sequence[Speaker], entities: Sequence[Entity], dateline: str | None,
    date: dt.date | None = None,
) -> list[Mention]:
    """Every actor mention of the article, in text order (see the module's docstring)."""
    found: list[Mention] = []
    dash = re.match(r"\s*[A-Z][A-Z .,'-]{2,40}?\s*[—–]", text)
    dateline_end = dash.end() if dash else 0  # "TOKYO —" says where the story was filed, not who acted
    for speaker in speakers:
        for span in speaker.mentions:
            phrase = f"{speaker.role} {speaker.name}" if speaker.role else speaker.name
            actor = actors.resolve(phrase, speaker.country or _dateline_for_role(speaker, dateline), span, date)
            if actor is None:
                actor = Actor(speaker.name, speaker.country, None, speaker.id, span)
            found.append(Mention(span, with_changes(actor, entity_id=speaker.id, mention=span)))
    for entity in entities:
        if entity.type in ("AGREEMENT",) or (entity.type == "PLACE" and not entity.code and not _body(entity.name)):
            continue  # a place that is no country and no international body ("Europe" is the EU's) acts not
        for span in entity.mentions:
            if span.end <= dateline_end or any(m.span.overlaps(span) for m in found):
                continue
            phrase_span = _noun_phrase(text, doccache.noun_chunks(doc), span)
            actor = actors.resolve(phrase_span.text, entity.code, phrase_span, date)
            if (actor is None or actor.country is None) and entity.type == "PERSON":
                # "Florida Gov. Rick Scott", "Sen. Ted Cruz": the title the noun chunk left out places the person.
                titled = _with_title(text, phrase_span)
                if titled is not None:
                    actor = actors.resolve(titled.text, entity.code, titled, date) or actor
            if actor is None and entity.type != "PLACE":
                actor = actors.resolve(entity.name, entity.code, phrase_span, date)
            if entity.type == "PERSON" and (actor is None or actor.country is None) and " " not in entity.name:
                home = phoenix.surname_country(entity.name)  # "Reagan": one Phoenix person, one country
                if home is not None:
                    actor = Actor(entity.name, home, actor.sector if actor else None, entity.id, span)
            if entity.code and (actor is None or actor.sector is None):
                # "Australian beef", "Japan": the country itself, acting through its government.
                actor = Actor(entity.name, entity.code, "government", entity.id, span)
            if actor is None and entity.type in ("PERSON", "ORG"):
                # A person or body no table places is still an actor: the event keeps the name, country unknown.
                actor = Actor(entity.name, None, None, entity.id, span)
            if actor is None:
                continue
            found.append(Mention(span, with_changes(actor, mention=phrase_span)))
    return sorted(found, key=lambda m: m.span.start)


_TITLE_BEFORE = re.compile(r"((?:(?:[A-Z][a-z]*\.|[A-Z][a-z]+|\(R\)|\(D\))\s+){1,3})$")


def _with_title(text: str, span: Span) -> Span | None:
    """``span`` widened over the capitalised title words just before it ("Florida Gov. " before "Rick Scott")."""
    m = _TITLE_BEFORE.search(text[max(0, span.start - 40) : span.start])
    if m is None:
        return None
    return Span.of(text, span.start - len(m.group(1)), span.end)


def _body(name: str) -> bool:
    actor = actors.resolve(name)
    return actor is not None and actor.sector == "igo"


def _dateline_for_role(speaker: Speaker, dateline: str | None) -> str | None:
    """A speaker with an office but no country ("Chief Cabinet Secretary") is taken to serve the dateline's country
    only when the title itself names no other; ``actors.resolve`` prefers the title's own country."""
    return dateline if speaker.role else None


def with_changes(actor: Actor, **changes: Any) -> Actor:
    """A copy of ``actor`` with some fields replaced."""
    fields = actor.to_dict()
    fields.update({k: v for k, v in changes.items()})
    return Actor(
        name=fields["name"], country=fields["country"], sector=fields["sector"], entity_id=fields["entity_id"],
        mention=changes.get("mention", actor.mention),
    )


def _noun_phrase(text: str, chunks: Sequence[doccache.Chunk], span: Span) -> Span:
    """The noun chunk around a mention ("Japanese Prime Minister Shigeru Ishiba" around "Shigeru Ishiba");
    ``chunks`` are the Doc's noun chunks (``doccache.noun_chunks``: walked once per article, not per mention)."""
    for chunk_start, chunk_end, chunk_text in chunks:
        if chunk_start <= span.start and span.end <= chunk_end and "\n" not in chunk_text:
            start = chunk_start
            dash = re.search(r"[—–]\s*", text[start : span.start])  # "BERLIN — Germany": not the dateline
            if dash:
                start += dash.end()
            return Span.of(text, start, chunk_end)
    return span


def quote_at(quotes: Sequence[Quote], sentence: Span) -> int | None:
    """The index of the quotation holding at least half of ``sentence``, or None."""
    for i, quote in enumerate(quotes):
        if quote.content.overlaps(sentence):
            inside = min(quote.content.end, sentence.end) - max(quote.content.start, sentence.start)
            if inside >= len(sentence) / 2:
                return i
    return None


def speaker_actor(
    quote: Quote, speaker_by_id: dict[str, Speaker], dateline: str | None, date: dt.date | None = None
) -> Actor | None:
    """The speaker of ``quote`` as an actor (country and sector from the role), or None when unattributed."""
    speaker = speaker_by_id.get(quote.speaker_id or "")
    if speaker is None:
        return None
    phrase = f"{speaker.role} {speaker.name}" if speaker.role else speaker.name
    actor = actors.resolve(phrase, speaker.country or (dateline if speaker.role else None), quote.speaker_mention,
                           date)
    if actor is None:
        return Actor(speaker.name, speaker.country, None, speaker.id, quote.speaker_mention)
    return with_changes(actor, name=speaker.name, entity_id=speaker.id, mention=quote.speaker_mention)


_QUOTED = re.compile(r"[\"“][^\"“”]+[\"”]")


def quoted_by(article: Article, sentence: Span, mentions: list[Mention]) -> Actor | None:
    """The speaker of a sentence in quotation marks that the quote extractor left out: the first actor named
    outside the marks in the same paragraph ("...," Trump told supporters)."""
    text = article.text
    paragraph = next(((s, e) for s, e in article.paragraphs if s <= sentence.start < e), None)
    if paragraph is None:
        return None
    marks = [(paragraph[0] + m.start(), paragraph[0] + m.end())
             for m in _QUOTED.finditer(text[paragraph[0] : paragraph[1]])]
    covered = sum(max(0, min(e, sentence.end) - max(s, sentence.start)) for s, e in marks)
    if covered < len(sentence) / 2:
        return None
    outside = [
        m for m in mentions
        if paragraph[0] <= m.span.start < paragraph[1] and not any(s <= m.span.start < e for s, e in marks)
    ]
    people = [m for m in outside if not (m.actor.entity_id or "").startswith(("COUNTRY:", "PLACE:", "ORG:"))]
    chosen = (people or outside)[:1]
    return chosen[0].actor if chosen else None
