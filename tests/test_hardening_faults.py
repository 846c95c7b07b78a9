"""Faults and bombs: decompression bombs stopped at the cap, and the article readers' limits reached quickly.

Every test here is bounded in time: a bomb must be refused in a second or two, not after unpacking gigabytes.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest_helpers import BUDGET_TEXT, RAIL_PARAGRAPHS, news_page
from newsbrief.errors import FetchError, InputError, TooLargeError
from newsbrief.ingest import read_many
from newsbrief.ingest.common import MAX_INPUT_BYTES, gunzip_reader
from newsbrief.ingest.url import fetch
from newsbrief.model import Article

_ZEROS_MB = 64


def _zeros_member() -> bytes:
    """One gzip member of 64 MiB of zeros (about 65 KB compressed)."""
    out = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    return out.compress(bytes(_ZEROS_MB << 20)) + out.flush()


def _bomb(gib: int) -> bytes:
    """``gib`` GiB of zeros as concatenated gzip members: a few megabytes on disk, built in a fraction of a second."""
    return _zeros_member() * (gib * 1024 // _ZEROS_MB)


def _timed(sources: list[str]) -> tuple[list[Article | InputError], float]:
    started = time.perf_counter()
    items = list(read_many(sources))
    return items, time.perf_counter() - started


def test_a_gzip_bomb_in_a_jsonl_corpus_is_stopped_after_the_good_lines(tmp_path: Path) -> None:
    good = "\n".join(json.dumps({"text": t}) for t in (BUDGET_TEXT, "\n\n".join(RAIL_PARAGRAPHS))) + "\n"
    corpus = tmp_path / "corpus.jsonl.gz"
    corpus.write_bytes(gzip.compress(good.encode()) + _bomb(2))
    items, seconds = _timed([str(corpus)])
    assert [type(i).__name__ for i in items[:2]] == ["Article", "Article"], items
    assert all(isinstance(i, TooLargeError) for i in items[2:])  # the over-long line, then the bomb itself
    assert "decompression bomb" in str(items[-1]) and str(corpus) in str(items[-1])
    assert seconds < 5, f"{seconds:.1f} s to stop a bomb"


def test_a_gzip_bomb_as_a_page_or_a_warc_is_refused_quickly(tmp_path: Path) -> None:
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(news_page("Rail strike", RAIL_PARAGRAPHS)[:-20]) + _bomb(1))
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1073741824\r\n\r\n"
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: https://x.example/a\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
            + str(len(http) + (1 << 30)).encode() + b"\r\n\r\n" + http)
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(gzip.compress(head) + _bomb(1))
    for path in (page, warc):
        items, seconds = _timed([str(path)])
        assert len(items) == 1 and isinstance(items[0], TooLargeError), items
        assert seconds < 5, f"{path.name}: {seconds:.1f} s to stop a bomb"
    # A large, ordinary corpus is no bomb, even one article repeated word for word (135 to 1 compressed).
    lines = [json.dumps({"text": f"{i} {BUDGET_TEXT}"}) for i in range(6_000)]
    with gunzip_reader(io.BytesIO(gzip.compress("\n".join(lines).encode())), "repeats.jsonl.gz") as stream:
        assert sum(1 for _ in stream) == 6_000


class DripServer:
    """A real server on 127.0.0.1 that answers each connection from ``respond(conn)`` in a thread of its own."""

    def __init__(self, respond: Callable[[socket.socket], None]) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/feed.xml"
        self.respond = respond
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError), conn:
            conn.recv(65536)
            self.respond(conn)

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def _drip_body(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
    for _ in range(600):  # 8 bytes every 0.1 s: a minute of drip, each read well inside any read timeout
        conn.sendall(b"<p>drip ")
        time.sleep(0.1)


def _drip_headers(conn: socket.socket) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"y" * 600:
        conn.sendall(bytes([byte]))
        time.sleep(0.1)


def _huge_feed(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nTransfer-Encoding: chunked\r\n\r\n")
    item = b"<item><title>Filler</title><description>" + b"words " * 2000 + b"</description></item>"
    head = b'<rss version="2.0"><channel><title>Big</title>'
    conn.sendall(b"%x\r\n%s\r\n" % (len(head), head))
    for _ in range(2000):  # 24 MB, with no Content-Length to refuse it by
        conn.sendall(b"%x\r\n%s\r\n" % (len(item), item))


@pytest.fixture
def short_deadline(monkeypatch: pytest.MonkeyPatch) -> float:
    monkeypatch.setenv("NEWSBRIEF_FETCH_TIMEOUT", "1")
    return 1.0


@pytest.mark.parametrize("respond", [_drip_body, _drip_headers], ids=["body", "headers"])
def test_a_dripping_server_is_cut_at_the_whole_request_deadline(respond: Callable[[socket.socket], None],
                                                                short_deadline: float) -> None:
    server = DripServer(respond)
    try:
        started = time.perf_counter()
        with pytest.raises(FetchError, match=r"no answer within 1 s"):
            fetch(server.url.replace("feed.xml", "page.html"))
        assert time.perf_counter() - started < short_deadline + 1.5
    finally:
        server.close()


def test_watch_honours_the_fetch_deadline_and_the_size_cap(tmp_path: Path, short_deadline: float) -> None:
    from newsbrief.watch import Watcher

    dripping, huge = DripServer(_drip_body), DripServer(_huge_feed)
    watcher = Watcher([dripping.url, huge.url], tmp_path / "watch.db")
    try:
        started = time.perf_counter()
        [cycle] = watcher.run(every_s=0, cycles=1)
        seconds = time.perf_counter() - started
    finally:
        watcher.close()
        dripping.close()
        huge.close()
    slow, big = cycle.feeds
    assert slow.error is not None and "no answer within 1 s" in slow.error
    assert big.error is not None and f"{MAX_INPUT_BYTES:,} bytes" in big.error
    assert seconds < 2 * short_deadline + 3, f"{seconds:.1f} s for one cycle"


def test_untagged_country_search_is_linear_on_a_million_character_article(nlp: object) -> None:
    """A 1M-character article (the cap) of real parsed sentences, repeated: the search for untagged countries must
    cost no more than spaCy's tokenizer pass over the same text (it was quadratic: 44 s at this size)."""
    from spacy.tokens import Doc

    from newsbrief.entities import _untagged_countries
    from newsbrief.ingest.common import MAX_ARTICLE_CHARS
    from newsbrief.model import Span

    sentence = ("Shelling hit sites in Kyiv and Kharkiv, Ukrainian officials said, as Polish and Lithuanian envoys "
                "met Maria Novak in Vilnius and the French minister flew to Japan. ")
    parsed = nlp(sentence)  # type: ignore[operator]
    copies = MAX_ARTICLE_CHARS // len(sentence)
    text = sentence * copies
    words = [t.text for t in parsed] * copies
    spaces = [bool(t.whitespace_) for t in parsed] * copies
    doc = Doc(parsed.vocab, words=words, spaces=spaces, pos=[t.pos_ for t in parsed] * copies)
    assert doc.text == text
    tagged = [Span.of(text, i * len(sentence) + e.start_char, i * len(sentence) + e.end_char)
              for i in range(copies) for e in parsed.ents]
    started = time.process_time()
    nlp.tokenizer(text)  # type: ignore[attr-defined]
    tokenizer_s = time.process_time() - started
    started = time.process_time()
    found = _untagged_countries(text, doc, tagged)
    search_s = time.process_time() - started
    assert len(tagged) > 40_000 and len(text) > 0.99 * MAX_ARTICLE_CHARS
    assert found == [] or all(isinstance(f[0], Span) for f in found)
    assert search_s < max(1.0, 1.5 * tokenizer_s), f"{search_s:.2f} s against the tokenizer's {tokenizer_s:.2f} s"


