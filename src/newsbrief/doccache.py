"""Per-document values that spaCy recomputes on every access, computed once per ``Doc``.

``Doc.text`` joins every token's text on each call, and ``Doc.noun_chunks`` re-walks the parse on each call; a
stage that reads them once per sentence or per mention pays that cost hundreds of times per article (a profile
of 20 PolNeAR dev articles found ``Doc.text`` and ``Doc.noun_chunks`` behind most of the summary's and the
events' time). The values are kept in a ``WeakKeyDictionary``: they live as long as the ``Doc`` and no longer,
and a ``Doc`` is never changed after the parse, so a cached value is never stale.
"""

from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

# (start_char, end_char, text) of a noun chunk: plain values, so scanning them creates no spaCy objects.
Chunk = tuple[int, int, str]

_lock = threading.Lock()
_cache: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


def _entry(doc: Doc) -> dict[str, Any]:
    with _lock:
        entry = _cache.get(doc)
        if entry is None:
            entry = _cache[doc] = {}
        return entry


def text(doc: Doc) -> str:
    """``doc.text``, joined once."""
    entry = _entry(doc)
    if "text" not in entry:
        entry["text"] = doc.text
    return str(entry["text"])


def noun_chunks(doc: Doc) -> list[Chunk]:
    """``doc.noun_chunks`` in spaCy's order, as (start_char, end_char, text), walked once."""
    entry = _entry(doc)
    if "noun_chunks" not in entry:
        entry["noun_chunks"] = [(c.start_char, c.end_char, c.text) for c in doc.noun_chunks]
    chunks: list[Chunk] = entry["noun_chunks"]
    return chunks
