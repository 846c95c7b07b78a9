"""What the store holds over time and across its rows: quotations and events per period, events per quad class,
the busiest country pairs, a list of events by period, quad, type or country, and the facet counts of a search.

Like ``queries``, every function takes a ``sqlite3.Connection`` and returns plain dicts and lists. Dates are the
quotation's (its article's) and the event's (its sentence's, else its article's, as ``queries.relations``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import sqlite3
from collections import defaultdict
from typing import Any

from newsbrief.relations import PERIODS, QUADS, period_of
from newsbrief.store.queries import _article_filter, _dicts, _limit, _quote_filter

# The most periods an overview chart draws: the latest ones; the page says how many it left out.
MAX_PERIODS = 60
# Rows each facet lists (the most frequent values first).
FACET_ROWS = 8
# The most articles whose quoted speakers and named countries a search counts: each article joins a dozen rows of
# entities and events, so counting 8,000 articles took 400 ms on a 10,000-article store (against a 300 ms target
# for the whole page). Past it those two facets are left out, and the page says so.
FACET_JOIN_LIMIT = 2000
# The event's date as the relations index reads it.
EVENT_DATE = "COALESCE(e.date, (SELECT a.published FROM articles a WHERE a.id = e.article_id))"


def period_bounds(period: str) -> tuple[str, str]:
    """The first and last day of a period named by ``relations.period_of`` ("2026-03-14", "2026-W11", "2026-03")."""
    if "-W" in period:
        iso_year, iso_week = period.split("-W")
        first = dt.date.fromisocalendar(int(iso_year), int(iso_week), 1)
        return first.isoformat(), (first + dt.timedelta(days=6)).isoformat()
    if len(period) == 7:
        last = calendar.monthrange(int(period[:4]), int(period[5:]))[1]
        return f"{period}-01", f"{period}-{last:02d}"
    return period, period


def _periods_between(first: str, last: str, by: str) -> list[str]:
    """Every period from the one of ``first`` to the one of ``last`` (empty ones too: a time axis has no gaps)."""
    start, end = dt.date.fromisoformat(first[:10]), dt.date.fromisoformat(last[:10])
    step = {"day": 1, "week": 7, "month": 28}[by]
    out: list[str] = []
    day = start
    while day <= end:
        name = period_of(day, by)
        if not out or out[-1] != name:
            out.append(name)
        day += dt.timedelta(days=step)
    if not out or out[-1] != period_of(end, by):
        out.append(period_of(end, by))
    return out


def timeline(conn: sqlite3.Connection, by: str = "month", max_periods: int = MAX_PERIODS) -> dict[str, Any]:
    """Quotations and asserted events per period, the events split by quad class; the latest ``max_periods``
    periods. ``undated`` counts the rows no period holds."""
    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")
    # Grouped by day in SQL (a few hundred rows), folded into weeks or months here.
    quote_days = conn.execute(
        "SELECT substr(published, 1, 10), COUNT(*) FROM quotes WHERE published IS NOT NULL GROUP BY 1").fetchall()
    event_days = conn.execute(
        f"SELECT substr({EVENT_DATE}, 1, 10) AS day, quad, COUNT(*) FROM events e "
        "WHERE status = 'asserted' AND quad IS NOT NULL GROUP BY day, quad").fetchall()
    quotes: dict[str, int] = defaultdict(int)
    events: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(QUADS, 0))
    undated_events = 0
    days = []
    for day, n in quote_days:
        quotes[period_of(dt.date.fromisoformat(day), by)] += n
        days.append(day)
    for day, quad, n in event_days:
        if day is None:
            undated_events += n
            continue
        events[period_of(dt.date.fromisoformat(day), by)][quad] += n
        days.append(day)
    undated_quotes = int(conn.execute("SELECT COUNT(*) FROM quotes WHERE published IS NULL").fetchone()[0])
    periods = _periods_between(min(days), max(days), by) if days else []
    shown = periods[-max_periods:]
    return {
        "by": by,
        "periods": [{"period": p, "first_day": period_bounds(p)[0], "last_day": period_bounds(p)[1],
                     "quotes": quotes.get(p, 0), "events": dict(events[p]) if p in events else dict.fromkeys(QUADS, 0)}
                    for p in shown],
        "periods_left_out": len(periods) - len(shown),
        "undated_quotes": undated_quotes,
        "undated_events": undated_events,
    }


def busiest_pairs(conn: sqlite3.Connection, limit: int = 10) -> list[dict[str, Any]]:
    """The country pairs with the most asserted events (either direction), with the index (mean intensity) and
    the count per quad class. Every report counts here; the relations page merges reports of one event."""
    rows = conn.execute(
        "SELECT min(source_country, target_country) AS a, max(source_country, target_country) AS b, "
        "COUNT(*) AS events, ROUND(AVG(intensity), 2) AS \"index\", "
        + ", ".join(f"SUM(quad = '{q}') AS \"{q}\"" for q in QUADS) +
        " FROM events WHERE status = 'asserted' AND source_country IS NOT NULL AND target_country IS NOT NULL "
        "AND source_country != target_country GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?",
        (_limit(limit),),
    ).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        d["counts"] = {q: int(d.pop(q) or 0) for q in QUADS}
        out.append(d)
    return out


def _event_filter(since: str | None, until: str | None, quad: str | None, event_type: str | None,
                  country: str | None) -> tuple[str, list[Any]]:
    where, params = ["e.status = 'asserted'"], []
    if since:
        where.append(f"{EVENT_DATE} >= ?")
        params.append(since)
    if until:
        where.append(f"{EVENT_DATE} <= ?")
        params.append(until)
    if quad:
        where.append("e.quad = ?")
        params.append(quad)
    if event_type:
        where.append("e.type = ?")
        params.append(event_type.upper())
    if country:
        where.append("(e.source_country = ? OR e.target_country = ?)")
        params.extend([country.upper()] * 2)
    return " AND ".join(where), params


def list_events(conn: sqlite3.Connection, since: str | None = None, until: str | None = None,
                quad: str | None = None, event_type: str | None = None, country: str | None = None,
                limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Asserted events, oldest first, by date range, quad class, PLOVER type or a country on either side."""
    where, params = _event_filter(since, until, quad, event_type, country)
    rows = conn.execute(
        f"SELECT e.id, {EVENT_DATE} AS date, e.type, e.quad, e.intensity, e.source_name, e.source_country, "
        "e.target_name, e.target_country, e.sentence, e.conditional, ar.id AS article_id, ar.title, ar.source "
        f"FROM events e JOIN articles ar ON ar.id = e.article_id WHERE {where} "
        "ORDER BY date IS NULL, date, e.id LIMIT ? OFFSET ?",
        [*params, _limit(limit), max(0, offset)],
    ).fetchall()
    out = _dicts(rows)
    for e in out:
        e["conditional"] = bool(e["conditional"])
    return out


