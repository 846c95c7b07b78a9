"""Faults and bombs: decompression bombs stopped at the cap, and the article readers' limits reached quickly.

Every test here is bounded in time: a bomb must be refused in a second or two, not after unpacking gigabytes.
"""

from __future__ import annotations

import gzip
import io
import json
import time
import zlib
from pathlib import Path

from ingest_helpers import BUDGET_TEXT, RAIL_PARAGRAPHS, news_page
from newsbrief.errors import InputError, TooLargeError
from newsbrief.ingest import read_many
from newsbrief.ingest.common import gunzip_reader
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
