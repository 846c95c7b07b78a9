"""Reading the store: latest briefs, search over quotations and articles, speakers, echoes, relations over time.

Every function takes a ``sqlite3.Connection`` (from ``Store.conn``) and returns plain dicts and lists, so the CLI,
the web pages and the JSON API show the same data.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from newsbrief.model import Actor, Event, Span, StoryEvent
from newsbrief.relations import PERIODS, QUADS  # noqa: F401 - QUADS re-exported for the web pages

MAX_LIMIT = 500


def _dicts(rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    return [dict(r) for r in rows]


def _limit(limit: int) -> int:
    return max(1, min(int(limit), MAX_LIMIT))


def fts_query(words: str, column: str | None = None) -> str:
    """User words as an FTS5 query: every word must appear (prefixes allowed with a trailing ``*``), in ``column``
    only when one is named.

    Quoting each word keeps FTS5's own syntax (``AND``, ``NEAR``, ``-``, ``"``) from being read in user input.
    """
    terms: list[str] = []
    seen: set[str] = set()
    for word in re.findall(r"[\w*'’]+", words):
        prefix = word.endswith("*")
        word = word.strip("*'’")
        term = '"' + word.replace('"', '""') + '"' + ("*" if prefix else "")
        # The index folds case: a repeated word matches nothing more, and costs snippet() the square of its repeats.
        if word and term.casefold() not in seen:
            seen.add(term.casefold())
            terms.append(term)
    if column and terms:
        return f"{column} : ({' '.join(terms)})"
    return " ".join(terms)


# The story event's columns, and whether its type is firm (as ``StoryEvent.firm``: a cue's type, or the model's with
# a margin of at least FIRM_MARGIN); a constant of the code, so it is written into the SQL rather than bound.
STORY_COLUMNS = (
    "a.story_type, a.story_margin, a.story_by, (a.story_type IS NOT NULL AND (a.story_by != 'model' "
    f"OR a.story_margin >= {StoryEvent.FIRM_MARGIN!r})) AS story_firm"
)


def latest_briefs(conn: sqlite3.Connection, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """The most recently published (then most recently stored) articles, one per near-duplicate cluster."""
    # Walks the (published, seq) index newest first and keeps each cluster's first article; NULL dates sort last.
    rows = conn.execute(
        "SELECT a.id, a.title, a.source, a.url, a.published, a.lead, a.quote_count, a.event_count, a.cluster_id, "
        f"{STORY_COLUMNS}, (SELECT c.size FROM clusters c WHERE c.id = a.cluster_id) AS cluster_size "
        "FROM articles a "
        "WHERE a.cluster_id IS NULL OR a.id = (SELECT c.first_article FROM clusters c WHERE c.id = a.cluster_id) "
        "ORDER BY a.published DESC, a.seq DESC LIMIT ? OFFSET ?",
        (_limit(limit), max(0, offset)),
    ).fetchall()
    return _dicts(rows)


def count_latest_briefs(conn: sqlite3.Connection) -> int:
    """How many briefs ``latest_briefs`` pages through: the articles outside any cluster, and one per cluster."""
    row = conn.execute(
        "SELECT (SELECT COUNT(*) FROM articles WHERE cluster_id IS NULL) + (SELECT COUNT(*) FROM clusters)"
    ).fetchone()
    return int(row[0])


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """One article with its brief, its quotes (store ids, speakers, echoes), events and cluster siblings."""
    row = conn.execute(
        "SELECT seq, id, url, source, title, published, lead, cluster_id, brief_json, ingested_at "
        "FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["brief"] = json.loads(out.pop("brief_json"))
    quotes = _dicts(conn.execute(
        # The role the article gave the speaker (what they were then), else the latest one known.
        "SELECT q.id, q.idx, q.kind, q.content, q.cue, q.speaker_id, q.speaker_name, s.name AS speaker, "
        "COALESCE((SELECT x.role FROM article_speakers x WHERE x.article_id = q.article_id "
        "AND x.speaker_id = q.speaker_id AND x.role IS NOT NULL LIMIT 1), s.role) AS role, "
        "s.country FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id "
        "WHERE q.article_id = ? ORDER BY q.idx",
        (article_id,),
    ).fetchall())
    echo_map = echoes_of(conn, [q["id"] for q in quotes])
    for q in quotes:
        q["echoes"] = echo_map.get(q["id"], [])
    out["quotes"] = quotes
    out["speakers"] = _dicts(conn.execute(
        "SELECT DISTINCT s.id, s.name, s.role, s.country, a.name AS name_in_article, a.role AS role_in_article "
        "FROM article_speakers a JOIN speakers s ON s.id = a.speaker_id WHERE a.article_id = ?",
        (article_id,),
    ).fetchall())
    out["events"] = _dicts(conn.execute(
        "SELECT id, type, mode, quad, intensity, date, source_name, source_country, target_name, target_country, "
        "sentence, quote_id, conditional, status FROM events WHERE article_id = ? ORDER BY idx",
        (article_id,),
    ).fetchall())
    for e in out["events"]:
        e["conditional"] = bool(e["conditional"])  # SQLite keeps 0/1; the API and pages say true/false
    out["cluster"] = _dicts(conn.execute(
        "SELECT id, title, source, published FROM articles WHERE cluster_id = ? AND id != ? ORDER BY seq",
        (out["cluster_id"], article_id),
    ).fetchall())
    return out


def echoes_of(conn: sqlite3.Connection, quote_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """For each quotation, the earlier statements it echoes: date, article, content, similarity."""
    if not quote_ids:
        return {}
    marks = ",".join("?" * len(quote_ids))
    rows = conn.execute(
        "SELECT e.quote_id, e.similarity, q.id AS earlier_quote_id, q.content, q.published AS date, "
        "q.article_id, a.title FROM echoes e JOIN quotes q ON q.id = e.earlier_quote_id "
        f"JOIN articles a ON a.id = q.article_id WHERE e.quote_id IN ({marks}) ORDER BY q.published",
        quote_ids,
    ).fetchall()
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        d = dict(r)
        out[d.pop("quote_id")].append(d)
    return dict(out)


def speaker_ids_matching(conn: sqlite3.Connection, name: str) -> list[str]:
    """Speakers whose id, stored name or any name an article gave them contains ``name`` (case aside)."""
    like = f"%{name.strip()}%"
    rows = conn.execute(
        "SELECT id FROM speakers WHERE id = ? OR name LIKE ? UNION "
        "SELECT speaker_id FROM article_speakers WHERE name LIKE ?",
        (name.strip(), like, like),
    ).fetchall()
    return [r[0] for r in rows]


def _date(value: str | dt.date | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(str(value)).isoformat()


@dataclass(frozen=True)
class _Filter:
    """The joins, conditions and parameters of one search, shared by its rows, its total and its facets."""

    join: str
    where: list[str]
    params: list[Any]

    @property
    def sql(self) -> str:
        return f"{self.join} WHERE {' AND '.join(self.where)}"


def _quote_filter(
    conn: sqlite3.Connection, about: str | None = None, speaker: str | None = None, country: str | None = None,
    since: str | dt.date | None = None, until: str | dt.date | None = None, outlet: str | None = None,
    kind: str | None = None, story_type: str | None = None,
) -> _Filter | None:
    """The search over ``quotes q`` (joined to ``articles a`` and ``speakers s``); None when it can match nothing."""
    where: list[str] = ["1"]
    params: list[Any] = []
    join = ""
    if about and fts_query(about):
        # The words of the quotation itself: "about Trump" should not mean "said by Trump".
        join = "JOIN quotes_fts f ON f.rowid = q.id "
        where.append("quotes_fts MATCH ?")
        params.append(fts_query(about, column="content"))
    join += "JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id"
    if speaker:
        ids = speaker_ids_matching(conn, speaker)
        if not ids:
            return None
        where.append(f"q.speaker_id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    if country:
        where.append("s.country = ?")
        params.append(country.upper())
    if outlet:
        where.append("a.source = ?")
        params.append(outlet)
    if kind:
        where.append("q.kind = ?")
        params.append(kind)
    if story_type:
        where.append("a.story_type = ?")
        params.append(story_type.upper())
    _add_date_range(where, params, "q.published", since, until)
    return _Filter(join, where, params)


def search_quotes(
    conn: sqlite3.Connection,
    about: str | None = None,
    speaker: str | None = None,
    country: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
    *,
    outlet: str | None = None,
    kind: str | None = None,
    story_type: str | None = None,
) -> list[dict[str, Any]]:
    """Quotations, newest first; ``about`` is full-text, ``country`` the speaker's ISO3 code, ``outlet`` the
    article's, ``kind`` direct/indirect/block, ``story_type`` the PLOVER type of the article's story event."""
    found = _quote_filter(conn, about, speaker, country, since, until, outlet, kind, story_type)
    if found is None:
        return []
    rows = conn.execute(
        'SELECT q.id, q.content, q.kind, q.cue, q.published, q.speaker_id, q.start, q."end", q.confidence, '
        "COALESCE(s.name, q.speaker_name) AS speaker, "
        "COALESCE((SELECT x.role FROM article_speakers x WHERE x.article_id = q.article_id "
        "AND x.speaker_id = q.speaker_id AND x.role IS NOT NULL LIMIT 1), s.role) AS role, "
        "s.country, a.id AS article_id, a.title, a.source, a.url FROM quotes q "
        f"{found.sql} ORDER BY q.published IS NULL, q.published DESC, q.id DESC LIMIT ? OFFSET ?",
        [*found.params, _limit(limit), max(0, offset)],
    ).fetchall()
    out = _dicts(rows)
    echo_map = echoes_of(conn, [q["id"] for q in out])
    for q in out:
        q["echoes"] = echo_map.get(q["id"], [])
    return out


def count_quotes(conn: sqlite3.Connection, **filters: Any) -> int:
    """How many quotations ``search_quotes`` with the same filters pages through."""
    found = _quote_filter(conn, **filters)
    if found is None:
        return 0
    return int(conn.execute(f"SELECT COUNT(*) FROM quotes q {found.sql}", found.params).fetchone()[0])


def _add_date_range(
    where: list[str], params: list[str], column: str, since: str | dt.date | None, until: str | dt.date | None
) -> None:
    """Add ``since <= column <= until`` (either end optional) to a query's conditions and parameters."""
    if first := _date(since):
        where.append(f"{column} >= ?")
        params.append(first)
    if last := _date(until):
        where.append(f"{column} <= ?")
        params.append(last)