def count_events(conn: sqlite3.Connection, since: str | None = None, until: str | None = None,
                 quad: str | None = None, event_type: str | None = None, country: str | None = None) -> int:
    where, params = _event_filter(since, until, quad, event_type, country)
    return int(conn.execute(f"SELECT COUNT(*) FROM events e WHERE {where}", params).fetchone()[0])


def quote_facets(conn: sqlite3.Connection, rows: int = FACET_ROWS, **filters: Any) -> dict[str, list[dict[str, Any]]]:
    """For the quotations ``queries.search_quotes`` finds with ``filters``: how many by speaker, speaker's country,
    outlet, kind, the article's story event type and month, the most frequent ``rows`` of each.

    The matches are gathered once (a materialized CTE) and grouped six ways in one statement."""
    found = _quote_filter(conn, **filters)
    if found is None:
        return {}
    facets = {"speaker": ("speaker_id", "COALESCE(MAX(speaker), speaker_id)"), "country": ("country", "country"),
              "outlet": ("source", "source"), "kind": ("kind", "kind"), "story": ("story_type", "story_type"),
              "month": ("month", "month")}
    return _facets(conn, "SELECT q.speaker_id, s.name AS speaker, s.country, a.source, q.kind, a.story_type, "
                   f"substr(q.published, 1, 7) AS month FROM quotes q {found.sql}", found.params, facets, rows)


