"""What the web server does about clients it cannot trust: bounded search queries.

docs/security.md gives the threat model and every limit with its setting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The most distinct words a full-text search runs with. A reader's query is two to five words; each further word
# (above all the same common word repeated: FTS5's snippet() costs grow with the square of repeated terms) makes the
# search slower for every other reader of the server. 12 leaves room for a pasted headline.
MAX_QUERY_TERMS = 12
# The longest word kept in a query: no word of any language runs to 60 characters; a longer one is noise.
MAX_TERM_CHARS = 60

# The response header that says how a query was cut (the search page says it in words too).
QUERY_CUT_HEADER = "X-Query-Cut"

_WORD = re.compile(r"[\w*'’]+")


@dataclass(frozen=True)
class BoundedQuery:
    """A search query as it is run, and, when it was cut, what was left out (for the response to say)."""

    text: str | None
    cut: str | None = None


def bound_query(query: str | None) -> BoundedQuery:
    """The query with each word once (case-folded), no word already covered by a prefix (``gov*`` covers
    ``government``), and at most MAX_QUERY_TERMS words of at most MAX_TERM_CHARS characters."""
    if not query:
        return BoundedQuery(query)
    words: list[str] = []
    seen: set[str] = set()
    too_long = 0
    for raw in _WORD.findall(query):
        word = raw.casefold()
        bare = word.strip("*'’")
        if not bare:
            continue
        if len(bare) > MAX_TERM_CHARS:
            too_long += 1
            continue
        if word not in seen:
            seen.add(word)
            words.append(word)
    # Every word must appear, so a prefix that another word of the query starts with (``gov*`` beside
    # ``government``) selects nothing more; it and repeats change no result and are dropped without a note.
    # Distinct words past the cap, and overlong ones, do change it, and are said.
    kept = [w for w in words if not _implied(w, words)]
    reasons = []
    if len(kept) > MAX_QUERY_TERMS:
        reasons.append(f"only the first {MAX_QUERY_TERMS} of {len(kept)} distinct words were searched")
        kept = kept[:MAX_QUERY_TERMS]
    if too_long:
        reasons.append(f"{too_long} word{'s' if too_long > 1 else ''} over {MAX_TERM_CHARS} characters left out")
    return BoundedQuery(" ".join(kept), "; ".join(reasons) or None)


def _implied(word: str, words: list[str]) -> bool:
    """True when ``word`` is a prefix (``gov*``) that another word of the query already satisfies."""
    if not word.endswith("*"):
        return False
    stem = word.strip("*'’")
    return any(other != word and other.strip("*'’").startswith(stem) for other in words)
