"""``newsbrief watch``: poll feeds, store the briefs of new entries, and keep going when a feed fails.

Each cycle asks every feed with a conditional GET (``If-None-Match`` with the ETag, ``If-Modified-Since`` with the
Last-Modified date it answered last time, both kept in the store's ``feeds`` table so a restart does not re-read
everything). A 304 costs a few hundred bytes. Entries whose link is already stored are skipped before anything
is fetched or parsed; the rest go through the pipeline into the store. A feed that times out, answers 5xx or sends
something that is not a feed is logged with its reason and tried again next cycle. Each cycle logs one line per
feed and a total.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from newsbrief.errors import FetchError, InputError, NewsbriefError
from newsbrief.ingest.url import MAX_REDIRECTS, fetch
from newsbrief.model import Article
from newsbrief.pipeline import Pipeline
from newsbrief.store import Store
from newsbrief.store.ingest import IngestSummary, store_articles

log = logging.getLogger(__name__)

# Feeds are fetched as every URL is (ingest.url.fetch): one deadline for the whole request (15 s, or
# NEWSBRIEF_FETCH_TIMEOUT), so a slow feed does not hold up the others for long, and the 10 MB cap, checked as the
# feed streams in (a feed of a few hundred entries is well under 1 MB).
USER_AGENT = "newsbrief-watch/0.1 (+https://github.com/newsbrief)"


@dataclass
class FeedResult:
    """What one poll of one feed did: HTTP status (304: unchanged), entries read, briefs stored, or the error."""

    url: str
    status: int | None = None
    entries: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    error: str | None = None


@dataclass
class Cycle:
    number: int
    feeds: list[FeedResult] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return sum(f.stored for f in self.feeds)


class Watcher:
    """Polls ``feeds`` into the store at ``db``; ``run`` loops, ``poll`` does one cycle."""

    def __init__(
        self, feeds: list[str], db: str | Path, client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.feeds = feeds
        self.store = Store(db)
        self.client = client or httpx.Client(
            follow_redirects=True, max_redirects=MAX_REDIRECTS, headers={"User-Agent": USER_AGENT}
        )
        self.pipeline = Pipeline()
        self.cycles = 0
        self._sleep = sleep

    def close(self) -> None:
        self.client.close()
        self.store.close()

    def run(self, every_s: float, cycles: int | None = None) -> list[Cycle]:
        """Poll every ``every_s`` seconds (measured start to start), ``cycles`` times or until interrupted."""
        done: list[Cycle] = []
        while cycles is None or len(done) < cycles:
            started = time.monotonic()
            done.append(self.poll())
            if cycles is not None and len(done) >= cycles:
                break
            self._sleep(max(0.0, every_s - (time.monotonic() - started)))
        return done

    def poll(self) -> Cycle:
        """One cycle over every feed; a failing feed is logged and the others go on."""
        self.cycles += 1
        cycle = Cycle(self.cycles)
        for url in self.feeds:
            try:
                result = self._poll_feed(url)
            except Exception as err:  # noqa: BLE001 - one feed never stops the watch
                log.exception("cycle %d: %s: unexpected error", cycle.number, url)
                result = FeedResult(url, error=f"{type(err).__name__}: {err}")
                self._remember(url, None, None, None, result.error)
            cycle.feeds.append(result)
            if result.error:
                log.warning("cycle %d: %s: failed: %s", cycle.number, url, result.error)
            elif result.status == 304:
                log.info("cycle %d: %s: not modified", cycle.number, url)
            else:
                log.info(
                    "cycle %d: %s: %d entries, %d stored, %d already stored, %d failed",
                    cycle.number, url, result.entries, result.stored, result.duplicates, result.failed,
                )
        log.info(
            "cycle %d done: %d feeds, %d stored, %d failed feeds", cycle.number, len(cycle.feeds), cycle.stored,
            sum(1 for f in cycle.feeds if f.error),
        )
        return cycle

    def _poll_feed(self, url: str) -> FeedResult:
        result = FeedResult(url)
        state = self.store.conn.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)).fetchone()
        headers = {}
        if state and state["etag"]:
            headers["If-None-Match"] = state["etag"]
        if state and state["last_modified"]:
            headers["If-Modified-Since"] = state["last_modified"]
        try:
            response = fetch(url, headers=headers, client=self.client)
        except FetchError as err:
            result.status = err.status
            result.error = f"HTTP {err.status}" if err.status else err.problem
            self._remember(url, None, None, err.status, result.error, keep_validators=True)
            return result
        except InputError as err:  # larger than the cap
            result.error = err.problem
            self._remember(url, None, None, None, result.error, keep_validators=True)
            return result
        result.status = response.status
        if response.status == 304:
            self._remember(url, None, None, 304, None, keep_validators=True)
            return result
        try:
            articles = list(self._new_articles(response.data, url, result))
        except NewsbriefError as err:
            result.error = str(err)
            self._remember(url, None, None, response.status, result.error, keep_validators=True)
            return result
        summary: IngestSummary = store_articles(articles, self.store, self.pipeline)
        result.stored = summary.stored
        result.duplicates += summary.duplicates
        result.failed += summary.failed
        for failure in summary.failures:
            log.warning("%s: %s", url, failure.message)
        self.pipeline.failures.clear()
        # Validators are saved only after the entries are stored: a crash before this re-reads the feed next time.
        validators = {k.lower(): v for k, v in response.headers.items()}
        self._remember(url, validators.get("etag"), validators.get("last-modified"), response.status, None)
        return result

    def _new_articles(self, data: bytes, url: str, result: FeedResult) -> Iterator[Article]:
        from newsbrief.ingest.feeds import article_from_entry, parse_feed

        feed = parse_feed(data, url)
        for number, entry in enumerate(feed.entries, 1):
            result.entries += 1
            if entry.link and self.store.conn.execute(
                "SELECT 1 FROM articles WHERE url = ?", (entry.link,)
            ).fetchone():
                result.duplicates += 1
                continue
            try:
                yield article_from_entry(entry, f"{url}#{number}", feed.title)
            except InputError as err:
                result.failed += 1
                log.warning("%s", err)

    def _remember(
        self, url: str, etag: str | None, last_modified: str | None, status: int | None, error: str | None,
        keep_validators: bool = False,
    ) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with _transaction(self.store):
            if keep_validators:
                self.store.conn.execute(
                    "INSERT INTO feeds (url, last_polled, last_status, last_error) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(url) DO UPDATE SET last_polled = excluded.last_polled, "
                    "last_status = excluded.last_status, last_error = excluded.last_error",
                    (url, now, status, error),
                )
            else:
                self.store.conn.execute(
                    "INSERT OR REPLACE INTO feeds (url, etag, last_modified, last_polled, last_status, last_error) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (url, etag, last_modified, now, status, error),
                )


class _transaction:
    def __init__(self, store: Store) -> None:
        self.conn = store.conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
