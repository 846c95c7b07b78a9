"""One JSON Lines record per quotation, the same whether it comes from a brief or from a store.

``newsbrief quotes FILE --jsonl`` and ``newsbrief quotes --db FILE --jsonl`` print these records, and
``newsbrief.to_pandas(..., table="quotes")`` makes its rows of them, so a pipe or a notebook reads one shape:

    {"quote_id": 12 | null, "article": <origin or url or id>, "article_id", "title", "source", "url", "published",
     "kind": "direct" | "block" | "indirect", "content": {"start", "end", "text"},
     "speaker": {"id", "name", "role", "country"} | null, "speaker_mention": {"start", "end", "text"} | null,
     "cue": {"start", "end", "text"} | null, "confidence", "echoes": [...]}

A store keeps a quotation's offsets but not its mention's nor its cue's: there ``speaker_mention`` is null and
the cue has its text with null offsets. ``quote_id`` and ``echoes`` (earlier statements it repeats) exist only in
a store; from a brief they are null and empty.
"""

from __future__ import annotations

from typing import Any

from newsbrief.model import Article, Quote, Speaker

FIELDS = (
    "quote_id", "article", "article_id", "title", "source", "url", "published", "kind", "content", "speaker",
    "speaker_mention", "cue", "confidence", "echoes",
)


def _speaker(speaker: Speaker | None) -> dict[str, Any] | None:
    if speaker is None:
        return None
    return {"id": speaker.id, "name": speaker.name, "role": speaker.role, "country": speaker.country}


def from_brief(article: Article, quote: Quote, speaker: Speaker | None) -> dict[str, Any]:
    """The record of a quotation of a brief (or of the quotes stage's output)."""
    return {
        "quote_id": None,
        "article": article.origin or article.url or article.id,
        "article_id": article.id,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "kind": quote.kind,
        "content": quote.content.to_dict(),
        "speaker": _speaker(speaker),
        "speaker_mention": quote.speaker_mention.to_dict() if quote.speaker_mention else None,
        "cue": quote.cue.to_dict() if quote.cue else None,
        "confidence": quote.confidence,
        "echoes": [],
    }


def from_store(row: dict[str, Any]) -> dict[str, Any]:
    """The record of a row of ``store.queries.search_quotes``."""
    speaker = None
    if row.get("speaker_id") or row.get("speaker"):
        speaker = {"id": row.get("speaker_id"), "name": row.get("speaker"), "role": row.get("role"),
                   "country": row.get("country")}
    return {
        "quote_id": row["id"],
        "article": row.get("url") or row["article_id"],
        "article_id": row["article_id"],
        "title": row.get("title"),
        "source": row.get("source"),
        "url": row.get("url"),
        "published": row.get("published"),
        "kind": row["kind"],
        "content": {"start": row.get("start"), "end": row.get("end"), "text": row["content"]},
        "speaker": speaker,
        "speaker_mention": None,
        "cue": {"start": None, "end": None, "text": row["cue"]} if row.get("cue") else None,
        "confidence": row.get("confidence"),
        "echoes": row.get("echoes", []),
    }
