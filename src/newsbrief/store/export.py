"""Exporting the store: one table at a time, as JSON Lines, CSV or Parquet.

``quotes`` is the flat table analysts ask for (who said what, where and when); ``articles`` carries the whole brief
(``brief`` as a JSON object in JSONL, as a JSON string in CSV and Parquet).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsbrief.errors import StoreError

FORMATS = ("jsonl", "csv", "parquet")

TABLES: dict[str, str] = {
    "quotes": (
        "SELECT q.id, q.article_id, a.title, a.source, a.url, q.published, q.speaker_id, "
        "COALESCE(s.name, q.speaker_name) AS speaker, s.role, s.country, q.kind, q.content, q.cue, q.start, "
        'q."end", q.confidence FROM quotes q JOIN articles a ON a.id = q.article_id '
        "LEFT JOIN speakers s ON s.id = q.speaker_id ORDER BY q.id"
    ),
    "articles": (
        "SELECT id, url, source, title, published, language, cluster_id, lead, quote_count, event_count, "
        "story_type, story_margin, story_by, ingested_at, brief_json AS brief FROM articles ORDER BY seq"
    ),
    "speakers": "SELECT id, name, role, country, first_seen, last_seen FROM speakers ORDER BY id",
    "entities": "SELECT article_id, idx, entity_id, name, type, code, mentions FROM entities ORDER BY article_id, idx",
    "events": (
        "SELECT id, article_id, type, mode, quad, intensity, date, source_name, source_country, source_sector, "
        "target_name, target_country, target_sector, sentence, quote_id, conditional, status FROM events ORDER BY id"
    ),
    "echoes": "SELECT quote_id, earlier_quote_id, similarity FROM echoes ORDER BY quote_id",
}


def rows(conn: sqlite3.Connection, table: str) -> Iterator[dict[str, Any]]:
    if table not in TABLES:
        raise StoreError(f"cannot export {table!r}; choose one of {', '.join(TABLES)}")
    cur = conn.execute(TABLES[table])
    names = [d[0] for d in cur.description]
    for row in cur:
        yield dict(zip(names, row, strict=True))


def export(conn: sqlite3.Connection, table: str, fmt: str, out: IO[str] | Path) -> int:
    """Write ``table`` to ``out`` (a text stream, or a path for Parquet); returns the number of rows."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise StoreError("Parquet is binary: give a file with --output")
        return _parquet(conn, table, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            return export(conn, table, fmt, fh)
    n = 0
    writer: csv.DictWriter[str] | None = None
    for row in rows(conn, table):
        if fmt == "jsonl":
            if table == "articles":
                row["brief"] = json.loads(row["brief"])
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
        n += 1
    if fmt == "csv" and writer is None:
        # An empty table still gets its header, so a reader knows the columns.
        cur = conn.execute(TABLES[table] + " LIMIT 0")
        csv.writer(out).writerow([d[0] for d in cur.description])
    return n


# Parquet column types: every column typed the same whatever the rows hold (an empty ``url`` column stays a
# string, not null); dates and timestamps as such, not strings.
_DATES = frozenset({"published", "date", "first_seen", "last_seen"})
_TIMESTAMPS = frozenset({"ingested_at"})
_INTEGERS = frozenset({"idx", "start", "end", "quote_count", "event_count", "quote_id", "earlier_quote_id"})
_FLOATS = frozenset({"confidence", "intensity", "similarity", "story_margin"})
_BOOLEANS = frozenset({"conditional"})


def _arrow_column(name: str, table: str, values: list[Any]) -> Any:
    import datetime as dt

    import pyarrow as pa

    def parsed(convert: Any) -> list[Any]:
        out = []
        for v in values:
            try:
                out.append(convert(v) if v not in (None, "") else None)
            except ValueError:
                out.append(None)  # a malformed stored date is a missing one, not a failed export
        return out

    if name in _DATES:
        return pa.array(parsed(lambda v: dt.date.fromisoformat(str(v)[:10])), pa.date32())
    if name in _TIMESTAMPS:
        return pa.array(parsed(lambda v: dt.datetime.fromisoformat(str(v))), pa.timestamp("s", tz="UTC"))
    if name in _INTEGERS or (name == "id" and table in ("quotes", "events")):
        return pa.array(values, pa.int64())
    if name in _FLOATS:
        return pa.array(values, pa.float64())
    if name in _BOOLEANS:
        return pa.array([None if v is None else bool(v) for v in values], pa.bool_())
    return pa.array([None if v is None else str(v) for v in values], pa.string())


def _parquet(conn: sqlite3.Connection, table: str, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cur = conn.execute(TABLES[table] + " LIMIT 0")
    names = [d[0] for d in cur.description]
    data = list(rows(conn, table))
    columns = {name: _arrow_column(name, table, [r[name] for r in data]) for name in names}
    pq.write_table(pa.table(columns), path)
    return len(data)


def to_string(conn: sqlite3.Connection, table: str, fmt: str) -> str:
    buf = io.StringIO()
    export(conn, table, fmt, buf)
    return buf.getvalue()