@pytest.mark.parametrize(("sig", "workers"), [(signal.SIGINT, "2"), (signal.SIGTERM, "1")], ids=["SIGINT", "SIGTERM"])
def test_ingest_stops_at_the_next_article_on_a_signal_and_keeps_what_it_stored(
    tmp_path: Path, sig: signal.Signals, workers: str,
) -> None:
    from test_store_corpus import CORPUS, write_corpus_files
    from test_store_ingest import _assert_every_article_whole, _variant, assert_exit_soon, child_pids

    total = 36
    write_corpus_files(tmp_path / "corpus", [_variant(CORPUS[i % len(CORPUS)], i) for i in range(total)])
    db = tmp_path / "news.db"
    cmd = [sys.executable, "-c", "from newsbrief.cli import main; main()", "ingest", str(tmp_path / "corpus"),
           "--db", str(db), "--no-progress", "--workers", workers]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    helpers: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:
        if _stored(db) >= (1 if workers == "1" else 3):
            helpers = child_pids(proc.pid)
            proc.send_signal(sig)
            break
        time.sleep(0.02)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + sig, err
    assert f"ingest: stopped by {sig.name}" in err and "run the same command again" in err
    assert "Traceback" not in err and "Aborted" not in err
    assert_exit_soon(helpers)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 1 <= stored < total
    assert f"stored {stored}," in err
    _assert_every_article_whole(conn)
    conn.close()


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # the schema is not there yet