def _article_filter(
    conn: sqlite3.Connection, about: str | None = None, country: str | None = None,
    since: str | dt.date | None = None, until: str | dt.date | None = None, story_type: str | None = None,
    outlet: str | None = None, speaker: str | None = None,
) -> _Filter | None:
    """The search over ``articles a``; None when it can match nothing."""
    where: list[str] = ["1"]
    params: list[Any] = []
    join = ""
    if about and fts_query(about):
        join = "JOIN articles_fts f ON f.rowid = a.seq"
        where.append("articles_fts MATCH ?")
        params.append(fts_query(about))
    if country:
        where.append(
            "(a.id IN (SELECT article_id FROM entities WHERE code = ?) OR a.id IN (SELECT article_id FROM events "
            "WHERE source_country = ? OR target_country = ?))"
        )
        params.extend([country.upper()] * 3)
    if story_type:
        where.append("a.story_type = ?")
        params.append(story_type.upper())
    if outlet:
        where.append("a.source = ?")
        params.append(outlet)
    if speaker:
        ids = speaker_ids_matching(conn, speaker)
        if not ids:
            return None
        where.append(f"a.id IN (SELECT article_id FROM article_speakers WHERE speaker_id IN "
                     f"({','.join('?' * len(ids))}))")
        params.extend(ids)
    _add_date_range(where, params, "a.published", since, until)
    return _Filter(join, where, params)


