"""Writes a Brief as text, Markdown, a standalone HTML page, or JSON.

Every rendering has the shape of shared/DESIGN.md: the header (date, headline, outlet), the lead, the points of
attention, the body with each quotation as its own paragraph followed by its speaker card (name, role) and
reported speech marked, then the entities and the events. A renderer shows whatever the Brief holds: a brief
with no quotes, entities or events yet renders those parts empty, not broken.

JSON is ``Brief.to_dict()``; its shape is ``schema/brief.schema.json`` (see docs/schema.md), versioned by
``schema_version``. In HTML every piece of text is escaped; in Markdown the characters that would start markup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from newsbrief.layout import HEADER_DATE, Layout, read_layout
from newsbrief.model import Brief, Quote, Speaker

FORMATS = ("text", "md", "html", "json", "jsonl")
BULLET = "•"
# A paragraph whose direct quotations cover this share of its characters reads as a quotation paragraph and
# gets a speaker card; below it the quotation is a part of reported prose.
QUOTATION_SHARE = 0.5
# What is left of a quotation paragraph without its quotation, at this many words or fewer, is the bare cue ("he
# said"): the card says it, so it is not written as narrative.
MAX_BARE_CUE_WORDS = 3


@dataclass(frozen=True)
class Block:
    """One paragraph of the body as a renderer lays it out.

    A quotation is a paragraph of its own, without marks, followed by its card; ``narrative`` is what its source
    paragraph says besides the quotation (the sentence that holds the cue), written before it.
    """

    text: str
    kind: str  # "heading" | "prose" | "quotation" | "reported"
    name: str | None = None  # the speaker card (quotations) or the reported speaker
    role: str | None = None
    narrative: str | None = None


def header(brief: Brief, layout: Layout) -> tuple[str, str, str]:
    """Date, headline and outlet, from the article's metadata or, failing that, header lines in its text."""
    a = brief.article
    published = a.published or layout.published
    title = a.title or layout.headline or "(untitled)"
    # A brief of newsbrief's own, read back: its first line "<date> <headline>" may have become the title.
    dated = HEADER_DATE.match(title)
    if dated and not a.published:
        with contextlib.suppress(ValueError):
            published = dt.date.fromisoformat(dated.group(1))
            title = dated.group(2).strip()
    date = published.isoformat() if published else "undated"
    outlet = a.source or layout.outlet or (urlparse(a.url).netloc if a.url else None) or "unknown"
    return date, title, outlet


def _unmarked(text: str) -> str:
    """A quotation's words without the marks around them."""
    return text.strip().strip("\"“”«»„").strip()


def _quotation_words(quote: Quote) -> str:
    """The words of a quotation as its own paragraph: a split one's parts joined by an ellipsis, no marks."""
    parts = quote.parts
    if len(parts) == 1:
        return _unmarked(quote.content.text)
    src = quote.content
    words = [_unmarked(src.text[a - src.start : b - src.start]).rstrip(",") for a, b in parts]
    return " … ".join(w for w in words if w)


def _narrative_around(paragraph: str, start: int, quotes: list[Quote]) -> str | None:
    """The paragraph's words outside its quotations ("Trump said on Friday."), when they say more than a bare
    cue; the article's own words, only cut, never rewritten."""
    keep = list(paragraph)
    for q in quotes:
        for a, b in q.parts:
            a, b = a - start, b - start
            while a > 0 and paragraph[a - 1] in "\"“”«»„ ":
                a -= 1
            while b < len(paragraph) and paragraph[b] in "\"“”«»„,. ":
                b += 1
            for i in range(max(0, a), min(len(paragraph), b)):
                keep[i] = " "
    rest = " ".join("".join(keep).split()).strip(" ,;:—-")
    if len(rest.split()) <= MAX_BARE_CUE_WORDS:
        return None
    return rest if rest[-1:] in ".!?" else rest + "."


