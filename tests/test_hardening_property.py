"""Properties of the readers and the web server's guards, 2,000 examples each, on the fast paths (no HTML main-text
extraction, which tests/test_ingest_property.py fuzzes with fewer examples): nothing escapes but a NewsbriefError,
a batch gives one item per record, every string that comes out can be written as UTF-8.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import sqlite3
import zlib
from urllib.parse import urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_corpus import ACCENTED, GOOD
from ingest_helpers import make_warc
from newsbrief.errors import NewsbriefError, TooLargeError
from newsbrief.ingest.common import clean_text, decode, gunzip_reader
from newsbrief.ingest.feeds import read_feed
from newsbrief.ingest.jsonl import read_jsonl
from newsbrief.ingest.text import article_from_text
from newsbrief.ingest.url import link_target
from newsbrief.ingest.warc import read_warc
from newsbrief.model import Article
from newsbrief.store.queries import fts_query
from newsbrief.web.security import MAX_QUERY_TERMS, MAX_TERM_CHARS, HostCheck, bound_query

MANY = settings(max_examples=2000, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Any code point, lone surrogates included (Hypothesis leaves them out unless asked).
ANY_TEXT = st.text(st.characters(blacklist_categories=()), max_size=200)
SHORT_TEXT = st.text(st.characters(blacklist_categories=()), max_size=40)


def _writable(value: str | None) -> None:
    if value is not None:
        value.encode("utf-8")


def _writable_article(article: Article) -> None:
    for value in (article.text, article.title, article.source, article.url, article.origin):
        _writable(value)


@MANY
@given(ANY_TEXT)
def test_clean_text_makes_any_string_writable_and_keeps_the_rest(text: str) -> None:
    cleaned = clean_text(text)
    cleaned.encode("utf-8")
    assert clean_text(cleaned) == cleaned
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        assert cleaned == text


_RECORD = st.one_of(
    st.just(("good", json.dumps({"text": GOOD}))),
    st.just(("good", json.dumps({"text": ACCENTED, "url": "https://wire.example/a"}))),
    st.builds(lambda t: ("any", json.dumps({"text": t + " " + GOOD, "title": t})), SHORT_TEXT),
    st.builds(lambda v: ("any", json.dumps(v)), st.recursive(st.none() | st.integers() | SHORT_TEXT,
                                                             lambda c: st.lists(c) | st.dictionaries(SHORT_TEXT, c),
                                                             max_leaves=4)),
    st.builds(lambda b: ("any", b.decode("latin-1").replace("\n", " ").replace("\r", " ")), st.binary(max_size=40)),
)


@MANY
@given(st.lists(_RECORD, min_size=1, max_size=5))
def test_a_jsonl_batch_gives_one_item_per_record_and_every_good_article(records: list[tuple[str, str]]) -> None:
    lines = [line for _, line in records]
    items = list(read_jsonl(io.BytesIO("\n".join(lines).encode("utf-8", "surrogatepass")), "c.jsonl"))
    kept = [(kind, line) for kind, line in records if line.encode("utf-8", "surrogatepass").strip()]
    assert len(items) == len(kept)
    for (kind, _), item in zip(kept, items, strict=True):
        assert isinstance(item, (Article, NewsbriefError))
        if kind == "good":
            assert isinstance(item, Article)
        if isinstance(item, Article):
            _writable_article(item)
        else:
            assert "\n" not in str(item)


@MANY
@given(st.one_of(st.binary(max_size=400), st.builds(lambda t: t.encode("utf-8", "surrogatepass"), ANY_TEXT),
                 st.builds(lambda t, c: t.encode(c, "replace"), ANY_TEXT,
                           st.sampled_from(["utf-16", "cp1252", "latin-1", "utf-8-sig", "koi8-r"]))))
def test_decode_and_the_text_reader_give_text_or_a_newsbrief_error(data: bytes) -> None:
    try:
        text = decode(data, "input.txt")
    except NewsbriefError:
        return
    text.encode("utf-8")
    with contextlib.suppress(NewsbriefError):
        _writable_article(article_from_text(text, "input.txt"))


@MANY
@given(st.binary(max_size=3000), st.integers(0, 3000), st.binary(max_size=8))
def test_the_gzip_reader_gives_back_what_was_packed_or_fails_cleanly(data: bytes, cut: int, noise: bytes) -> None:
    packed = gzip.compress(data) + gzip.compress(data[::-1])
    with gunzip_reader(io.BytesIO(packed), "a.gz") as stream:
        assert stream.read() == data + data[::-1]
    damaged = packed[:cut] + noise + packed[cut + len(noise):]
    try:
        with gunzip_reader(io.BytesIO(damaged), "a.gz") as stream:
            stream.read()
    except (EOFError, zlib.error, OSError, TooLargeError):
        pass


def _rss(title: str, text: str) -> bytes:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>' + title
            + "</title><link>http://127.0.0.1:9/gone</link><description><![CDATA[" + text
            + "]]></description></item></channel></rss>").encode("utf-8", "surrogatepass")


_FEED = _rss("Port reopens", GOOD)
_WARC = make_warc([("https://wire.example/a", GOOD.encode(), "text/plain"),
                   ("https://wire.example/b.png", b"\x89PNG\r\n\x1a\n", "image/png")])


@st.composite
def _mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "flip", "insert"]))
        if action == "cut":
            del data[at:]
        elif action == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        else:
            data[at:at] = draw(st.binary(max_size=16))
    return bytes(data)


@MANY
@given(st.one_of(_mutated(_FEED), st.builds(_rss, ANY_TEXT, ANY_TEXT)))
def test_the_feed_reader_gives_articles_or_newsbrief_errors(data: bytes) -> None:
    try:
        for item in read_feed(data, "wire.rss", fetch_links=False):
            assert isinstance(item, (Article, NewsbriefError))
            if isinstance(item, Article):
                _writable_article(item)
    except NewsbriefError:
        pass


@MANY
@given(_mutated(_WARC))
def test_the_warc_reader_gives_articles_or_newsbrief_errors(data: bytes) -> None:
    try:
        for item in read_warc(io.BytesIO(data), "crawl.warc.gz"):
            assert isinstance(item, (Article, NewsbriefError))
    except NewsbriefError:
        pass


_FTS = sqlite3.connect(":memory:")
_FTS.execute("CREATE VIRTUAL TABLE t USING fts5(content)")
_FTS.execute("INSERT INTO t VALUES ('the minister said the budget would rise')")


@MANY
@given(ANY_TEXT)
def test_any_search_query_is_bounded_and_runs_in_fts5(query: str) -> None:
    bounded = bound_query(query)
    words = (bounded.text or "").split()
    assert len(words) <= MAX_QUERY_TERMS and all(len(w.strip("*'’")) <= MAX_TERM_CHARS for w in words)
    assert len(set(words)) == len(words)
    match = fts_query(clean_text(bounded.text or ""))
    if match:
        _FTS.execute("SELECT rowid, snippet(t, 0, '[', ']', '…', 8) FROM t WHERE t MATCH ?", (match,)).fetchall()


_URLISH = st.builds(lambda a, b: a + b, st.sampled_from(["http://", "https://", "HTTP://", "javascript:", "//",
                                                         "data:", "file://", " http://", "http:", ""]), ANY_TEXT)


@MANY
@given(_URLISH)
def test_only_absolute_http_urls_become_links(url: str) -> None:
    target = link_target(url)
    if target is not None:
        parts = urlsplit(target)
        assert parts.scheme.lower() in ("http", "https") and parts.hostname
        assert not any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in target)


@MANY
@given(ANY_TEXT, st.sampled_from(["127.0.0.1", "0.0.0.0", "::1", "news.example.org", "::"]))
def test_the_host_check_answers_any_header_with_yes_or_no(header: str, bound: str) -> None:
    allowed = HostCheck(bound, frozenset({"news.example.org"})).allows(header)
    assert isinstance(allowed, bool)
    if allowed and bound == "127.0.0.1":
        assert header.strip().lower().split(":")[0].strip("[]") in ("127.0.0.1", "localhost", "", "news.example.org") \
            or header.strip().lower().startswith("[::1]") or header.strip().lower() == "::1"
