"""The store's tables, as numbered migrations recorded in the database itself.

Each migration is a list of statements run inside one transaction together with the row that records it in
``migrations``, so a database is always at a whole version: a crash mid-migration leaves the previous version.
Append new migrations; never edit one that has shipped.

The tables are meant to be read in any SQLite tool (the sqlite3 shell, datasette, sqlite-utils):

- ``articles``: one row per stored article, with its ``brief_json`` (the whole Brief, to re-render it) and its
  story event (``story_type``, ``story_margin``, ``story_by``: the PLOVER type the article as a whole reports);
- ``clusters``: near-duplicate stories from several outlets; ``articles.cluster_id`` points here;
- ``speakers``: one row per person across articles; ``article_speakers`` maps each brief's speakers to them;
- ``quotes``, ``entities``, ``events``: what the pipeline extracted, one row each (``events.conditional`` is 1 for
  a threat or promise made on a condition);
- ``echoes``: a quotation and an earlier, nearly identical quotation by the same speaker;
- ``quote_terms``, ``echo_bands``: each quotation's bag of content words and its MinHash keys, the index behind echoes;
- ``quotes_fts``, ``articles_fts``: FTS5 indexes over ``quotes`` and ``articles`` (external content: the text is kept
  once, in its table; rowid = ``quotes.id`` / ``articles.seq``), which datasette and sqlite-utils find by themselves;
- ``minhash``, ``minhash_bands``: the signatures and LSH bands behind near-duplicate clustering;
- ``feeds``: what ``newsbrief watch`` remembers of each feed (ETag, Last-Modified);
- ``migrations``: the versions applied.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

# A step of a migration: an SQL statement, or a function for what SQL cannot compute (run in the same transaction).
Step = str | Callable[[sqlite3.Connection], object]

MIGRATIONS: tuple[tuple[int, str, tuple[Step, ...]], ...] = (
    (
        1,
        "articles, speakers, quotes, entities, events, clusters, full-text search",
        (
            """CREATE TABLE clusters (
                id INTEGER PRIMARY KEY,
                first_article TEXT NOT NULL,
                title TEXT,
                size INTEGER NOT NULL DEFAULT 1
            )""",
            """CREATE TABLE articles (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                url TEXT,
                source TEXT,
                title TEXT,
                published TEXT,
                language TEXT,
                text TEXT NOT NULL,
                content_hash TEXT NOT NULL UNIQUE,
                cluster_id INTEGER REFERENCES clusters(id),
                lead TEXT,
                quote_count INTEGER NOT NULL DEFAULT 0,
                event_count INTEGER NOT NULL DEFAULT 0,
                brief_json TEXT NOT NULL,
                ingested_at TEXT NOT NULL
            )""",
            "CREATE INDEX articles_published ON articles(published)",
            "CREATE INDEX articles_cluster ON articles(cluster_id)",
            """CREATE TABLE speakers (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                given TEXT,
                surname TEXT NOT NULL,
                role TEXT,
                country TEXT,
                first_seen TEXT,
                last_seen TEXT
            )""",
            "CREATE INDEX speakers_surname ON speakers(surname)",
            """CREATE TABLE article_speakers (
                article_id TEXT NOT NULL REFERENCES articles(id),
                local_id TEXT NOT NULL,
                speaker_id TEXT NOT NULL REFERENCES speakers(id),
                name TEXT NOT NULL,
                role TEXT,
                country TEXT,
                PRIMARY KEY (article_id, local_id)
            )""",
            "CREATE INDEX article_speakers_speaker ON article_speakers(speaker_id)",
            """CREATE TABLE quotes (
                id INTEGER PRIMARY KEY,
                article_id TEXT NOT NULL REFERENCES articles(id),
                idx INTEGER NOT NULL,
                speaker_id TEXT REFERENCES speakers(id),
                speaker_name TEXT,
                kind TEXT NOT NULL,
                content TEXT NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                cue TEXT,
                confidence REAL,
                published TEXT,
                UNIQUE (article_id, idx)
            )""",
            "CREATE INDEX quotes_speaker ON quotes(speaker_id, published)",
            """CREATE TABLE entities (
                article_id TEXT NOT NULL REFERENCES articles(id),
                idx INTEGER NOT NULL,
                entity_id TEXT NOT NULL,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                code TEXT,
                mentions INTEGER NOT NULL,
                PRIMARY KEY (article_id, idx)
            )""",
            "CREATE INDEX entities_code ON entities(code)",
            """CREATE TABLE events (
                id INTEGER PRIMARY KEY,
                article_id TEXT NOT NULL REFERENCES articles(id),
                idx INTEGER NOT NULL,
                type TEXT NOT NULL,
                mode TEXT,
                quad TEXT,
                intensity REAL NOT NULL,
                date TEXT,
                source_name TEXT,
                source_country TEXT,
                source_sector TEXT,
                target_name TEXT,
                target_country TEXT,
                target_sector TEXT,
                sentence TEXT NOT NULL,
                sentence_start INTEGER NOT NULL,
                quote_id INTEGER REFERENCES quotes(id),
                UNIQUE (article_id, idx)
            )""",
            "CREATE INDEX events_pair ON events(source_country, target_country, date)",
            """CREATE TABLE minhash (
                article_seq INTEGER PRIMARY KEY REFERENCES articles(seq),
                signature BLOB NOT NULL
            )""",
            """CREATE TABLE minhash_bands (
                band INTEGER NOT NULL,
                hash INTEGER NOT NULL,
                article_seq INTEGER NOT NULL
            )""",
            "CREATE INDEX minhash_bands_key ON minhash_bands(band, hash)",
            "CREATE VIRTUAL TABLE quotes_fts USING fts5(content, speaker, tokenize='porter unicode61')",
            "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize='porter unicode61')",
        ),
    ),
    (
        2,
        "echoes between a speaker's quotations; feed state for watch",
        (
            """CREATE TABLE echoes (
                quote_id INTEGER NOT NULL REFERENCES quotes(id),
                earlier_quote_id INTEGER NOT NULL REFERENCES quotes(id),
                similarity REAL NOT NULL,
                PRIMARY KEY (quote_id, earlier_quote_id)
            )""",
            "CREATE INDEX echoes_earlier ON echoes(earlier_quote_id)",
            """CREATE TABLE feeds (
                url TEXT PRIMARY KEY,
                etag TEXT,
                last_modified TEXT,
                last_polled TEXT,
                last_status INTEGER,
                last_error TEXT
            )""",
        ),
    ),
)

MIGRATIONS += (
    (
        3,
        "indexes for newest-first listings and speaker counts",
        (
            "CREATE INDEX articles_newest ON articles(published DESC, seq DESC)",
            "CREATE INDEX quotes_newest ON quotes(published DESC, id DESC)",
            "CREATE INDEX article_speakers_count ON article_speakers(speaker_id, article_id, role, name)",
        ),
    ),
)

MIGRATIONS += (
    (
        4,
        "events said on a condition (threats and promises: 'if they don't pay, ...')",
        (
            "ALTER TABLE events ADD COLUMN conditional INTEGER NOT NULL DEFAULT 0",
            # Briefs stored before this version keep the flag in brief_json when their events were coded with it;
            # read it back from there rather than leave every old event unconditional.
            "UPDATE events SET conditional = COALESCE((SELECT json_extract(a.brief_json, "
            "'$.events[' || events.idx || '].conditional') FROM articles a WHERE a.id = events.article_id), 0) != 0",
        ),
    ),
)

MIGRATIONS += (
    (
        5,
        "the story event of each article (its PLOVER type from headline and lead), to list and search by it",
        (
            "ALTER TABLE articles ADD COLUMN story_type TEXT",
            "ALTER TABLE articles ADD COLUMN story_margin REAL",
            "ALTER TABLE articles ADD COLUMN story_by TEXT",
            # Only briefs made with schema 1.1 have a story: read it back from those, and leave the other rows
            # alone (no rewrite of a large store for nothing). Older articles get one when briefed again.
            "UPDATE articles SET story_type = json_extract(brief_json, '$.story.type'), "
            "story_margin = json_extract(brief_json, '$.story.margin'), "
            "story_by = COALESCE(json_extract(brief_json, '$.story.by'), 'model') "
            "WHERE json_type(brief_json, '$.story') = 'object'",
            "CREATE INDEX articles_story ON articles(story_type, published DESC)",
        ),
    ),
)



def _backfill_echo_index(conn: sqlite3.Connection) -> None:
    from newsbrief import echoes

    echoes.backfill(conn)


MIGRATIONS += (
    (
        6,
        "each event's status: asserted, hypothetical (considered, planned, possible) or negated",
        (
            "ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT 'asserted'",
            # Briefs stored before this version hold no status: their events were all coded as done.
            "UPDATE events SET status = COALESCE((SELECT json_extract(a.brief_json, "
            "'$.events[' || events.idx || '].status') FROM articles a WHERE a.id = events.article_id), 'asserted')",
        ),
    ),
)

# 7, 8 and 9 are the store's growth work; a store that has them and not 6 gets 6 applied when opened (each
# version is looked up on its own in ``migrations``).
MIGRATIONS += (
    (
        7,
        "echoes from an index: each quotation's bag of content words and its MinHash keys, not a scan of the speaker",
        (
            "CREATE TABLE quote_terms (quote_id INTEGER PRIMARY KEY REFERENCES quotes(id), terms TEXT NOT NULL)",
            # One B-tree, no rowid: a key's newest quotations are read in order from the index itself.
            "CREATE TABLE echo_bands (key INTEGER NOT NULL, quote_id INTEGER NOT NULL, PRIMARY KEY (key, quote_id)) "
            "WITHOUT ROWID",
            _backfill_echo_index,
        ),
    ),
)

MIGRATIONS += (
    (
        8,
        "full-text indexes over the tables' own text (FTS5 external content), found by datasette and sqlite-utils",
        (
            # The old indexes kept a second copy of every article's text; these read it from the table.
            "DROP TABLE quotes_fts",
            "DROP TABLE articles_fts",
            "CREATE VIRTUAL TABLE quotes_fts USING fts5(content, speaker_name, content=[quotes], content_rowid=[id], "
            "tokenize='porter unicode61')",
            "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content=[articles], content_rowid=[seq], "
            "tokenize='porter unicode61')",
            "INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')",
            "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
        ),
    ),
)

MIGRATIONS += (
    (
        9,
        "MinHash bands of articles in one B-tree (no rowid table beside the index): half the pages per article",
        (
            "CREATE TABLE minhash_bands_new (band INTEGER NOT NULL, hash INTEGER NOT NULL, "
            "article_seq INTEGER NOT NULL, PRIMARY KEY (band, hash, article_seq)) WITHOUT ROWID",
            "INSERT OR IGNORE INTO minhash_bands_new SELECT band, hash, article_seq FROM minhash_bands",
            "DROP TABLE minhash_bands",
            "ALTER TABLE minhash_bands_new RENAME TO minhash_bands",
        ),
    ),
)

LATEST_VERSION = MIGRATIONS[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    """The highest migration applied; 0 for a new, empty database."""
    has_table = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='migrations'").fetchone()
    if not has_table:
        return 0
    row = conn.execute("SELECT MAX(version) FROM migrations").fetchone()
    return int(row[0] or 0)


def missing_versions(conn: sqlite3.Connection) -> list[int]:
    """Versions below the highest applied that were never applied (6 came after 7, 8 and 9 had shipped)."""
    top = current_version(conn)
    if top == 0:
        return []
    done = {int(r[0]) for r in conn.execute("SELECT version FROM migrations")}
    return [v for v, _, _ in MIGRATIONS if v < top and v not in done]


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> list[int]:
    """Apply the pending migrations up to ``target``, each in its own transaction; returns the versions applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``) so that the transactions here are the only ones.
    """
    applied: list[int] = []
    for version, name, statements in MIGRATIONS:
        if version > target:
            break
        # BEGIN IMMEDIATE takes the write lock first, so two processes opening a new file do not both migrate.
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied_at TEXT NOT NULL)"
            )
            if conn.execute("SELECT 1 FROM migrations WHERE version = ?", (version,)).fetchone():
                conn.execute("COMMIT")
                continue
            for step in statements:
                if isinstance(step, str):
                    conn.execute(step)
                else:
                    step(conn)
            conn.execute(
                "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied
