"""Opening the store and writing briefs into it.

``Store.add(brief)`` writes one article and everything extracted from it in one transaction: the article row, its
near-duplicate cluster, its speakers (resolved across articles), quotes, entities, events, the full-text index rows
and the echoes of its quotations. A process killed at any point leaves either all of it or none of it (SQLite's
journal, WAL mode), and ``ingest`` run again skips what is stored and writes the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from newsbrief import echoes
from newsbrief.errors import StoreError
from newsbrief.model import Brief
from newsbrief.store import dedup, schema, speakers

log = logging.getLogger(__name__)

# How long a writer waits for another writer (``watch`` and ``serve --writable`` may share a file).
BUSY_TIMEOUT_MS = 10_000

WRITER_CACHE_KIB = 65_536
CHECKPOINT_PAGES = 10_000

AddStatus = Literal["stored", "duplicate"]


@dataclass(frozen=True)
class AddResult:
    """What ``Store.add`` did: ``stored``, or ``duplicate`` of an article already stored (same id or same text)."""

    status: AddStatus
    article_id: str
    cluster_id: int | None = None
    near_duplicate_of: str | None = None  # another outlet's version of the same story, when there is one
    echoes: int = 0


def connect(path: str | Path, readonly: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL journal, foreign keys on."""
    path = Path(path)
    try:
        if readonly:
            if not path.exists():
                raise StoreError(f"{path}: no such store (create it with: newsbrief ingest SOURCES --db {path})")
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                   check_same_thread=False)
        else:
            if path.parent and not path.parent.exists():
                raise StoreError(f"{path}: the folder {path.parent} does not exist")
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode: a power cut may lose the last commits, never corrupt the file or half-write one.
            conn.execute("PRAGMA synchronous=NORMAL")
            # A writer touches a few dozen pages of the large indexes per article (echo keys, MinHash bands, full
            # text): a 64 MiB page cache keeps the hot ones, and a checkpoint every 10,000 pages (40 MiB of WAL)
            # rather than 1,000 pays the checkpoint's fsyncs ten times less often and writes a page dirtied by
            # several articles once (benchmarks/store_scale.py).
            conn.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KIB}")
            conn.execute(f"PRAGMA wal_autocheckpoint={CHECKPOINT_PAGES}")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.row_factory = sqlite3.Row
        return conn
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{path}: cannot open as a SQLite store: {err}") from err