def body_blocks(brief: Brief, layout: Layout) -> list[Block]:
    """The body in the brief's layout (shared/DESIGN.md): narrative paragraphs as they are; each direct or block
    quotation a paragraph of its own, without marks, followed by its card; reported speech in the narrative,
    marked."""
    text = brief.article.text
    blocks: list[Block] = []
    headings = set(layout.headings)
    for start, end in sorted(layout.body + layout.headings):
        if (start, end) in headings:
            blocks.append(Block(text[start:end], "heading"))
            continue
        inside = [q for q in brief.quotes if start <= q.content.start < end]
        card = layout.card_at(start, end)
        block_quote = next((q for q in inside if q.kind == "block"), None)
        paragraph = text[start:end]
        if block_quote is not None or card is not None:
            speaker = _speaker_of(brief, block_quote)
            # The article's own card comes first: it is what the outlet printed under the quotation.
            name = text[slice(*card.name)] if card else (speaker.name if speaker else None)
            role = (text[slice(*card.role)] if card and card.role else None) or (speaker.role if speaker else None)
            if block_quote is not None:
                content = _quotation_words(block_quote)
            else:
                direct = [q for q in inside if q.kind == "direct"]
                content = " ".join(_quotation_words(q) for q in direct) if direct else _unmarked(paragraph)
            blocks.append(Block(content, "quotation", name, role))
            continue
        direct = [q for q in inside if q.kind == "direct"]
        speakers = {q.speaker_id for q in direct}
        covered = sum(len(q.content) for q in direct)
        if direct and len(speakers) == 1 and covered >= QUOTATION_SHARE * len(paragraph):
            speaker = _speaker_of(brief, direct[0])
            words = " ".join(_quotation_words(q) for q in direct)
            narrative = _narrative_around(paragraph, start, direct)
            blocks.append(Block(words, "quotation", *_card(speaker, direct[0]), narrative=narrative))
            continue
        reported = next((q for q in inside if q.kind == "indirect"), None)
        if reported is not None:
            blocks.append(Block(paragraph, "reported", *_card(_speaker_of(brief, reported), reported)))
            continue
        blocks.append(Block(paragraph, "prose"))
    return blocks


def _speaker_of(brief: Brief, quote: Quote | None) -> Speaker | None:
    return brief.speaker(quote.speaker_id) if quote else None


def _card(speaker: Speaker | None, quote: Quote) -> tuple[str | None, str | None]:
    if speaker is not None:
        return speaker.name, speaker.role
    if quote.speaker_mention is not None:
        return quote.speaker_mention.text, None
    return None, None


def _entity_lines(brief: Brief) -> list[tuple[str, str]]:
    return [(e.type, e.name + (f" ({e.code})" if e.code else "")) for e in brief.entities]


def _event_lines(brief: Brief) -> list[str]:
    out = []
    for ev in brief.events:
        target = f" → {ev.target.name}" if ev.target else ""
        mode = f"/{ev.mode}" if ev.mode else ""
        # A threat or promise on a condition ("if they don't pay, ...") has not been carried out: say so.
        conditional = " (conditional)" if ev.conditional else ""
        out.append(
            f"{ev.source.name} {ev.type}{mode}{target} ({ev.intensity:+.1f}){conditional}: {ev.sentence.text.strip()}"
        )
    return out


def _story_line(brief: Brief) -> list[str]:
    """The event the whole story reports, as a line above the sentence events (none when there is no story)."""
    story = brief.story
    if story is None:
        return []
    # A guess (the model alone, under the firm margin) is right about a third of the time on unseen kinds of story.
    hedge = "" if story.firm else ", a guess"
    return [f"Story: {story.type} ({story.quad}, {story.intensity:+.1f}; from {story.read_from}{hedge})"]