def article_facets(conn: sqlite3.Connection, rows: int = FACET_ROWS, join_limit: int | None = None,
                   **filters: Any) -> dict[str, list[dict[str, Any]]]:
    """For the articles ``queries.search_articles`` finds: how many by quoted speaker, named country, outlet,
    story event type and month; speaker and country only when at most ``join_limit`` (FACET_JOIN_LIMIT) articles
    match (else those keys are absent)."""
    found = _article_filter(conn, **filters)
    if found is None:
        return {}
    base = f"SELECT a.id, a.source, a.story_type, substr(a.published, 1, 7) AS month FROM articles a {found.sql}"
    facets = {"outlet": ("source", "source"), "story": ("story_type", "story_type"), "month": ("month", "month"),
              "all": ("1", "1")}
    out = _facets(conn, base, found.params, facets, rows)
    matched = sum(r["n"] for r in out.pop("all"))
    if matched > (FACET_JOIN_LIMIT if join_limit is None else join_limit):
        return {k: out[k] for k in ("outlet", "story", "month")}
    joined = {
        "speaker": "SELECT x.speaker_id AS value, s.name AS label, COUNT(DISTINCT x.article_id) AS n FROM m "
                   "JOIN article_speakers x ON x.article_id = m.id JOIN speakers s ON s.id = x.speaker_id "
                   "GROUP BY x.speaker_id",
        # A country the article names, or one on either side of its events: as the search's country filter.
        "country": "SELECT code AS value, code AS label, COUNT(DISTINCT id) AS n FROM ("
                   "SELECT m.id, en.code FROM m JOIN entities en ON en.article_id = m.id UNION "
                   "SELECT m.id, e.source_country FROM m JOIN events e ON e.article_id = m.id UNION "
                   "SELECT m.id, e.target_country FROM m JOIN events e ON e.article_id = m.id) "
                   "WHERE code IS NOT NULL GROUP BY code",
    }
    for name, sql in joined.items():
        out[name] = _dicts(conn.execute(
            f"WITH m AS MATERIALIZED ({base}) SELECT value, label, n FROM ({sql}) ORDER BY n DESC, label LIMIT ?",
            [*found.params, rows]).fetchall())
    return {k: out[k] for k in ("speaker", "country", "outlet", "story", "month")}


def _facets(conn: sqlite3.Connection, base: str, params: list[Any], facets: dict[str, tuple[str, str]],
            rows: int) -> dict[str, list[dict[str, Any]]]:
    """Each facet's (value, label) grouped over the rows of ``base``; months latest first, the others most frequent
    first. The names and expressions are this module's constants, never a reader's words."""
    parts = [
        f"SELECT * FROM (SELECT '{name}' AS facet, {value} AS value, {label} AS label, COUNT(*) AS n FROM m "
        f"WHERE {value} IS NOT NULL GROUP BY 2 ORDER BY {'2 DESC' if name == 'month' else 'n DESC, 2'} "
        f"LIMIT {int(rows) + (4 if name == 'month' else 0)})"
        for name, (value, label) in facets.items()
    ]
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in facets}
    for facet, value, label, n in conn.execute(
            f"WITH m AS MATERIALIZED ({base}) {' UNION ALL '.join(parts)}", params).fetchall():
        out[facet].append({"value": value, "label": label, "n": n})
    return out