def search_articles(
    conn: sqlite3.Connection,
    about: str | None = None,
    country: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
    story_type: str | None = None,
    *,
    outlet: str | None = None,
    speaker: str | None = None,
) -> list[dict[str, Any]]:
    """Articles, best match first when ``about`` is given (else newest); ``country`` is an ISO3 code they name,
    ``story_type`` the PLOVER type of the event the article as a whole reports (``Brief.story``), ``outlet`` its
    outlet, ``speaker`` part of the name of someone it quotes."""
    found = _article_filter(conn, about, country, since, until, story_type, outlet, speaker)
    if found is None:
        return []
    order = "bm25(articles_fts)" if found.join else "a.published DESC, a.seq DESC"
    rows = conn.execute(
        f"SELECT a.seq, a.id, a.title, a.source, a.url, a.published, a.lead, a.cluster_id, {STORY_COLUMNS} "
        f"FROM articles a {found.sql} ORDER BY {order} LIMIT ? OFFSET ?",
        [*found.params, _limit(limit), max(0, offset)],
    ).fetchall()
    out = _dicts(rows)
    snippets: dict[int, str] = {}
    if found.join and out:
        # snippet() is the dear part of a search: made only for the page's rows, not for every matching article.
        seqs = [r["seq"] for r in out]
        snippets = dict(conn.execute(
            "SELECT rowid, snippet(articles_fts, 1, '[', ']', ' … ', 16) FROM articles_fts "
            f"WHERE articles_fts MATCH ? AND rowid IN ({','.join('?' * len(seqs))})",
            [fts_query(about or ""), *seqs],
        ).fetchall())
    for r in out:
        r["snippet"] = snippets.get(r.pop("seq"))
    return out


