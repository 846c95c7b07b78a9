"""The SQLite store of briefs: schema and migrations, writing, near-duplicates, speakers, search, export.

    >>> from newsbrief.store import Store
    >>> with Store("news.db") as store:
    ...     store.add(brief)
"""

from __future__ import annotations

from newsbrief.store.db import AddResult, Store, connect
from newsbrief.store.ingest import IngestSummary, ingest

__all__ = ["AddResult", "IngestSummary", "Store", "connect", "ingest"]
