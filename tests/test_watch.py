"""``newsbrief watch`` against real feeds served on 127.0.0.1 by a test HTTP server: conditional requests (ETag,
Last-Modified), new entries only, a feed that fails, a log line per feed and per cycle."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsbrief.cli import _register, cli
from newsbrief.store import Store
from newsbrief.watch import Watcher
from test_store_corpus import ISHIBA_REPLY, TRADE_TALKS, TRUMP_RALLY, Story

pytestmark = pytest.mark.slow


def _long_text(story: Story) -> str:
    # Feeds that carry whole stories are read from the feed itself (no page fetch) once they run long enough.
    filler = (" The ministry said further statements would follow after the cabinet meeting, and officials from "
              "both governments were expected to brief reporters in the coming days on the details of the talks.")
    return story.text.strip() + ("\n\n" + filler.strip()) * 3


class FeedSite:
    """A tiny news site: an RSS feed with ETag and Last-Modified, a feed that errors, a page that is not a feed."""

    def __init__(self) -> None:
        self.stories = [TRUMP_RALLY, ISHIBA_REPLY]
        self.version = 1
        self.requests: list[tuple[str, str | None, int]] = []  # path, If-None-Match sent, status answered
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                status = site.answer(self)
                site.requests.append((self.path, self.headers.get("If-None-Match"), status))

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_port}"

    @property
    def etag(self) -> str:
        return f'"feed-v{self.version}"'

    def feed_xml(self) -> bytes:
        items = "".join(
            f"<item><title>{escape(s.title)}</title><link>{escape(s.url or '')}</link>"
            f"<pubDate>{s.published}T08:00:00Z</pubDate>"
            f"<description>{escape(_long_text(s))}</description></item>"
            for s in self.stories
        )
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Wire</title>'
                f"<link>{self.base}/</link><description>Test feed</description>{items}</channel></rss>").encode()

    def answer(self, h: BaseHTTPRequestHandler) -> int:
        if h.path == "/feed.xml":
            if h.headers.get("If-None-Match") == self.etag:
                h.send_response(304)
                h.send_header("ETag", self.etag)
                h.end_headers()
                return 304
            body = self.feed_xml()
            h.send_response(200)
            h.send_header("Content-Type", "application/rss+xml")
            h.send_header("ETag", self.etag)
            h.send_header("Last-Modified", formatdate(1_772_000_000 + self.version, usegmt=True))
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
            return 200
        if h.path == "/broken.xml":
            h.send_response(503)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return 503
        body = b"<html><body><p>Welcome to our homepage.</p></body></html>"
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
        return 200

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def site() -> Iterator[FeedSite]:
    s = FeedSite()
    yield s
    s.close()


def test_watch_polls_conditionally_and_survives_failing_feeds(
    site: FeedSite, tmp_path: Path, caplog: pytest.LogCaptureFixture, nlp: object
) -> None:
    db = tmp_path / "news.db"
    feeds = [f"{site.base}/feed.xml", f"{site.base}/broken.xml", f"{site.base}/home.html",
             "http://127.0.0.1:9/closed.xml"]
    watcher = Watcher(feeds, db)
    caplog.set_level(logging.INFO, logger="newsbrief.watch")
    try:
        first, second = watcher.run(every_s=0.05, cycles=2)
        assert first.feeds[0].status == 200 and first.feeds[0].stored == 2
        assert [bool(f.error) for f in first.feeds] == [False, True, True, True]
        assert "HTTP 503" in (first.feeds[1].error or "")
        assert second.feeds[0].status == 304 and second.stored == 0
        # The second request carried the ETag of the first answer.
        feed_requests = [r for r in site.requests if r[0] == "/feed.xml"]
        assert feed_requests == [("/feed.xml", None, 200), ("/feed.xml", '"feed-v1"', 304)]

        # The feed changes: a new entry, a new ETag; only the new entry is briefed.
        site.stories.append(TRADE_TALKS)
        site.version = 2
        third = watcher.poll()
        assert third.feeds[0].status == 200 and third.feeds[0].stored == 1 and third.feeds[0].duplicates == 2
    finally:
        watcher.close()
    with Store(db, readonly=True) as store:
        assert store.count() == 3
        row = store.conn.execute("SELECT etag, last_status FROM feeds WHERE url = ?", (feeds[0],)).fetchone()
        assert tuple(row) == ('"feed-v2"', 200)
        assert store.conn.execute("SELECT last_error FROM feeds WHERE url = ?", (feeds[1],)).fetchone()[0] == "HTTP 503"
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("cycle 1 done: 4 feeds, 2 stored, 3 failed feeds") for m in messages)
    assert any("cycle 2:" in m and "not modified" in m for m in messages)
    assert any("closed.xml: failed: could not fetch" in m for m in messages)


def test_watch_command_runs_the_given_number_of_cycles(site: FeedSite, tmp_path: Path, nlp: object) -> None:
    _register()
    db = tmp_path / "news.db"
    result = CliRunner().invoke(
        cli, ["watch", f"{site.base}/feed.xml", f"{site.base}/broken.xml", "--every", "1s", "--cycles", "2",
              "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert "cycle 1 done: 2 feeds, 2 stored, 1 failed feeds" in result.stderr
    assert "cycle 2 done: 2 feeds, 0 stored, 1 failed feeds" in result.stderr
    assert "broken.xml: failed: HTTP 503" in result.stderr
    bad = CliRunner().invoke(cli, ["watch", f"{site.base}/feed.xml", "--every", "soon", "--db", str(db)])
    assert bad.exit_code == 2 and "not a duration" in bad.output + bad.stderr