class Store:
    """One SQLite file of briefs. ``Store(path)`` creates and migrates it; ``readonly=True`` only reads."""

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.conn = connect(self.path, readonly=readonly)
        try:
            if readonly:
                version = schema.current_version(self.conn)
                if version < schema.LATEST_VERSION or schema.missing_versions(self.conn):
                    # An older store is brought up to date once (schema only, in transactions), then read.
                    self.conn.close()
                    self._migrate_then_reopen(version)
            else:
                schema.migrate(self.conn)
        except sqlite3.DatabaseError as err:
            self.conn.close()
            raise StoreError(f"{self.path}: not a newsbrief store ({err})") from err
        except StoreError:
            self.conn.close()
            raise

    def _migrate_then_reopen(self, version: int) -> None:
        log.info("%s: migrating the store from schema version %d to %d", self.path, version, schema.LATEST_VERSION)
        try:
            Store(self.path).close()
        except (StoreError, sqlite3.DatabaseError) as err:
            raise StoreError(
                f"{self.path}: store is at schema version {version}, this newsbrief needs {schema.LATEST_VERSION}, "
                f"and it could not be migrated: {err}"
            ) from err
        self.conn = connect(self.path, readonly=True)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Reading -------------------------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def brief(self, article_id: str) -> Brief | None:
        row = self.conn.execute("SELECT brief_json FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Brief.from_dict(json.loads(row[0])) if row else None

    def count(self, table: str = "articles") -> int:
        if table not in ("articles", "quotes", "speakers", "entities", "events", "clusters", "echoes"):
            raise StoreError(f"no table {table!r} to count")
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    # Writing -------------------------------------------------------------------------------------------------

    def add(self, brief: Brief) -> AddResult:
        """Store one brief, all or nothing; a brief already stored (same id or same text) is not written again."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only; cannot store {brief.article.origin or brief.article.id}")
        article = brief.article
        text_hash = dedup.content_hash(article.text)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            raise StoreError(f"{self.path}: cannot write: {err}") from err
        try:
            existing = self.conn.execute(
                "SELECT id FROM articles WHERE id = ? OR content_hash = ?", (article.id, text_hash)
            ).fetchone()
            if existing:
                self.conn.execute("ROLLBACK")
                return AddResult("duplicate", existing[0])
            result = self._write(brief, text_hash)
            self.conn.execute("COMMIT")
            return result
        except BaseException as err:
            self.conn.execute("ROLLBACK")
            if isinstance(err, sqlite3.DatabaseError):
                origin = article.origin or article.url or article.id
                raise StoreError(f"{self.path}: could not store {origin}: {err}") from err
            raise

    def _write(self, brief: Brief, text_hash: str) -> AddResult:
        a = brief.article
        published = a.published.isoformat() if a.published else None
        lead = " ".join(p.text for p in brief.lead) or None
        sig = dedup.signature(a.text)
        match = dedup.find_near_duplicate(self.conn, sig)
        cur = self.conn.execute(
            "INSERT INTO articles (id, url, source, title, published, language, text, content_hash, lead, "
            "quote_count, event_count, brief_json, ingested_at, story_type, story_margin, story_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                a.id, a.url, a.source, a.title, published, a.language, a.text, text_hash, lead,
                len(brief.quotes), len(brief.events), json.dumps(brief.to_dict(), ensure_ascii=False),
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                *((brief.story.type, brief.story.margin, brief.story.by) if brief.story else (None, None, None)),
            ),
        )
        seq = int(cur.lastrowid or 0)
        if match:
            cluster_id = match.cluster_id
            self.conn.execute("UPDATE clusters SET size = size + 1 WHERE id = ?", (cluster_id,))
        else:
            cluster_id = int(
                self.conn.execute(
                    "INSERT INTO clusters (first_article, title) VALUES (?, ?)", (a.id, a.title)
                ).lastrowid or 0
            )
        self.conn.execute("UPDATE articles SET cluster_id = ? WHERE seq = ?", (cluster_id, seq))
        dedup.index_signature(self.conn, seq, sig)
        self.conn.execute(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)", (seq, a.title or "", a.text)
        )

        # Speakers: the brief's own ids mapped to the store's people.
        local_to_global: dict[str, str] = {}
        for s in brief.speakers:
            global_id = speakers.resolve_speaker(self.conn, s.name, s.role, s.country, published)
            if global_id is None:
                continue
            local_to_global[s.id] = global_id
            self.conn.execute(
                "INSERT OR REPLACE INTO article_speakers (article_id, local_id, speaker_id, name, role, country) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (a.id, s.id, global_id, s.name, s.role, s.country),
            )
        # A merge while resolving a later speaker may have renamed an earlier one's row: read the mapping back.
        for local_id, global_id in self.conn.execute(
            "SELECT local_id, speaker_id FROM article_speakers WHERE article_id = ?", (a.id,)
        ):
            local_to_global[local_id] = global_id

        quote_ids: list[int] = []
        for i, q in enumerate(brief.quotes):
            speaker = brief.speaker(q.speaker_id)
            name = speaker.name if speaker else (q.speaker_mention.text if q.speaker_mention else None)
            qcur = self.conn.execute(
                'INSERT INTO quotes (article_id, idx, speaker_id, speaker_name, kind, content, start, "end", cue, '
                "confidence, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    a.id, i, local_to_global.get(q.speaker_id or ""), name, q.kind, q.text,
                    q.content.start, q.content.end, q.cue.text if q.cue else None, q.confidence, published,
                ),
            )
            quote_id = int(qcur.lastrowid or 0)
            quote_ids.append(quote_id)
            self.conn.execute(
                "INSERT INTO quotes_fts (rowid, content, speaker_name) VALUES (?, ?, ?)", (quote_id, q.text, name),
            )
        self.conn.executemany(
            "INSERT INTO entities (article_id, idx, entity_id, name, type, code, mentions) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(a.id, i, e.id, e.name, e.type, e.code, len(e.mentions)) for i, e in enumerate(brief.entities)],
        )
        for i, ev in enumerate(brief.events):
            date = ev.date.isoformat() if ev.date else published
            self.conn.execute(
                "INSERT INTO events (article_id, idx, type, mode, quad, intensity, date, source_name, source_country, "
                "source_sector, target_name, target_country, target_sector, sentence, sentence_start, quote_id, "
                "conditional, status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    a.id, i, ev.type, ev.mode, _quad(ev.type), ev.intensity, date,
                    ev.source.name, ev.source.country, ev.source.sector,
                    ev.target.name if ev.target else None, ev.target.country if ev.target else None,
                    ev.target.sector if ev.target else None,
                    ev.sentence.text, ev.sentence.start,
                    quote_ids[ev.quote_index] if ev.quote_index is not None and ev.quote_index < len(quote_ids)
                    else None,
                    int(ev.conditional), ev.status,
                ),
            )
        found = echoes.link_echoes(self.conn, quote_ids)
        return AddResult(
            "stored", a.id, cluster_id, match.article_id if match else None, echoes=len(found)
        )


def _quad(event_type: str) -> str | None:
    from newsbrief.model import quad_class

    try:
        return quad_class(event_type)
    except KeyError:
        return None