def render(brief: Brief, fmt: str = "text", layout: Layout | None = None) -> str:
    """The brief in one of ``FORMATS`` (``layout``: the article's, when the caller has read it)."""
    if fmt == "json":
        return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "jsonl":  # one brief per line: pandas.read_json(lines=True), jq -c, a pipe
        return json.dumps(brief.to_dict(), ensure_ascii=False)
    layout = layout or read_layout(brief.article)
    if fmt == "text":
        return _text(brief, layout)
    if fmt == "md":
        return _markdown(brief, layout)
    if fmt == "html":
        return _html(brief, layout)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _text(brief: Brief, layout: Layout) -> str:
    date, title, outlet = header(brief, layout)
    out = [f"{date} {title}", f"Source: {outlet}", ""]
    if brief.lead:
        out += [" ".join(p.text for p in brief.lead), ""]
    if brief.points:
        out.append("Points of attention")
        out += [f"  {BULLET} {p.text}" for p in brief.points]
        out.append("")
    for b in body_blocks(brief, layout):
        if b.kind == "quotation":
            if b.narrative:
                out += [b.narrative, ""]
            out.append(b.text)
            for line in (b.name, b.role):
                if line:
                    out += ["", line]  # each card line a paragraph of its own, as shared/DESIGN.md draws it
        elif b.kind == "reported":
            out.append(b.text)
            who = ", ".join(x for x in (b.name, b.role) if x)
            out.append(f"    (reported speech{': ' + who if who else ''})")
        else:
            out.append(b.text)
        out.append("")
    if brief.entities:
        out.append("Entities")
        out += [f"  {kind:<10}{name}" for kind, name in _entity_lines(brief)]
        out.append("")
    if brief.events or brief.story:
        out.append("Events")
        out += [f"  {line}" for line in _story_line(brief) + _event_lines(brief)]
        out.append("")
    if brief.notes:
        out.append("Notes")
        out += [f"  {note}" for note in brief.notes]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: str) -> str:
    """Backslash the characters that would start Markdown or HTML markup."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _markdown(brief: Brief, layout: Layout) -> str:
    date, title, outlet = header(brief, layout)
    e = md_escape
    out = [f"# {e(title)}", "", f"*{e(date)} · Source: {e(outlet)}*", ""]
    if brief.lead:
        out += [e(" ".join(p.text for p in brief.lead)), ""]
    if brief.points:
        out += ["## Points of attention", ""]
        out += [f"- {e(p.text)}" for p in brief.points]
        out.append("")
    for b in body_blocks(brief, layout):
        if b.kind == "quotation":
            if b.narrative:
                out += [e(b.narrative), ""]
            out.append("> " + e(b.text).replace("\n", "\n> "))
            if b.name or b.role:
                out += [">", "> — " + ", ".join(x for x in (f"**{e(b.name)}**" if b.name else None,
                                                           e(b.role) if b.role else None) if x)]
        elif b.kind == "heading":
            out.append(f"### {e(b.text)}")
        elif b.kind == "reported":
            who = ", ".join(e(x) for x in (b.name, b.role) if x)
            out.append(f"{e(b.text)} *(reported speech{': ' + who if who else ''})*")
        else:
            out.append(e(b.text))
        out.append("")
    if brief.entities:
        out += ["## Entities", ""] + [f"- {e(kind)}: {e(name)}" for kind, name in _entity_lines(brief)] + [""]
    if brief.events or brief.story:
        out += ["## Events", ""] + [f"- {e(line)}" for line in _story_line(brief) + _event_lines(brief)] + [""]
    if brief.notes:
        out += ["## Notes", ""] + [f"- {e(n)}" for n in brief.notes] + [""]
    return "\n".join(out).rstrip() + "\n"


_CSS = (
    "body{font:17px/1.5 Georgia,serif;max-width:44em;margin:2em auto;padding:0 1em;color:#222}"
    ".meta{color:#666}.lead{font-size:1.1em;font-weight:bold}"
    "figure.quotation{margin:1.2em 0}blockquote{margin:0;font-style:italic}"
    "figcaption .name{display:block;font-weight:bold}figcaption .role{display:block;color:#666}"
    ".reported-mark{color:#666;font-size:.9em}"
)


def _html(brief: Brief, layout: Layout) -> str:
    date, title, outlet = header(brief, layout)

    def e(text: str) -> str:
        return html.escape(text, quote=True)

    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<article>",
        "<header>",
        f"<h1>{e(title)}</h1>",
        f'<p class="meta"><time>{e(date)}</time> · Source: <span class="outlet">{e(outlet)}</span></p>',
        "</header>",
    ]
    if brief.lead:
        out.append(f'<p class="lead">{e(" ".join(p.text for p in brief.lead))}</p>')
    if brief.points:
        out += ['<section class="points">', "<h2>Points of attention</h2>", "<ul>"]
        out += [f'<li class="point {e(p.kind)}">{e(p.text)}</li>' for p in brief.points]
        out += ["</ul>", "</section>"]
    out.append('<section class="body">')
    for b in body_blocks(brief, layout):
        if b.kind == "quotation":
            if b.narrative:
                out.append(f"<p>{e(b.narrative)}</p>")
            out += ['<figure class="quotation">', f"<blockquote><p>{e(b.text)}</p></blockquote>"]
            if b.name or b.role:
                card = "".join(
                    f'<span class="{cls}">{e(v)}</span>' for cls, v in (("name", b.name), ("role", b.role)) if v
                )
                out.append(f'<figcaption class="speaker-card">{card}</figcaption>')
            out.append("</figure>")
        elif b.kind == "heading":
            out.append(f"<h3>{e(b.text)}</h3>")
        elif b.kind == "reported":
            who = ", ".join(x for x in (b.name, b.role) if x)
            mark = f'<span class="reported-mark">(reported speech{": " + e(who) if who else ""})</span>'
            out.append(f'<p class="reported">{e(b.text)} {mark}</p>')
        else:
            out.append(f"<p>{e(b.text)}</p>")
    out.append("</section>")
    if brief.entities:
        out += ['<section class="entities">', "<h2>Entities</h2>", "<ul>"]
        out += [f'<li><span class="type">{e(kind)}</span> {e(name)}</li>' for kind, name in _entity_lines(brief)]
        out += ["</ul>", "</section>"]
    if brief.events or brief.story:
        out += ['<section class="events">', "<h2>Events</h2>", "<ul>"]
        out += [f'<li class="story">{e(line)}</li>' for line in _story_line(brief)]
        out += [f"<li>{e(line)}</li>" for line in _event_lines(brief)]
        out += ["</ul>", "</section>"]
    if brief.notes:
        out += ['<section class="notes">', "<h2>Notes</h2>", "<ul>"]
        out += [f"<li>{e(n)}</li>" for n in brief.notes]
        out += ["</ul>", "</section>"]
    out += ["</article>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