def count_articles(conn: sqlite3.Connection, **filters: Any) -> int:
    """How many articles ``search_articles`` with the same filters pages through."""
    found = _article_filter(conn, **filters)
    if found is None:
        return 0
    return int(conn.execute(f"SELECT COUNT(*) FROM articles a {found.sql}", found.params).fetchone()[0])


def list_speakers(
    conn: sqlite3.Connection, name: str | None = None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Speakers with their quotation and article counts, the names, roles and countries articles gave them, first and
    last seen."""
    where = ""
    params: list[str] = []
    if name:
        ids = speaker_ids_matching(conn, name)
        if not ids:
            return []
        where = f"WHERE s.id IN ({','.join('?' * len(ids))})"
        params = ids
    # Counted for every speaker in two grouped passes over covering indexes, not one correlated count per row;
    # the roles and names seen are gathered for the page of speakers returned only.
    rows = conn.execute(
        "WITH q AS MATERIALIZED (SELECT speaker_id, COUNT(*) AS n FROM quotes WHERE speaker_id IS NOT NULL "
        "GROUP BY speaker_id), "
        "x AS MATERIALIZED (SELECT speaker_id, COUNT(DISTINCT article_id) AS n FROM article_speakers "
        "GROUP BY speaker_id) "
        "SELECT s.id, s.name, s.role, s.country, s.first_seen, s.last_seen, COALESCE(q.n, 0) AS quotes, "
        "COALESCE(x.n, 0) AS articles FROM speakers s LEFT JOIN q ON q.speaker_id = s.id "
        f"LEFT JOIN x ON x.speaker_id = s.id {where} ORDER BY quotes DESC, articles DESC, s.name LIMIT ? OFFSET ?",
        [*params, _limit(limit), max(0, offset)],
    ).fetchall()
    out = _dicts(rows)
    seen: dict[str, dict[str, set[str]]] = {s["id"]: {"roles": set(), "names": set(), "countries": set()} for s in out}
    if seen:
        marks = ",".join("?" * len(seen))
        for speaker_id, role, name, country in conn.execute(
            f"SELECT DISTINCT speaker_id, role, name, country FROM article_speakers WHERE speaker_id IN ({marks})",
            list(seen),
        ):
            if role:
                seen[speaker_id]["roles"].add(role)
            if country:
                seen[speaker_id]["countries"].add(country)
            seen[speaker_id]["names"].add(name)
    for s in out:
        for key in ("roles", "names", "countries"):
            s[key] = sorted(seen[s["id"]][key])
    return out


def count_speakers(conn: sqlite3.Connection, name: str | None = None) -> int:
    """How many speakers ``list_speakers`` pages through."""
    if name:
        return len(set(speaker_ids_matching(conn, name)))
    return int(conn.execute("SELECT COUNT(*) FROM speakers").fetchone()[0])


def speaker(
    conn: sqlite3.Connection, speaker_id: str, limit: int = MAX_LIMIT, offset: int = 0
) -> dict[str, Any] | None:
    """One speaker: role, country, names seen, and the timeline of quotations (oldest first) with their echoes:
    ``limit`` of them from ``offset``; ``quotes`` is how many there are in all."""
    found = _speaker_rows(conn, speaker_id)
    if not found:
        return None
    info = found[0]
    rows = conn.execute(
        "SELECT q.id, q.content, q.kind, q.cue, q.published, a.id AS article_id, a.title, a.source FROM quotes q "
        "JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = ? "
        "ORDER BY q.published IS NULL, q.published, q.id LIMIT ? OFFSET ?",
        (speaker_id, _limit(limit), max(0, offset)),
    ).fetchall()
    timeline = _dicts(rows)
    echo_map = echoes_of(conn, [q["id"] for q in timeline])
    for q in timeline:
        q["echoes"] = echo_map.get(q["id"], [])
    info["timeline"] = timeline
    return info


def _speaker_rows(conn: sqlite3.Connection, speaker_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT s.id, s.name, s.role, s.country, s.first_seen, s.last_seen, "
        "(SELECT COUNT(*) FROM quotes q WHERE q.speaker_id = s.id) AS quotes, "
        "(SELECT COUNT(DISTINCT article_id) FROM article_speakers x WHERE x.speaker_id = s.id) AS articles "
        "FROM speakers s WHERE s.id = ?",
        (speaker_id,),
    ).fetchall()
    out = _dicts(rows)
    for s in out:
        s["names"] = sorted({r[0] for r in conn.execute(
            "SELECT DISTINCT name FROM article_speakers WHERE speaker_id = ?", (speaker_id,))})
        s["roles"] = sorted({r[0] for r in conn.execute(
            "SELECT DISTINCT role FROM article_speakers WHERE speaker_id = ? AND role IS NOT NULL", (speaker_id,))})
    return out


def relations(conn: sqlite3.Connection, a: str, b: str, by: str = "month") -> dict[str, Any]:
    """Events between countries ``a`` and ``b`` (either direction) per period, with the index and its events.

    The index is ``newsbrief.relations.relations`` (mean intensity per period, -10 most hostile, +10 most
    cooperative; reports of one event by several outlets merged by their wording) over the stored events. Before
    that, reports of one event within one near-duplicate cluster (same type, same countries, same day, same
    sentence) are merged here, since the store knows the clusters: their article ids go to ``also_reported_by``.
    Two sentences of one article stay two events.
    """
    from newsbrief.relations import Report
    from newsbrief.relations import relations as relations_index

    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")
    a, b = a.upper(), b.upper()
    # An event whose sentence gives no date has its article's (at storing, and here for stores written before);
    # one whose article has none either is counted and listed apart, never dropped without a word.
    rows = conn.execute(
        "SELECT e.type, e.mode, e.intensity, COALESCE(e.date, ar.published) AS date, e.source_name, "
        "e.source_country, e.source_sector, e.target_name, e.target_country, e.target_sector, e.sentence, "
        "e.sentence_start, e.conditional, ar.id AS article_id, ar.title, ar.source, ar.url, ar.cluster_id "
        "FROM events e "
        "JOIN articles ar ON ar.id = e.article_id "
        "WHERE ((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?)) "
        "AND e.status = 'asserted' AND COALESCE(e.date, ar.published) IS NOT NULL ORDER BY date, e.id",
        (a, b, b, a),
    ).fetchall()
    also: dict[tuple[str, str, str], list[str]] = {}
    reports: list[Report] = []
    for r, others in _merge_cluster_reports(rows):
        also[(r["article_id"], r["sentence"], r["type"])] = others
        start = int(r["sentence_start"])
        event = Event(
            source=Actor(r["source_name"] or "", r["source_country"], r["source_sector"]),
            type=r["type"],
            sentence=Span(start, start + len(r["sentence"]), r["sentence"]),
            target=Actor(r["target_name"] or "", r["target_country"], r["target_sector"]),
            mode=r["mode"],
            intensity=float(r["intensity"]),
            date=dt.date.fromisoformat(r["date"][:10]),
            conditional=bool(r["conditional"]),
        )
        reports.append(Report(event, r["article_id"], r["source"], r["title"], r["url"]))
    result = relations_index(reports, a, b, by=by)
    for period in result["series"]:
        for ev in period["events"]:
            merged_here = also.get((ev["article_id"], ev["sentence"], ev["type"]), [])
            ev["also_reported_by"] = merged_here + ev["also_reported_by"]
    result["undated_count"] = count_undated_events(conn, a, b)
    result["undated"] = undated_events(conn, a, b, limit=UNDATED_LISTED) if result["undated_count"] else []
    return result


# Undated events a relations result lists (all of them are counted; ``undated_events`` pages through the rest).
UNDATED_LISTED = 20
_PAIR = "((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))"
_UNDATED = f"{_PAIR} AND e.status = 'asserted' AND e.date IS NULL AND ar.published IS NULL"


def undated_events(conn: sqlite3.Connection, a: str, b: str, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """The events between ``a`` and ``b`` that no period can hold: no date in their sentence, none on their article
    (in store order); each with its article, to be dated by a reader."""
    a, b = a.upper(), b.upper()
    rows = conn.execute(
        "SELECT e.id, e.type, e.quad, e.intensity, e.source_name, e.source_country, e.target_name, e.target_country, "
        "e.sentence, e.conditional, ar.id AS article_id, ar.title, ar.source, ar.url FROM events e "
        f"JOIN articles ar ON ar.id = e.article_id WHERE {_UNDATED} ORDER BY e.id LIMIT ? OFFSET ?",
        (a, b, b, a, _limit(limit), max(0, offset)),
    ).fetchall()
    out = _dicts(rows)
    for e in out:
        e["conditional"] = bool(e["conditional"])
    return out


def count_undated_events(conn: sqlite3.Connection, a: str, b: str) -> int:
    a, b = a.upper(), b.upper()
    return int(conn.execute(
        f"SELECT COUNT(*) FROM events e JOIN articles ar ON ar.id = e.article_id WHERE {_UNDATED}", (a, b, b, a),
    ).fetchone()[0])


@dataclass
class _ClusterEvent:
    """One event as the articles of a near-duplicate cluster report it."""

    first: sqlite3.Row
    articles: set[str]
    wordings: set[str]
    others: list[str]  # the articles after the first, in store order


def _merge_cluster_reports(rows: list[sqlite3.Row]) -> list[tuple[sqlite3.Row, list[str]]]:
    """Each event of the rows once: its first report and the other articles of its cluster that reported it.

    Reports of one event in a cluster have the same type, countries and day. Another outlet's copy carries the
    wire's sentence word for word, or (a rewritten lead) another sentence; but one article does not report one event
    twice, so two sentences of one article (Ishiba's rejection in the lead and again in his statement) are two
    events. Each article's reports are matched by wording first, then in order to the cluster's events of that kind
    the article has not reported yet. An article outside any cluster is a cluster of its own.
    """
    by_article: dict[str, list[sqlite3.Row]] = {}
    for r in rows:
        by_article.setdefault(r["article_id"], []).append(r)
    events: list[_ClusterEvent] = []
    of_kind: dict[tuple[Any, ...], list[_ClusterEvent]] = defaultdict(list)
    for article_id, reports in by_article.items():
        unmatched = []
        for r in reports:
            same = next((e for e in of_kind[_kind(r)] if _wording(r["sentence"]) in e.wordings), None)
            if same is None:
                unmatched.append(r)
            elif article_id not in same.articles:  # in its own article, the same sentence coded twice: one event
                same.articles.add(article_id)
                same.others.append(article_id)
        for r in unmatched:
            kind = _kind(r)
            if any(_wording(r["sentence"]) in e.wordings for e in of_kind[kind]):
                continue  # the same sentence of this article coded twice: one event
            other = next((e for e in of_kind[kind] if article_id not in e.articles), None)
            if other is None:
                other = _ClusterEvent(r, set(), set(), [])
                events.append(other)
                of_kind[kind].append(other)
            else:
                other.others.append(article_id)
            other.articles.add(article_id)
            other.wordings.add(_wording(r["sentence"]))
    return [(e.first, e.others) for e in events]


def _kind(r: sqlite3.Row) -> tuple[Any, ...]:
    story = r["cluster_id"] if r["cluster_id"] is not None else f"article:{r['article_id']}"
    return (story, r["type"], r["source_country"], r["target_country"], r["date"][:10])


def _wording(sentence: str) -> str:
    """A sentence as outlets reprint it: case, spacing and the style of quotation marks aside."""
    return " ".join(sentence.translate(_PLAIN_MARKS).casefold().split())


_PLAIN_MARKS = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def countries_with_events(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT source_country FROM events WHERE source_country IS NOT NULL UNION "
        "SELECT target_country FROM events WHERE target_country IS NOT NULL"
    ).fetchall()
    return sorted(r[0] for r in rows)


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        t: int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
        for t in ("articles", "clusters", "quotes", "speakers", "events", "echoes")
    }
