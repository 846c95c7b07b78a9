"""Reading sources into Articles: plain text, HTML, URLs, RSS/Atom feeds, JSONL, WARC, folders, globs, stdin.

    read_many(sources)          Articles, and an InputError for each bad input or bad record (the batch goes on)
    read(source)                the Articles of one source; raises its InputError
    article_from_string(s)      one Article from plain text or HTML

Modules: ``text`` (plain text and its header), ``html`` (trafilatura), ``url`` (fetching), ``feeds``, ``jsonl``,
``warc``, ``sources`` (which reader reads what), ``common`` (caps, decoding, the Article builder).
docs/ingestion.md lists the formats, the caps and the errors.
"""

from __future__ import annotations

from newsbrief.ingest.common import MAX_ARTICLE_CHARS, MAX_INPUT_BYTES
from newsbrief.ingest.sources import article_from_string, read, read_many

__all__ = ["MAX_ARTICLE_CHARS", "MAX_INPUT_BYTES", "article_from_string", "read", "read_many"]
