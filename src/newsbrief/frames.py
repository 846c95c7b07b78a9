"""Briefs and stores as pandas DataFrames, for notebooks: ``newsbrief.to_pandas(source, table="quotes")``.

``source`` is an iterable of ``Brief`` objects, a ``Store``, or the path of a store file. The tables are the
store's export tables (``quotes``, ``articles``, ``speakers``, ``entities``, ``events``, ``echoes``; see
``newsbrief.store.export``); from briefs, ``quotes`` has the columns of one quotation record
(``newsbrief.quote_records``) flattened (``speaker.name`` becomes ``speaker_name``), and ``events``,
``speakers`` and ``entities`` one row per record with the article's id. Date columns are pandas datetimes.

pandas is an optional extra: ``pip install 'newsbrief[pandas]'``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsbrief.errors import NewsbriefError
from newsbrief.model import Brief

if TYPE_CHECKING:
    import pandas as pd

    from newsbrief.store import Store

TABLES = ("quotes", "articles", "speakers", "entities", "events", "echoes")
BRIEF_TABLES = ("quotes", "articles", "speakers", "entities", "events")
_DATE_COLUMNS = ("published", "date", "first_seen", "last_seen", "ingested_at")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as err:
        raise NewsbriefError("to_pandas needs pandas: pip install 'newsbrief[pandas]'") from err
    return pandas


def _flat(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat(value, f"{name}_"))
        else:
            out[name] = value
    return out


def _brief_rows(briefs: Iterable[Brief], table: str) -> list[dict[str, Any]]:
    from newsbrief import quote_records

    rows: list[dict[str, Any]] = []
    for b in briefs:
        a = b.article
        if table == "quotes":
            rows += [_flat(quote_records.from_brief(a, q, b.speaker(q.speaker_id))) for q in b.quotes]
        elif table == "articles":
            rows.append({"id": a.id, "url": a.url, "source": a.source, "title": a.title,
                         "published": a.published.isoformat() if a.published else None, "language": a.language,
                         "lead": " ".join(p.text for p in b.lead), "quote_count": len(b.quotes),
                         "event_count": len(b.events)})
        else:
            records = {"speakers": b.speakers, "entities": b.entities, "events": b.events}[table]
            for r in records:
                row = _flat(r.to_dict())
                row["article_id"] = a.id
                rows.append(row)
    return rows


def to_pandas(source: Iterable[Brief] | Store | str | Path, table: str = "quotes") -> pd.DataFrame:
    """One table of briefs or of a store as a DataFrame (see the module's docstring)."""
    pandas = _pandas()
    from newsbrief.store import Store

    if isinstance(source, (str, Path)):
        with Store(source, readonly=True) as store:
            return to_pandas(store, table)
    if isinstance(source, Store):
        from newsbrief.store.export import TABLES as SQL
        from newsbrief.store.export import rows

        if table not in TABLES:
            raise NewsbriefError(f"no table {table!r}; choose one of {', '.join(TABLES)}")
        cur = source.conn.execute(f"SELECT * FROM ({SQL[table]}) LIMIT 0")
        frame = pandas.DataFrame(list(rows(source.conn, table)), columns=[d[0] for d in cur.description])
    else:
        if table not in BRIEF_TABLES:
            raise NewsbriefError(f"no table {table!r} in briefs; choose one of {', '.join(BRIEF_TABLES)}")
        frame = pandas.DataFrame(_brief_rows(source, table))
    for column in _DATE_COLUMNS:
        if column in frame.columns:
            frame[column] = pandas.to_datetime(frame[column], errors="coerce", utc=column == "ingested_at")
    return frame

