"""Block quotations and the lines that are never quotations (headline, headings, bullets, speaker cards).

1. A speaker card: short lines at the end of a paragraph (or a paragraph of its own) holding the speaker's name,
   often twice, then the role ("Shigeru Ishiba / Shigeru Ishiba / Prime Minister of Japan"). The text before it,
   with no quotation marks, is a block quotation by that speaker.
2. An announced block: a paragraph with no marks right after a sentence that announces it ("X told reporters:",
   "The minister said on Friday that ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from newsbrief.quotes.cues import announcing_cue, noun_phrase
from newsbrief.quotes.direct import Found

# A card line is short and is not a sentence: at most this many words (longest role lines seen in our test
# articles: "Minister for Foreign Affairs of the Republic of Korea", 9 words).
CARD_LINE_MAX_WORDS = 10
# A headline or heading is one line of at most this many words.
HEADING_MAX_WORDS = 25
_BULLET = re.compile(r"^\s*(?:[\u2022\u25aa\u25cf*\u2013\u2014-]|\d+[.)])\s+")
_MARKS = re.compile(r"[\"\u201c\u201d\u00ab\u00bb]|``|''")
_SENTENCE_END = re.compile(r"[.!?\u2026][\"\u201d\u2019')]*$")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'\u2019.-]*|de|da|van|von|bin|al|la|le|du)$")
# Words that make a card line a role rather than a name.
ROLE_WORDS = frozenset(
    {
        "president", "minister", "secretary", "chancellor", "senator", "governor", "mayor", "chief", "director",
        "spokesperson", "spokesman", "spokeswoman", "ambassador", "general", "admiral", "commissioner", "chair",
        "chairman", "chairwoman", "ceo", "leader", "king", "queen", "prince", "emir", "sheikh", "premier",
        "representative", "deputy", "head", "member", "of", "for", "the", "and", "adviser", "advisor", "analyst",
        "professor", "nominee", "candidate", "candidates", "party",
    }
)


@dataclass(frozen=True)
class Card:
    """A speaker card: where it lies, the name line(s) and the role line."""

    start: int
    end: int
    name: tuple[int, int]
    role: tuple[int, int] | None


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for line in text[start:end].split("\n"):
        s = pos + (len(line) - len(line.lstrip()))
        e = pos + len(line.rstrip())
        if e > s:
            out.append((s, e))
        pos += len(line) + 1
    return out


def _is_card_line(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= CARD_LINE_MAX_WORDS
        and not _SENTENCE_END.search(line)
        and not _MARKS.search(line)
        and not _BULLET.match(line)
        and line[0].isupper()
    )


def _is_name_line(line: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= 5
        and all(_NAME_WORD.match(w) for w in words)
        and not any(w.lower().strip(",") in ROLE_WORDS for w in words)
    )


def find_card(text: str, start: int, end: int) -> tuple[int, Card] | None:
    """The speaker card closing the paragraph [start, end), and where the text before it ends."""
    lines = _lines(text, start, end)
    n = len(lines)
    k = n
    while k > 0 and _is_card_line(text[lines[k - 1][0] : lines[k - 1][1]]):
        k -= 1
    card_lines = lines[k:]
    if not card_lines:
        return None
    names = [ln for ln in card_lines if _is_name_line(text[ln[0] : ln[1]])]
    if not names or not _is_name_line(text[card_lines[0][0] : card_lines[0][1]]):
        return None
    # A card is a name line with a role line, or the name twice; one lone capitalised line is a heading.
    roles = [ln for ln in card_lines if ln not in names]
    if len(card_lines) < 2:
        return None
    role = (roles[0][0], roles[-1][1]) if roles else None
    before_end = lines[k - 1][1] if k > 0 else start
    return before_end, Card(card_lines[0][0], card_lines[-1][1], names[0], role)


def is_heading(text: str, start: int, end: int) -> bool:
    """A one-line paragraph of a few words with no sentence end: a headline, a heading, a dateline."""
    para = text[start:end]
    return "\n" not in para.strip() and len(para.split()) <= HEADING_MAX_WORDS and not _SENTENCE_END.search(para)


def is_bullet(text: str, start: int, end: int) -> bool:
    return bool(_BULLET.match(text[start:end]))


def has_marks(text: str, start: int, end: int) -> bool:
    return bool(_MARKS.search(text[start:end]))


def _announcement(doc: Doc, p_start: int, p_end: int) -> Found | None:
    announced = announcing_cue(doc, p_start, p_end)
    if announced is None:
        return None
    cue, speaker_tok = announced
    speaker = noun_phrase(speaker_tok) if speaker_tok is not None else None
    return Found.by_cue(0, 0, "block", cue, speaker, speaker_tok, rule="announced-block")


def find_blocks(
    text: str, doc: Doc, paragraphs: tuple[tuple[int, int], ...], structure: list[tuple[int, int]] | None = None
) -> tuple[list[Found], list[Card], list[tuple[int, int]]]:
    """Block quotations, speaker cards, and the ranges that are no quotation (cards, headings, bullets).

    ``structure`` is what the article's layout (``newsbrief.layout``) knows is no body prose: the header, a
    brief's lead, its "Points of attention" heading and bullets, a rendered brief's closing lists; a paragraph made
    only of those lines is neither a quotation nor a card.
    """
    blocks: list[Found] = []
    cards: list[Card] = []
    excluded: list[tuple[int, int]] = list(structure or ())

    def is_structure(s: int, e: int) -> bool:
        # A bullet's range leaves out its marker: a line is structure when a range runs to its end.
        return any(a < e and s < b and e <= b for a, b in structure or ())

    for i, (p_start, p_end) in enumerate(paragraphs):
        if structure and all(is_structure(s, e) for s, e in _lines(text, p_start, p_end)):
            continue
        if is_bullet(text, p_start, p_end) or is_heading(text, p_start, p_end):
            excluded.append((p_start, p_end))
            continue
        lines = _lines(text, p_start, p_end)
        if len(lines) > 1 and any(is_bullet(text, s, e) for s, e in lines):
            # A list (a brief's points of attention): its heading and bullets are no quotations.
            excluded.append((p_start, p_end))
            continue
        found_card = find_card(text, p_start, p_end)
        if found_card is not None:
            before_end, card = found_card
            cards.append(card)
            excluded.append((card.start, card.end))
            if before_end > p_start:
                q_start, q_end = p_start, before_end
            elif i > 0:
                q_start, q_end = paragraphs[i - 1]
            else:
                continue
            if not has_marks(text, q_start, q_end):
                blocks.append(Found(q_start, q_end, "block", card.name, None, confidence=0.95, rule="card-block"))
            continue
        if i > 0 and not has_marks(text, p_start, p_end):
            ann = _announcement(doc, *paragraphs[i - 1])
            if ann is not None:
                ann.start, ann.end = p_start, p_end
                ann.confidence = 0.9
                blocks.append(ann)
    return blocks, cards, excluded
